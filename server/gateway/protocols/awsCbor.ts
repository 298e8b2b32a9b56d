/**
 * AWS's CBOR protocol (`application/x-amz-cbor-1.1`): an AWS JSON service's operations, named by
 * X-Amz-Target as in JSON, with CBOR bodies. The AWS SDK for Java speaks it to Kinesis by default.
 * Bodies are translated to and from the JSON shapes, so the services see no difference: byte
 * strings arrive as base64 text, and tag-1 timestamps as epoch seconds.
 */
import { GatewayErrors, wireErrorCode } from "../errors";
import { CborError, CborTag, decodeCbor, encodeCbor } from "./cbor";
import { errorDocument, eventStreamOutput, operationForTarget } from "./awsJson";
import type { EventStreamEncoding } from "./event-stream";
import type { Protocol } from "./types";

export const CBOR_CONTENT_TYPE = "application/x-amz-cbor-1.1";

/** RFC 8949's tag 1 holds epoch seconds, but AWS's CBOR clients send milliseconds: no date in seconds reaches this. */
const MILLISECONDS_FROM = 1e11;
const EPOCH_TAG = 1;

function fromCbor(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString("base64");
  if (value instanceof CborTag) {
    if (value.tag === EPOCH_TAG && typeof value.value === "number") {
      return Math.abs(value.value) >= MILLISECONDS_FROM ? value.value / 1000 : value.value;
    }
    return fromCbor(value.value);
  }
  if (Array.isArray(value)) return value.map(fromCbor);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromCbor(v)]));
  return value;
}

/** Output as AWS's CBOR writes it: timestamps as tag 1 with epoch milliseconds. */
function toCbor(value: unknown): unknown {
  if (value instanceof Date) return new CborTag(EPOCH_TAG, value.getTime());
  if (value instanceof Uint8Array || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toCbor);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCbor(v)]));
}

const cborEvents: EventStreamEncoding = {
  contentType: CBOR_CONTENT_TYPE,
  encode: (value) => encodeCbor(toCbor(value)),
  error: (error) => ({ code: error.code, payload: { message: error.message } }),
};

function parseCborObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = fromCbor(decodeCbor(body));
  } catch (error) {
    if (error instanceof CborError) throw GatewayErrors.serialization(`The request body is not valid CBOR: ${error.message}`);
    throw error;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw GatewayErrors.serialization("The request body must be a CBOR map");
  return value as Record<string, unknown>;
}

export const awsCborProtocol: Protocol = {
  family: "json",
  decode(req, service, registry) {
    return { operation: operationForTarget(req, service, registry), params: parseCborObject(req.body) };
  },
  encodeOutput(operation, output) {
    const streamed = eventStreamOutput(operation, output, cborEvents);
    return streamed ?? { status: 200, headers: { "content-type": CBOR_CONTENT_TYPE }, body: encodeCbor(toCbor(output ?? {})) };
  },
  encodeError(error, service) {
    const headers = { "content-type": CBOR_CONTENT_TYPE, "x-amzn-errortype": wireErrorCode(error, "json") };
    return { status: error.status, headers, body: encodeCbor(errorDocument(error, service)) };
  },
};
