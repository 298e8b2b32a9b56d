/** SNS List* paging: pages of 100 and an opaque NextToken that resumes after the last item's key. */
import { SnsErrors } from "./errors";

export function encodeToken(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

export function decodeToken(token: string | undefined): string | undefined {
  if (token === undefined || token === "") return undefined;
  const key = Buffer.from(token, "base64url").toString("utf8");
  if (encodeToken(key) !== token) throw SnsErrors.invalidParameter("NextToken");
  return key;
}

/** The page and the token for the next one, from `limit + 1` rows. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => string): { items: T[]; NextToken?: string } {
  const items = rows.slice(0, limit);
  return { items, NextToken: rows.length > limit ? encodeToken(keyOf(items[items.length - 1]!)) : undefined };
}
