/** Publish message attributes: AWS's naming, type and value rules, and their size (counted toward 256 KiB). */
import { SnsErrors } from "./errors";

export interface MessageAttributeInput {
  DataType?: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

/** A validated attribute; binary values are kept as base64 so messages and jobs can carry them as JSON. */
export interface MessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

const NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const TYPE = /^(String|Number|Binary)(\..+)?$/;

const invalid = (reason: string) => SnsErrors.invalidParameter(`MessageAttributes: ${reason}`);

function checkName(name: string): void {
  const lower = name.toLowerCase();
  if (!NAME.test(name) || name.startsWith(".") || name.endsWith(".") || name.includes("..") || lower.startsWith("aws.") || lower.startsWith("amazon.")) {
    throw SnsErrors.invalidParameter(`MessageAttributes: The message attribute name '${name}' is invalid.`);
  }
}

export function validateMessageAttributes(input: Record<string, MessageAttributeInput> | undefined): Record<string, MessageAttribute> {
  const out: Record<string, MessageAttribute> = {};
  for (const [name, attr] of Object.entries(input ?? {})) {
    checkName(name);
    const type = attr.DataType;
    if (!type) throw invalid(`The message attribute '${name}' must contain non-empty message attribute type.`);
    const match = TYPE.exec(type);
    if (!match || type.length > 256) {
      throw invalid(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    }
    if (match[1] === "Binary") {
      if (!attr.BinaryValue || attr.BinaryValue.length === 0) {
        throw invalid(`The message attribute '${name}' with type 'Binary' must use field 'Binary'.`);
      }
      out[name] = { DataType: type, BinaryValue: Buffer.from(attr.BinaryValue).toString("base64") };
      continue;
    }
    if (attr.StringValue === undefined || attr.StringValue === "") {
      throw invalid(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${match[1]}'.`);
    }
    if (match[1] === "Number" && !isSnsNumber(attr.StringValue)) throw invalid(`Could not cast message attribute '${name}' value to number.`);
    if (type === "String.Array" && !isJsonArray(attr.StringValue)) {
      throw invalid(`The message attribute '${name}' with type 'String.Array' has an invalid value: ${attr.StringValue}.`);
    }
    out[name] = { DataType: type, StringValue: attr.StringValue };
  }
  return out;
}

function isSnsNumber(value: string): boolean {
  return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value.trim()) && Number.isFinite(Number(value));
}

function isJsonArray(value: string): boolean {
  try {
    return Array.isArray(JSON.parse(value));
  } catch {
    return false;
  }
}

/** Name, type and value bytes, as AWS counts attributes toward the message size. */
export function attributesSize(attributes: Record<string, MessageAttribute>): number {
  let size = 0;
  for (const [name, attr] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(attr.DataType);
    size += attr.BinaryValue !== undefined ? Buffer.from(attr.BinaryValue, "base64").length : Buffer.byteLength(attr.StringValue ?? "");
  }
  return size;
}

/** Attributes with binary values as bytes again, for filter policies and envelopes. */
export function decodedAttributes(attributes: Record<string, MessageAttribute>): Record<string, MessageAttributeInput & { DataType: string }> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, a]) => [
      name,
      { DataType: a.DataType, StringValue: a.StringValue, BinaryValue: a.BinaryValue === undefined ? undefined : Buffer.from(a.BinaryValue, "base64") },
    ]),
  );
}
