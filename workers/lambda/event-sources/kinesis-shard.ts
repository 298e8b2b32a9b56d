/**
 * One shard of a Kinesis mapping's stream: reads it in order (readShard, not charged to the shard's
 * read throughput, as AWS does not charge Lambda's polling against other readers), hands each record that
 * passes the filters to its lane (ParallelizationFactor lanes, by partition key hash, so one key's
 * records keep their order), and checkpoints the lanes' progress in Postgres as they go. Reading
 * pauses while the lanes hold enough, and an idle shard is read again when the shard watch sees a put
 * (or after a second). A closed shard is done once read to its end and every lane has drained.
 */
import { createHash } from "node:crypto";
import { isAwsError } from "../../../server/errors";
import { coalesced } from "../../../server/lib/coalesced";
import { type KinesisRecordOutput, readShard } from "../../../server/services/kinesis/get-records";
import { type IteratorPosition, positionAt, type StartingPosition } from "../../../server/services/kinesis/iterators";
import { arnOf, shardIdOf, type ShardRecord, type StreamRecord } from "../../../server/services/kinesis/model";
import { decodeSequenceNumber } from "../../../server/services/kinesis/sequence-numbers";
import {
  beginShard,
  type MappingScope,
  resetLanes,
  saveLanes,
  type ShardProgress,
} from "../../../server/services/lambda/event-source-mappings/stream-progress";
import { recordFilter } from "./filters";
import { filterSubject } from "./kinesis-event";
import { Lane, type LaneHost } from "./kinesis-lane";
import type { ShardWatch } from "./kinesis-shard-watch";
import { backoffMs, pause } from "./pacing";
import type { PollerDeps } from "./poller";
import { Wakeup } from "./wakeup";

/** An idle shard is read at least this often, should the watch miss a put. */
const IDLE_READ_MS = 1_000;
/** What a shard's lanes may hold between them before reading waits: enough for every lane's next batch. */
const MAX_BUFFERED_RECORDS = 20_000;
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
const MAX_READ_RECORDS = 10_000;

export interface KinesisPollerDeps extends PollerDeps {
  shardWatch: ShardWatch;
}

export interface ShardRun {
  deps: KinesisPollerDeps;
  signal: AbortSignal;
  scope: MappingScope;
  stream: StreamRecord;
  shard: ShardRecord;
  /** What is stored for the shard, if the mapping has been in it before. */
  progress: ShardProgress | undefined;
  lanes: number;
  report(result: string): void;
}

/** finished: read to its end and drained; stopped: the poller stopped (or its lanes changed); gone: the shard no longer exists. */
export type ShardEnd = "finished" | "stopped" | "gone";

/** The lane of a partition key: its MD5, as Kinesis hashes keys, spread over the lanes. */
function laneOf(partitionKey: string, lanes: number): number {
  if (lanes === 1) return 0;
  return createHash("md5").update(partitionKey, "utf8").digest().readUInt32BE(0) % lanes;
}

const counterOf = (record: KinesisRecordOutput): bigint => {
  const decoded = decodeSequenceNumber(record.SequenceNumber);
  if (!decoded) throw new Error(`Not a Kinesis sequence number: ${record.SequenceNumber}`);
  return decoded.counter;
};

/** Where a shard the mapping has not been in starts: LATEST shards were all recorded when the mapping was created, so a later one (a child) starts at its beginning. */
async function startingCounter(run: ShardRun): Promise<bigint> {
  const mapping = run.deps.mapping();
  const at = mapping.startingPositionTimestamp;
  const start: StartingPosition =
    mapping.startingPosition === "AT_TIMESTAMP" && at
      ? { ShardIteratorType: "AT_TIMESTAMP", Timestamp: new Date(Math.min(at.getTime(), Date.now())) }
      : { ShardIteratorType: "TRIM_HORIZON" };
  return (await positionAt(run.deps.db, run.stream, run.shard, start)).after;
}

/** The lanes' stored progress; a row written for another ParallelizationFactor restarts every lane where its slowest one was. */
async function startingLanes(run: ShardRun): Promise<bigint[]> {
  const progress = run.progress ?? (await beginShard(run.scope, run.shard, Array<bigint>(run.lanes).fill(await startingCounter(run))));
  if (progress.laneAfter.length === run.lanes) return progress.laneAfter;
  const slowest = progress.laneAfter.reduce((a, b) => (a < b ? a : b));
  const laneAfter = Array<bigint>(run.lanes).fill(slowest);
  await resetLanes(run.scope, run.shard.id, laneAfter);
  return laneAfter;
}

export async function processShard(run: ShardRun): Promise<ShardEnd> {
  return new ShardProcessor(run, await startingLanes(run)).run();
}

class ShardProcessor implements LaneHost {
  readonly deps: KinesisPollerDeps;
  readonly signal: AbortSignal;
  readonly shardId: string;
  readonly streamArn: string;
  readonly retentionHours: number;
  readUpTo: bigint;
  ended = false;
  readonly #controller = new AbortController();
  readonly #lanes: Lane[];
  /** Lanes took records: there may be room to read. */
  readonly #room = new Wakeup();
  /** The watch saw the shard move. */
  readonly #arrivals = new Wakeup();
  /** The shard's last counter as the watch last saw it, and up to where an empty read showed the records expired. */
  #latest = 0n;
  #quietUpTo = 0n;
  /** The lanes' progress as last written, so that an idle shard writes nothing. */
  #saved: string;
  readonly #saving = coalesced(
    () => this.#save(false),
    (error: unknown) => this.deps.logger.error(`lambda: event source mapping ${this.task.scope.uuid} (${this.shardId}): checkpoint failed:`, error),
  );

  constructor(
    private readonly task: ShardRun,
    laneAfter: readonly bigint[],
  ) {
    this.deps = task.deps;
    this.signal = AbortSignal.any([task.signal, this.#controller.signal]);
    this.shardId = shardIdOf(task.shard.shardIndex);
    this.streamArn = arnOf(task.stream);
    this.retentionHours = task.stream.retentionHours;
    this.readUpTo = laneAfter.reduce((a, b) => (a < b ? a : b));
    this.#lanes = laneAfter.map((after) => new Lane(this, after));
    this.#saved = laneAfter.join();
  }

  report(result: string): void {
    this.task.report(result);
  }

  progressed(): void {
    this.#saving.wake();
    this.#room.notify();
  }

  async run(): Promise<ShardEnd> {
    const base = await positionAt(this.deps.db, this.task.stream, this.task.shard, { ShardIteratorType: "TRIM_HORIZON" });
    const lanes = this.#lanes.map((lane) => lane.run());
    // Reading never throws (it retries what fails), so the lanes are always stopped or drained below.
    const end = await this.#read(base);
    if (end === "finished") {
      this.ended = true;
      for (const lane of this.#lanes) lane.nudge();
    } else {
      this.#controller.abort();
    }
    const drained = (await Promise.all(lanes)).every(Boolean);
    await this.#saving.stop();
    await this.#save(end === "finished" && drained);
    return end === "finished" && !drained ? "stopped" : end;
  }

  async #read(base: IteratorPosition): Promise<ShardEnd> {
    const { shard } = this.task;
    const unwatch = this.deps.shardWatch.watch({
      id: shard.id,
      accountId: this.task.scope.accountId,
      region: this.task.scope.region,
      readUpTo: () => (this.#quietUpTo > this.readUpTo ? this.#quietUpTo : this.readUpTo),
      wake: (lastSequence) => {
        if (lastSequence !== undefined) this.#latest = lastSequence;
        this.#arrivals.notify();
      },
    });
    try {
      let failures = 0;
      while (!this.signal.aborted) {
        const room = this.#readable();
        if (room <= 0) {
          await this.#room.wait(this.signal);
          continue;
        }
        const latest = this.#latest;
        let idle: boolean;
        try {
          const page = await readShard({ ...base, after: this.readUpTo }, { limit: room, charge: false });
          failures = 0;
          this.#distribute(page.records);
          if (!page.next) return "finished";
          idle = page.records.length === 0;
        } catch (error) {
          if (isAwsError(error) && error.code === "ResourceNotFoundException") return "gone";
          this.deps.logger.error(`lambda: event source mapping ${this.task.scope.uuid} (${this.shardId}): reading the shard failed:`, error);
          await pause(backoffMs(failures++), this.signal);
          continue;
        }
        if (idle) {
          // What the watch saw before this read and the read did not return has passed the retention period.
          this.#quietUpTo = latest;
          await this.#arrivals.wait(this.signal, IDLE_READ_MS);
        }
      }
      return "stopped";
    } finally {
      unwatch();
    }
  }

  /** How many records may be read now. */
  #readable(): number {
    const mapping = this.deps.mapping();
    const records = this.#lanes.reduce((n, lane) => n + lane.pendingCount, 0);
    const bytes = this.#lanes.reduce((n, lane) => n + lane.pendingBytes, 0);
    if (bytes >= MAX_BUFFERED_BYTES) return 0;
    const cap = Math.min(MAX_BUFFERED_RECORDS, 2 * mapping.batchSize * this.#lanes.length);
    return Math.min(MAX_READ_RECORDS, cap - records);
  }

  /** Records of one read, in order, to their lanes; then every lane knows the shard has been read this far. */
  #distribute(records: readonly KinesisRecordOutput[]): void {
    const passes = recordFilter(this.deps.mapping());
    const readAt = Date.now();
    for (const record of records) {
      const counter = counterOf(record);
      if (passes(filterSubject(record))) this.#lanes[laneOf(record.PartitionKey, this.#lanes.length)]!.offer({ record, counter, readAt });
      this.readUpTo = counter;
    }
    this.progressed();
  }

  async #save(finished: boolean): Promise<void> {
    const laneAfter = this.#lanes.map((lane) => lane.progress);
    const key = laneAfter.join();
    if (key === this.#saved && !finished) return;
    await saveLanes(this.task.scope, this.task.shard.id, laneAfter, finished);
    this.#saved = key;
  }
}
