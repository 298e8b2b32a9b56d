/** Message attributes as the SQS send form and the SNS publish form edit them: the rules both services share. */
import { byteLength } from "./format";

export interface AttributeRow<Type extends string = string> {
  name: string;
  type: Type;
  value: string;
}

export const MAX_ATTRIBUTES = 10;

const NAME = /^[A-Za-z0-9_.-]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const NAME_RULE = "Names can contain letters, digits, periods (.), hyphens (-) and underscores (_), with no two periods in a row.";

/** What each service checks its own way. */
export interface AttributeRules<Type extends string> {
  /** The name's length, checked before its characters: each service counts it differently. */
  nameLengthError: (name: string) => string | undefined;
  /** A value's problem for its type; empty values and binary ones are checked alike for every service. */
  valueError: (row: AttributeRow<Type>) => string | undefined;
}

function rowError<Type extends string>(row: AttributeRow<Type>, name: string, seen: ReadonlySet<string>, rules: AttributeRules<Type>): string | undefined {
  if (!name) return "Enter a name.";
  const lengthError = rules.nameLengthError(name);
  if (lengthError) return lengthError;
  if (!NAME.test(name) || name.includes("..")) return NAME_RULE;
  if (name.startsWith(".") || name.endsWith(".")) return "Names can't start or end with a period.";
  if (/^(aws\.|amazon\.)/i.test(name)) return "Names can't start with AWS. or Amazon. (reserved).";
  if (seen.has(name)) return `The name "${name}" is used twice.`;
  if (row.value === "") return "Enter a value.";
  if (row.type === "Binary" && !BASE64.test(row.value.trim())) return "Enter the binary value as base64, e.g. aGVsbG8=.";
  return rules.valueError(row);
}

/** Problems by row index. */
export function validateAttributeRows<Type extends string>(rows: readonly AttributeRow<Type>[], rules: AttributeRules<Type>): Record<number, string> {
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const name = row.name.trim();
    const error = rowError(row, name, seen, rules);
    if (error) errors[i] = error;
    seen.add(name);
  });
  return errors;
}

/** The MessageAttributes map for SendMessage and Publish (binary values stay base64; the server decodes them). */
export function toMessageAttributes(rows: readonly AttributeRow[]) {
  if (rows.length === 0) return undefined;
  return Object.fromEntries(
    rows.map((row) => [
      row.name.trim(),
      row.type === "Binary" ? { DataType: row.type, BinaryValue: row.value.trim() } : { DataType: row.type, StringValue: row.type === "Number" ? row.value.trim() : row.value },
    ]),
  );
}

/** Bytes the attributes add to the message size: name, type and value, as both services count them. */
export function attributesSize(rows: readonly AttributeRow[]): number {
  return rows.reduce((n, r) => n + byteLength(r.name) + byteLength(r.type) + (r.type === "Binary" ? Math.floor((r.value.length * 3) / 4) : byteLength(r.value)), 0);
}
