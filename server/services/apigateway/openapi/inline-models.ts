/**
 * A request or response schema written inline (not a `$ref`) becomes a model of its own, as AWS's import
 * makes one: named `MODEL` and a hash of the schema, so the same schema always gets the same model,
 * however often and in whatever key order the document repeats it.
 */
import { createHash } from "node:crypto";
import { isJsonObject } from "../../../lib/json";
import type { JsonObject } from "./document";

/** JSON with every object's keys sorted: one text per schema. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (!isJsonObject(value)) return JSON.stringify(value);
  const members = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
  return `{${members.join(",")}}`;
}

export function inlineModelName(schema: JsonObject): string {
  return `MODEL${createHash("sha256").update(canonicalJson(schema)).digest("hex").slice(0, 6)}`;
}
