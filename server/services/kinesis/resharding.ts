/**
 * SplitShard, MergeShards and UpdateShardCount. Each runs in one transaction that locks the stream and
 * its open shards (in id order, as writers lock them), closes the parents at their last record
 * (EndingSequenceNumber) and opens the children with their lineage (ParentShardId /
 * AdjacentParentShardId). AWS's UPDATING phase completes within the call, so the stream stays ACTIVE.
 */
import type pg from "pg";
import type { Db } from "../../db/client";
import { withTransaction } from "../../db/pool";
import type { CallContext } from "../context";
import { requireWriter } from "./access";
import { streamArn } from "./arns";
import { KinesisErrors } from "./errors";
import { type HashRange, uniformRanges } from "./hash-keys";
import { LIMITS } from "./limits";
import { parseShardId, shardIdOf } from "./model";
import type { KinesisInput } from "./schemas";
import { type Scope, streamNameOf } from "./store";
import { requireShardCapacity } from "./streams";
import { checkShardId, checkStreamRef, PATTERNS, violations } from "./validation";

interface LockedStream {
  id: string;
  name: string;
  mode: string;
  nextShardIndex: number;
}

/** A shard as a reshard plans with it: an existing row (`rowId`) or one this reshard creates. */
interface PlannedShard {
  rowId?: string;
  index: number;
  start: bigint;
  end: bigint;
  parentIndex: number | null;
  adjacentParentIndex: number | null;
}

const LOCK_STREAM = `
  SELECT id::text AS id, name, mode::text AS mode, next_shard_index FROM kinesis_streams
   WHERE account_id = $1 AND region = $2 AND name = $3
     FOR UPDATE`;

const LOCK_OPEN_SHARDS = `
  SELECT id::text AS id, shard_index, starting_hash_key::text AS starting_hash_key, ending_hash_key::text AS ending_hash_key
    FROM kinesis_shards
   WHERE stream_id = $1 AND account_id = $2 AND region = $3 AND closed_at IS NULL
   ORDER BY kinesis_shards.id -- the column, not the text output of the same name
     FOR UPDATE`;

const SHARD_IS_CLOSED = `SELECT closed_at IS NOT NULL AS closed FROM kinesis_shards WHERE stream_id = $1 AND account_id = $2 AND region = $3 AND shard_index = $4`;

/**
 * The open shards as they change: splits and merges close shards and open new ones. Shards opened and
 * closed within one plan (UpdateShardCount's intermediate steps) are recorded as born closed, as AWS
 * shows them: short-lived shards with no records.
 */
class ShardPlan {
  readonly open: PlannedShard[];
  readonly closed: PlannedShard[] = [];
  readonly created: PlannedShard[] = [];
  nextIndex: number;

  constructor(open: PlannedShard[], nextIndex: number) {
    this.open = [...open].sort((a, b) => (a.start < b.start ? -1 : 1));
    this.nextIndex = nextIndex;
  }

  #open(range: HashRange, parentIndex: number, adjacentParentIndex: number | null): PlannedShard {
    const shard: PlannedShard = { index: this.nextIndex++, start: range.start, end: range.end, parentIndex, adjacentParentIndex };
    this.created.push(shard);
    return shard;
  }

  #close(...shards: PlannedShard[]): void {
    for (const shard of shards) {
      this.open.splice(this.open.indexOf(shard), 1);
      this.closed.push(shard);
    }
  }

  /** Splits `shard` so `key` starts the upper child; answers the children, lower first. */
  split(shard: PlannedShard, key: bigint): [PlannedShard, PlannedShard] {
    this.#close(shard);
    const children: [PlannedShard, PlannedShard] = [
      this.#open({ start: shard.start, end: key - 1n }, shard.index, null),
      this.#open({ start: key, end: shard.end }, shard.index, null),
    ];
    this.open.push(...children);
    this.open.sort((a, b) => (a.start < b.start ? -1 : 1));
    return children;
  }

  /** Merges two adjacent shards into one child of `parent` and `adjacentParent`. */
  merge(parent: PlannedShard, adjacentParent: PlannedShard): PlannedShard {
    this.#close(parent, adjacentParent);
    const start = parent.start < adjacentParent.start ? parent.start : adjacentParent.start;
    const end = parent.end > adjacentParent.end ? parent.end : adjacentParent.end;
    const child = this.#open({ start, end }, parent.index, adjacentParent.index);
    this.open.push(child);
    this.open.sort((a, b) => (a.start < b.start ? -1 : 1));
    return child;
  }
}

const CLOSE_SHARDS = `
  UPDATE kinesis_shards SET closed_at = now(), ending_sequence = last_sequence
   WHERE id = ANY($1::bigint[]) AND stream_id = $2 AND account_id = $3 AND region = $4`;

const OPEN_SHARDS = `
  INSERT INTO kinesis_shards (account_id, region, stream_id, shard_index, starting_hash_key, ending_hash_key,
                              parent_index, adjacent_parent_index, created_at, closed_at, ending_sequence)
  SELECT $1, $2, $3, s.shard_index, s.starting_hash_key, s.ending_hash_key, s.parent_index, s.adjacent_parent_index,
         now(), CASE WHEN s.closed THEN now() END, CASE WHEN s.closed THEN 0 END
    FROM unnest($4::int[], $5::numeric[], $6::numeric[], $7::int[], $8::int[], $9::boolean[])
      AS s(shard_index, starting_hash_key, ending_hash_key, parent_index, adjacent_parent_index, closed)`;

/** Writes the plan: existing parents closed at their last record, new shards opened (or born closed). */
async function apply(client: pg.PoolClient, scope: Scope, stream: LockedStream, plan: ShardPlan): Promise<void> {
  const closedRows = plan.closed.flatMap((s) => (s.rowId === undefined ? [] : [s.rowId]));
  await client.query(CLOSE_SHARDS, [closedRows, stream.id, scope.accountId, scope.region]);
  const created = plan.created;
  const stillOpen = new Set(plan.open);
  await client.query(OPEN_SHARDS, [
    scope.accountId,
    scope.region,
    stream.id,
    created.map((s) => s.index),
    created.map((s) => s.start.toString()),
    created.map((s) => s.end.toString()),
    created.map((s) => s.parentIndex),
    created.map((s) => s.adjacentParentIndex),
    created.map((s) => !stillOpen.has(s)),
  ]);
  await client.query("UPDATE kinesis_streams SET next_shard_index = $1 WHERE id = $2 AND account_id = $3 AND region = $4", [
    plan.nextIndex,
    stream.id,
    scope.accountId,
    scope.region,
  ]);
}

type Reshard = "SplitShard" | "MergeShards" | "UpdateShardCount";

/** Runs `reshape` on the locked stream's open shards and writes the result, in one transaction. */
async function reshard<T>(
  ctx: CallContext,
  operation: Reshard,
  name: string,
  reshape: (client: pg.PoolClient, stream: LockedStream, plan: ShardPlan) => Promise<T>,
): Promise<T> {
  requireWriter(ctx, operation, streamArn(ctx.region, ctx.accountId, name));
  return withTransaction(async (client) => {
    const { rows } = await client.query<{ id: string; name: string; mode: string; next_shard_index: number }>(LOCK_STREAM, [ctx.accountId, ctx.region, name]);
    const row = rows[0];
    if (!row) throw KinesisErrors.streamNotFound(name, ctx.accountId);
    const stream: LockedStream = { id: row.id, name: row.name, mode: row.mode, nextShardIndex: row.next_shard_index };
    if (stream.mode === "ON_DEMAND") throw KinesisErrors.validation(`${operation} is not supported for streams with the ON_DEMAND capacity mode.`);
    const open = await client.query<{ id: string; shard_index: number; starting_hash_key: string; ending_hash_key: string }>(LOCK_OPEN_SHARDS, [
      stream.id,
      ctx.accountId,
      ctx.region,
    ]);
    const plan = new ShardPlan(
      open.rows.map((s) => ({
        rowId: s.id,
        index: s.shard_index,
        start: BigInt(s.starting_hash_key),
        end: BigInt(s.ending_hash_key),
        parentIndex: null,
        adjacentParentIndex: null,
      })),
      stream.nextShardIndex,
    );
    const result = await reshape(client, stream, plan);
    await apply(client, ctx, stream, plan);
    return result;
  });
}

/** The open shard a ShardId names; a closed one has already been split or merged. */
async function openShard(client: pg.PoolClient, ctx: CallContext, stream: LockedStream, plan: ShardPlan, shardId: string): Promise<PlannedShard> {
  const index = parseShardId(shardId);
  if (index === null) throw KinesisErrors.couldNotFindShard(shardId, stream.name, ctx.accountId);
  const shard = plan.open.find((s) => s.index === index);
  if (shard) return shard;
  const { rows } = await client.query<{ closed: boolean }>(SHARD_IS_CLOSED, [stream.id, ctx.accountId, ctx.region, index]);
  if (rows[0]?.closed) throw KinesisErrors.shardClosed(shardIdOf(index), stream.name, ctx.accountId);
  throw KinesisErrors.couldNotFindShard(shardId, stream.name, ctx.accountId);
}

export async function splitShard(db: Db, ctx: CallContext, input: KinesisInput<"SplitShard">): Promise<void> {
  const v = violations();
  v.string("newStartingHashKey", input.NewStartingHashKey, { pattern: PATTERNS.hashKey });
  checkShardId(v, input.ShardToSplit, "shardToSplit");
  checkStreamRef(v, input).check();
  const name = streamNameOf(ctx, input);
  await requireShardCapacity(db, ctx, 1);
  await reshard(ctx, "SplitShard", name, async (client, stream, plan) => {
    const shard = await openShard(client, ctx, stream, plan, input.ShardToSplit);
    const key = BigInt(input.NewStartingHashKey);
    if (key <= shard.start + 1n || key >= shard.end) {
      throw KinesisErrors.invalidArgument(
        `NewStartingHashKey ${input.NewStartingHashKey} used in SplitShard() on shard ${shardIdOf(shard.index)} in stream ${stream.name} under account ${ctx.accountId} is not both greater than one plus the shard's StartingHashKey ${shard.start} and less than the shard's EndingHashKey ${shard.end}.`,
      );
    }
    plan.split(shard, key);
  });
}

export async function mergeShards(_db: Db, ctx: CallContext, input: KinesisInput<"MergeShards">): Promise<void> {
  const v = violations();
  checkShardId(v, input.AdjacentShardToMerge, "adjacentShardToMerge");
  checkShardId(v, input.ShardToMerge, "shardToMerge");
  checkStreamRef(v, input).check();
  const name = streamNameOf(ctx, input);
  await reshard(ctx, "MergeShards", name, async (client, stream, plan) => {
    const shard = await openShard(client, ctx, stream, plan, input.ShardToMerge);
    const adjacent = await openShard(client, ctx, stream, plan, input.AdjacentShardToMerge);
    // Adjacent: together their hash key ranges are contiguous, in either order.
    if (shard.end + 1n !== adjacent.start && adjacent.end + 1n !== shard.start) {
      throw KinesisErrors.invalidArgument(
        `Shards ${shardIdOf(shard.index)} and ${shardIdOf(adjacent.index)} in stream ${stream.name} under account ${ctx.accountId} are not an adjacent pair of shards eligible for merging`,
      );
    }
    plan.merge(shard, adjacent);
  });
}

/**
 * Splits every open shard at the boundaries of the target's even ranges that fall inside it, then
 * merges what lies within each target range, left to right: the stream ends with `target` shards
 * dividing the hash key space evenly, and every new shard has at most two parents, as AWS's
 * splits and merges leave them.
 */
function scaleUniformly(plan: ShardPlan, target: number): void {
  const ranges = uniformRanges(target);
  for (const shard of [...plan.open]) {
    let rest = shard;
    for (const range of ranges) {
      if (range.start > rest.start && range.start <= rest.end) rest = plan.split(rest, range.start)[1];
    }
  }
  for (const range of ranges) {
    const [first, ...others] = plan.open.filter((s) => s.start >= range.start && s.end <= range.end);
    if (first) others.reduce((merged, next) => plan.merge(merged, next), first);
  }
}

export async function updateShardCount(db: Db, ctx: CallContext, input: KinesisInput<"UpdateShardCount">) {
  const v = violations();
  v.oneOf("scalingType", input.ScalingType, ["UNIFORM_SCALING"]);
  checkStreamRef(v, input);
  v.number("targetShardCount", input.TargetShardCount, { min: 1 }).check();
  const name = streamNameOf(ctx, input);
  const target = input.TargetShardCount;
  return reshard(ctx, "UpdateShardCount", name, async (_client, stream, plan) => {
    const current = plan.open.length;
    const counts = `Current open shard count: ${current}, Target shard count: ${target}`;
    if (target > LIMITS.shardLimit) {
      throw KinesisErrors.limitExceeded(`Target shard count or number of open shards cannot be greater than ${LIMITS.shardLimit}. ${counts}`);
    }
    if (target > current * 2) throw KinesisErrors.limitExceeded(`UpdateShardCount cannot scale up over double your current open shard count. ${counts}`);
    if (target < current / 2) throw KinesisErrors.limitExceeded(`UpdateShardCount cannot scale down below half your current open shard count. ${counts}`);
    if (target > current) await requireShardCapacity(db, ctx, target - current);
    scaleUniformly(plan, target);
    return { StreamName: stream.name, CurrentShardCount: current, TargetShardCount: target, StreamARN: streamArn(ctx.region, ctx.accountId, stream.name) };
  });
}
