/** Publish message attributes as the console edits them, in SNS's rules. */

export const ATTRIBUTE_TYPES = ["String", "String.Array", "Number", "Binary"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export interface AttributeRow {
  name: string;
  type: AttributeType;
  value: string;
}

export const MAX_ATTRIBUTES = 10;

const NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isJsonArray(value: string): boolean {
  try {
    return Array.isArray(JSON.parse(value));
  } catch {
    return false;
  }
}

/** Problems by row index. */
export function validateAttributes(rows: readonly AttributeRow[]): Record<number, string> {
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const name = row.name.trim();
    if (!name) errors[i] = "Enter a name.";
    else if (!NAME.test(name) || name.includes("..")) errors[i] = "Names can contain letters, digits, periods (.), hyphens (-) and underscores (_), with no two periods in a row.";
    else if (name.startsWith(".") || name.endsWith(".")) errors[i] = "Names can't start or end with a period.";
    else if (/^(aws\.|amazon\.)/i.test(name)) errors[i] = "Names can't start with AWS. or Amazon. (reserved).";
    else if (seen.has(name)) errors[i] = `The name "${name}" is used twice.`;
    else if (row.value === "") errors[i] = "Enter a value.";
    else if (row.type === "Number" && !NUMBER.test(row.value.trim())) errors[i] = "Enter a number, e.g. 42, -1.5 or 2e10.";
    else if (row.type === "String.Array" && !isJsonArray(row.value)) errors[i] = 'Enter a JSON array, e.g. ["red", "blue", 7].';
    else if (row.type === "Binary" && !BASE64.test(row.value.trim())) errors[i] = "Enter the binary value as base64, e.g. aGVsbG8=.";
    seen.add(name);
  });
  return errors;
}

/** The MessageAttributes map for Publish (binary values stay base64; the server decodes them). */
export function toMessageAttributes(rows: readonly AttributeRow[]) {
  if (rows.length === 0) return undefined;
  return Object.fromEntries(
    rows.map((row) => [
      row.name.trim(),
      row.type === "Binary" ? { DataType: row.type, BinaryValue: row.value.trim() } : { DataType: row.type, StringValue: row.type === "Number" ? row.value.trim() : row.value },
    ]),
  );
}

const utf8 = new TextEncoder();

export function byteLength(text: string): number {
  return utf8.encode(text).length;
}

/** Bytes the attributes add to the message size (name, type and value, as SNS counts them). */
export function attributesSize(rows: readonly AttributeRow[]): number {
  return rows.reduce((n, r) => n + byteLength(r.name) + byteLength(r.type) + (r.type === "Binary" ? Math.floor((r.value.length * 3) / 4) : byteLength(r.value)), 0);
}
