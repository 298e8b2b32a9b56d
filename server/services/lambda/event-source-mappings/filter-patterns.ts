/**
 * Lambda event filtering (FilterCriteria): EventBridge-style patterns matched against each record as
 * the function would receive it (an SQS body that is JSON is matched as parsed JSON; a Kinesis record
 * offers only its `data`, and only when that is JSON). Supported:
 * exact values (strings, numbers, booleans, null), `prefix`, `suffix`, `equals-ignore-case`,
 * `anything-but`, `numeric`, `exists`, `wildcard` and `$or`.
 */

type Scalar = string | number | boolean | null;

type Matcher =
  | { kind: "equals"; value: Scalar }
  | { kind: "prefix" | "suffix" | "equals-ignore-case"; value: string; ignoreCase: boolean }
  | { kind: "anything-but"; values: Scalar[] }
  | { kind: "anything-but-text"; text: Matcher }
  | { kind: "numeric"; conditions: [string, number][] }
  | { kind: "exists"; value: boolean }
  | { kind: "wildcard"; regex: RegExp };

/** A compiled pattern: every field must match, and one alternative of every `$or`. */
export interface Pattern {
  fields: [string, Pattern | Matcher[]][];
  alternatives: Pattern[][];
}

class InvalidPattern extends Error {}

function invalid(): never {
  throw new InvalidPattern();
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isScalar = (value: unknown): value is Scalar => value === null || ["string", "number", "boolean"].includes(typeof value);

function text(operand: unknown): string {
  return typeof operand === "string" ? operand : invalid();
}

/** `prefix` and `suffix` take a string or `{"equals-ignore-case": string}`. */
function affix(kind: "prefix" | "suffix", operand: unknown): Matcher {
  if (isObject(operand)) {
    const [key, value] = Object.entries(operand)[0] ?? invalid();
    if (Object.keys(operand).length !== 1 || key !== "equals-ignore-case") invalid();
    return { kind, value: text(value).toLowerCase(), ignoreCase: true };
  }
  return { kind, value: text(operand), ignoreCase: false };
}

const NUMERIC_OPERATORS = ["=", "<", "<=", ">", ">="];

function numeric(operand: unknown): Matcher {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length > 4 || operand.length % 2 !== 0) invalid();
  const conditions: [string, number][] = [];
  for (let i = 0; i < operand.length; i += 2) {
    const [op, value]: unknown[] = [operand[i], operand[i + 1]];
    if (typeof op !== "string" || !NUMERIC_OPERATORS.includes(op) || typeof value !== "number") invalid();
    conditions.push([op, value]);
  }
  return { kind: "numeric", conditions };
}

function anythingBut(operand: unknown): Matcher {
  if (isObject(operand)) {
    const [key, value] = Object.entries(operand)[0] ?? invalid();
    if (Object.keys(operand).length !== 1) invalid();
    if (key === "prefix" || key === "suffix") return { kind: "anything-but-text", text: affix(key, value) };
    if (key === "equals-ignore-case") return { kind: "anything-but-text", text: { kind: key, value: text(value).toLowerCase(), ignoreCase: true } };
    invalid();
  }
  const values: unknown[] = Array.isArray(operand) ? operand : [operand];
  if (values.length === 0 || !values.every((v) => typeof v === "string" || typeof v === "number")) invalid();
  return { kind: "anything-but", values: values as Scalar[] };
}

function wildcard(operand: unknown): Matcher {
  const source = text(operand)
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return { kind: "wildcard", regex: new RegExp(`^${source}$`, "s") };
}

function matcher(value: unknown): Matcher {
  if (isScalar(value)) return { kind: "equals", value };
  if (!isObject(value) || Object.keys(value).length !== 1) invalid();
  const [key, operand] = Object.entries(value)[0]!;
  switch (key) {
    case "prefix":
    case "suffix":
      return affix(key, operand);
    case "equals-ignore-case":
      return { kind: key, value: text(operand).toLowerCase(), ignoreCase: true };
    case "anything-but":
      return anythingBut(operand);
    case "numeric":
      return numeric(operand);
    case "exists":
      return typeof operand === "boolean" ? { kind: "exists", value: operand } : invalid();
    case "wildcard":
      return wildcard(operand);
    default:
      return invalid();
  }
}

function compile(value: unknown): Pattern {
  if (!isObject(value) || Object.keys(value).length === 0) invalid();
  const pattern: Pattern = { fields: [], alternatives: [] };
  for (const [key, rule] of Object.entries(value)) {
    if (key === "$or") {
      if (!Array.isArray(rule) || rule.length < 2) invalid();
      pattern.alternatives.push(rule.map(compile));
    } else if (Array.isArray(rule)) {
      if (rule.length === 0) invalid();
      pattern.fields.push([key, rule.map(matcher)]);
    } else {
      pattern.fields.push([key, compile(rule)]);
    }
  }
  return pattern;
}

/** The compiled pattern, or undefined when the text is not a valid filter pattern. */
export function parsePattern(source: string): Pattern | undefined {
  try {
    return compile(JSON.parse(source));
  } catch (error) {
    if (error instanceof InvalidPattern || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

function compareNumber(op: string, value: number, operand: number): boolean {
  switch (op) {
    case "=":
      return value === operand;
    case "<":
      return value < operand;
    case "<=":
      return value <= operand;
    case ">":
      return value > operand;
    default:
      return value >= operand;
  }
}

function matchesValue(m: Matcher, value: Scalar): boolean {
  switch (m.kind) {
    case "equals":
      return value === m.value;
    case "prefix":
    case "suffix":
    case "equals-ignore-case": {
      if (typeof value !== "string") return false;
      const subject = m.ignoreCase ? value.toLowerCase() : value;
      return m.kind === "prefix" ? subject.startsWith(m.value) : m.kind === "suffix" ? subject.endsWith(m.value) : subject === m.value;
    }
    case "anything-but":
      return !m.values.includes(value);
    case "anything-but-text":
      return typeof value === "string" && !matchesValue(m.text, value);
    case "numeric":
      return typeof value === "number" && m.conditions.every(([op, operand]) => compareNumber(op, value, operand));
    case "wildcard":
      return typeof value === "string" && m.regex.test(value);
    case "exists":
      return m.value;
  }
}

/** A leaf: the field's value (or any element of an array value) matches one of the matchers. */
function matchesLeaf(matchers: Matcher[], value: unknown): boolean {
  const values = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(isScalar);
  return matchers.some((m) => (m.kind === "exists" ? m.value === (value !== undefined && !isObject(value)) : values.some((v) => matchesValue(m, v))));
}

export function matchesPattern(pattern: Pattern, subject: unknown): boolean {
  const fields = isObject(subject) ? subject : {};
  for (const [key, rule] of pattern.fields) {
    const value = fields[key];
    if (Array.isArray(rule) ? !matchesLeaf(rule, value) : !matchesPattern(rule, value)) return false;
  }
  return pattern.alternatives.every((alternatives) => alternatives.some((alternative) => matchesPattern(alternative, subject)));
}
