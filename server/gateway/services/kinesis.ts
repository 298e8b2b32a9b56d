/** Kinesis Data Streams on the gateway: AWS JSON 1.1 (`X-Amz-Target: Kinesis_20131202.*`), signing name `kinesis`. */
import type { z } from "zod";
import { prisma } from "../../db/client";
import type { CallContext } from "../../services/context";
import { streamArn } from "../../services/kinesis/arns";
import { KinesisErrors } from "../../services/kinesis/errors";
import { KINESIS_DATA_EVENTS, KINESIS_EVENT_STREAMS, type KinesisOperation, type KinesisOperationName, kinesisOperations } from "../../services/kinesis/operations";
import type { OperationRegistry } from "../registry";

/** A member path as the service names it: lowerCamel members, list items as `<n>.member` (counting from 1). */
const memberPath = (path: (string | number)[]) =>
  path.map((p) => (typeof p === "number" ? `${p + 1}.member` : p.charAt(0).toLowerCase() + p.slice(1))).join(".");

/**
 * Input that fails the schema: missing required members are a ValidationException listing them as AWS
 * does (`Value null at 'partitionKey' failed to satisfy constraint: Member must not be null`); a value of
 * the wrong type (or a blob that is not base64) cannot be read, a SerializationException.
 */
function kinesisValidationError(error: z.ZodError) {
  const missing = error.issues.filter((i) => i.code === "invalid_type" && i.received === "undefined");
  if (missing.length === error.issues.length) {
    const paths = missing.map((i) => memberPath(i.path)).sort();
    const details = paths.map((p) => `Value null at '${p}' failed to satisfy constraint: Member must not be null`);
    return KinesisErrors.validation(`${details.length} validation error${details.length === 1 ? "" : "s"} detected: ${details.join("; ")}`);
  }
  const issue = error.issues.find((i) => !missing.includes(i))!;
  return KinesisErrors.serialization(`Unreadable value at '${memberPath(issue.path)}': ${issue.message}`);
}

/** The stream, consumer or tagged resource an audit record names. */
function auditArn(ctx: CallContext, input: Record<string, unknown>): string | undefined {
  for (const member of ["ResourceARN", "ConsumerARN", "StreamARN"]) {
    const value = input[member];
    if (typeof value === "string") return value;
  }
  return typeof input.StreamName === "string" ? streamArn(ctx.region, ctx.accountId, input.StreamName) : undefined;
}

export function registerKinesisOperations(registry: OperationRegistry): void {
  registry.registerService({
    name: "kinesis",
    // Kinesis's errors name their type without a namespace: {"__type":"ResourceNotFoundException",…}.
    awsJson: { version: "1.1", targetPrefix: "Kinesis_20131202" },
    validationError: kinesisValidationError,
  });
  for (const name of Object.keys(kinesisOperations) as KinesisOperationName[]) registerOperation(registry, name, kinesisOperations[name]);
}

function registerOperation(registry: OperationRegistry, name: KinesisOperationName, operation: KinesisOperation<z.ZodTypeAny, unknown>): void {
  registry.register({
    service: "kinesis",
    name,
    input: operation.input,
    handler: (ctx, input) => operation.handler(prisma(), ctx, input),
    dataEvent: KINESIS_DATA_EVENTS.has(name),
    resourceArn: (ctx, input: Record<string, unknown>) => auditArn(ctx, input),
    protocols: { awsJson: { eventStream: KINESIS_EVENT_STREAMS[name] } },
  });
}
