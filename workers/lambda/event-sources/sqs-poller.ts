/**
 * One poller of an SQS event source mapping. It gathers a batch (long polls, up to the batch size and
 * within the batching window), deletes the messages no filter matches, invokes the function
 * synchronously and settles the batch as Lambda does: deleted on success; on a function error left to
 * reappear after the queue's visibility timeout (so its redrive policy moves them to the dead-letter
 * queue after maxReceiveCount); with ReportBatchItemFailures all but the reported ones deleted; released
 * at once when the function is throttled, while this poller backs off.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../../server/db/client";
import { isAwsError } from "../../../server/errors";
import type { Logger } from "../../../server/outbox/log";
import type { CallContext } from "../../../server/services/context";
import { type MappingRow, REPORT_BATCH_ITEM_FAILURES } from "../../../server/services/lambda/event-source-mappings/model";
import { accountLimits } from "../../../server/services/lambda/limits";
import { parseQueueArn, queueUrl } from "../../../server/services/sqs/addressing";
import type { ReceivedMessage } from "../../../server/services/sqs/received-message";
import { receiveMessage } from "../../../server/services/sqs/receive";
import { changeMessageVisibilityBatch, deleteMessageBatch } from "../../../server/services/sqs/settle";
import { executionRolePrincipal } from "../destinations";
import type { ExecuteOutcome } from "../executor";
import { failedItems } from "./batch-item-failures";
import { recordFilter } from "./filters";
import { fitPayload, invokeWithRecords, isThrottle, resolveTarget } from "./invocation";
import { backoffMs, pause, UNAVAILABLE_MS } from "./pacing";
import type { PollerDeps, PollerEnd } from "./poller";
import { filterSubject, type SqsEventRecord, sqsRecord } from "./sqs-event";

type Step = "processed" | "idle" | "over-cap" | "throttled" | "failed" | { unavailable: string };

const MAX_WAIT_SECONDS = 20;
const SQS_RECEIVE_MAX = 10;

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
  // A long poll outlasts a policy change: what it brought back waits for the role to be allowed again.
  const again = await resolveTarget(deps, mapping);
  if ("unavailable" in again) {
    await queue.release(records);
    return again;
  }
  if (gathered.backlog) deps.scaleUp(cap);

  // Lambda deletes the messages no filter matches.
  const passes = recordFilter(mapping);
  const matches = (r: SqsEventRecord) => passes(filterSubject(r));
  await queue.delete(records.filter((r) => !matches(r)));
  const [batch, overflow] = fitPayload(records.filter(matches), (r) => Buffer.byteLength(JSON.stringify(r)));
  await queue.release(overflow);
  if (batch.length === 0) return "processed";

  let outcome: ExecuteOutcome;
  try {
    outcome = await invokeWithRecords(deps.executor, mapping, resolved, batch);
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
    else if (step === "throttled" || step === "failed") await pause(backoffMs(backoffs++), deps.signal);
    else if (step === "processed") backoffs = 0;
  }
  return "stopped";
}
