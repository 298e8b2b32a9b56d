/** Marker/MaxItems pagination as Lambda's List* operations do it: an opaque marker resumes after the last item. */
import { LambdaErrors } from "./errors";
import { violations } from "./validation";

export function encodeMarker(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The key a marker resumes after; a marker Stratus did not issue is refused. */
export function decodeMarker<T>(marker: string | undefined, isKey: (value: unknown) => value is T): T | undefined {
  if (marker === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(marker, "base64url").toString("utf8"));
  } catch {
    throw LambdaErrors.invalidParameter("The marker provided is invalid.");
  }
  if (!isKey(key)) throw LambdaErrors.invalidParameter("The marker provided is invalid.");
  return key;
}

/** MaxItems within the operation's bounds, or its default. */
export function pageSize(maxItems: number | undefined, max: number, fallback = 50): number {
  violations().range(maxItems, "maxItems", 1, max).check();
  return maxItems ?? fallback;
}

const isString = (value: unknown): value is string => typeof value === "string";

/** One page of the items ordered by `key` (unique per item, compared as JavaScript strings). */
export function page<T>(items: readonly T[], key: (item: T) => string, marker: string | undefined, limit: number): { items: T[]; nextMarker?: string } {
  const after = decodeMarker(marker, isString);
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter((item) => key(item) > after);
  const slice = rest.slice(0, limit);
  return { items: slice, nextMarker: rest.length > limit ? encodeMarker(key(slice.at(-1)!)) : undefined };
}
