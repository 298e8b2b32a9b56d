/**
 * One lane of a Kinesis shard: the shard's records whose partition keys hash to it, processed one batch
 * at a time and in order, as Lambda does. A batch is gathered up to BatchSize within the batching
 * window and the synchronous payload limit, then invoked until it is dealt with: on success; after
 * MaximumRetryAttempts failed retries or once its records are older than MaximumRecordAgeInSeconds
 * (then they are discarded, and the on-failure destination told); bisected on a function error when
 * BisectBatchOnFunctionError is set (which costs no retry); resumed from the lowest sequence number a
 * ReportBatchItemFailures answer names. Throttles never reached the function and cost no retry.
 * Until its batch is dealt with, nothing after it in the lane runs.
 */
import { randomUUID } from "node:crypto";
import type { KinesisRecordOutput } from "../../../server/services/kinesis/get-records";
import { type MappingRow, REPORT_BATCH_ITEM_FAILURES } from "../../../server/services/lambda/event-source-mappings/model";
import { functionRole } from "../../../server/services/lambda/execution-role";
import { SYNC_PAYLOAD_BYTES } from "../../../server/services/lambda/invocation/invoke";
import type { ResolvedFunction } from "../../../server/services/lambda/resolve";
import { deliver } from "../destinations";
import type { ExecuteOutcome } from "../executor";
import { failedItems } from "./batch-item-failures";
import { kinesisRecord } from "./kinesis-event";
import { type DiscardedBatch, kinesisFailureRecord } from "./kinesis-failure-record";
import { fitPayload, invokeWithRecords, isThrottle, resolveTarget } from "./invocation";
import { backoffMs, pause, UNAVAILABLE_MS } from "./pacing";
import type { PollerDeps } from "./poller";
import { Wakeup } from "./wakeup";

export interface PendingRecord {
  record: KinesisRecordOutput;
  /** The record's counter within the shard. */
  counter: bigint;
  /** When this poller read it (the batching window counts from the first record of a batch). */
  readAt: number;
}

/** What a lane needs of its shard. */
export interface LaneHost {
  readonly deps: PollerDeps;
  readonly signal: AbortSignal;
  readonly shardId: string;
  readonly streamArn: string;
  readonly retentionHours: number;
  /** The counter the shard has been read up to: a lane with nothing pending is done up to it. */
  readonly readUpTo: bigint;
  /** The shard is closed and read to its end. */
  readonly ended: boolean;
  /** LastProcessingResult. */
  report(result: string): void;
  /** The lane's progress moved, or it took records off its buffer. */
  progressed(): void;
}

/** How one invocation went for the records it carried. */
type Verdict = { ok: true } | { ok: false; from: number; bisectable: boolean };

const recordBytes = (record: KinesisRecordOutput) => record.Data.length + Buffer.byteLength(record.PartitionKey);

export class Lane {
  /** Read, passed the filters, not yet in a batch. */
  readonly #pending: PendingRecord[] = [];
  #pendingBytes = 0;
  /** The batch being dealt with: its parts in order (a bisected batch has several), the first being invoked. */
  #batch: PendingRecord[][] = [];
  /** Of the batch's first part: its invocations, its failed retries, and how many times it has backed off (failures and throttles). */
  #tries = { invocations: 0, retries: 0, backoffs: 0 };
  readonly #arrivals = new Wakeup();

  /** @param floor every record of the lane up to this counter was dealt with before this poller started. */
  constructor(
    private readonly host: LaneHost,
    private readonly floor: bigint,
  ) {}

  /** Every record of the lane up to this counter has been dealt with. */
  get progress(): bigint {
    const next = this.#batch[0]?.[0] ?? this.#pending[0];
    const done = next ? next.counter - 1n : this.host.readUpTo;
    return done > this.floor ? done : this.floor;
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  /** A record read from the shard that belongs to this lane and passed the mapping's filters. */
  offer(pending: PendingRecord): void {
    if (pending.counter <= this.floor) return;
    this.#pending.push(pending);
    this.#pendingBytes += recordBytes(pending.record);
    this.#arrivals.notify();
  }

  /** The shard has news for waiting lanes: it ended, or the poller is stopping. */
  nudge(): void {
    this.#arrivals.notify();
  }

  /** Processes batches until the shard has ended and the lane is drained (true), or the poller stops (false). */
  async run(): Promise<boolean> {
    const { signal, deps } = this.host;
    let failures = 0;
    while (!signal.aborted) {
      try {
        if (this.#batch.length === 0 && !(await this.#gather())) return !signal.aborted;
        await this.#settleBatch();
        failures = 0;
      } catch (error) {
        // The batch stays where it is: the next pass takes it up again.
        deps.logger.error(`lambda: event source mapping ${deps.mapping().uuid} (${this.host.shardId}): batch failed:`, error);
        await pause(backoffMs(failures++), signal);
      }
    }
    return false;
  }

  /** Waits for a batch (up to BatchSize, within the batching window) and makes it the lane's batch; false when there will be none. */
  async #gather(): Promise<boolean> {
    const { signal } = this.host;
    for (;;) {
      if (signal.aborted) return false;
      const mapping = this.host.deps.mapping();
      if (this.#pending.length === 0) {
        if (this.host.ended) return false;
        await this.#arrivals.wait(signal);
        continue;
      }
      const windowMs = mapping.maximumBatchingWindowInSeconds * 1000;
      const due = this.#pending[0]!.readAt + windowMs;
      const full = this.#pending.length >= mapping.batchSize || this.#pendingBytes >= SYNC_PAYLOAD_BYTES;
      if (full || this.host.ended || Date.now() >= due) break;
      await this.#arrivals.wait(signal, due - Date.now());
    }
    const batch = this.#pending.splice(0, this.host.deps.mapping().batchSize);
    for (const pending of batch) this.#pendingBytes -= recordBytes(pending.record);
    this.#batch = [batch];
    this.#tries = { invocations: 0, retries: 0, backoffs: 0 };
    this.host.progressed();
    return true;
  }

  /** Invokes the batch (and its parts) until it is dealt with, or the poller stops. */
  async #settleBatch(): Promise<void> {
    const { signal, deps } = this.host;
    while (this.#batch.length > 0 && !signal.aborted) {
      const mapping = deps.mapping();
      const resolved = await resolveTarget(deps, mapping);
      if ("unavailable" in resolved) {
        this.host.report(`PROBLEM: ${resolved.unavailable}`);
        await pause(UNAVAILABLE_MS, signal);
        continue;
      }
      const expired = this.#expiredPrefix(mapping);
      if (expired > 0) {
        const records = this.#batch[0]!.slice(0, expired);
        const discarded = await this.#discard(mapping, resolved, {
          condition: "RecordAgeExceeded",
          requestId: randomUUID(),
          approximateInvokeCount: Math.max(1, this.#tries.invocations),
          records: records.map((p) => p.record),
        });
        if (discarded) this.#done(expired);
        continue;
      }
      await this.#invoke(mapping, resolved);
    }
  }

  /** One invocation of the batch's first part, and what follows from its outcome. */
  async #invoke(mapping: MappingRow, resolved: ResolvedFunction): Promise<void> {
    const { deps, signal } = this.host;
    const part = this.#batch[0]!;
    const source = { shardId: this.host.shardId, streamArn: this.host.streamArn, region: mapping.region, roleArn: resolved.config.role };
    const [carried] = fitPayload(
      part.map((p) => kinesisRecord(p.record, source)),
      (event) => Buffer.byteLength(JSON.stringify(event)),
    );
    if (carried.length < part.length) this.#batch.splice(0, 1, part.slice(0, carried.length), part.slice(carried.length));
    const current = this.#batch[0]!;
    const requestId = randomUUID();
    let outcome: ExecuteOutcome;
    try {
      outcome = await invokeWithRecords(deps.executor, mapping, resolved, carried, requestId);
    } catch (error) {
      if (!isThrottle(error)) throw error;
      await pause(backoffMs(this.#tries.backoffs++), signal);
      return;
    }
    this.#tries.invocations++;
    const verdict = this.#verdict(mapping, outcome, current);
    if (verdict.ok) {
      this.host.report("OK");
      this.#done(current.length);
      return;
    }
    this.host.report("PROBLEM: Function call failed");
    // The records before the lowest reported failure went through.
    if (verdict.from > 0) this.#done(verdict.from);
    const failing = this.#batch[0]!;
    if (verdict.bisectable && mapping.bisectBatchOnFunctionError && failing.length > 1) {
      // Bisecting costs no retry: each half starts afresh.
      const half = Math.ceil(failing.length / 2);
      this.#batch.splice(0, 1, failing.slice(0, half), failing.slice(half));
      this.#tries = { invocations: 0, retries: 0, backoffs: 0 };
      return;
    }
    this.#tries.retries++;
    const maxRetries = mapping.maximumRetryAttempts ?? -1;
    if (maxRetries !== -1 && this.#tries.retries > maxRetries) {
      const discarded = await this.#discard(mapping, resolved, {
        condition: "RetryAttemptsExhausted",
        requestId,
        approximateInvokeCount: this.#tries.invocations,
        response: { executedVersion: outcome.executedVersion, functionError: outcome.result.functionError ?? null },
        records: failing.map((p) => p.record),
      });
      if (discarded) this.#done(failing.length);
      return;
    }
    await pause(backoffMs(this.#tries.backoffs++), signal);
  }

  /** Success, a function error, or (ReportBatchItemFailures) the position of the lowest failed record. */
  #verdict(mapping: MappingRow, outcome: ExecuteOutcome, part: readonly PendingRecord[]): Verdict {
    if (outcome.result.functionError) return { ok: false, from: 0, bisectable: true };
    if (!mapping.functionResponseTypes.includes(REPORT_BATCH_ITEM_FAILURES)) return { ok: true };
    const failed = failedItems(outcome.result.payload, new Set(part.map((p) => p.record.SequenceNumber)));
    // An answer AWS cannot read fails the whole batch, as a function error does.
    if (failed === "all") return { ok: false, from: 0, bisectable: true };
    if (failed.size === 0) return { ok: true };
    return { ok: false, from: part.findIndex((p) => failed.has(p.record.SequenceNumber)), bisectable: false };
  }

  /** How many records at the front of the batch's first part are too old to send (MaximumRecordAgeInSeconds, or the stream's retention). */
  #expiredPrefix(mapping: MappingRow): number {
    const retentionSeconds = this.host.retentionHours * 3600;
    const maxAge = mapping.maximumRecordAgeInSeconds ?? -1;
    const ageSeconds = maxAge === -1 ? retentionSeconds : Math.min(maxAge, retentionSeconds);
    const cutoff = Date.now() - ageSeconds * 1000;
    const part = this.#batch[0]!;
    const fresh = part.findIndex((p) => p.record.ApproximateArrivalTimestamp.getTime() >= cutoff);
    return fresh === -1 ? part.length : fresh;
  }

  /**
   * Sends the discarded records' invocation record to the on-failure destination, if there is one,
   * retrying until it is taken (the destination may be changed meanwhile); false if the poller stopped first.
   */
  async #discard(mapping: MappingRow, resolved: ResolvedFunction, batch: Omit<DiscardedBatch, "functionArn" | "shardId" | "streamArn">): Promise<boolean> {
    const { deps, signal } = this.host;
    const body = kinesisFailureRecord({ ...batch, functionArn: mapping.functionArn, shardId: this.host.shardId, streamArn: this.host.streamArn });
    const role = functionRole(resolved.config.role, resolved.functionName, mapping.region);
    for (let attempt = 0; !signal.aborted; attempt++) {
      const destination = deps.mapping().onFailureDestination;
      if (!destination) return true;
      try {
        await deliver({ db: deps.db, accountId: mapping.accountId, role, iam: deps.iam, requestId: batch.requestId }, destination, body);
        return true;
      } catch (error) {
        this.host.report(`PROBLEM: The on-failure record could not be sent to ${destination}`);
        deps.logger.warn(`lambda: event source mapping ${mapping.uuid}: sending the on-failure record to ${destination} failed:`, error);
        await pause(backoffMs(attempt), signal);
      }
    }
    return false;
  }

  /** The first `count` records of the batch's first part are dealt with; the retries of what is left of it go on. */
  #done(count: number): void {
    const rest = this.#batch[0]!.slice(count);
    if (rest.length > 0) {
      this.#batch[0] = rest;
    } else {
      this.#batch.shift();
      this.#tries = { invocations: 0, retries: 0, backoffs: 0 };
    }
    this.host.progressed();
  }
}
