/**
 * The boolean conditions of CloudWatch filter patterns, shared by JSON patterns (`{ $.status = 404 && $.x > 1 }`)
 * and space-delimited ones (`[ip, user, ..., status = 4*]`): `=`, `!=`, `<`, `<=`, `>`, `>=` against numbers,
 * strings with `*` wildcards or `%regex%`, `IS NULL` / `IS TRUE` / `IS FALSE`, `NOT EXISTS`, `&&`, `||` and parentheses.
 */

export class PatternError extends Error {}

type Op = "=" | "!=" | "<" | "<=" | ">" | ">=";

interface Literal {
  kind: "word" | "string" | "regex";
  text: string;
}

export type Condition =
  | { type: "and"; left: Condition; right: Condition }
  | { type: "or"; left: Condition; right: Condition }
  | { type: "compare"; selector: string; test: (field: unknown) => boolean }
  | { type: "is"; selector: string; value: null | boolean }
  | { type: "notExists"; selector: string };

type Token = { kind: "(" | ")" | "&&" | "||" } | { kind: "op"; op: Op } | { kind: "literal"; literal: Literal };

const WORD_END = /[\s()"&|=!<>]/;

/** Reads a `"…"` string (backslash escapes) or a `%…%` regex starting at `start`; answers its text and the index after it. */
export function readDelimited(text: string, start: number): { text: string; end: number } {
  const close = text[start]!;
  let value = "";
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\\" && close === '"' && i + 1 < text.length) {
      value += text[++i];
    } else if (ch === close) {
      return { text: value, end: i + 1 };
    } else {
      value += ch;
    }
  }
  throw new PatternError(`Unterminated ${close} in filter pattern`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const two = text.slice(i, i + 2);
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "(" || ch === ")") {
      tokens.push({ kind: ch });
      i++;
    } else if (two === "&&" || two === "||") {
      tokens.push({ kind: two });
      i += 2;
    } else if (two === "!=" || two === "<=" || two === ">=") {
      tokens.push({ kind: "op", op: two });
      i += 2;
    } else if (ch === "=" || ch === "<" || ch === ">") {
      tokens.push({ kind: "op", op: ch });
      i++;
    } else if (ch === '"' || ch === "%") {
      const read = readDelimited(text, i);
      tokens.push({ kind: "literal", literal: { kind: ch === '"' ? "string" : "regex", text: read.text } });
      i = read.end;
    } else {
      let end = i;
      while (end < text.length && !WORD_END.test(text[end]!)) end++;
      if (end === i) throw new PatternError(`Unexpected '${ch}' in filter pattern`);
      tokens.push({ kind: "literal", literal: { kind: "word", text: text.slice(i, end) } });
      i = end;
    }
  }
  return tokens;
}

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** A field value as a number, when it is one (JSON numbers, or numeric text in space-delimited fields). */
function numeric(field: unknown): number | undefined {
  if (typeof field === "number") return field;
  if (typeof field === "string" && NUMBER.test(field)) return Number(field);
  return undefined;
}

function wildcard(text: string): RegExp {
  return new RegExp(`^${text.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s");
}

export function regex(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    throw new PatternError(`Invalid regular expression %${source}%`);
  }
}

/** The test a comparison applies to a field value (undefined: the field is absent, which matches nothing). */
function comparison(op: Op, value: Literal): (field: unknown) => boolean {
  if (op !== "=" && op !== "!=") {
    if (value.kind !== "word" || !NUMBER.test(value.text)) throw new PatternError(`${op} needs a number`);
    const n = Number(value.text);
    const compare = { "<": (a: number) => a < n, "<=": (a: number) => a <= n, ">": (a: number) => a > n, ">=": (a: number) => a >= n }[op];
    return (field) => {
      const a = numeric(field);
      return a !== undefined && compare(a);
    };
  }
  const equals = (() => {
    if (value.kind === "regex") {
      const re = regex(value.text);
      return (field: unknown) => (typeof field === "string" || typeof field === "number") && re.test(String(field));
    }
    if (value.kind === "word" && NUMBER.test(value.text)) {
      const n = Number(value.text);
      return (field: unknown) => numeric(field) === n;
    }
    const re = wildcard(value.text);
    return (field: unknown) => (typeof field === "string" || typeof field === "number" || typeof field === "boolean") && re.test(String(field));
  })();
  return op === "=" ? (field) => field !== undefined && equals(field) : (field) => field !== undefined && !equals(field);
}

/** Parses `a = 1 && (b != "x" || c IS NULL)`; selectors are the words left of an operator, resolved at evaluation. */
export function parseConditions(text: string): Condition {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const word = (): string | undefined => {
    const t = peek();
    return t?.kind === "literal" && t.literal.kind === "word" ? t.literal.text : undefined;
  };
  const expect = (what: string): Token => {
    const t = tokens[i++];
    if (!t) throw new PatternError(`Expected ${what} at the end of the filter pattern`);
    return t;
  };

  function primary(): Condition {
    const t = expect("a condition");
    if (t.kind === "(") {
      const inner = or();
      if (expect("')'").kind !== ")") throw new PatternError("Expected ')'");
      return inner;
    }
    if (t.kind !== "literal" || t.literal.kind !== "word") throw new PatternError("Expected a field selector");
    const selector = t.literal.text;
    const keyword = word()?.toUpperCase();
    if (keyword === "IS") {
      i++;
      const what = word()?.toUpperCase();
      i++;
      if (what === "NULL") return { type: "is", selector, value: null };
      if (what === "TRUE" || what === "FALSE") return { type: "is", selector, value: what === "TRUE" };
      throw new PatternError("Expected NULL, TRUE or FALSE after IS");
    }
    if (keyword === "NOT") {
      i++;
      if (word()?.toUpperCase() !== "EXISTS") throw new PatternError("Expected EXISTS after NOT");
      i++;
      return { type: "notExists", selector };
    }
    const op = expect("an operator");
    if (op.kind !== "op") throw new PatternError(`Expected an operator after ${selector}`);
    const value = expect("a value");
    if (value.kind !== "literal") throw new PatternError(`Expected a value after ${op.op}`);
    return { type: "compare", selector, test: comparison(op.op, value.literal) };
  }

  /** `a && b`, `a || b`: && binds tighter than ||, both associate left. */
  const chain = (operator: "&&" | "||", operand: () => Condition) => (): Condition => {
    let left = operand();
    while (peek()?.kind === operator) {
      i++;
      left = { type: operator === "&&" ? "and" : "or", left, right: operand() };
    }
    return left;
  };
  const and = chain("&&", primary);
  const or: () => Condition = chain("||", and);

  const condition = or();
  if (i < tokens.length) throw new PatternError("Unexpected text after the condition");
  return condition;
}

/** Evaluates a condition; `resolve` answers a selector's value, undefined when absent. */
export function evaluate(condition: Condition, resolve: (selector: string) => unknown): boolean {
  switch (condition.type) {
    case "and":
      return evaluate(condition.left, resolve) && evaluate(condition.right, resolve);
    case "or":
      return evaluate(condition.left, resolve) || evaluate(condition.right, resolve);
    case "compare":
      return condition.test(resolve(condition.selector));
    case "is":
      return resolve(condition.selector) === condition.value;
    case "notExists":
      return resolve(condition.selector) === undefined;
  }
}

/** Every selector a condition names. */
export function selectors(condition: Condition): string[] {
  if (condition.type === "and" || condition.type === "or") return [...selectors(condition.left), ...selectors(condition.right)];
  return [condition.selector];
}
