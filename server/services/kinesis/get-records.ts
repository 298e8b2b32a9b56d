/**
 * GetRecords, the read hot path (raw pg): one statement reads the shard's state and a page of its
 * records after the iterator's position (an index range scan of the records' primary key), skipping
 * records past the retention period, which are invisible as soon as they expire.
 */
import type { Db } from "../../db/client";
import { pgPool } from "../../db/pool";
import type { CallContext } from "../context";
import { KinesisErrors } from "./errors";
import { decodeShardIterator, encodeShardIterator, type IteratorPosition } from "./iterators";
import { LIMITS } from "./limits";
import { recordStreamMetrics } from "./metrics";
import { type ChildShard, shardIdOf, toChildShard } from "./model";
import type { KinesisInput } from "./schemas";
import { sequenceNumber } from "./sequence-numbers";
import { shardThroughput } from "./throughput";
import { checkStreamArn, violations } from "./validation";

export interface KinesisRecordOutput {
  SequenceNumber: string;
  ApproximateArrivalTimestamp: Date;
  Data: Buffer;
  PartitionKey: string;
}

export interface GetRecordsOutput {
  Records: KinesisRecordOutput[];
  /** Absent once a closed shard has been read to its end. */
  NextShardIterator?: string;
  MillisBehindLatest: number;
  /** Only with the end of a closed shard: where its hash keys went. */
  ChildShards?: ChildShard[];
}

/**
 * A page is at most `$6` records and, past its first record, at most `$7` bytes. The LEFT JOIN keeps
 * the shard's row when no record follows the position, and answers nothing when the shard is not the
 * caller's (or is gone).
 */
const READ_PAGE = `
  SELECT sh.last_sequence::text AS last_sequence, sh.ending_sequence::text AS ending_sequence, statement_timestamp() AS now,
         r.sequence::text AS sequence, r.partition_key, r.data, r.arrived_at
    FROM kinesis_shards sh
    JOIN kinesis_streams st ON st.id = sh.stream_id
    LEFT JOIN LATERAL (
      SELECT page.sequence, page.partition_key, page.data, page.arrived_at FROM (
        SELECT k.sequence, k.partition_key, k.data, k.arrived_at,
               row_number() OVER w AS n,
               sum(octet_length(k.data) + octet_length(k.partition_key)) OVER w AS bytes
          FROM kinesis_records k
         WHERE k.shard_id = sh.id AND k.sequence > $5 AND k.arrived_at >= statement_timestamp() - make_interval(hours => st.retention_hours)
         WINDOW w AS (ORDER BY k.sequence)
         ORDER BY k.sequence
         LIMIT $6
      ) page
      WHERE page.n = 1 OR page.bytes <= $7
    ) r ON true
   WHERE sh.id = $1 AND st.id = $2 AND st.account_id = $3 AND st.region = $4
   ORDER BY r.sequence`;

interface PageRow {
  last_sequence: string;
  ending_sequence: string | null;
  now: Date;
  sequence: string | null;
  partition_key: string | null;
  data: Buffer | null;
  arrived_at: Date | null;
}

const CHILDREN = `
  SELECT c.shard_index, c.parent_index, c.adjacent_parent_index, c.starting_hash_key::text AS starting_hash_key, c.ending_hash_key::text AS ending_hash_key
    FROM kinesis_shards c
   WHERE c.stream_id = $1 AND c.account_id = $2 AND c.region = $3 AND (c.parent_index = $4 OR c.adjacent_parent_index = $4)
   ORDER BY c.shard_index`;

interface ChildRow {
  shard_index: number;
  parent_index: number | null;
  adjacent_parent_index: number | null;
  starting_hash_key: string;
  ending_hash_key: string;
}

async function childShards(position: IteratorPosition): Promise<ChildShard[]> {
  const { rows } = await pgPool().query<ChildRow>({
    name: "kinesis-child-shards",
    text: CHILDREN,
    values: [position.streamId.toString(), position.accountId, position.region, position.shardIndex],
  });
  return rows.map((c) =>
    toChildShard({
      shardIndex: c.shard_index,
      parentIndex: c.parent_index,
      adjacentParentIndex: c.adjacent_parent_index,
      startingHashKey: BigInt(c.starting_hash_key),
      endingHashKey: BigInt(c.ending_hash_key),
    }),
  );
}

/** One page of a shard's records after a position. */
export interface ShardPage {
  records: KinesisRecordOutput[];
  /** Where the next page starts; undefined once a closed shard has been read to its end. */
  next?: IteratorPosition;
  millisBehindLatest: number;
  /** With the end of a closed shard: where its hash keys went. */
  childShards?: ChildShard[];
}

/**
 * Reads up to `limit` records (and at most GetRecords' byte limit) after `position`, charged to the
 * shard's read throughput unless `charge` is false (Stratus's own readers: event source mappings and
 * the console, which AWS does not count against the shard either).
 */
export async function readShard(position: IteratorPosition, opts: { limit: number; charge: boolean }): Promise<ShardPage> {
  const shardId = shardIdOf(position.shardIndex);
  const throughput = shardThroughput();
  const shardKey = position.shardRowId.toString();
  if (opts.charge && !(await throughput.admitRead(shardKey))) {
    recordStreamMetrics(position.streamId, { readThrottled: 1 });
    throw KinesisErrors.throughputExceeded(shardId, position.streamName, position.accountId);
  }

  const { rows } = await pgPool().query<PageRow>({
    name: "kinesis-read-page",
    text: READ_PAGE,
    values: [shardKey, position.streamId.toString(), position.accountId, position.region, position.after.toString(), opts.limit, LIMITS.getRecordsMaxBytes],
  });
  const shard = rows[0];
  if (!shard) throw KinesisErrors.shardNotFound(shardId, position.streamName, position.accountId);

  const records: KinesisRecordOutput[] = [];
  let bytes = 0;
  let last = position.after;
  for (const row of rows) {
    if (row.sequence === null || row.data === null || row.partition_key === null || row.arrived_at === null) continue;
    last = BigInt(row.sequence);
    bytes += row.data.length + Buffer.byteLength(row.partition_key, "utf8");
    records.push({
      SequenceNumber: sequenceNumber(position.streamCreatedAt, position.shardIndex, last),
      ApproximateArrivalTimestamp: row.arrived_at,
      Data: row.data,
      PartitionKey: row.partition_key,
    });
  }
  if (opts.charge) await throughput.chargeRead(shardKey, bytes);

  const caughtUp = last >= BigInt(shard.last_sequence);
  const lastArrival = records.at(-1)?.ApproximateArrivalTimestamp;
  const millisBehindLatest = caughtUp || !lastArrival ? 0 : Math.max(0, shard.now.getTime() - lastArrival.getTime());
  // Consumers' reads, as CloudWatch counts them (Stratus's own readers are not consumers of the stream's allowance either).
  if (opts.charge) {
    recordStreamMetrics(position.streamId, { getRecordsCalls: 1, outgoingRecords: records.length, outgoingBytes: bytes, iteratorAgeMs: millisBehindLatest });
  }
  // A closed shard ends with its last record (or with nothing left within the retention period).
  const ended = shard.ending_sequence !== null && (records.length === 0 || last >= BigInt(shard.ending_sequence));
  if (ended) return { records, millisBehindLatest, childShards: await childShards(position) };
  return { records, next: { ...position, after: last }, millisBehindLatest };
}

export async function getRecords(_db: Db, ctx: CallContext, input: KinesisInput<"GetRecords">): Promise<GetRecordsOutput> {
  const v = violations();
  v.number("limit", input.Limit, { min: 1, max: LIMITS.getRecordsMaxLimit });
  v.string("shardIterator", input.ShardIterator, { min: 1, max: 512 });
  checkStreamArn(v, input.StreamARN).check();
  const page = await readShard(decodeShardIterator(input.ShardIterator, ctx), { limit: input.Limit ?? LIMITS.getRecordsMaxLimit, charge: true });
  return {
    Records: page.records,
    MillisBehindLatest: page.millisBehindLatest,
    ...(page.next ? { NextShardIterator: encodeShardIterator(page.next) } : { ChildShards: page.childShards }),
  };
}
