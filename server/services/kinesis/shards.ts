/** A stream's shards: which are visible, finding one by ShardId, and ListShards. */
import { z } from "zod";
import type { Db } from "../../db/client";
import type { KinesisShard } from "../../db/generated/client";
import type { CallContext } from "../context";
import { KinesisErrors } from "./errors";
import { LIMITS } from "./limits";
import { parseShardId, type Shard, shardIdOf, type ShardRecord, type StreamRecord, toShard } from "./model";
import { decodeToken, encodeToken } from "./paging";
import type { KinesisInput } from "./schemas";
import { findStream, type Scope, type StreamRef } from "./store";
import { checkNextToken, checkShardId, checkStreamRef, violations } from "./validation";

const HOUR_MS = 3_600_000;

const toShardRecord = (row: KinesisShard): ShardRecord => ({
  ...row,
  startingHashKey: BigInt(row.startingHashKey.toFixed()),
  endingHashKey: BigInt(row.endingHashKey.toFixed()),
});

/** Records (and closed shards) older than this are gone: the stream's trim horizon. */
const trimHorizon = (stream: Pick<StreamRecord, "retentionHours">, now = Date.now()) => new Date(now - stream.retentionHours * HOUR_MS);

/** The shard is open, or closed within the retention period (after that AWS forgets it, and maintenance deletes it). */
const isVisible = (shard: Pick<ShardRecord, "closedAt">, horizon: Date) => shard.closedAt === null || shard.closedAt >= horizon;

/** The stream's shards in ShardId order, without those closed before the trim horizon. */
export async function visibleShards(db: Db, stream: StreamRecord, now = Date.now()): Promise<ShardRecord[]> {
  const rows = await db.kinesisShard.findMany({
    where: { streamId: stream.id, accountId: stream.accountId, region: stream.region, OR: [{ closedAt: null }, { closedAt: { gte: trimHorizon(stream, now) } }] },
    orderBy: { shardIndex: "asc" },
  });
  return rows.map(toShardRecord);
}

/** The visible shard a ShardId (`shardId-000000000001`, or just `1`) names. */
export async function findShard(db: Db, stream: StreamRecord, shardId: string): Promise<ShardRecord> {
  const index = parseShardId(shardId);
  if (index === null) throw KinesisErrors.couldNotFindShard(shardId, stream.name, stream.accountId);
  const row = await db.kinesisShard.findFirst({ where: { streamId: stream.id, shardIndex: index, accountId: stream.accountId, region: stream.region } });
  const shard = row && toShardRecord(row);
  if (!shard || !isVisible(shard, trimHorizon(stream))) throw KinesisErrors.shardNotFound(shardIdOf(index), stream.name, stream.accountId);
  return shard;
}

const SHARD_FILTER_TYPES = ["AFTER_SHARD_ID", "AT_TRIM_HORIZON", "FROM_TRIM_HORIZON", "AT_LATEST", "AT_TIMESTAMP", "FROM_TIMESTAMP"] as const;
type ShardFilterType = (typeof SHARD_FILTER_TYPES)[number];

interface Filter {
  type: ShardFilterType;
  /** AT_TIMESTAMP / FROM_TIMESTAMP (which require it): epoch ms. */
  at?: number;
}

/** Whether a visible shard passes the filter; times before the trim horizon count from it (AWS "corrects" them so). */
function passes(filter: Filter, shard: ShardRecord, stream: StreamRecord, now: number): boolean {
  const horizon = Math.max(trimHorizon(stream, now).getTime(), stream.createdAt.getTime());
  const openAt = (t: number) => shard.createdAt.getTime() <= t && (shard.closedAt === null || shard.closedAt.getTime() >= t);
  switch (filter.type) {
    case "AT_LATEST":
      return shard.closedAt === null;
    case "AT_TRIM_HORIZON":
      return openAt(horizon);
    case "AT_TIMESTAMP":
      return openAt(Math.max(filter.at ?? horizon, horizon));
    case "FROM_TIMESTAMP":
      return shard.closedAt === null || shard.closedAt.getTime() >= Math.max(filter.at ?? horizon, horizon);
    case "AFTER_SHARD_ID":
    case "FROM_TRIM_HORIZON":
      return true;
  }
}

const ShardsToken = z.object({
  stream: z.string(),
  /** The stream's creation (ms): a token does not carry over to a stream recreated under the same name. */
  created: z.number(),
  after: z.number(),
  filter: z.object({ type: z.enum(SHARD_FILTER_TYPES), at: z.number().optional() }),
});

/** Which filter and position a request asks for, from its ShardFilter (of the checked `type`) or ExclusiveStartShardId. */
function filterOf(input: KinesisInput<"ListShards">, type: ShardFilterType | undefined): { filter: Filter; after: number } {
  const shardFilter = input.ShardFilter;
  const afterId = input.ExclusiveStartShardId ?? (type === "AFTER_SHARD_ID" ? shardFilter?.ShardId : undefined);
  const after = afterId === undefined ? -1 : (parseShardId(afterId) ?? -1);
  if (!shardFilter || !type) return { filter: { type: "FROM_TRIM_HORIZON" }, after };
  if (type === "AFTER_SHARD_ID" && shardFilter.ShardId === undefined) {
    throw KinesisErrors.invalidArgument("ShardId must be specified in the ShardFilter when its type is AFTER_SHARD_ID.");
  }
  if ((type === "AT_TIMESTAMP" || type === "FROM_TIMESTAMP") && shardFilter.Timestamp === undefined) {
    throw KinesisErrors.invalidArgument(`Timestamp must be specified in the ShardFilter when its type is ${type}.`);
  }
  if (shardFilter.ShardId !== undefined && type !== "AFTER_SHARD_ID") {
    throw KinesisErrors.invalidArgument(`ShardId can only be specified in the ShardFilter when its type is AFTER_SHARD_ID.`);
  }
  return { filter: { type, at: shardFilter.Timestamp?.getTime() }, after };
}

export async function listShards(db: Db, ctx: CallContext, input: KinesisInput<"ListShards">): Promise<{ Shards: Shard[]; NextToken?: string }> {
  const v = checkStreamRef(violations(), input);
  checkNextToken(v, input.NextToken);
  checkShardId(v, input.ExclusiveStartShardId, "exclusiveStartShardId");
  v.number("maxResults", input.MaxResults, { min: 1, max: 10_000 });
  const filterType = v.oneOf("shardFilter.type", input.ShardFilter?.Type, SHARD_FILTER_TYPES);
  checkShardId(v, input.ShardFilter?.ShardId, "shardFilter.shardId");
  v.check();

  const now = Date.now();
  const named = input.StreamName !== undefined || input.StreamARN !== undefined;
  let stream: StreamRecord;
  let position: { filter: Filter; after: number };
  if (input.NextToken !== undefined) {
    if (named) throw KinesisErrors.invalidArgument("NextToken and StreamName cannot be provided together.");
    for (const [member, value] of [["ExclusiveStartShardId", input.ExclusiveStartShardId], ["StreamCreationTimestamp", input.StreamCreationTimestamp], ["ShardFilter", input.ShardFilter]] as const) {
      if (value !== undefined) throw KinesisErrors.invalidArgument(`NextToken and ${member} cannot be provided together.`);
    }
    const token = decodeToken(input.NextToken, ShardsToken, { expires: true, now });
    stream = await findStream(db, ctx, { StreamName: token.stream });
    if (stream.createdAt.getTime() !== token.created) throw KinesisErrors.invalidNextToken();
    position = { filter: token.filter, after: token.after };
  } else {
    if (!named) throw KinesisErrors.invalidArgument("Either NextToken or StreamName should be provided.");
    stream = await findStreamCreatedAt(db, ctx, input);
    position = filterOf(input, filterType);
  }

  const limit = Math.min(input.MaxResults ?? LIMITS.listShardsPage, LIMITS.listShardsPage);
  const matching = (await visibleShards(db, stream, now)).filter((s) => s.shardIndex > position.after && passes(position.filter, s, stream, now));
  const page = matching.slice(0, limit);
  const last = page.at(-1);
  return {
    Shards: page.map((shard) => toShard(stream, shard)),
    NextToken:
      matching.length > limit && last
        ? encodeToken({ stream: stream.name, created: stream.createdAt.getTime(), after: last.shardIndex, filter: position.filter }, now)
        : undefined,
  };
}

/** The stream, which must also have been created at StreamCreationTimestamp when that is given (it tells same-named streams apart). */
export async function findStreamCreatedAt(db: Db, scope: Scope, input: StreamRef & { StreamCreationTimestamp?: Date }): Promise<StreamRecord> {
  const stream = await findStream(db, scope, input);
  const asked = input.StreamCreationTimestamp;
  if (asked && asked.getTime() !== stream.createdAt.getTime()) throw KinesisErrors.streamNotFound(stream.name, scope.accountId);
  return stream;
}
