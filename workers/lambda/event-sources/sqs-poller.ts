/**
 * One poller of an SQS event source mapping. It gathers a batch (long polls, up to the batch size and
 * within the batching window), deletes the messages no filter matches, invokes the function
 * synchronously and settles the batch as Lambda does: deleted on success; on a function error left to
 * reappear after the queue's visibility timeout (so its redrive policy moves them to the dead-letter
 * queue after maxReceiveCount); with ReportBatchItemFailures all but the reported ones deleted; released
 * at once when the function is throttled, while this poller backs off.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { PrismaClient } from "../../../server/db/client";
import { isAwsError } from "../../../server/errors";
import type { Logger } from "../../../server/outbox/log";
import type { CallContext, Principal } from "../../../server/services/context";
import { matchesPattern, parsePattern, type Pattern } from "../../../server/services/lambda/event-source-mappings/filter-patterns";
import { eventSourceMappingArn, type MappingRow, REPORT_BATCH_ITEM_FAILURES } from "../../../server/services/lambda/event-source-mappings/model";
import { SYNC_PAYLOAD_BYTES } from "../../../server/services/lambda/invocation/invoke";
import { accountLimits } from "../../../server/services/lambda/limits";
import type { ResolvedFunction } from "../../../server/services/lambda/resolve";
import { parseQueueArn, queueUrl } from "../../../server/services/sqs/addressing";
import type { ReceivedMessage } from "../../../server/services/sqs/received-message";
import { receiveMessage } from "../../../server/services/sqs/receive";
import { changeMessageVisibilityBatch, deleteMessageBatch } from "../../../server/services/sqs/settle";
import { executionRolePrincipal } from "../destinations";
import type { LambdaExecutor } from "../executor";
import { PoolCapacityError } from "../pool";
import { failedItems, filterSubject, type SqsEventRecord, sqsRecord } from "./sqs-event";

export interface PollerDeps {
  db: PrismaClient;
  executor: LambdaExecutor;
  logger: Logger;
  slot: number;
  /** Aborted when the poller should stop; a batch being invoked is still settled. */
  signal: AbortSignal;
  /** The mapping as last loaded: changes apply from the next batch. */
  mapping(): MappingRow;
  /** The queue has a backlog: more pollers would help, up to `cap`. */
  scaleUp(cap: number): void;
}

/** Why a poller stopped: its slot (above the first) found nothing to do, or exceeds the mapping's concurrency. */
export type PollerEnd = "idle" | "over-cap" | "stopped";

type Step = "processed" | "idle" | "over-cap" | "throttled" | "failed" | { unavailable: string };

const MAX_WAIT_SECONDS = 20;
const SQS_RECEIVE_MAX = 10;
/** How long a mapping whose function or queue is missing (or that may not run at all) waits before it looks again. */
const UNAVAILABLE_MS = 5_000;
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];

/** Waits `ms`, or less when the poller is stopped. */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal }).catch((error: unknown) => {
    if (!signal.aborted) throw error;
  });
}

/** The mapping invokes its function (CloudTrail shows Lambda's own service; here the mapping's ARN). */
function mappingPrincipal(mapping: MappingRow): Principal {
  return { accountId: mapping.accountId, arn: eventSourceMappingArn(mapping.region, mapping.accountId, mapping.uuid), userId: mapping.uuid, role: "developer" };
}

const isThrottle = (error: unknown) => (isAwsError(error) && error.code === "TooManyRequestsException") || error instanceof PoolCapacityError;

/** The mapping's queue, read as the function's execution role. */
class SourceQueue {
  readonly #url: string;

  constructor(
    private readonly db: PrismaClient,
    private readonly ctx: CallContext,
    private readonly logger: Logger,
    mapping: MappingRow,
  ) {
    const address = parseQueueArn(mapping.eventSourceArn);
    if (!address) throw new Error(`Event source mapping ${mapping.uuid} names no queue: ${mapping.eventSourceArn}`);
    this.#url = queueUrl({}, address);
  }

  async receive(max: number, waitSeconds: number): Promise<ReceivedMessage[]> {
    const { Messages = [] } = await receiveMessage(this.db, this.ctx, {
      QueueUrl: this.#url,
      MaxNumberOfMessages: max,
      WaitTimeSeconds: waitSeconds,
      MessageSystemAttributeNames: ["All"],
      MessageAttributeNames: ["All"],
    });
    return Messages;
  }

  async delete(records: readonly SqsEventRecord[]): Promise<void> {
    await this.#settle(records, "delete", (Entries) => deleteMessageBatch(this.db, this.ctx, { QueueUrl: this.#url, Entries }));
  }

  /** Visible again at once, for another poller (or this one, after backing off). */
  async release(records: readonly { receiptHandle: string }[]): Promise<void> {
    await this.#settle(records, "release", (Entries) =>
      changeMessageVisibilityBatch(this.db, this.ctx, { QueueUrl: this.#url, Entries: Entries.map((e) => ({ ...e, VisibilityTimeout: 0 })) }),
    );
  }

  async #settle(
    records: readonly { receiptHandle: string }[],
    what: string,
    send: (entries: { Id: string; ReceiptHandle: string }[]) => Promise<{ Failed: { Id: string; Code: string; Message: string }[] }>,
  ): Promise<void> {
    for (let i = 0; i < records.length; i += SQS_RECEIVE_MAX) {
      const entries = records.slice(i, i + SQS_RECEIVE_MAX).map((r, j) => ({ Id: String(j), ReceiptHandle: r.receiptHandle }));
      const { Failed } = await send(entries);
      // A handle can lapse when the function outran the visibility timeout: the message comes back, as on AWS.
      for (const failure of Failed) this.logger.warn(`lambda: could not ${what} a message of ${this.#url}: ${failure.Code}: ${failure.Message}`);
    }
  }
}

/** Up to the batch size, within the batching window; `backlog` when the last receive came back full. */
async function gather(queue: SourceQueue, mapping: MappingRow, signal: AbortSignal): Promise<{ messages: ReceivedMessage[]; backlog: boolean }> {
  const messages: ReceivedMessage[] = [];
  let backlog = false;
  let deadline: number | undefined;
  while (messages.length < mapping.batchSize && !signal.aborted) {
    const remainingMs = deadline === undefined ? MAX_WAIT_SECONDS * 1000 : deadline - Date.now();
    if (remainingMs <= 0) break;
    const max = Math.min(SQS_RECEIVE_MAX, mapping.batchSize - messages.length);
    const received = await queue.receive(max, Math.min(MAX_WAIT_SECONDS, Math.ceil(remainingMs / 1000)));
    messages.push(...received);
    backlog = received.length === max;
    // Without a batching window Lambda invokes with whatever one receive returned.
    if (messages.length === 0 || mapping.maximumBatchingWindowInSeconds === 0) break;
    deadline ??= Date.now() + mapping.maximumBatchingWindowInSeconds * 1000;
  }
  return { messages, backlog };
}

function compiledFilters(mapping: MappingRow): Pattern[] {
  return mapping.filterPatterns.map((source) => {
    const pattern = parsePattern(source);
    // CreateEventSourceMapping and UpdateEventSourceMapping refuse invalid patterns.
    if (!pattern) throw new Error(`Event source mapping ${mapping.uuid} has an invalid filter pattern`);
    return pattern;
  });
}

/** The records that fit one synchronous invocation's payload, and the rest. */
function fitPayload(records: SqsEventRecord[]): [SqsEventRecord[], SqsEventRecord[]] {
  let size = '{"Records":[]}'.length;
  let count = 0;
  for (const record of records) {
    size += Buffer.byteLength(JSON.stringify(record)) + (count > 0 ? 1 : 0);
    if (size > SYNC_PAYLOAD_BYTES && count > 0) break;
    count++;
  }
  return [records.slice(0, count), records.slice(count)];
}

async function resolveTarget(deps: PollerDeps, mapping: MappingRow): Promise<ResolvedFunction | { unavailable: string }> {
  try {
    return await deps.executor.resolve({ requestId: randomUUID(), caller: mappingPrincipal(mapping), region: mapping.region, functionName: mapping.functionArn });
  } catch (error) {
    if (isAwsError(error) && (error.code === "ResourceNotFoundException" || error.code === "AccessDeniedException")) return { unavailable: error.message };
    throw error;
  }
}

async function pollOnce(deps: PollerDeps): Promise<Step> {
  const mapping = deps.mapping();
  const resolved = await resolveTarget(deps, mapping);
  if ("unavailable" in resolved) return resolved;
  const cap = Math.min(mapping.maximumConcurrency ?? Infinity, resolved.reservedConcurrency ?? Infinity, accountLimits().concurrentExecutions);
  if (deps.slot >= cap) return "over-cap";

  const principal = executionRolePrincipal(mapping.accountId, resolved.config.role, resolved.functionName);
  const ctx: CallContext = { accountId: mapping.accountId, region: mapping.region, principal, requestId: randomUUID(), source: "gateway", signal: deps.signal };
  const queue = new SourceQueue(deps.db, ctx, deps.logger, mapping);
  let gathered: Awaited<ReturnType<typeof gather>>;
  try {
    gathered = await gather(queue, mapping, deps.signal);
  } catch (error) {
    if (isAwsError(error) && error.code === "QueueDoesNotExist") return { unavailable: `${mapping.eventSourceArn}: ${error.message}` };
    throw error;
  }
  const records = gathered.messages.map((m) => sqsRecord(m, { arn: mapping.eventSourceArn, region: mapping.region }));
  if (records.length === 0) return "idle";
  if (deps.signal.aborted) {
    await queue.release(records);
    return "processed";
  }
  if (gathered.backlog) deps.scaleUp(cap);

  // Lambda deletes the messages no filter matches.
  const filters = compiledFilters(mapping);
  const matches = (r: SqsEventRecord) => filters.length === 0 || filters.some((p) => matchesPattern(p, filterSubject(r)));
  await queue.delete(records.filter((r) => !matches(r)));
  const [batch, overflow] = fitPayload(records.filter(matches));
  await queue.release(overflow);
  if (batch.length === 0) return "processed";

  let outcome: Awaited<ReturnType<LambdaExecutor["execute"]>>;
  try {
    outcome = await deps.executor.execute(
      {
        requestId: randomUUID(),
        caller: mappingPrincipal(mapping),
        region: mapping.region,
        functionName: mapping.functionArn,
        payload: Buffer.from(JSON.stringify({ Records: batch })),
        invocationType: "EventSourceMapping",
      },
      { resolved },
    );
  } catch (error) {
    await queue.release(batch);
    if (isThrottle(error)) return "throttled";
    throw error;
  }
  if (outcome.result.functionError) return "processed";
  const failed = mapping.functionResponseTypes.includes(REPORT_BATCH_ITEM_FAILURES)
    ? failedItems(outcome.result.payload, new Set(batch.map((r) => r.messageId)))
    : new Set<string>();
  if (failed !== "all") await queue.delete(batch.filter((r) => !failed.has(r.messageId)));
  return "processed";
}

/** Polls until stopped; a poller above the first also ends when it finds nothing to do. */
export async function runSqsPoller(deps: PollerDeps): Promise<PollerEnd> {
  const label = `lambda: event source mapping ${deps.mapping().uuid} (poller ${deps.slot})`;
  let problem: string | undefined;
  let backoffs = 0;
  while (!deps.signal.aborted) {
    let step: Step;
    try {
      step = await pollOnce(deps);
    } catch (error) {
      deps.logger.error(`${label}: batch failed:`, error);
      step = "failed";
    }
    if (deps.signal.aborted) break;
    if (typeof step === "object") {
      // Said once per problem, not once per retry.
      if (step.unavailable !== problem) deps.logger.warn(`${label}: cannot process: ${step.unavailable}`);
      problem = step.unavailable;
      await pause(UNAVAILABLE_MS, deps.signal);
      continue;
    }
    if (problem !== undefined) deps.logger.info(`${label}: processing again`);
    problem = undefined;
    if ((step === "over-cap" || step === "idle") && deps.slot > 0) return step;
    // The first poller stays: with no concurrency to use (reserved concurrency 0) it only looks again later.
    if (step === "over-cap") await pause(UNAVAILABLE_MS, deps.signal);
    else if (step === "throttled" || step === "failed") await pause(BACKOFF_MS[Math.min(backoffs++, BACKOFF_MS.length - 1)]!, deps.signal);
    else if (step === "processed") backoffs = 0;
  }
  return "stopped";
}
