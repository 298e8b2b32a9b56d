/** How values print in a template's output: as API Gateway's Java engine prints them. */
import { JsonList, isRecord } from "./json-values";

/** Java's toString: `[a, b]` for a list, `{k=v}` for a map and `null` for null inside them; lists parsed from JSON print as JSON. */
export function javaString(value: unknown): string {
  if (value instanceof JsonList) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => javaString(item)).join(", ")}]`;
  if (isRecord(value)) {
    // Methods are not map entries (a template can print `$input`, an object of methods).
    const entries = Object.entries(value).filter(([, item]) => typeof item !== "function");
    return `{${entries.map(([key, item]) => `${key}=${javaString(item)}`).join(", ")}}`;
  }
  return String(value);
}

/**
 * A reference's output. API Gateway prints an absent or null reference (`$nothing`, `$input.path('$.missing')`,
 * a method called without parentheses) as nothing, not as its own source text as stock Velocity does.
 */
export function renderValue(value: unknown): string {
  return value === undefined || value === null || typeof value === "function" ? "" : javaString(value);
}
