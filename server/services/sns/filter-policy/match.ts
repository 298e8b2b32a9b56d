import { type ArrayPosition, attributeFields, bodyFields, type Fields, type Leaf } from "./fields";
import { ipInRange } from "./ip";
import { isJsonObject } from "../../../lib/json";
import { comparable, inNumericRange, numbersEqual } from "./numbers";
import type { Branch, CompiledFilterPolicy, NumericBound, PublishedAttribute, Scalar, ValuePattern } from "./types";

function aboveLower(bound: NumericBound | undefined, n: number): boolean {
  if (!bound) return true;
  return bound.inclusive ? n >= comparable(bound.value) : n > comparable(bound.value);
}

function belowUpper(bound: NumericBound | undefined, n: number): boolean {
  if (!bound) return true;
  return bound.inclusive ? n <= comparable(bound.value) : n < comparable(bound.value);
}

/**
 * Values are typed: string operators only match strings, numeric ones only numbers (so a String attribute "5"
 * does not match `5` or `{"numeric": …}`), and `anything-but` of strings accepts any present non-string value.
 */
export function matchesValue(pattern: ValuePattern, value: Scalar): boolean {
  switch (pattern.type) {
    case "equals":
      return typeof pattern.value === "number" ? typeof value === "number" && numbersEqual(pattern.value, value) : value === pattern.value;
    case "prefix":
      return typeof value === "string" && value.startsWith(pattern.value);
    case "suffix":
      return typeof value === "string" && value.endsWith(pattern.value);
    case "equals-ignore-case":
      return typeof value === "string" && value.toLowerCase() === pattern.lowered;
    case "anything-but":
      return value !== null && !(typeof value === "string" && pattern.values.has(value));
    case "anything-but-prefix":
      return value !== null && !(typeof value === "string" && value.startsWith(pattern.value));
    case "anything-but-number":
      return typeof value === "number" && inNumericRange(value) && !pattern.values.some((n) => numbersEqual(n, value));
    case "numeric": {
      if (typeof value !== "number" || !inNumericRange(value)) return false;
      const n = comparable(value);
      return aboveLower(pattern.lower, n) && belowUpper(pattern.upper, n);
    }
    case "cidr":
      return typeof value === "string" && ipInRange(pattern.range, value);
  }
}

/** AWS: for `exists`, "the key must have a non-null and non-empty value". */
function isPresent(leaf: Leaf): boolean {
  return leaf.value !== null && leaf.value !== "";
}

/** Combines two leaves' array positions, or answers undefined when they sit in different elements of one array. */
function combine(a: ArrayPosition, b: ArrayPosition): ArrayPosition | undefined {
  const combined = new Map(a);
  for (const [array, index] of b) {
    const other = combined.get(array);
    if (other !== undefined && other !== index) return undefined;
    combined.set(array, index);
  }
  return combined;
}

/** Whether one matching leaf per key can be picked with all of them agreeing on shared array elements. */
function consistent(candidates: readonly (readonly ArrayPosition[])[], position: ArrayPosition = new Map(), key = 0): boolean {
  const options = candidates[key];
  if (!options) return true;
  return options.some((option) => {
    const combined = combine(position, option);
    return combined !== undefined && consistent(candidates, combined, key + 1);
  });
}

function branchMatches(branch: Branch, fields: Fields): boolean {
  const candidates: (readonly ArrayPosition[])[] = [];
  for (const [key, rule] of branch) {
    const leaves = fields.get(key) ?? [];
    if (rule.ifAbsent && !leaves.some(isPresent)) continue;
    const matching = leaves.filter((leaf) => (rule.ifPresent && isPresent(leaf)) || rule.patterns.some((p) => matchesValue(p, leaf.value)));
    if (matching.length === 0) return false;
    candidates.push(matching.map((leaf) => leaf.position));
  }
  return consistent(candidates);
}

function matchesFields(policy: CompiledFilterPolicy, fields: Fields): boolean {
  return policy.branches.some((branch) => branchMatches(branch, fields));
}

/**
 * MessageAttributes scope. A message without (non-Binary) attributes matches no policy but `{}`: AWS notes
 * that even `"exists": false` needs at least one attribute to be present.
 */
export function matchesAttributes(policy: CompiledFilterPolicy, attributes: Record<string, PublishedAttribute>): boolean {
  const fields = attributeFields(attributes);
  if (fields.size === 0) return policy.branches.every((branch) => branch.size === 0);
  return matchesFields(policy, fields);
}

/** MessageBody scope: `body` is the raw message; a body that is not a JSON object matches nothing. */
export function matchesBody(policy: CompiledFilterPolicy, body: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  return isJsonObject(parsed) && matchesFields(policy, bodyFields(parsed, policy.paths));
}
