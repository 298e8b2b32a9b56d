/**
 * Models refer to each other by URL (`https://apigateway.amazonaws.com/restapis/{id}/models/{name}`), as
 * AWS stores them; documents refer to their schemas locally (`#/components/schemas/{name}`,
 * `#/definitions/{name}`). Import and export translate between the two.
 */
import { isJsonObject } from "../../../lib/json";
import type { JsonObject } from "./document";

const MODEL_URL = /^https:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/([^/]+)$/;

const modelUrl = (restApiId: string, name: string) => `https://apigateway.amazonaws.com/restapis/${restApiId}/models/${name}`;

function mapRefs(value: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapRefs(item, map));
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, key === "$ref" && typeof member === "string" ? map(member) : mapRefs(member, map)]));
}

/** A document's schema as the model stores it: its local references to other schemas become model URLs. */
export function withModelUrls(schema: JsonObject, refPrefix: string, restApiId: string): unknown {
  return mapRefs(schema, (ref) => (ref.startsWith(refPrefix) ? modelUrl(restApiId, ref.slice(refPrefix.length)) : ref));
}

/** A stored model's schema as a document's: model URLs become local references. */
export function withLocalRefs(schema: JsonObject, refPrefix: string): unknown {
  return mapRefs(schema, (ref) => {
    const name = MODEL_URL.exec(ref)?.[1];
    return name === undefined ? ref : `${refPrefix}${name}`;
  });
}
