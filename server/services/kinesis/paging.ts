import { z } from "zod";
import { KinesisErrors } from "./errors";
import { LIMITS } from "./limits";

/**
 * Opaque NextTokens: a page's position as base64url JSON, with the time it was issued. ListShards and
 * ListStreamConsumers tokens expire after 300 seconds (ExpiredNextTokenException), as AWS's do.
 */
export function encodeToken<T>(position: T, now = Date.now()): string {
  return Buffer.from(JSON.stringify({ position, issued: now })).toString("base64url");
}

const Envelope = z.object({ position: z.unknown(), issued: z.number() });

export function decodeToken<T>(token: string, schema: z.ZodType<T>, opts: { expires: boolean; now?: number }): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw KinesisErrors.invalidNextToken();
  }
  const envelope = Envelope.safeParse(value);
  const position = envelope.success ? schema.safeParse(envelope.data.position) : undefined;
  if (!envelope.success || !position?.success) throw KinesisErrors.invalidNextToken();
  if (opts.expires && envelope.data.issued + LIMITS.nextTokenLifetimeMs < (opts.now ?? Date.now())) throw KinesisErrors.expiredNextToken();
  return position.data;
}
