import { SqsErrors } from "./errors";
import { MAX_MESSAGE_ATTRIBUTES } from "./limits";
import type { MessageAttributeValue } from "./md5";

/** A message attribute as callers send it (binary values as bytes, after protocol decoding). */
export interface MessageAttributeInput {
  DataType?: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
  StringListValues?: string[];
  BinaryListValues?: Uint8Array[];
}

/** The first code point outside SQS's allowed set (#x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF). */
function firstInvalidCodePoint(body: string): number | undefined {
  for (const char of body) {
    const cp = char.codePointAt(0)!;
    const ok =
      cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
    if (!ok) return cp;
  }
  return undefined;
}

export function assertValidBody(body: string | undefined): string {
  if (body === undefined || body === "") throw SqsErrors.missingParameter("MessageBody");
  const invalid = firstInvalidCodePoint(body);
  if (invalid !== undefined) throw SqsErrors.invalidMessageContents(invalid);
  return body;
}

const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NUMBER_MAX_DIGITS = 38;
const NUMBER_MIN_EXPONENT = -128;
const NUMBER_MAX_EXPONENT = 126;

/**
 * Whether a syntactically valid number is in SQS's Number domain: zero, or up to 38 significant digits with a
 * magnitude between 10^-128 and 10^+126. Counted on the digit string: a JS number would round the 39th digit away.
 */
function inNumberDomain(text: string): boolean {
  const [mantissa = "", exponent = "0"] = text.replace(/^[+-]/, "").split(/[eE]/);
  const [whole = "", fraction = ""] = mantissa.split(".");
  const digits = whole + fraction;
  const first = digits.search(/[1-9]/);
  if (first === -1) return true;
  const significant = digits.slice(first).replace(/0+$/, "");
  // The power of ten of the leading significant digit. Number() is exact wherever it matters: an exponent
  // beyond 2^53 can't be offset by the digits of a message within SQS's size limit.
  const power = Number(exponent) + whole.length - 1 - first;
  return (
    significant.length <= NUMBER_MAX_DIGITS &&
    power >= NUMBER_MIN_EXPONENT &&
    (power < NUMBER_MAX_EXPONENT || (power === NUMBER_MAX_EXPONENT && significant === "1"))
  );
}

function assertValidNumber(name: string, value: string): void {
  const text = value.trim();
  if (!NUMBER.test(text)) throw SqsErrors.invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
  if (!inNumberDomain(text)) {
    throw SqsErrors.invalidParameterValue(
      `The value of message (user) attribute '${name}' is out of range for a number: up to ${NUMBER_MAX_DIGITS} significant digits, between 10^${NUMBER_MIN_EXPONENT} and 10^+${NUMBER_MAX_EXPONENT}.`,
    );
  }
}

/**
 * Validates user message attributes and returns them normalised (binary as Buffer), in AWS's order of
 * checks: count, names, types, values.
 */
export function validateMessageAttributes(
  attributes: Readonly<Record<string, MessageAttributeInput>> | undefined,
): Record<string, MessageAttributeValue> {
  const entries = Object.entries(attributes ?? {});
  if (entries.length > MAX_MESSAGE_ATTRIBUTES) {
    throw SqsErrors.invalidParameterValue(`Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`);
  }
  const out: Record<string, MessageAttributeValue> = {};
  for (const [name, attribute] of entries) {
    if (Buffer.byteLength(name) >= 256) throw SqsErrors.invalidParameterValue("Message (user) attribute names must be shorter than 256 Bytes");
    if (!ATTRIBUTE_NAME.test(name) || name.includes("..")) {
      throw SqsErrors.invalidParameterValue(
        "Message (user) attributes name can only contain upper and lower score characters, digits, periods, hyphens and underscores. ",
      );
    }
    if (/^(aws\.|amazon\.)/i.test(name) || name.startsWith(".") || name.endsWith(".")) {
      throw SqsErrors.invalidParameterValue(
        "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.'.",
      );
    }
    const dataType = attribute.DataType;
    if (!dataType) throw SqsErrors.invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
    if (Buffer.byteLength(dataType) >= 256) throw SqsErrors.invalidParameterValue("Message (user) attribute types must be shorter than 256 Bytes");
    const baseType = dataType.split(".")[0];
    if (baseType !== "String" && baseType !== "Number" && baseType !== "Binary") {
      throw SqsErrors.invalidParameterValue(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    if (attribute.StringListValues?.length || attribute.BinaryListValues?.length) {
      throw SqsErrors.invalidParameterValue(`Message (user) attribute '${name}': list values are not supported yet.`);
    }
    if (baseType === "Binary") {
      if (!attribute.BinaryValue || attribute.BinaryValue.length === 0) {
        throw SqsErrors.invalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty value of type 'Binary'.`);
      }
      out[name] = { DataType: dataType, BinaryValue: Buffer.from(attribute.BinaryValue) };
      continue;
    }
    const value = attribute.StringValue;
    if (value === undefined || value === "") {
      throw SqsErrors.invalidParameterValue(`Message (user) attribute '${name}' must contain a non-empty value of type '${baseType}'.`);
    }
    if (baseType === "Number") assertValidNumber(name, value);
    const invalid = firstInvalidCodePoint(value);
    if (invalid !== undefined) throw SqsErrors.invalidMessageContents(invalid);
    out[name] = { DataType: dataType, StringValue: value };
  }
  return out;
}

/** Message size as SQS counts it: the body plus every attribute's name, type and value, in bytes. */
export function messageSize(body: string, attributes: Readonly<Record<string, MessageAttributeValue>>): number {
  let size = Buffer.byteLength(body);
  for (const [name, a] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(a.DataType);
    size += a.BinaryValue ? a.BinaryValue.length : Buffer.byteLength(a.StringValue ?? "");
  }
  return size;
}

/** MessageGroupId, MessageDeduplicationId and ReceiveRequestAttemptId: 1–128 alphanumerics and punctuation. */
export function assertValidToken(parameter: string, value: string): void {
  if (!/^[\x21-\x7e]{1,128}$/.test(value)) {
    throw SqsErrors.invalidParameter(parameter, value, `${parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length.`);
  }
}
