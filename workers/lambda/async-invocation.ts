/**
 * Asynchronous invocations as Lambda runs them: an event too old is not run; a function error is
 * retried after the configured delays up to MaximumRetryAttempts; a throttled event waits and tries
 * again; the final outcome goes to the on-success / on-failure destination and failures also to the
 * function's dead-letter queue.
 */
import { UnrecoverableError } from "bullmq";
import type { z } from "zod";
import type { Db } from "../../server/db/client";
import { env } from "../../server/env";
import { isAwsError } from "../../server/errors";
import { enqueueOutbox } from "../../server/outbox/enqueue";
import { serviceDecisions } from "../../server/services/iam/role-permission";
import { functionRole } from "../../server/services/lambda/execution-role";
import { ASYNC_INVOKE_JOB } from "../../server/services/lambda/invocation/invoke";
import type { ResolvedFunction } from "../../server/services/lambda/resolve";
import type { lambdaInvokeAsync } from "../jobs/lambda-invoke-async";
import { deliver, type DestinationCondition, invocationRecord } from "./destinations";
import type { ExecuteOutcome } from "./executor";
import { lambdaRuntime } from "./runtime";

type AsyncEvent = z.output<(typeof lambdaInvokeAsync)["schema"]>;

const DEFAULT_RETRY_ATTEMPTS = 2;
const DEFAULT_MAX_EVENT_AGE_SECONDS = 21_600;
/** A throttled event waits this long (doubling per throttle, capped) before it tries again. */
const THROTTLE_DELAY_SECONDS = [1, 2, 4, 8, 16, 32, 60];
/** AWS truncates the DLQ message's ErrorMessage attribute. */
const MAX_ERROR_MESSAGE = 1024;

async function requeue(db: Db, resolved: ResolvedFunction, event: AsyncEvent, delaySeconds: number): Promise<void> {
  await enqueueOutbox(db, { accountId: resolved.accountId, region: resolved.region, job: ASYNC_INVOKE_JOB, payload: event, delaySeconds });
}

function errorMessageOf(payload: Buffer): string {
  const text = payload.toString("utf8");
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && "errorMessage" in parsed) return String(parsed.errorMessage).slice(0, MAX_ERROR_MESSAGE);
  } catch {
    // Not an error document: the raw text is the message.
  }
  return text.slice(0, MAX_ERROR_MESSAGE);
}

/**
 * Sends the outcome to the destination and a failure to the dead-letter target, each on its own (one that
 * fails does not stop the other). A failure is then thrown: a transient one for the job to be retried, else
 * (a send the execution role may not make) one that fails the job for good and is recorded with it.
 */
async function report(db: Db, resolved: ResolvedFunction, event: AsyncEvent, condition: DestinationCondition, outcome?: ExecuteOutcome): Promise<void> {
  const settings = resolved.eventInvokeConfig;
  const destination = condition === "Success" ? settings?.onSuccessDestination : settings?.onFailureDestination;
  const config = outcome?.config ?? resolved.config;
  const role = functionRole(config.role, resolved.functionName, resolved.region);
  const delivery = { db, accountId: resolved.accountId, role, iam: serviceDecisions(), requestId: event.requestId };
  const payload = Buffer.from(event.payload, "base64");
  const failures: unknown[] = [];
  const attempt = (send: Promise<void>) => send.catch((error: unknown) => void failures.push(error));
  if (destination) {
    const record = invocationRecord({
      requestId: event.requestId,
      functionArn: event.qualifier || resolved.alias ? resolved.functionArn : `${resolved.unqualifiedArn}:$LATEST`,
      condition,
      approximateInvokeCount: event.attempt,
      requestPayload: payload,
      response: outcome && { executedVersion: outcome.executedVersion, functionError: outcome.result.functionError, payload: outcome.result.payload },
    });
    await attempt(deliver(delivery, destination, record));
  }
  if (condition !== "Success" && config.deadLetterTargetArn) {
    await attempt(
      deliver(delivery, config.deadLetterTargetArn, payload.toString("utf8"), {
        RequestID: { DataType: "String", StringValue: event.requestId },
        ErrorCode: { DataType: "Number", StringValue: "200" },
        ErrorMessage: { DataType: "String", StringValue: outcome ? errorMessageOf(outcome.result.payload) : "Event age exceeded" },
      }),
    );
  }
  const [first] = failures;
  if (first !== undefined) throw failures.find((error) => !(error instanceof UnrecoverableError)) ?? first;
}

export async function runAsyncInvocation(db: Db, region: string, event: AsyncEvent): Promise<void> {
  const { executor } = lambdaRuntime();
  const input = { ...event, region, payload: Buffer.from(event.payload, "base64"), invocationType: "Event" as const, enqueuedAt: new Date(event.enqueuedAt) };
  let resolved: ResolvedFunction;
  try {
    resolved = await executor.resolve(input);
  } catch (error) {
    // The function (or the caller's right to it) is gone: Lambda discards such events.
    if (isAwsError(error) && (error.code === "ResourceNotFoundException" || error.code === "AccessDeniedException")) {
      console.warn(`lambda: dropping event ${event.requestId} for ${event.functionName}: ${error.message}`);
      return;
    }
    throw error;
  }
  const maxAgeMs = (resolved.eventInvokeConfig?.maximumEventAgeInSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS) * 1000;
  if (Date.now() - event.enqueuedAt > maxAgeMs) return report(db, resolved, event, "EventAgeExceeded");

  let outcome: ExecuteOutcome;
  try {
    outcome = await executor.execute(input, { resolved });
  } catch (error) {
    if (isAwsError(error) && error.code === "TooManyRequestsException") {
      const throttles = (event.throttles ?? 0) + 1;
      return requeue(db, resolved, { ...event, throttles }, THROTTLE_DELAY_SECONDS[Math.min(throttles, THROTTLE_DELAY_SECONDS.length) - 1]!);
    }
    throw error;
  }
  if (!outcome.result.functionError) return report(db, resolved, event, "Success", outcome);
  const retries = resolved.eventInvokeConfig?.maximumRetryAttempts ?? DEFAULT_RETRY_ATTEMPTS;
  if (event.attempt <= retries) {
    const delays = env().STRATUS_LAMBDA_RETRY_DELAYS_SECONDS;
    return requeue(db, resolved, { ...event, attempt: event.attempt + 1 }, delays[Math.min(event.attempt, delays.length) - 1]!);
  }
  await report(db, resolved, event, "RetriesExhausted", outcome);
}
