/** JSONPath over a payload, with the result shapes of Jayway JsonPath, the library behind AWS's `$input.path` and `$input.json`. */
import { JSONPath } from "jsonpath-plus";
import { JsonList } from "./json-values";

/** A path with a wildcard, deep scan, filter, script, slice or union may match many nodes, so it always yields a list. */
function isIndefinite(segments: string[]): boolean {
  return segments.some((segment) => segment === "*" || segment === ".." || /^[?(]|[:,]/.test(segment));
}

/** The value a definite path selects (undefined when it selects nothing), or the list an indefinite one selects. */
export function selectJsonPath(document: unknown, path: string): unknown {
  const segments = JSONPath.toPathArray(path);
  // jsonpath-plus finds nothing in a falsy document (0, false, null, ""), even at its root.
  if (segments.length === 1 && segments[0] === "$") return document;
  // Filters (`?(@.price < 10)`) run in jsonpath-plus's sandbox, never as JavaScript.
  const found = JSONPath({ path, json: document, wrap: true, eval: "safe" });
  const matches = Array.isArray(found) ? found : [];
  return isIndefinite(segments) ? JsonList.from(matches) : matches[0];
}
