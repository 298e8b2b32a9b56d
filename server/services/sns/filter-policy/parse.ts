import { FilterPolicyError, invalid } from "./errors";
import { isArray, type JsonObject } from "./json";
import { isJsonObject } from "../../../lib/json";
import { compileKeyRule } from "./pattern";
import type { Branch, CompiledFilterPolicy, FilterPolicyScope } from "./types";

/** AWS's documented limits: 256 KB of JSON, five keys, 150 combinations of values. */
const MAX_POLICY_BYTES = 256 * 1024;
const MAX_KEYS = 5;
const MAX_COMBINATIONS = 150;

const NESTED_IN_ATTRIBUTES = "Filter policy scope MessageAttributes does not support nested filter policy";
/** Operator names AWS refuses as field names inside `$or`, where they would be ambiguous. */
const RESERVED_IN_OR = new Set(["anything-but", "cidr", "equals-ignore-case", "exists", "numeric", "prefix", "suffix"]);

interface Walk {
  /** Leaf keys (dotted paths holding value arrays): AWS counts these, not their parents, against the limit of five. */
  readonly leafKeys: Set<string>;
  nested: boolean;
}

/**
 * Reads an object the way AWS's rule compiler streams it: keys in order, the first problem wins. Each `$or`
 * multiplies the branches compiled so far by its alternatives; a repeated key path overwrites within a branch.
 */
function walkObject(object: JsonObject, path: readonly string[], branches: readonly Branch[], walk: Walk, inOr: boolean): readonly Branch[] {
  const entries = Object.entries(object);
  if (entries.length === 0) invalid("Empty objects are not allowed");
  let current = branches;
  for (const [key, value] of entries) {
    if (key === "$or") {
      current = walkOr(value, path, current, walk);
    } else if (inOr && RESERVED_IN_OR.has(key)) {
      invalid(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
    } else if (isJsonObject(value)) {
      walk.nested = true;
      current = walkObject(value, [...path, key], current, walk, inOr);
    } else if (isArray(value)) {
      const name = [...path, key].join(".");
      const rule = compileKeyRule(value);
      walk.leafKeys.add(name);
      current = current.map((branch) => new Map(branch).set(name, rule));
    } else {
      invalid(`"${key}" must be an object or an array`);
    }
  }
  return current;
}

function walkOr(alternatives: unknown, path: readonly string[], branches: readonly Branch[], walk: Walk): readonly Branch[] {
  if (!isArray(alternatives)) invalid("It must be an Array followed with $or.");
  const expanded = alternatives.flatMap((alternative) => {
    if (!isJsonObject(alternative)) invalid("Only JSON object is allowed in array of $or relationship.");
    return walkObject(alternative, path, branches, walk, true);
  });
  if (alternatives.length < 2) invalid("There must have at least 2 Objects in $or relationship.");
  return expanded;
}

/**
 * AWS's complexity measure: each value array multiplies the total by its length times its nesting depth
 * (the documented `3 x 4 x 2 x 3 = 72` for four values three levels deep and three values two levels deep),
 * and `$or` adds up its alternatives.
 */
function combinations(object: JsonObject, depth: number, total: number): number {
  let result = total;
  for (const [key, value] of Object.entries(object)) {
    if (key === "$or" && isArray(value)) {
      result = value.reduce<number>((sum, alternative) => sum + (isJsonObject(alternative) ? combinations(alternative, depth, result) : 0), 0);
    } else if (isJsonObject(value)) {
      result = combinations(value, depth + 1, result);
    } else if (isArray(value)) {
      result *= value.length * depth;
    }
  }
  return result;
}

function keyPaths(branches: readonly Branch[]): Set<string> {
  const paths = new Set<string>();
  for (const branch of branches) {
    for (const key of branch.keys()) {
      const parts = key.split(".");
      parts.forEach((_, i) => paths.add(parts.slice(0, i + 1).join(".")));
    }
  }
  return paths;
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return invalid("failed to parse JSON.");
  }
}

/**
 * Validates a FilterPolicy attribute value and compiles it for matching; throws FilterPolicyError with AWS's
 * message for any invalid policy. `{}` compiles to a policy that matches every message.
 */
export function parseFilterPolicy(json: string, scope: FilterPolicyScope): CompiledFilterPolicy {
  if (Buffer.byteLength(json, "utf8") > MAX_POLICY_BYTES) invalid("Filter policy is too large");
  const root = parseJson(json);
  if (!isJsonObject(root)) return invalid("Filter is not an object");
  const walk: Walk = { leafKeys: new Set(), nested: false };
  const empty: Branch = new Map();
  const branches = Object.keys(root).length === 0 ? [empty] : walkObject(root, [], [empty], walk, false);
  if (scope === "MessageAttributes" && walk.nested) throw new FilterPolicyError(NESTED_IN_ATTRIBUTES, NESTED_IN_ATTRIBUTES);
  if (walk.leafKeys.size > MAX_KEYS) invalid(`Filter policy can not have more than ${MAX_KEYS} keys`);
  if (combinations(root, 1, 1) > MAX_COMBINATIONS) invalid("Filter policy is too complex");
  return { scope, branches, paths: keyPaths(branches) };
}
