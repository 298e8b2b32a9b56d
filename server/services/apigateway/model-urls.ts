/**
 * How models refer to each other: by URL, `https://apigateway.amazonaws.com/restapis/{restApiId}/models/{name}`,
 * the one form AWS documents and stores. Inside a schema, `#…` pointers keep referring to its own parts.
 */
import { isJsonObject } from "../../lib/json";

const MODEL_URL = /^https:\/\/apigateway\.amazonaws\.com\/restapis\/([^/]+)\/models\/([^/]+)$/;

export const modelUrl = (restApiId: string, name: string) => `https://apigateway.amazonaws.com/restapis/${restApiId}/models/${name}`;

/** The API and model a model URL names, or undefined when `ref` is not one. */
export function parseModelUrl(ref: string): { restApiId: string; name: string } | undefined {
  const [, restApiId, name] = MODEL_URL.exec(ref) ?? [];
  return restApiId === undefined || name === undefined ? undefined : { restApiId, name };
}

/** A schema with each of its `$ref`s replaced by what `map` makes of it. */
export function mapRefs(value: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapRefs(item, map));
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, key === "$ref" && typeof member === "string" ? map(member) : mapRefs(member, map)]));
}

/** Whether every reference of a schema is a model URL or a pointer into the schema itself. */
export function hasCanonicalRefs(schema: unknown): boolean {
  let canonical = true;
  mapRefs(schema, (ref) => {
    canonical &&= ref.startsWith("#") || parseModelUrl(ref) !== undefined;
    return ref;
  });
  return canonical;
}
