import { evaluate, parseConditions, PatternError, readDelimited, regex, selectors } from "./filter-conditions";
import { LogsErrors } from "./errors";

/**
 * CloudWatch Logs filter patterns (FilterLogEvents' filterPattern): terms for unstructured text
 * (`ERROR "exact phrase"`, `?ERROR ?WARN`, `ERROR -Exiting`), `%regex%`, JSON patterns
 * (`{ $.level = "error" && $.latency > 100 }`) and space-delimited patterns (`[ip, user, ..., status = 5*]`).
 * Matching is case-sensitive; a term matches anywhere in the message.
 */
export interface FilterPattern {
  matches(message: string): boolean;
  /** Text every matching message contains, so the query can leave the rest out in SQL. */
  requiredTerms: string[];
}

const MATCH_ALL: FilterPattern = { matches: () => true, requiredTerms: [] };

export function compileFilterPattern(pattern: string | undefined): FilterPattern {
  const text = (pattern ?? "").trim();
  try {
    if (text === "") return MATCH_ALL;
    if (text.startsWith("{")) return jsonPattern(text);
    if (text.startsWith("[")) return delimitedPattern(text);
    if (text.length > 1 && text.startsWith("%") && text.endsWith("%")) {
      const re = regex(text.slice(1, -1));
      return { matches: (message) => re.test(message), requiredTerms: [] };
    }
    return termPattern(text);
  } catch (e) {
    if (e instanceof PatternError) throw LogsErrors.invalidParameter(`Invalid filter pattern: ${e.message}`);
    throw e;
  }
}

/** Whitespace-separated terms, each bare or "quoted", optionally prefixed with `?` (any of these) or `-` (none of these). */
function termPattern(text: string): FilterPattern {
  const required: string[] = [];
  const optional: string[] = [];
  const excluded: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const prefix = text[i] === "?" || text[i] === "-" ? text[i++] : "";
    let term: string;
    if (text[i] === '"') {
      const read = readDelimited(text, i);
      term = read.text;
      i = read.end;
    } else {
      const start = i;
      while (i < text.length && !/\s/.test(text[i]!)) i++;
      term = text.slice(start, i);
    }
    (prefix === "?" ? optional : prefix === "-" ? excluded : required).push(term);
  }
  return {
    matches: (message) =>
      required.every((t) => message.includes(t)) &&
      !excluded.some((t) => message.includes(t)) &&
      (optional.length === 0 || optional.some((t) => message.includes(t))),
    requiredTerms: required,
  };
}

/** `$.a.b[0].c` into its keys and indexes. */
function jsonPath(selector: string): (string | number)[] {
  if (!selector.startsWith("$")) throw new PatternError(`JSON selectors start with $: ${selector}`);
  const path: (string | number)[] = [];
  const rest = selector.slice(1);
  const segment = /\.([^.[\]]+)|\[(\d+)\]/y;
  while (segment.lastIndex < rest.length) {
    const match = segment.exec(rest);
    if (!match) throw new PatternError(`Invalid JSON selector ${selector}`);
    path.push(match[1] ?? Number(match[2]));
  }
  return path;
}

function resolvePath(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function jsonPattern(text: string): FilterPattern {
  if (!text.endsWith("}")) throw new PatternError("A JSON pattern ends with }");
  const condition = parseConditions(text.slice(1, -1));
  const paths = new Map(selectors(condition).map((s) => [s, jsonPath(s)]));
  return {
    matches: (message) => {
      let document: unknown;
      try {
        document = JSON.parse(message);
      } catch {
        return false;
      }
      if (document === null || typeof document !== "object") return false;
      return evaluate(condition, (selector) => resolvePath(document, paths.get(selector)!));
    },
    requiredTerms: [],
  };
}

/** Splits at commas outside quotes, regexes and parentheses. */
function splitFields(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "%") i = readDelimited(text, i).end - 1;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** A message's space-delimited fields; "quoted" and [bracketed] runs are one field each, without their delimiters. */
function messageFields(message: string): string[] {
  const fields: string[] = [];
  const field = /"([^"]*)"|\[([^\]]*)\]|(\S+)/g;
  for (const match of message.matchAll(field)) fields.push(match[1] ?? match[2] ?? match[3]!);
  return fields;
}

type DelimitedField = { ellipsis: true } | { ellipsis: false; name: string; condition?: ReturnType<typeof parseConditions> };

function delimitedPattern(text: string): FilterPattern {
  if (!text.endsWith("]")) throw new PatternError("A space-delimited pattern ends with ]");
  const fields: DelimitedField[] = splitFields(text.slice(1, -1)).map((part) => {
    if (part === "...") return { ellipsis: true };
    if (/^[\w-]+$/.test(part)) return { ellipsis: false, name: part };
    const condition = parseConditions(part);
    return { ellipsis: false, name: selectors(condition)[0]!, condition };
  });

  /** Tries every alignment of the pattern's fields (an ellipsis takes any number of message fields). */
  function align(values: readonly string[], pi: number, vi: number, bound: Map<string, string>): boolean {
    if (pi === fields.length) {
      if (vi !== values.length) return false;
      return fields.every((f) => f.ellipsis || !f.condition || evaluate(f.condition, (name) => bound.get(name)));
    }
    const field = fields[pi]!;
    if (field.ellipsis) {
      for (let skip = vi; skip <= values.length; skip++) if (align(values, pi + 1, skip, bound)) return true;
      return false;
    }
    if (vi >= values.length) return false;
    return align(values, pi + 1, vi + 1, new Map(bound).set(field.name, values[vi]!));
  }

  return { matches: (message) => align(messageFields(message), 0, 0, new Map()), requiredTerms: [] };
}
