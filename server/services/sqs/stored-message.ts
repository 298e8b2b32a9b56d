import type { MessageAttributeValue } from "./md5";

/** Message attributes as stored in jsonb: binary values base64-encoded. */
export type StoredAttributes = Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;

export function storedAttributes(attributes: Readonly<Record<string, MessageAttributeValue>>): StoredAttributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, a]) => [
      name,
      a.BinaryValue ? { DataType: a.DataType, BinaryValue: a.BinaryValue.toString("base64") } : { DataType: a.DataType, StringValue: a.StringValue },
    ]),
  );
}

/** Stored attributes as received messages carry them; the value comes before DataType, as in AWS's XML. */
export function loadAttributes(stored: StoredAttributes | null | undefined): Record<string, MessageAttributeValue> {
  return Object.fromEntries(
    Object.entries(stored ?? {}).map(([name, a]) => [
      name,
      a.BinaryValue !== undefined
        ? { BinaryValue: Buffer.from(a.BinaryValue, "base64"), DataType: a.DataType }
        : { StringValue: a.StringValue, DataType: a.DataType },
    ]),
  );
}
