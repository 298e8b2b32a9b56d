/**
 * API Gateway's Update* operations take JSON-patch-like `patchOperations` (`{op, path, value}`; values
 * are always strings). Each resource kind declares the paths it accepts as rules; this applies a list
 * of operations to a copy of the resource's AWS shape, with AWS's errors for paths and values.
 */
import { ApigwErrors } from "./errors";

export const PATCH_OPS = ["add", "remove", "replace", "move", "copy", "test"] as const;
export type PatchOp = (typeof PATCH_OPS)[number];

export interface PatchOperation {
  op?: string;
  path?: string;
  value?: string;
  from?: string;
}

export interface PatchChange {
  op: PatchOp;
  /** The operation's value; a `remove` has one only where its path names a collection (a usage plan's `/apiStages`). */
  value: string | undefined;
  /** The path's `{label}` segments as sent (still `~1`-escaped: see `unescapeSegment`). */
  params: Record<string, string>;
}

export interface PatchRule<D> {
  /** The path template: literal segments and `{label}` segments that match any one segment. */
  path: string;
  ops: readonly PatchOp[];
  apply(doc: D, change: PatchChange): void;
}

/** A JSON-pointer segment as written (`application~1json`) to its value (`application/json`). */
export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

function matchRule(template: string, path: string): Record<string, string> | undefined {
  const want = template.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const label = /^\{(\w+)\}$/.exec(segment);
    if (label) {
      if (got[i] === "") return undefined;
      params[label[1]!] = got[i]!;
    } else if (segment !== got[i]) return undefined;
  }
  return params;
}

/** Applies the operations in order to a deep copy of `doc`; the first rule whose path matches handles each. */
export function applyPatch<D>(doc: D, operations: readonly PatchOperation[], rules: readonly PatchRule<D>[]): D {
  const result = structuredClone(doc);
  for (const operation of operations) {
    const op = PATCH_OPS.find((name) => name === operation.op);
    if (!op) throw ApigwErrors.badRequest(`Invalid patch operation specified. Must be one of: [${PATCH_OPS.join(", ")}]`);
    const path = operation.path ?? "";
    const matched = rules.flatMap((rule) => {
      const params = matchRule(rule.path, path);
      return params ? [{ rule, params }] : [];
    })[0];
    if (!matched) {
      const allowed = rules.filter((rule) => rule.ops.includes(op)).map((rule) => rule.path);
      throw ApigwErrors.badRequest(`Invalid patch path  '${path}' specified for op '${op}'. Must be one of: [${allowed.join(", ")}]`);
    }
    if (!matched.rule.ops.includes(op)) {
      throw ApigwErrors.badRequest(`Invalid patch path  '${path}' specified for op '${op}'. Please choose supported operations`);
    }
    matched.rule.apply(result, { op, value: operation.value, params: matched.params });
  }
  return result;
}

// Value conversions: patch values are strings whatever the member's type.

export function patchBoolean(value: string | undefined, path: string): boolean {
  const lower = value?.toLowerCase();
  if (lower === "true" || lower === "false") return lower === "true";
  throw ApigwErrors.badRequest(`Invalid patch value '${value ?? ""}' specified for path '${path}'. Must be a boolean`);
}

export function patchInteger(value: string | undefined, path: string): number {
  if (value !== undefined && /^-?\d+$/.test(value.trim())) return Number(value);
  throw ApigwErrors.badRequest(`Invalid patch value '${value ?? ""}' specified for path '${path}'. Must be an integer`);
}

export function patchNumber(value: string | undefined, path: string): number {
  const n = value === undefined || value.trim() === "" ? Number.NaN : Number(value);
  if (Number.isFinite(n)) return n;
  throw ApigwErrors.badRequest(`Invalid patch value '${value ?? ""}' specified for path '${path}'. Must be a number`);
}

// Rule builders for the shapes every resource kind has. They reach members by name, so they view the
// document as a record; the tables that use them are typed by the document.

/** A scalar member, e.g. `/name`: replaced, or (when `removable`) removed. */
export function memberRule<D, K extends keyof D & string>(
  member: K,
  convert: (value: string | undefined, path: string) => D[K],
  options: { removable?: boolean } = {},
): PatchRule<D> {
  const path = `/${member}`;
  return {
    path,
    ops: options.removable ? ["replace", "remove"] : ["replace"],
    apply(doc, { op, value }) {
      if (op === "remove") delete doc[member];
      else doc[member] = convert(value, path);
    },
  };
}

/**
 * An entry of a map, e.g. `/requestParameters/{key}`: added, replaced or removed. `map` gives the
 * document's map (creating it when absent); an emptied map is dropped with `drop`.
 */
export function mapEntryRule<D, V>(
  path: string,
  convert: (value: string | undefined, path: string) => V,
  map: (doc: D) => Record<string, V>,
  drop: (doc: D) => void,
): PatchRule<D> {
  return {
    path,
    ops: ["add", "replace", "remove"],
    apply(doc, { op, value, params }) {
      const entries = map(doc);
      const key = unescapeSegment(params.key!);
      if (op === "remove") delete entries[key];
      else entries[key] = convert(value, path);
      if (Object.keys(entries).length === 0) drop(doc);
    },
  };
}

/** `mapEntryRule` for a top-level map member: `/<member>/{key}`. */
export function memberMapEntryRule<D, V>(member: keyof D & string, convert: (value: string | undefined, path: string) => V): PatchRule<D> {
  const record = (doc: D) => doc as Record<string, unknown>;
  return mapEntryRule<D, V>(
    `/${member}/{key}`,
    convert,
    (doc) => (record(doc)[member] ??= {}) as Record<string, V>,
    (doc) => delete record(doc)[member],
  );
}

/** A string set member, e.g. `/binaryMediaTypes/{value}`: the path names the entry, `replace` swaps it for the value. */
export function setEntryRule<D>(member: keyof D & string): PatchRule<D> {
  return {
    path: `/${member}/{entry}`,
    ops: ["add", "replace", "remove"],
    apply(doc, { op, value, params }) {
      const record = doc as Record<string, unknown>;
      const entry = unescapeSegment(params.entry!);
      const list = ((record[member] as string[] | undefined) ?? []).filter((item) => op === "add" || item !== entry);
      if (op === "add" && !list.includes(entry)) list.push(entry);
      if (op === "replace" && value !== undefined && !list.includes(value)) list.push(value);
      if (list.length === 0) delete record[member];
      else record[member] = list;
    },
  };
}

export const asString = (value: string | undefined): string => value ?? "";

/** A member an empty value unsets. */
export const asOptionalString = (value: string | undefined): string | undefined => (value === "" ? undefined : value);
