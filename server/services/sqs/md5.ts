import { createHash, type Hash } from "node:crypto";

/** A message attribute as SQS stores and returns it (binary values as raw bytes). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Buffer;
}

export function md5Hex(value: string | Buffer): string {
  return createHash("md5").update(value).digest("hex");
}

const STRING_TRANSPORT = 1;
const BINARY_TRANSPORT = 2;

function updateLengthPrefixed(hash: Hash, bytes: Buffer): void {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  hash.update(length).update(bytes);
}

/**
 * MD5OfMessageAttributes as the SDKs verify it: for each attribute in name order, the length-prefixed
 * name, the length-prefixed data type, one transport byte (1 string, 2 binary) and the length-prefixed value.
 */
export function md5OfMessageAttributes(attributes: Readonly<Record<string, MessageAttributeValue>>): string {
  const hash = createHash("md5");
  for (const name of Object.keys(attributes).sort()) {
    const attribute = attributes[name]!;
    updateLengthPrefixed(hash, Buffer.from(name, "utf8"));
    updateLengthPrefixed(hash, Buffer.from(attribute.DataType, "utf8"));
    if (attribute.BinaryValue !== undefined) {
      hash.update(Buffer.from([BINARY_TRANSPORT]));
      updateLengthPrefixed(hash, attribute.BinaryValue);
    } else {
      hash.update(Buffer.from([STRING_TRANSPORT]));
      updateLengthPrefixed(hash, Buffer.from(attribute.StringValue ?? "", "utf8"));
    }
  }
  return hash.digest("hex");
}
