import { GatewayErrors, wireErrorCode } from "../errors";
import type { OperationRegistry, RegisteredOperation, ServiceDefinition } from "../registry";
import { headerValue, type GatewayRequest } from "../request";
import type { AwsError } from "../../errors";
import { EVENT_STREAM_CONTENT_TYPE, type EventStreamEncoding, eventStreamMessages } from "./event-stream";
import { parseJsonObject, toJson } from "./json";
import type { Protocol, WireResponse } from "./types";

/** The operation `X-Amz-Target: Prefix.Operation` names, or the unknown-operation error. */
export function operationForTarget(req: GatewayRequest, service: ServiceDefinition, registry: OperationRegistry): RegisteredOperation {
  const target = headerValue(req, "x-amz-target") ?? "";
  const dot = target.lastIndexOf(".");
  const operation =
    dot > 0 && target.slice(0, dot) === service.awsJson?.targetPrefix ? registry.operation(service.name, target.slice(dot + 1), "awsJson") : undefined;
  if (!operation) throw GatewayErrors.unknownOperation(`Unrecognized operation '${target}' for service ${service.name}`);
  return operation;
}

/** The body of a JSON (or CBOR) protocol error: the namespaced type, the message and any extra fields. */
export function errorDocument(error: AwsError, service: ServiceDefinition | undefined): Record<string, unknown> {
  const code = wireErrorCode(error, "json");
  const namespace = service?.awsJson?.namespace;
  return { __type: namespace ? `${namespace}#${code}` : code, message: error.message, ...error.fields };
}

/**
 * When `operation` streams an output member, the response that streams it: the other members go in
 * the initial response. Undefined for ordinary outputs.
 */
export function eventStreamOutput(operation: RegisteredOperation, output: unknown, encoding: EventStreamEncoding): WireResponse | undefined {
  const member = operation.protocols.awsJson?.eventStream;
  if (!member || output === null || typeof output !== "object") return undefined;
  const { [member]: events, ...initial } = output as Record<string, unknown>;
  if (!isAsyncIterable(events)) return undefined;
  return { status: 200, headers: { "content-type": EVENT_STREAM_CONTENT_TYPE }, body: eventStreamMessages(initial, events, encoding) };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Record<string, unknown>> {
  return value !== null && typeof value === "object" && Symbol.asyncIterator in value;
}

const jsonEvents: EventStreamEncoding = {
  contentType: "application/json",
  encode: (value) => Buffer.from(toJson(value)),
  error: (error) => ({ code: error.code, payload: { message: error.message } }),
};

/** awsJson1_0 / awsJson1_1: `X-Amz-Target: Prefix.Operation`, JSON in and out. */
export function awsJsonProtocol(version: "1.0" | "1.1"): Protocol {
  const contentType = `application/x-amz-json-${version}`;
  return {
    family: "json",
    decode(req, service, registry) {
      return { operation: operationForTarget(req, service, registry), params: parseJsonObject(req.body) };
    },
    encodeOutput(operation, output) {
      const streamed = eventStreamOutput(operation, output, jsonEvents);
      return streamed ?? { status: 200, headers: { "content-type": contentType }, body: toJson(output) };
    },
    encodeError(error, service) {
      const code = wireErrorCode(error, "json");
      const headers: Record<string, string> = { "content-type": contentType, "x-amzn-errortype": code };
      if (service?.awsJson?.queryCompatible) {
        headers["x-amzn-query-error"] = `${wireErrorCode(error, "query")};${error.fault}`;
      }
      return { status: error.status, headers, body: toJson(errorDocument(error, service)) };
    },
  };
}
