/**
 * The Condition element: operators compiled once per policy, evaluated per request.
 *
 * As AWS documents: operators, and keys within an operator, are ANDed; a key's policy values are ORed (NORed
 * for a negated operator). A key missing from the request fails the condition, except that negated
 * operators and `…IfExists` then hold, `Null` tests exactly that, `ForAllValues:` holds for a missing or
 * empty set and `ForAnyValue:` does not.
 */
import { type CidrBlock, cidrContains, parseCidr, parseIp } from "./ip";
import { SYNTAX_ERROR, malformedPolicy } from "./malformed";
import type { ContextScalar, RequestValues } from "./request";
import { type Template, parseTemplate, renderText } from "./variables";
import { compilePattern } from "./wildcard";

/** Whether some policy value matches one value of the request. */
type ValueTest = (value: ContextScalar, values: RequestValues) => boolean;

type SetOperator = "ForAnyValue" | "ForAllValues";

interface ClauseBase {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  readonly key: string;
  readonly lowerKey: string;
}

export type ConditionClause =
  | (ClauseBase & { readonly kind: "compare"; readonly set?: SetOperator; readonly ifExists: boolean; readonly negated: boolean; readonly test: ValueTest })
  | (ClauseBase & { readonly kind: "null"; readonly whenAbsent: boolean; readonly whenPresent: boolean });

/** A Condition element whose shape was checked: operator → key → values. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

const scalarText = (value: ContextScalar) => (typeof value === "string" ? value : String(value));

function textEquals(policyValues: readonly string[], variables: boolean, ignoreCase: boolean): ValueTest {
  const normal = ignoreCase ? (text: string) => text.toLowerCase() : (text: string) => text;
  const fixed = new Set<string>();
  const templates: Template[] = [];
  for (const value of policyValues) {
    const template = variables ? parseTemplate(value) : undefined;
    if (template) templates.push(template);
    else fixed.add(normal(value));
  }
  return (value, values) => {
    const text = normal(scalarText(value));
    if (fixed.has(text)) return true;
    for (const template of templates) {
      const rendered = renderText(template, values);
      if (rendered !== undefined && normal(rendered) === text) return true;
    }
    return false;
  };
}

function textLike(policyValues: readonly string[], variables: boolean, arn: boolean): ValueTest {
  const patterns = policyValues.map((value) => compilePattern(value, { arn, variables }));
  return (value, values) => {
    const text = scalarText(value);
    for (const pattern of patterns) if (pattern(text, values)) return true;
    return false;
  };
}

const parseNumber = (text: string) => (text.trim() === "" ? NaN : Number(text));

const ISO_8601 = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Milliseconds since the epoch of an ISO 8601 date-time or of epoch seconds; NaN for anything else. */
export function parseDate(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const m = ISO_8601.exec(text.trim());
  if (!m) return NaN;
  const [, year = "", month = "1", day = "1", hour = "0", minute = "0", second = "0", fraction = "0", zone = "Z"] = m;
  const [mo, d, h, mi, s] = [Number(month), Number(day), Number(hour), Number(minute), Number(second)];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return NaN;
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0"));
  }
  const ms = Math.floor(Number(`0.${fraction}`) * 1000);
  return Date.UTC(Number(year), mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000;
}

type Compare = (request: number, policy: number) => boolean;

const COMPARE = {
  Equals: (a, b) => a === b,
  LessThan: (a, b) => a < b,
  LessThanEquals: (a, b) => a <= b,
  GreaterThan: (a, b) => a > b,
  GreaterThanEquals: (a, b) => a >= b,
} satisfies Record<string, Compare>;

function ordered(policyValues: readonly string[], parse: (text: string) => number, fromNumber: (n: number) => number, compare: Compare): ValueTest {
  const numbers = policyValues.map(parse);
  return (value) => {
    const n = typeof value === "number" ? fromNumber(value) : typeof value === "string" ? parse(value) : NaN;
    for (const policy of numbers) if (compare(n, policy)) return true;
    return false;
  };
}

const numeric = (compare: Compare) => (policyValues: readonly string[]) => ordered(policyValues, parseNumber, (n) => n, compare);
// A number in the request (aws:EpochTime) is epoch seconds.
const date = (compare: Compare) => (policyValues: readonly string[]) => ordered(policyValues, parseDate, (n) => n * 1000, compare);

function ipAddress(policyValues: readonly string[]): ValueTest {
  const blocks = policyValues.map(parseCidr).filter((block): block is CidrBlock => block !== undefined);
  return (value) => {
    const address = typeof value === "string" ? parseIp(value) : undefined;
    if (!address) return false;
    for (const block of blocks) if (cidrContains(block, address)) return true;
    return false;
  };
}

interface OperatorSpec {
  negated: boolean;
  compile: (policyValues: readonly string[], variables: boolean) => ValueTest;
}

const positive = (compile: OperatorSpec["compile"]): OperatorSpec => ({ negated: false, compile });
const negated = (compile: OperatorSpec["compile"]): OperatorSpec => ({ negated: true, compile });

const equalsText = (values: readonly string[], variables: boolean) => textEquals(values, variables, false);
const equalsTextIgnoringCase = (values: readonly string[], variables: boolean) => textEquals(values, variables, true);
const likeText = (values: readonly string[], variables: boolean) => textLike(values, variables, false);
const likeArn = (values: readonly string[], variables: boolean) => textLike(values, variables, true);

const OPERATOR_SPECS = {
  StringEquals: positive(equalsText),
  StringNotEquals: negated(equalsText),
  StringEqualsIgnoreCase: positive(equalsTextIgnoringCase),
  StringNotEqualsIgnoreCase: negated(equalsTextIgnoringCase),
  StringLike: positive(likeText),
  StringNotLike: negated(likeText),
  NumericEquals: positive(numeric(COMPARE.Equals)),
  NumericNotEquals: negated(numeric(COMPARE.Equals)),
  NumericLessThan: positive(numeric(COMPARE.LessThan)),
  NumericLessThanEquals: positive(numeric(COMPARE.LessThanEquals)),
  NumericGreaterThan: positive(numeric(COMPARE.GreaterThan)),
  NumericGreaterThanEquals: positive(numeric(COMPARE.GreaterThanEquals)),
  DateEquals: positive(date(COMPARE.Equals)),
  DateNotEquals: negated(date(COMPARE.Equals)),
  DateLessThan: positive(date(COMPARE.LessThan)),
  DateLessThanEquals: positive(date(COMPARE.LessThanEquals)),
  DateGreaterThan: positive(date(COMPARE.GreaterThan)),
  DateGreaterThanEquals: positive(date(COMPARE.GreaterThanEquals)),
  // Booleans in the request and "true"/"false" in the policy meet as text, in any case.
  Bool: positive(equalsTextIgnoringCase),
  // Binary values are compared as their base64 text.
  BinaryEquals: positive((values) => equalsText(values, false)),
  IpAddress: positive(ipAddress),
  NotIpAddress: negated(ipAddress),
  // ArnEquals and ArnLike are the same operator: both take wildcards, segment by segment.
  ArnEquals: positive(likeArn),
  ArnLike: positive(likeArn),
  ArnNotEquals: negated(likeArn),
  ArnNotLike: negated(likeArn),
} satisfies Record<string, OperatorSpec>;

// A Map, so that names such as `constructor` are not found on Object.prototype.
const OPERATORS = new Map<string, OperatorSpec>(Object.entries(OPERATOR_SPECS));

interface ParsedOperator {
  base: string;
  set?: SetOperator;
  ifExists: boolean;
}

function parseOperator(operator: string): ParsedOperator | undefined {
  let base = operator;
  let set: SetOperator | undefined;
  for (const prefix of ["ForAnyValue", "ForAllValues"] as const) {
    if (base.startsWith(`${prefix}:`)) {
      set = prefix;
      base = base.slice(prefix.length + 1);
      break;
    }
  }
  const ifExists = base.endsWith("IfExists");
  if (ifExists) base = base.slice(0, -"IfExists".length);
  if (base === "Null") return set || ifExists ? undefined : { base, ifExists };
  return OPERATORS.has(base) ? { base, set, ifExists } : undefined;
}

export const isConditionOperator = (operator: string) => parseOperator(operator) !== undefined;

/** Whether the operator takes dates, whose values IAM's legacy parser checks. */
export const isDateOperator = (operator: string) => parseOperator(operator)?.base.startsWith("Date") ?? false;

/** `variables`: the policy is version 2012-10-17, so `${…}` in values is substituted. */
export function compileConditions(block: ConditionBlock, variables: boolean): ConditionClause[] {
  const clauses: ConditionClause[] = [];
  for (const [operator, keys] of Object.entries(block)) {
    const parsed = parseOperator(operator);
    if (!parsed) throw malformedPolicy(SYNTAX_ERROR);
    const spec = OPERATORS.get(parsed.base);
    for (const [key, policyValues] of Object.entries(keys)) {
      const base = { operator, key, lowerKey: key.toLowerCase() };
      if (!spec) {
        // Null: "true" expects the key to be absent, "false" present.
        const expected = policyValues.map((value) => value.toLowerCase());
        clauses.push({ ...base, kind: "null", whenAbsent: expected.includes("true"), whenPresent: expected.includes("false") });
      } else {
        const test = spec.compile(policyValues, variables);
        clauses.push({ ...base, kind: "compare", set: parsed.set, ifExists: parsed.ifExists, negated: spec.negated, test });
      }
    }
  }
  return clauses;
}

function clauseHolds(clause: ConditionClause, values: RequestValues): boolean {
  const value = values.get(clause.key, clause.lowerKey);
  const absent = value === undefined || (Array.isArray(value) && value.length === 0);
  if (clause.kind === "null") return absent ? clause.whenAbsent : clause.whenPresent;
  if (absent) {
    if (clause.ifExists || clause.set === "ForAllValues") return true;
    if (clause.set === "ForAnyValue") return false;
    return clause.negated;
  }
  const { test, negated } = clause;
  // A negated operator's per-value result is "matches none of the policy values".
  if (clause.set === "ForAllValues") {
    if (!Array.isArray(value)) return test(value, values) !== negated;
    for (const item of value) if (test(item, values) === negated) return false;
    return true;
  }
  if (clause.set === "ForAnyValue") {
    if (!Array.isArray(value)) return test(value, values) !== negated;
    for (const item of value) if (test(item, values) !== negated) return true;
    return false;
  }
  // Without a set operator, several request values behave as one: any match satisfies a positive
  // operator, and fails a negated one.
  if (!Array.isArray(value)) return test(value, values) !== negated;
  for (const item of value) if (test(item, values)) return !negated;
  return negated;
}

export function conditionsHold(clauses: readonly ConditionClause[], values: RequestValues): boolean {
  for (const clause of clauses) if (!clauseHolds(clause, values)) return false;
  return true;
}
