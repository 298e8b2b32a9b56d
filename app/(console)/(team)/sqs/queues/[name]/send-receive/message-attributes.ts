/** Message attributes as the send form edits them, and as received messages carry them. */

export type AttributeType = "String" | "Number" | "Binary";

export interface AttributeRow {
  name: string;
  type: AttributeType;
  value: string;
}

const NAME = /^[A-Za-z0-9_.-]+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export const MAX_ATTRIBUTES = 10;

/** Problems by row index, in SQS's rules for user attribute names, types and values. */
export function validateAttributes(rows: readonly AttributeRow[]): Record<number, string> {
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const name = row.name.trim();
    if (!name) errors[i] = "Enter a name.";
    else if (new TextEncoder().encode(name).length >= 256) errors[i] = "Names must be shorter than 256 bytes.";
    else if (!NAME.test(name) || name.includes("..")) errors[i] = "Names can contain letters, digits, periods (.), hyphens (-) and underscores (_), with no two periods in a row.";
    else if (name.startsWith(".") || name.endsWith(".")) errors[i] = "Names can't start or end with a period.";
    else if (/^(aws\.|amazon\.)/i.test(name)) errors[i] = "Names can't start with AWS. or Amazon. (reserved).";
    else if (seen.has(name)) errors[i] = `The name "${name}" is used twice.`;
    else if (row.value === "") errors[i] = "Enter a value.";
    else if (row.type === "Number" && !NUMBER.test(row.value.trim())) errors[i] = "Enter a number, e.g. 42, -1.5 or 2e10.";
    else if (row.type === "Binary" && !BASE64.test(row.value.trim())) errors[i] = "Enter the binary value as base64, e.g. aGVsbG8=.";
    seen.add(name);
  });
  return errors;
}

/** The MessageAttributes map for SendMessage (binary values stay base64; the server decodes them). */
export function toMessageAttributes(rows: readonly AttributeRow[]) {
  if (rows.length === 0) return undefined;
  return Object.fromEntries(
    rows.map((row) => [
      row.name.trim(),
      row.type === "Binary" ? { DataType: row.type, BinaryValue: row.value.trim() } : { DataType: row.type, StringValue: row.type === "Number" ? row.value.trim() : row.value },
    ]),
  );
}

/** Bytes the attributes add to the message size (name, type and value, as SQS counts them). */
export function attributesSize(rows: readonly AttributeRow[]): number {
  const enc = new TextEncoder();
  return rows.reduce((n, r) => n + enc.encode(r.name).length + enc.encode(r.type).length + (r.type === "Binary" ? Math.floor((r.value.length * 3) / 4) : enc.encode(r.value).length), 0);
}

/** A received binary value: bytes (superjson's Uint8Array) or, defensively, a string already encoded. */
export function binaryToBase64(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) {
    let text = "";
    for (const byte of value) text += String.fromCharCode(byte);
    return btoa(text);
  }
  return "";
}
