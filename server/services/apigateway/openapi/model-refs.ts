/**
 * Models refer to each other by URL (see model-urls.ts); documents refer to their schemas locally
 * (`#/components/schemas/{name}`, `#/definitions/{name}`). Import and export translate between the two.
 */
import { mapRefs, modelUrl, parseModelUrl } from "../model-urls";
import type { JsonObject } from "./document";

/** A document's schema as the model stores it: its local references to other schemas become model URLs. */
export function withModelUrls(schema: JsonObject, refPrefix: string, restApiId: string): unknown {
  return mapRefs(schema, (ref) => (ref.startsWith(refPrefix) ? modelUrl(restApiId, ref.slice(refPrefix.length)) : ref));
}

/** A stored model's schema as a document's: model URLs become local references. */
export function withLocalRefs(schema: JsonObject, refPrefix: string): unknown {
  return mapRefs(schema, (ref) => {
    const name = parseModelUrl(ref)?.name;
    return name === undefined ? ref : `${refPrefix}${name}`;
  });
}
