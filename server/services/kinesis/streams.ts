/** Stream lifecycle and settings: create, delete, describe, list, retention, encryption, capacity mode, limits. */
import { z } from "zod";
import { type Db, Prisma } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import type { CallContext } from "../context";
import { requireWriter } from "./access";
import { streamArn } from "./arns";
import { KinesisErrors } from "./errors";
import { uniformRanges } from "./hash-keys";
import { LIMITS } from "./limits";
import {
  arnOf,
  ENCRYPTION_TYPES,
  enhancedMonitoring,
  parseShardId,
  type Shard,
  STREAM_MODES,
  type StreamRecord,
  streamModeDetails,
  toShard,
} from "./model";
import { decodeToken, encodeToken } from "./paging";
import type { KinesisInput } from "./schemas";
import { visibleShards } from "./shards";
import { findStream, type Scope } from "./store";
import { checkTagCharacters } from "./tags";
import { checked, checkNextToken, checkShardId, checkStreamArn, checkStreamName, checkStreamRef, checkTagMap, violations } from "./validation";

const openShardCount = (db: Db, scope: Scope) => db.kinesisShard.count({ where: { accountId: scope.accountId, region: scope.region, closedAt: null } });
const onDemandStreamCount = (db: Db, scope: Scope) => db.kinesisStream.count({ where: { accountId: scope.accountId, region: scope.region, mode: "ON_DEMAND" } });

/** Opening `additional` shards must keep the account's open shards within its limit. */
export async function requireShardCapacity(db: Db, scope: Scope, additional: number): Promise<void> {
  const current = await openShardCount(db, scope);
  if (current + additional > LIMITS.shardLimit) throw KinesisErrors.shardLimit(scope.accountId, scope.region, current, LIMITS.shardLimit, additional);
}

async function requireOnDemandCapacity(db: Db, scope: Scope): Promise<void> {
  const current = await onDemandStreamCount(db, scope);
  if (current + 1 > LIMITS.onDemandStreamCountLimit) {
    throw KinesisErrors.limitExceeded(
      `This request would exceed the on-demand stream limit for the account ${scope.accountId} in ${scope.region}. Current on-demand stream count for the account: ${current}. Limit: ${LIMITS.onDemandStreamCountLimit}.`,
    );
  }
}

/**
 * Creates the stream with its shards splitting the hash key space evenly. AWS's CREATING phase ends
 * within the call, so the stream is ACTIVE when this returns.
 */
export async function createStream(db: Db, ctx: CallContext, input: KinesisInput<"CreateStream">): Promise<void> {
  const onDemand = input.StreamModeDetails?.StreamMode === "ON_DEMAND";
  const v = violations();
  // A provisioned stream (the default) needs its shard count.
  if (input.ShardCount === undefined && !onDemand) v.add("shardCount", null, "not be null");
  v.number("shardCount", input.ShardCount, { min: 1 });
  const mode = v.oneOf("streamModeDetails.streamMode", input.StreamModeDetails?.StreamMode, STREAM_MODES) ?? "PROVISIONED";
  checkStreamName(v, input.StreamName);
  checkTagMap(v, "tags", input.Tags).check();
  requireWriter(ctx, "CreateStream", streamArn(ctx.region, ctx.accountId, input.StreamName));
  if (onDemand && input.ShardCount !== undefined) throw KinesisErrors.invalidArgument("ShardCount cannot be specified for a stream with the ON_DEMAND capacity mode.");
  if (input.Tags) checkTagCharacters(Object.entries(input.Tags).flat());
  if (input.Tags && Object.keys(input.Tags).length > LIMITS.maxTagsPerStream) {
    throw KinesisErrors.tooManyTags("stream", input.StreamName, ctx.accountId, LIMITS.maxTagsPerStream);
  }
  const shardCount = input.ShardCount ?? LIMITS.onDemandShardCount;
  await requireShardCapacity(db, ctx, shardCount);
  if (onDemand) await requireOnDemandCapacity(db, ctx);

  const createdAt = new Date();
  const scope = { accountId: ctx.accountId, region: ctx.region };
  try {
    await db.kinesisStream.create({
      data: {
        ...scope,
        name: input.StreamName,
        mode,
        retentionHours: LIMITS.defaultRetentionHours,
        nextShardIndex: shardCount,
        tags: input.Tags ?? {},
        createdAt,
        shards: {
          create: uniformRanges(shardCount).map((range, shardIndex) => ({
            ...scope,
            shardIndex,
            startingHashKey: new Prisma.Decimal(range.start.toString()),
            endingHashKey: new Prisma.Decimal(range.end.toString()),
            createdAt,
          })),
        },
      },
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw KinesisErrors.streamExists(input.StreamName, ctx.accountId);
    throw e;
  }
}

/** Deletes the stream with its shards, records and (when asked) consumers; the foreign keys cascade. */
export async function deleteStream(db: Db, ctx: CallContext, input: KinesisInput<"DeleteStream">): Promise<void> {
  checkStreamRef(violations(), input).check();
  const stream = await findStream(db, ctx, input);
  requireWriter(ctx, "DeleteStream", arnOf(stream));
  if (!input.EnforceConsumerDeletion) {
    const consumers = await db.kinesisConsumer.count({ where: { streamId: stream.id, accountId: ctx.accountId, region: ctx.region } });
    if (consumers > 0) throw KinesisErrors.streamHasConsumers(arnOf(stream), stream.name);
  }
  const { count } = await db.kinesisStream.deleteMany({ where: { id: stream.id, accountId: ctx.accountId, region: ctx.region } });
  if (count === 0) throw KinesisErrors.streamNotFound(stream.name, ctx.accountId);
}

/** The members DescribeStream and DescribeStreamSummary share. */
const describe = (stream: StreamRecord) => ({
  StreamName: stream.name,
  StreamARN: arnOf(stream),
  StreamStatus: stream.status,
  StreamModeDetails: streamModeDetails(stream),
  RetentionPeriodHours: stream.retentionHours,
  StreamCreationTimestamp: stream.createdAt,
  EnhancedMonitoring: enhancedMonitoring(),
  EncryptionType: stream.encryptionType,
  KeyId: stream.keyId ?? undefined,
});

export async function describeStream(db: Db, ctx: CallContext, input: KinesisInput<"DescribeStream">) {
  const v = violations();
  checkShardId(v, input.ExclusiveStartShardId, "exclusiveStartShardId");
  v.number("limit", input.Limit, { min: 1, max: 10_000 });
  checkStreamRef(v, input).check();
  const stream = await findStream(db, ctx, input);
  const after = input.ExclusiveStartShardId === undefined ? -1 : (parseShardId(input.ExclusiveStartShardId) ?? -1);
  const limit = Math.min(input.Limit ?? LIMITS.describeStreamPage, LIMITS.describeStreamPage);
  const shards = (await visibleShards(db, stream)).filter((s) => s.shardIndex > after);
  const page: Shard[] = shards.slice(0, limit).map((shard) => toShard(stream, shard));
  return { StreamDescription: { ...describe(stream), Shards: page, HasMoreShards: shards.length > limit } };
}

export async function describeStreamSummary(db: Db, ctx: CallContext, input: KinesisInput<"DescribeStreamSummary">) {
  checkStreamRef(violations(), input).check();
  const stream = await findStream(db, ctx, input);
  const [openShards, consumers] = await Promise.all([
    db.kinesisShard.count({ where: { streamId: stream.id, accountId: ctx.accountId, region: ctx.region, closedAt: null } }),
    db.kinesisConsumer.count({ where: { streamId: stream.id, accountId: ctx.accountId, region: ctx.region } }),
  ]);
  return { StreamDescriptionSummary: { ...describe(stream), OpenShardCount: openShards, ConsumerCount: consumers } };
}

const StreamsToken = z.object({ after: z.string() });

/** Streams in ASCII order of name, after ExclusiveStartStreamName or the NextToken's position. */
export async function listStreams(db: Db, ctx: CallContext, input: KinesisInput<"ListStreams">) {
  const v = violations();
  checkStreamName(v, input.ExclusiveStartStreamName, "exclusiveStartStreamName");
  v.number("limit", input.Limit, { min: 1, max: 10_000 });
  checkNextToken(v, input.NextToken).check();
  const after = input.NextToken === undefined ? input.ExclusiveStartStreamName : decodeToken(input.NextToken, StreamsToken, { expires: false }).after;
  const limit = Math.min(input.Limit ?? LIMITS.listStreamsPage, LIMITS.listStreamsPage);
  const rows = await db.kinesisStream.findMany({
    where: { accountId: ctx.accountId, region: ctx.region, ...(after === undefined ? {} : { name: { gt: after } }) },
    orderBy: { name: "asc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  return {
    StreamNames: page.map((s) => s.name),
    HasMoreStreams: hasMore,
    NextToken: hasMore ? encodeToken({ after: page.at(-1)!.name }) : undefined,
    StreamSummaries: page.map((s) => ({
      StreamName: s.name,
      StreamARN: arnOf(s),
      StreamStatus: s.status,
      StreamModeDetails: streamModeDetails(s),
      StreamCreationTimestamp: s.createdAt,
    })),
  };
}

type RetentionChange = "IncreaseStreamRetentionPeriod" | "DecreaseStreamRetentionPeriod";

async function changeRetention(db: Db, ctx: CallContext, operation: RetentionChange, input: KinesisInput<RetentionChange>): Promise<void> {
  checkStreamRef(violations(), input).check();
  const stream = await findStream(db, ctx, input);
  requireWriter(ctx, operation, arnOf(stream));
  const hours = input.RetentionPeriodHours;
  if (hours < LIMITS.minRetentionHours) {
    throw KinesisErrors.invalidArgument(`Minimum allowed retention period is ${LIMITS.minRetentionHours} hours. Requested retention period (${hours} hours) is too short.`);
  }
  if (hours > LIMITS.maxRetentionHours) {
    throw KinesisErrors.invalidArgument(`Maximum allowed retention period is ${LIMITS.maxRetentionHours} hours. Requested retention period (${hours} hours) is too long.`);
  }
  const current = stream.retentionHours;
  if (operation === "IncreaseStreamRetentionPeriod" && hours < current) {
    throw KinesisErrors.invalidArgument(
      `Requested retention period (${hours} hours) for stream ${stream.name} can not be shorter than existing retention period (${current} hours). Use DecreaseRetentionPeriod API.`,
    );
  }
  if (operation === "DecreaseStreamRetentionPeriod" && hours > current) {
    throw KinesisErrors.invalidArgument(
      `Requested retention period (${hours} hours) for stream ${stream.name} can not be longer than existing retention period (${current} hours). Use IncreaseRetentionPeriod API.`,
    );
  }
  await updateStream(db, ctx, stream, { retentionHours: hours });
}

export const increaseStreamRetentionPeriod = (db: Db, ctx: CallContext, input: KinesisInput<"IncreaseStreamRetentionPeriod">) =>
  changeRetention(db, ctx, "IncreaseStreamRetentionPeriod", input);
export const decreaseStreamRetentionPeriod = (db: Db, ctx: CallContext, input: KinesisInput<"DecreaseStreamRetentionPeriod">) =>
  changeRetention(db, ctx, "DecreaseStreamRetentionPeriod", input);

async function updateStream(db: Db, scope: Scope, stream: StreamRecord, data: Prisma.KinesisStreamUpdateManyMutationInput): Promise<void> {
  const { count } = await db.kinesisStream.updateMany({ where: { id: stream.id, accountId: scope.accountId, region: scope.region }, data });
  if (count === 0) throw KinesisErrors.streamNotFound(stream.name, scope.accountId);
}

type EncryptionChange = "StartStreamEncryption" | "StopStreamEncryption";

/** Server-side encryption is recorded and reported; records are stored as they come (there is no KMS here). */
async function changeEncryption(db: Db, ctx: CallContext, operation: EncryptionChange, input: KinesisInput<EncryptionChange>): Promise<void> {
  const v = violations();
  const type = v.oneOf("encryptionType", input.EncryptionType, ENCRYPTION_TYPES);
  v.string("keyId", input.KeyId, { min: 1, max: 2048 });
  checkStreamRef(v, input).check();
  const stream = await findStream(db, ctx, input);
  requireWriter(ctx, operation, arnOf(stream));
  if (type !== "KMS") throw KinesisErrors.invalidArgument(`Invalid EncryptionType ${input.EncryptionType}. The only valid value is KMS.`);
  await updateStream(db, ctx, stream, operation === "StartStreamEncryption" ? { encryptionType: "KMS", keyId: input.KeyId } : { encryptionType: "NONE", keyId: null });
}

export const startStreamEncryption = (db: Db, ctx: CallContext, input: KinesisInput<"StartStreamEncryption">) =>
  changeEncryption(db, ctx, "StartStreamEncryption", input);
export const stopStreamEncryption = (db: Db, ctx: CallContext, input: KinesisInput<"StopStreamEncryption">) =>
  changeEncryption(db, ctx, "StopStreamEncryption", input);

/** Switches the capacity mode; the shards stay as they are (an on-demand stream here does not scale itself). */
export async function updateStreamMode(db: Db, ctx: CallContext, input: KinesisInput<"UpdateStreamMode">): Promise<void> {
  const v = violations();
  checkStreamArn(v, input.StreamARN);
  const mode = v.oneOf("streamModeDetails.streamMode", input.StreamModeDetails.StreamMode, STREAM_MODES);
  v.check();
  const stream = await findStream(db, ctx, input);
  requireWriter(ctx, "UpdateStreamMode", arnOf(stream));
  const target = checked(mode);
  if (target === stream.mode) throw KinesisErrors.invalidArgument(`Stream ${stream.name} under account ${ctx.accountId} is already in ${target} mode.`);
  if (target === "ON_DEMAND") await requireOnDemandCapacity(db, ctx);
  await updateStream(db, ctx, stream, { mode: target });
}

export async function describeLimits(db: Db, ctx: CallContext) {
  const [openShards, onDemandStreams] = await Promise.all([openShardCount(db, ctx), onDemandStreamCount(db, ctx)]);
  return {
    ShardLimit: LIMITS.shardLimit,
    OpenShardCount: openShards,
    OnDemandStreamCount: onDemandStreams,
    OnDemandStreamCountLimit: LIMITS.onDemandStreamCountLimit,
  };
}
