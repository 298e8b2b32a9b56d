/** Publish message attributes in SNS's rules: its types, and its name and value checks beyond the shared ones. */
import { NAME_RULE, validateAttributeRows, type AttributeRow } from "../../../_lib/message-attributes";

export const ATTRIBUTE_TYPES = ["String", "String.Array", "Number", "Binary"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

function isJsonArray(value: string): boolean {
  try {
    return Array.isArray(JSON.parse(value));
  } catch {
    return false;
  }
}

/** Problems by row index. */
export function validateAttributes(rows: readonly AttributeRow<AttributeType>[]): Record<number, string> {
  return validateAttributeRows(rows, {
    // SNS's name pattern allows 1 to 256 characters, so a longer name breaks the same rule as a bad character.
    nameLengthError: (name) => (name.length > 256 ? NAME_RULE : undefined),
    valueError: (row) => {
      if (row.type === "Number" && !NUMBER.test(row.value.trim())) return "Enter a number, e.g. 42, -1.5 or 2e10.";
      if (row.type === "String.Array" && !isJsonArray(row.value)) return 'Enter a JSON array, e.g. ["red", "blue", 7].';
      return undefined;
    },
  });
}
