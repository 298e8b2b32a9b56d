/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${key, 'default'}`, and `${*}`, `${?}`,
 * `${$}` for the literal characters), which version 2012-10-17 policies may use in Resource and in
 * condition values. A string without variables stays a plain string so the common case is compiled once.
 */
import type { RequestValues } from "./request";

export type TemplatePart =
  /** Policy text as written, wildcards included. */
  | { kind: "text"; text: string }
  /** A character `${*}`, `${?}` or `${$}` stands for: literal, never a wildcard. */
  | { kind: "char"; char: string }
  | { kind: "variable"; key: string; lowerKey: string; fallback?: string };

export type Template = readonly TemplatePart[];

const VARIABLE = /\$\{([^}]*)\}/g;
const WITH_DEFAULT = /^\s*([^,]+?)\s*,\s*'([^']*)'\s*$/;

/** The parts of `value`, or undefined when it has no variables to substitute. */
export function parseTemplate(value: string): Template | undefined {
  if (!value.includes("${")) return undefined;
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of value.matchAll(VARIABLE)) {
    if (m.index > last) parts.push({ kind: "text", text: value.slice(last, m.index) });
    last = m.index + m[0].length;
    const body = m[1] ?? "";
    if (body === "*" || body === "?" || body === "$") {
      parts.push({ kind: "char", char: body });
      continue;
    }
    const withDefault = WITH_DEFAULT.exec(body);
    const key = (withDefault?.[1] ?? body).trim();
    parts.push({ kind: "variable", key, lowerKey: key.toLowerCase(), ...(withDefault && { fallback: withDefault[2] }) });
  }
  if (last < value.length) parts.push({ kind: "text", text: value.slice(last) });
  return parts;
}

/**
 * A variable's value for this request, or undefined when it has none (then the string it is in matches
 * nothing). Multivalued keys cannot be variables.
 */
export function variableValue(part: Extract<TemplatePart, { kind: "variable" }>, values: RequestValues): string | undefined {
  const value = values.get(part.key, part.lowerKey);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return part.fallback;
}

/** The template with this request's values substituted, as plain text. */
export function renderText(template: Template, values: RequestValues): string | undefined {
  let out = "";
  for (const part of template) {
    if (part.kind === "text") out += part.text;
    else if (part.kind === "char") out += part.char;
    else {
      const value = variableValue(part, values);
      if (value === undefined) return undefined;
      out += value;
    }
  }
  return out;
}
