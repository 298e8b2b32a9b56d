import { isArray, isScalar, type JsonObject } from "./json";
import { isJsonObject } from "../../../lib/json";
import type { PublishedAttribute, Scalar } from "./types";

/** Which element of each enclosing array a leaf came from (array id → index). */
export type ArrayPosition = ReadonlyMap<number, number>;

export interface Leaf {
  readonly value: Scalar;
  readonly position: ArrayPosition;
}

/** The message flattened to the leaf values under each key path. */
export type Fields = ReadonlyMap<string, readonly Leaf[]>;

const TOP_LEVEL: ArrayPosition = new Map();

/** String.Array values are JSON arrays; nested arrays are flattened, objects (not matchable here) are skipped. */
function arrayElements(value: unknown): Scalar[] {
  if (isScalar(value)) return [value];
  return isArray(value) ? value.flatMap(arrayElements) : [];
}

function parseArray(text: string): Scalar[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return isArray(parsed) ? arrayElements(parsed) : [];
  } catch {
    return [];
  }
}

/**
 * The values an attribute offers to the policy, typed as AWS types them: strings for String (and String.x),
 * a number for Number (and Number.x), each element for String.Array. Binary attributes are ignored, as if absent.
 */
function attributeValues(attribute: PublishedAttribute): Scalar[] | undefined {
  const text = attribute.StringValue ?? "";
  if (attribute.DataType === "String.Array") return parseArray(text);
  const base = attribute.DataType.split(".")[0];
  if (base === "String") return [text];
  if (base === "Number") {
    const n = text.trim() === "" ? Number.NaN : Number(text);
    return Number.isFinite(n) ? [n] : [];
  }
  return undefined;
}

export function attributeFields(attributes: Record<string, PublishedAttribute>): Fields {
  const fields = new Map<string, Leaf[]>();
  for (const [name, attribute] of Object.entries(attributes)) {
    const values = attributeValues(attribute);
    if (values) fields.set(name, values.map((value) => ({ value, position: TOP_LEVEL })));
  }
  return fields;
}

/**
 * Flattens a JSON body to dotted key paths, so `{"a": {"b": 1}}` and `{"a.b": 1}` both give `a.b`, as AWS
 * does. Arrays add no path segment (any element can match) but record each leaf's position, so that keys
 * matched together can be required to come from the same array element. Only subtrees on `paths` are visited.
 */
export function bodyFields(body: JsonObject, paths: ReadonlySet<string>): Fields {
  const fields = new Map<string, Leaf[]>();
  let arrays = 0;
  const visit = (value: unknown, path: string, position: ArrayPosition): void => {
    if (isArray(value)) {
      const id = arrays++;
      value.forEach((element, index) => visit(element, path, new Map(position).set(id, index)));
    } else if (isJsonObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path === "" ? key : `${path}.${key}`;
        if (paths.has(childPath)) visit(child, childPath, position);
      }
    } else if (isScalar(value)) {
      const leaves = fields.get(path) ?? [];
      leaves.push({ value, position });
      fields.set(path, leaves);
    }
  };
  visit(body, "", TOP_LEVEL);
  return fields;
}
