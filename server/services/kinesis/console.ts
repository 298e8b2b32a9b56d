/**
 * Read models for the console: the stream list, and the live data viewer's pages of a shard. Console
 * reads are not charged to the shard's read throughput, so watching a stream never throttles its consumers.
 */
import { z } from "zod";
import type { Db } from "../../db/client";
import type { CallContext } from "../context";
import { type KinesisRecordOutput, readShard } from "./get-records";
import { decodeShardIterator, encodeShardIterator, ITERATOR_TYPES, type IteratorPosition, positionAt } from "./iterators";
import { LIMITS } from "./limits";
import { arnOf } from "./model";
import { findShard } from "./shards";
import { findStream } from "./store";

/**
 * The console's stream list: what ListStreams and DescribeStreamSummary tell about each stream, in one
 * query rather than a DescribeStreamSummary per stream (whose batch would outgrow a URL with hundreds of streams).
 */
export async function listStreamSummaries(db: Db, ctx: CallContext) {
  const streams = await db.kinesisStream.findMany({
    where: { accountId: ctx.accountId, region: ctx.region },
    orderBy: { name: "asc" },
    include: { _count: { select: { shards: { where: { closedAt: null } } } } },
  });
  return streams.map((s) => ({
    name: s.name,
    arn: arnOf(s),
    status: s.status,
    mode: s.mode,
    openShards: s._count.shards,
    retentionHours: s.retentionHours,
    encryptionType: s.encryptionType,
    createdAt: s.createdAt,
  }));
}

const viewerLimit = z.number().int().min(1).max(LIMITS.getRecordsMaxLimit).default(100);

/** The live viewer's first read: a shard and where to start in it (GetShardIterator's types and members). */
const ViewerStart = z.object({
  streamName: z.string().min(1),
  shardId: z.string().min(1),
  start: z.object({ type: z.enum(ITERATOR_TYPES), sequenceNumber: z.string().optional(), timestamp: z.date().optional() }),
  limit: viewerLimit,
});

/**
 * Every later read: the cursor the previous one answered. It is a shard iterator (HMAC-signed, bound to
 * the team and region, valid 5 minutes), so a page cannot be pointed at another team's shard.
 */
const ViewerNext = z.object({ cursor: z.string().min(1), limit: viewerLimit });

export const ReadShardInput = z.union([ViewerStart, ViewerNext]);

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** A record as the viewer shows it: its data as base64, and as text when it is valid UTF-8. */
function viewedRecord(record: KinesisRecordOutput) {
  let text: string | null;
  try {
    text = strictUtf8.decode(record.Data);
  } catch {
    text = null;
  }
  return {
    sequenceNumber: record.SequenceNumber,
    partitionKey: record.PartitionKey,
    arrivedAt: record.ApproximateArrivalTimestamp,
    data: record.Data.toString("base64"),
    text,
  };
}

async function startingPosition(db: Db, ctx: CallContext, input: z.output<typeof ViewerStart>): Promise<IteratorPosition> {
  const stream = await findStream(db, ctx, { StreamName: input.streamName });
  const shard = await findShard(db, stream, input.shardId);
  const { type, sequenceNumber, timestamp } = input.start;
  return positionAt(db, stream, shard, { ShardIteratorType: type, StartingSequenceNumber: sequenceNumber, Timestamp: timestamp });
}

/**
 * One page of the live viewer. `cursor` is null once a closed shard has been read to its end;
 * `childShards` then say where its hash keys went.
 */
export async function viewShard(db: Db, ctx: CallContext, input: z.output<typeof ReadShardInput>) {
  const position = "cursor" in input ? decodeShardIterator(input.cursor, ctx) : await startingPosition(db, ctx, input);
  const page = await readShard(position, { limit: input.limit, charge: false });
  return {
    records: page.records.map(viewedRecord),
    cursor: page.next ? encodeShardIterator(page.next) : null,
    millisBehindLatest: page.millisBehindLatest,
    childShards: page.childShards ?? [],
  };
}
