/**
 * Invoke as callers see it. RequestResponse runs on a worker while the caller waits (the invocation
 * channel); Event is stored in the outbox (one INSERT) and answered 202; DryRun only checks
 * that the function exists and may be invoked.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "../../../db/client";
import { env } from "../../../env";
import { AwsError } from "../../../errors";
import { enqueueOutbox } from "../../../outbox/enqueue";
import { requireRole } from "../../accounts/roles";
import type { CallContext } from "../../context";
import { LambdaErrors } from "../errors";
import { resolveFunction } from "../resolve";
import { InvocationClient, type InvocationReply, type InvocationRequest } from "./channel";

/** Lambda's payload quotas: 6 MB for synchronous requests, 1 MB for asynchronous events. */
export const SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
export const ASYNC_PAYLOAD_BYTES = 1024 * 1024;
/** The longest a synchronous caller waits: the largest function timeout and some slack. */
const MAX_WAIT_MS = 900_000 + 30_000;
export const ASYNC_INVOKE_JOB = "lambda.invoke-async";

export const InvokeInput = z.object({
  FunctionName: z.string().min(1).max(170),
  Qualifier: z.string().min(1).max(128).optional(),
  InvocationType: z.enum(["RequestResponse", "Event", "DryRun"]).default("RequestResponse"),
  LogType: z.enum(["None", "Tail"]).default("None"),
  /** Base64 JSON, at most 3583 bytes (AWS). */
  ClientContext: z.string().max(3583).optional(),
  Payload: z.instanceof(Buffer).default(() => Buffer.alloc(0)),
});
export type InvokeInput = z.output<typeof InvokeInput>;

export interface InvokeOutput {
  StatusCode: number;
  FunctionError?: string;
  /** Base64 of the log tail (LogType Tail). */
  LogResult?: string;
  ExecutedVersion?: string;
  Payload: Buffer;
}

let client: InvocationClient | undefined;

/** The process's connection to the workers that run invocations. */
export function invocationClient(): InvocationClient {
  client ??= new InvocationClient(env().REDIS_URL, env().STRATUS_QUEUE_PREFIX);
  return client;
}

function payloadTooLarge(size: number, limit: number): AwsError {
  return new AwsError("RequestTooLargeException", `${size} byte payload is too large for the ${limit === SYNC_PAYLOAD_BYTES ? "RequestResponse" : "Event"} invocation type (limit ${limit} bytes)`, 413);
}

function decodeClientContext(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = Buffer.from(value, "base64").toString("utf8");
  try {
    JSON.parse(text);
  } catch {
    throw LambdaErrors.invalidParameter("Client context must be a valid Base64-encoded JSON object.");
  }
  return text;
}

function callerOf(ctx: CallContext): InvocationRequest["caller"] {
  return { accountId: ctx.accountId, arn: ctx.principal.arn, userId: ctx.principal.userId, role: ctx.principal.role };
}

function fromReply(reply: InvocationReply): InvokeOutput {
  if (!reply.ok) {
    const error = new AwsError(reply.code, reply.message, reply.status);
    throw reply.reason ? error.withFields({ Reason: reply.reason }) : error;
  }
  return {
    StatusCode: 200,
    FunctionError: reply.functionError,
    ExecutedVersion: reply.executedVersion,
    LogResult: reply.logResult,
    Payload: Buffer.from(reply.payload, "base64"),
  };
}

export async function invoke(db: PrismaClient, ctx: CallContext, input: InvokeInput): Promise<InvokeOutput> {
  requireRole(ctx, "developer", "lambda:InvokeFunction");
  const clientContext = decodeClientContext(input.ClientContext);
  if (input.InvocationType === "RequestResponse") {
    if (input.Payload.length > SYNC_PAYLOAD_BYTES) throw payloadTooLarge(input.Payload.length, SYNC_PAYLOAD_BYTES);
    const reply = await invocationClient().invoke({
      requestId: randomUUID(),
      caller: callerOf(ctx),
      region: ctx.region,
      functionName: input.FunctionName,
      qualifier: input.Qualifier,
      payload: input.Payload.toString("base64"),
      clientContext,
      logType: input.LogType,
      callerDeadline: Date.now() + MAX_WAIT_MS,
    });
    return fromReply(reply);
  }
  // Event and DryRun answer for the function the name resolves to now.
  const resolved = await resolveFunction(db, ctx, input.FunctionName, input.Qualifier);
  if (input.InvocationType === "DryRun") return { StatusCode: 204, Payload: Buffer.alloc(0) };
  if (input.Payload.length > ASYNC_PAYLOAD_BYTES) throw payloadTooLarge(input.Payload.length, ASYNC_PAYLOAD_BYTES);
  // The INSERT is a transaction of its own: the event is durable before the 202, and the relay's wake-up
  // (pg_notify) follows it (an interactive transaction around the two cost twice the round trips).
  await enqueueOutbox(db, {
    accountId: resolved.accountId,
    region: resolved.region,
    job: ASYNC_INVOKE_JOB,
    payload: {
      requestId: randomUUID(),
      caller: callerOf(ctx),
      functionName: resolved.unqualifiedArn,
      qualifier: input.Qualifier,
      payload: input.Payload.toString("base64"),
      clientContext,
      enqueuedAt: Date.now(),
      attempt: 1,
    },
  });
  return { StatusCode: 202, Payload: Buffer.alloc(0) };
}
