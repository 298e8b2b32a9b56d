/**
 * PutRecord and PutRecords, the write hot path (raw pg): records are routed to the open shard whose hash
 * key range holds their key, admitted against that shard's write throughput, and stored with the next
 * counters of their shard in one statement.
 */
import type { Db } from "../../db/client";
import { pgPool } from "../../db/pool";
import type { CallContext } from "../context";
import { requireWriter } from "./access";
import { streamArn } from "./arns";
import { KinesisErrors, throughputExceededMessage } from "./errors";
import { MAX_HASH_KEY, recordHashKey } from "./hash-keys";
import { LIMITS, ON_DEMAND_WRITE_SCALE } from "./limits";
import { recordStreamMetrics } from "./metrics";
import { shardIdOf } from "./model";
import type { KinesisInput } from "./schemas";
import { decodeSequenceNumber, sequenceNumber } from "./sequence-numbers";
import { type Scope, streamNameOf } from "./store";
import { shardThroughput } from "./throughput";
import { checkStreamRef, PATTERNS, type Violations, violations } from "./validation";

export interface RecordEntry {
  Data: Buffer;
  PartitionKey: string;
  ExplicitHashKey?: string;
}

interface OpenShard {
  /** The shard row's id (as text, as pg hands bigints over). */
  id: string;
  index: number;
  start: bigint;
  end: bigint;
}

interface WriteTarget {
  streamId: bigint;
  name: string;
  createdAt: Date;
  encryptionType: string;
  onDemand: boolean;
  shards: OpenShard[];
}

type Outcome = { shard: OpenShard; counter: bigint } | { shard: OpenShard; throttled: true };

/** How the service prints a request entry in a validation message (as the AWS SDK for Java v1 prints its models). */
const entryString = (entry: RecordEntry) =>
  `{Data: java.nio.HeapByteBuffer[pos=0 lim=${entry.Data.length} cap=${entry.Data.length}],${entry.ExplicitHashKey === undefined ? "" : `ExplicitHashKey: ${entry.ExplicitHashKey},`}PartitionKey: ${entry.PartitionKey}}`;

/** A record's size as the limits count it: its data plus its partition key's UTF-8 bytes. */
const recordBytes = (entry: RecordEntry) => entry.Data.length + Buffer.byteLength(entry.PartitionKey, "utf8");

function checkEntry(v: Violations, path: string, entry: RecordEntry): void {
  v.size(`${path}data`, entry.Data, entry.Data.length, { max: LIMITS.maxRecordBytes });
  v.string(`${path}explicitHashKey`, entry.ExplicitHashKey, { pattern: PATTERNS.hashKey });
  v.string(`${path}partitionKey`, entry.PartitionKey, { min: 1, max: LIMITS.maxPartitionKeyLength });
}

/** What the model cannot say: the hash key's range and the record's total size. */
function checkEntryLimits(entry: RecordEntry): void {
  if (entry.ExplicitHashKey !== undefined && BigInt(entry.ExplicitHashKey) > MAX_HASH_KEY) {
    throw KinesisErrors.invalidArgument(
      `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${entry.ExplicitHashKey}`,
    );
  }
  if (recordBytes(entry) > LIMITS.maxRecordBytes) {
    throw KinesisErrors.invalidArgument(`Record size exceeds 1 MB limit: its data and partition key add up to ${recordBytes(entry)} bytes.`);
  }
}

const OPEN_SHARDS = `
  SELECT st.id::text AS stream_id, st.name, st.created_at, st.encryption_type::text AS encryption_type, st.mode::text AS mode,
         sh.id::text AS shard_id, sh.shard_index, sh.starting_hash_key::text AS starting_hash_key, sh.ending_hash_key::text AS ending_hash_key
    FROM kinesis_streams st
    JOIN kinesis_shards sh ON sh.stream_id = st.id AND sh.closed_at IS NULL
   WHERE st.account_id = $1 AND st.region = $2 AND st.name = $3`;

interface OpenShardRow {
  stream_id: string;
  name: string;
  created_at: Date;
  encryption_type: string;
  mode: string;
  shard_id: string;
  shard_index: number;
  starting_hash_key: string;
  ending_hash_key: string;
}

async function writeTarget(scope: Scope, name: string): Promise<WriteTarget> {
  const { rows } = await pgPool().query<OpenShardRow>({ name: "kinesis-open-shards", text: OPEN_SHARDS, values: [scope.accountId, scope.region, name] });
  const first = rows[0];
  if (!first) throw KinesisErrors.streamNotFound(name, scope.accountId);
  return {
    streamId: BigInt(first.stream_id),
    name: first.name,
    createdAt: first.created_at,
    encryptionType: first.encryption_type,
    onDemand: first.mode === "ON_DEMAND",
    shards: rows.map((r) => ({ id: r.shard_id, index: r.shard_index, start: BigInt(r.starting_hash_key), end: BigInt(r.ending_hash_key) })),
  };
}

/** The open shards cover the whole hash key space, so every key has exactly one. */
function shardFor(target: WriteTarget, hashKey: bigint): OpenShard {
  const shard = target.shards.find((s) => s.start <= hashKey && hashKey <= s.end);
  if (!shard) throw new Error(`Stream ${target.name} has no open shard for hash key ${hashKey}`);
  return shard;
}

/**
 * One statement for the whole batch. The shard rows are locked in id order (so concurrent batches
 * cannot deadlock) and skipped once closed (a split or merge committed first: those records are routed
 * again); each shard's counter is advanced by its record count and the records take the counters in
 * request order. The row lock is held until commit, so records become visible in sequence order, and
 * their arrival times (taken once the lock is held) follow it too.
 */
const INSERT_RECORDS = `
  WITH batch AS (
    SELECT b.shard_id, b.partition_key, b.explicit_hash_key, b.data, b.ord
      FROM unnest($1::bigint[], $2::text[], $3::numeric[], $4::bytea[]) WITH ORDINALITY AS b(shard_id, partition_key, explicit_hash_key, data, ord)
  ), counts AS (
    SELECT shard_id, count(*) AS n FROM batch GROUP BY shard_id
  ), locked AS (
    SELECT sh.id FROM kinesis_shards sh
     WHERE sh.id IN (SELECT shard_id FROM counts) AND sh.account_id = $5 AND sh.region = $6 AND sh.closed_at IS NULL
     ORDER BY sh.id
       FOR UPDATE
  ), advanced AS (
    UPDATE kinesis_shards sh SET last_sequence = sh.last_sequence + c.n
      FROM counts c
     WHERE sh.id = c.shard_id AND sh.id IN (SELECT id FROM locked) AND sh.closed_at IS NULL
    RETURNING sh.id, sh.last_sequence - c.n AS base
  ), numbered AS (
    SELECT b.*, a.base + row_number() OVER (PARTITION BY b.shard_id ORDER BY b.ord) AS sequence
      FROM batch b JOIN advanced a ON a.id = b.shard_id
  ), inserted AS (
    INSERT INTO kinesis_records (shard_id, sequence, partition_key, explicit_hash_key, data, arrived_at)
    SELECT shard_id, sequence, partition_key, explicit_hash_key, data, clock_timestamp() FROM numbered
  )
  SELECT ord::int AS ord, sequence::text AS sequence FROM numbered`;

/** Rounds of routing: a record only goes round again when a split or merge closed its shard meanwhile. */
const MAX_ROUTING_ROUNDS = 5;

/**
 * Stores entries, each in its shard, answering per entry its shard and counter, or that the shard's
 * write throughput refused it. Admission happens once; a record whose shard closed before it was stored
 * is routed again to the shard that took over its hash key.
 */
async function writeRecords(scope: Scope, name: string, entries: readonly RecordEntry[]): Promise<{ target: WriteTarget; outcomes: Outcome[] }> {
  const hashKeys = entries.map((e) => recordHashKey(e.PartitionKey, e.ExplicitHashKey));
  const outcomes = new Map<number, Outcome>();
  let pending = entries.map((_, i) => i);
  let target = await writeTarget(scope, name);
  for (let round = 0; ; round++) {
    const routed = pending.map((i) => ({ i, shard: shardFor(target, hashKeys[i]!) }));
    let admittedRoutes = routed;
    if (round === 0) {
      const writes = routed.map((r) => ({ shard: r.shard.id, bytes: recordBytes(entries[r.i]!) }));
      const admitted = await shardThroughput().admitWrites(writes, target.onDemand ? ON_DEMAND_WRITE_SCALE : 1);
      routed.forEach((r, k) => {
        if (!admitted[k]) outcomes.set(r.i, { shard: r.shard, throttled: true });
      });
      admittedRoutes = routed.filter((_, k) => admitted[k]);
    }
    if (admittedRoutes.length === 0) break;
    const column = <T>(pick: (entry: RecordEntry, shard: OpenShard) => T) => admittedRoutes.map((r) => pick(entries[r.i]!, r.shard));
    const { rows } = await pgPool().query<{ ord: number; sequence: string }>({
      name: "kinesis-insert-records",
      text: INSERT_RECORDS,
      values: [
        column((_, s) => s.id),
        column((e) => e.PartitionKey),
        column((e) => e.ExplicitHashKey ?? null),
        column((e) => e.Data),
        scope.accountId,
        scope.region,
      ],
    });
    for (const row of rows) {
      const route = admittedRoutes[row.ord - 1]!;
      outcomes.set(route.i, { shard: route.shard, counter: BigInt(row.sequence) });
    }
    pending = admittedRoutes.filter((r) => !outcomes.has(r.i)).map((r) => r.i);
    if (pending.length === 0) break;
    if (round + 1 === MAX_ROUTING_ROUNDS) throw new Error(`Stream ${name}: records kept meeting closed shards`);
    target = await writeTarget(scope, name);
  }
  const ordered = entries.map((_, i) => outcomes.get(i)!);
  const stored = entries.filter((_, i) => !("throttled" in ordered[i]!));
  recordStreamMetrics(target.streamId, {
    incomingRecords: stored.length,
    incomingBytes: stored.reduce((sum, entry) => sum + recordBytes(entry), 0),
    writeThrottled: entries.length - stored.length,
  });
  return { target, outcomes: ordered };
}

const encryptionOf = (target: WriteTarget) => (target.encryptionType === "KMS" ? "KMS" : undefined);

export interface PutRecordOutput {
  ShardId: string;
  SequenceNumber: string;
  EncryptionType?: string;
}

export async function putRecord(_db: Db, ctx: CallContext, input: KinesisInput<"PutRecord">): Promise<PutRecordOutput> {
  const v = violations();
  checkEntry(v, "", input);
  v.string("sequenceNumberForOrdering", input.SequenceNumberForOrdering, { pattern: PATTERNS.sequenceNumber });
  checkStreamRef(v, input).check();
  const name = streamNameOf(ctx, input);
  requireWriter(ctx, "PutRecord", streamArn(ctx.region, ctx.accountId, name));
  checkEntryLimits(input);
  // Each shard's counter only grows, so any later number is above the one given: only its form is checked.
  if (input.SequenceNumberForOrdering !== undefined && input.SequenceNumberForOrdering !== "0" && !decodeSequenceNumber(input.SequenceNumberForOrdering)) {
    throw KinesisErrors.invalidArgument(
      `ExclusiveMinimumSequenceNumber ${input.SequenceNumberForOrdering} used in PutRecord on stream ${name} under account ${ctx.accountId} is invalid.`,
    );
  }
  const { target, outcomes } = await writeRecords(ctx, name, [input]);
  const outcome = outcomes[0]!;
  if ("throttled" in outcome) throw KinesisErrors.throughputExceeded(shardIdOf(outcome.shard.index), target.name, ctx.accountId);
  return {
    ShardId: shardIdOf(outcome.shard.index),
    SequenceNumber: sequenceNumber(target.createdAt, outcome.shard.index, outcome.counter),
    EncryptionType: encryptionOf(target),
  };
}

export type PutRecordsResultEntry = { SequenceNumber: string; ShardId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutRecordsOutput {
  FailedRecordCount: number;
  Records: PutRecordsResultEntry[];
  EncryptionType?: string;
}

export async function putRecords(_db: Db, ctx: CallContext, input: KinesisInput<"PutRecords">): Promise<PutRecordsOutput> {
  const v = violations();
  v.size("records", () => input.Records.map(entryString), input.Records.length, { min: 1, max: LIMITS.putRecordsMaxEntries });
  input.Records.forEach((entry, i) => checkEntry(v, `records.${i + 1}.member.`, entry));
  checkStreamRef(v, input).check();
  const name = streamNameOf(ctx, input);
  requireWriter(ctx, "PutRecords", streamArn(ctx.region, ctx.accountId, name));
  if (input.Records.reduce((sum, entry) => sum + recordBytes(entry), 0) > LIMITS.putRecordsMaxBytes) {
    throw KinesisErrors.invalidArgument("Records size exceeds 5 MB limit");
  }
  input.Records.forEach(checkEntryLimits);
  const { target, outcomes } = await writeRecords(ctx, name, input.Records);
  const records = outcomes.map((outcome): PutRecordsResultEntry => {
    const shardId = shardIdOf(outcome.shard.index);
    if ("throttled" in outcome) {
      return { ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: throughputExceededMessage(shardId, target.name, ctx.accountId) };
    }
    return { SequenceNumber: sequenceNumber(target.createdAt, outcome.shard.index, outcome.counter), ShardId: shardId };
  });
  return { FailedRecordCount: records.filter((r) => "ErrorCode" in r).length, Records: records, EncryptionType: encryptionOf(target) };
}
