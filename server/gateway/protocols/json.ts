import { isJsonObject } from "../../lib/json";
import { GatewayErrors } from "../errors";

/** A JSON request body as an object; an empty body is `{}`. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw GatewayErrors.serialization("The request body is not valid JSON");
  }
  if (!isJsonObject(value)) throw GatewayErrors.serialization("The request body must be a JSON object");
  return value;
}

/** JSON as AWS's JSON protocols write it: timestamps as epoch seconds, blobs as base64. */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? {}, function (this: Record<string, unknown>, key: string, converted: unknown) {
    // `this[key]` is the value before toJSON() ran, so Dates and Buffers are still recognisable.
    const raw = this[key];
    if (raw instanceof Date) return raw.getTime() / 1000;
    if (raw instanceof Uint8Array) return Buffer.from(raw).toString("base64");
    return converted;
  });
}
