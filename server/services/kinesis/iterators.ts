/**
 * Shard iterators: opaque base64 strings naming a position in one shard, authenticated with an HMAC
 * keyed by STRATUS_SECRET_KEY (so they cannot be forged or pointed elsewhere) and valid for 5 minutes
 * from issue, as on AWS. GetShardIterator turns the five iterator types into such a position.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { type Db, Prisma } from "../../db/client";
import { env } from "../../env";
import type { CallContext } from "../context";
import { KinesisErrors } from "./errors";
import { LIMITS } from "./limits";
import { type ShardRecord, shardIdOf, type StreamRecord } from "./model";
import type { KinesisInput } from "./schemas";
import { decodeSequenceNumber } from "./sequence-numbers";
import { findShard } from "./shards";
import { findStream, type Scope } from "./store";
import { checked, checkShardId, checkStreamRef, PATTERNS, violations } from "./validation";

/** Where an iterator points: after record `after` of one shard of one stream incarnation. */
export interface IteratorPosition {
  accountId: string;
  region: string;
  streamId: bigint;
  streamName: string;
  streamCreatedAt: Date;
  shardRowId: bigint;
  shardIndex: number;
  /** The counter of the last record read: the next read starts above it. */
  after: bigint;
}

const MAC_BYTES = 16;
/** Iterators issued up to this far in the future (clock skew between gateways) are still accepted. */
const FUTURE_TOLERANCE_MS = 60_000;

const Payload = z.object({
  a: z.string(),
  r: z.string(),
  s: z.string(),
  n: z.string(),
  c: z.number(),
  h: z.string(),
  i: z.number(),
  p: z.string(),
  t: z.number(),
});

function mac(payload: Buffer): Buffer {
  const key = createHash("sha256").update(`stratus-kinesis-iterator:${env().STRATUS_SECRET_KEY}`).digest();
  return createHmac("sha256", key).update(payload).digest().subarray(0, MAC_BYTES);
}

/** An iterator for `position`, issued at `issuedAt` (epoch ms). */
export function encodeShardIterator(position: IteratorPosition, issuedAt = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({
      a: position.accountId,
      r: position.region,
      s: position.streamId.toString(),
      n: position.streamName,
      c: position.streamCreatedAt.getTime(),
      h: position.shardRowId.toString(),
      i: position.shardIndex,
      p: position.after.toString(),
      t: issuedAt,
    }),
  );
  return Buffer.concat([mac(payload), payload]).toString("base64");
}

/** The position an iterator names, when it is authentic, the caller's, and not expired. */
export function decodeShardIterator(iterator: string, scope: Scope, now = Date.now()): IteratorPosition {
  const bytes = Buffer.from(iterator, "base64");
  const payload = bytes.subarray(MAC_BYTES);
  const given = bytes.subarray(0, MAC_BYTES);
  if (bytes.toString("base64") !== iterator || given.length !== MAC_BYTES || !timingSafeEqual(given, mac(payload))) throw KinesisErrors.invalidShardIterator();
  const parsed = Payload.safeParse(JSON.parse(payload.toString("utf8")));
  if (!parsed.success) throw KinesisErrors.invalidShardIterator();
  const p = parsed.data;
  if (p.a !== scope.accountId || p.r !== scope.region || p.t > now + FUTURE_TOLERANCE_MS) throw KinesisErrors.invalidShardIterator();
  if (now - p.t > LIMITS.iteratorLifetimeMs) throw KinesisErrors.expiredIterator(p.t, now, LIMITS.iteratorLifetimeMs);
  return {
    accountId: p.a,
    region: p.r,
    streamId: BigInt(p.s),
    streamName: p.n,
    streamCreatedAt: new Date(p.c),
    shardRowId: BigInt(p.h),
    shardIndex: p.i,
    after: BigInt(p.p),
  };
}

const positionIn = (stream: StreamRecord, shard: ShardRecord, after: bigint): IteratorPosition => ({
  accountId: stream.accountId,
  region: stream.region,
  streamId: stream.id,
  streamName: stream.name,
  streamCreatedAt: stream.createdAt,
  shardRowId: shard.id,
  shardIndex: shard.shardIndex,
  after,
});

export const ITERATOR_TYPES = ["AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"] as const;
export type IteratorType = (typeof ITERATOR_TYPES)[number];

const mustSpecify = (type: string, what: string) =>
  KinesisErrors.invalidArgument(
    `Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ${type} and ${what} StartingSequenceNumber.`,
  );

/** The counter after which an AT_/AFTER_SEQUENCE_NUMBER iterator starts, once the number is shown to be this shard's. */
function afterSequenceNumber(stream: StreamRecord, shard: ShardRecord, type: IteratorType, value: string): bigint {
  const shardId = shardIdOf(shard.shardIndex);
  const invalid = (reason = "") =>
    KinesisErrors.invalidArgument(
      `StartingSequenceNumber ${value} used in GetShardIterator on shard ${shardId} in stream ${stream.name} under account ${stream.accountId} is invalid${reason}.`,
    );
  const decoded = decodeSequenceNumber(value);
  if (!decoded) throw invalid();
  if (decoded.shardIndex !== shard.shardIndex) {
    throw KinesisErrors.invalidArgument(
      `Invalid StartingSequenceNumber. It encodes ${shardIdOf(decoded.shardIndex)}, while it was used in a call to a shard with ${shardId}`,
    );
  }
  if (decoded.streamCreatedMs !== stream.createdAt.getTime()) throw invalid(" because it did not come from this stream");
  return type === "AT_SEQUENCE_NUMBER" ? decoded.counter - 1n : decoded.counter;
}

/** AT_TIMESTAMP: just before the first record that arrived at or after `at`; past the last record when none has yet. */
async function afterTimestamp(db: Db, stream: StreamRecord, shard: ShardRecord, at: Date): Promise<bigint> {
  const [row] = await db.$queryRaw<{ after: bigint }[]>(Prisma.sql`
    SELECT coalesce(
             (SELECT k.sequence - 1 FROM kinesis_records k WHERE k.shard_id = sh.id AND k.arrived_at >= ${at} ORDER BY k.arrived_at, k.sequence LIMIT 1),
             sh.last_sequence) AS after
      FROM kinesis_shards sh
     WHERE sh.id = ${shard.id} AND sh.account_id = ${stream.accountId} AND sh.region = ${stream.region}`);
  if (!row) throw KinesisErrors.shardNotFound(shardIdOf(shard.shardIndex), stream.name, stream.accountId);
  return row.after;
}

export async function getShardIterator(db: Db, ctx: CallContext, input: KinesisInput<"GetShardIterator">): Promise<{ ShardIterator: string }> {
  const v = violations();
  checkShardId(v, input.ShardId, "shardId");
  const type = v.oneOf("shardIteratorType", input.ShardIteratorType, ITERATOR_TYPES);
  v.string("startingSequenceNumber", input.StartingSequenceNumber, { pattern: PATTERNS.sequenceNumber });
  checkStreamRef(v, input).check();
  const stream = await findStream(db, ctx, input);
  const shard = await findShard(db, stream, input.ShardId);
  const position = await positionAt(db, stream, shard, { ...input, ShardIteratorType: checked(type) });
  return { ShardIterator: encodeShardIterator(position) };
}

/** Where a reader starting in `shard` as `start` says (GetShardIterator's types and members) begins. */
export interface StartingPosition {
  ShardIteratorType: IteratorType;
  StartingSequenceNumber?: string;
  Timestamp?: Date;
}

/**
 * The position `start` names in `shard`, for every reader of a shard (iterators, SubscribeToShard,
 * event source mappings, the console's viewer); its errors are GetShardIterator's.
 */
export async function positionAt(db: Db, stream: StreamRecord, shard: ShardRecord, start: StartingPosition): Promise<IteratorPosition> {
  return positionIn(stream, shard, await startingPoint(db, stream, shard, start.ShardIteratorType, start));
}

async function startingPoint(db: Db, stream: StreamRecord, shard: ShardRecord, type: IteratorType, input: Omit<StartingPosition, "ShardIteratorType">): Promise<bigint> {
  const sequence = input.StartingSequenceNumber;
  switch (type) {
    case "AT_SEQUENCE_NUMBER":
    case "AFTER_SEQUENCE_NUMBER":
      if (sequence === undefined) throw mustSpecify(type, "no");
      return afterSequenceNumber(stream, shard, type, sequence);
    case "TRIM_HORIZON":
      // Records count from 1; those past the retention period are skipped when read.
      if (sequence !== undefined) throw mustSpecify(type, "also a");
      return 0n;
    case "LATEST":
      if (sequence !== undefined) throw mustSpecify(type, "also a");
      return shard.lastSequence;
    case "AT_TIMESTAMP": {
      const at = input.Timestamp;
      if (at === undefined) {
        throw KinesisErrors.invalidArgument("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.");
      }
      const now = Date.now();
      if (at.getTime() > now) {
        throw KinesisErrors.invalidArgument(
          `The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${at.getTime()}, currentTimestampInMillis: ${now}`,
        );
      }
      return afterTimestamp(db, stream, shard, at);
    }
  }
}
