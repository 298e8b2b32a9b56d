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

const MAX_NAME_BYTES = 256;
const TYPE = /^(String|Number|Binary)(\..+)?$/;

/** AWS reports bad message attributes as ParameterValueInvalid, worded without the "Invalid parameter: " prefix. */
const invalid = (message: string) => SnsErrors.invalidParameterValue(message);

function checkName(name: string): void {
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) throw invalid("Length of message attribute name must be less than 256 bytes.");
  if (name.startsWith(".")) throw invalid("Invalid message attribute name starting with character '.' was found.");
  if (name.endsWith(".")) throw invalid("Invalid message attribute name ending with character '.' was found.");
  const bad = /[^A-Za-z0-9_.-]/u.exec(name)?.[0];
  if (bad !== undefined) {
    const code = bad.codePointAt(0)!.toString(16).toUpperCase();
    throw invalid(
      `Invalid non-alphanumeric character '#x${code}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.`,
    );
  }
  if (name.includes("..")) throw invalid("Message attribute name can not have successive '.' character.");
  const lower = name.toLowerCase();
  if (lower.startsWith("aws.") || lower.startsWith("amazon.")) throw invalid(`The message attribute name '${name}' is invalid.`);
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
    const binary = match[1] === "Binary";
    // A value in the other type's field is named as such; no value at all is an empty one.
    if (attr.StringValue === undefined && attr.BinaryValue === undefined) {
      throw invalid(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
    }
    if (binary ? attr.BinaryValue === undefined : attr.StringValue === undefined) {
      throw invalid(`The message attribute '${name}' with type '${type}' must use field '${binary ? "Binary" : "String"}'.`);
    }
    if (binary) {
      if (attr.BinaryValue!.length === 0) throw invalid(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
      out[name] = { DataType: type, BinaryValue: Buffer.from(attr.BinaryValue!).toString("base64") };
      continue;
    }
    const value = attr.StringValue!;
    if (value === "") throw invalid(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
    if (match[1] === "Number" && !isSnsNumber(value)) throw invalid(`Could not cast message attribute '${name}' value to number.`);
    if (type === "String.Array" && !isJsonArray(value)) {
      throw invalid(`The message attribute '${name}' with type 'String.Array' has an invalid value: ${value}.`);
    }
    out[name] = { DataType: type, StringValue: value };
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
