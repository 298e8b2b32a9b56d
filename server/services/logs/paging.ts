import type { z } from "zod";
import { LogsErrors } from "./errors";

/** Opaque nextToken: the position after the last item of a page, as base64url JSON. */
export function encodeToken(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

export function decodeToken<T>(token: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw LogsErrors.invalidNextToken();
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw LogsErrors.invalidNextToken();
  return parsed.data;
}
