/** Message attributes in SQS's rules as the send form edits them, and as received messages carry them. */
import { byteLength } from "../../../../../../_lib/format";
import { validateAttributeRows, type AttributeRow } from "../../../../../../_lib/message-attributes";

export const ATTRIBUTE_TYPES = ["String", "Number", "Binary"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Problems by row index, in SQS's rules for user attribute names, types and values. */
export function validateAttributes(rows: readonly AttributeRow<AttributeType>[]): Record<number, string> {
  return validateAttributeRows(rows, {
    nameLengthError: (name) => (byteLength(name) >= 256 ? "Names must be shorter than 256 bytes." : undefined),
    valueError: (row) => (row.type === "Number" && !NUMBER.test(row.value.trim()) ? "Enter a number, e.g. 42, -1.5 or 2e10." : undefined),
  });
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
