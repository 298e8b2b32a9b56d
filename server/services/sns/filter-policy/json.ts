/** Narrowing helpers for JSON.parse output, kept as `unknown` until inspected. */
import { isJsonObject } from "../../../lib/json";
import type { Scalar } from "./types";

export type JsonObject = Record<string, unknown>;

export function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

export function isArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/**
 * The token text AWS's streaming JSON parser quotes in some messages ("Invalid member in numeric match: 1"):
 * `]` when the array ended where a value was expected, `[` / `{` for a nested array or object.
 */
export function tokenText(value: unknown): string {
  if (value === undefined) return "]";
  if (isArray(value)) return "[";
  if (isJsonObject(value)) return "{";
  return String(value);
}
