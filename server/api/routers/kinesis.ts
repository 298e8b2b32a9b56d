import { z } from "zod";
import { listStreamSummaries, ReadShardInput, viewShard } from "../../services/kinesis/console";
import { streamMetrics } from "../../services/kinesis/metrics";
import { type KinesisOperationName, kinesisOperations } from "../../services/kinesis/operations";
import type { ServiceOperation } from "../../services/operation";
import { operationMutation, operationQuery } from "../operations";
import { createTRPCRouter, teamProcedure } from "../trpc";

const kinesisMutation = <S extends z.ZodTypeAny, O>(name: KinesisOperationName, operation: ServiceOperation<S, O>) => operationMutation(`kinesis:${name}`, operation);

/** Record writes are data events, which CloudTrail (and the gateway) leave out of the audit log. */
const recordsMutation = <S extends z.ZodTypeAny, O>(operation: ServiceOperation<S, O>) =>
  teamProcedure()
    .input(operation.input)
    .mutation(({ ctx, input }) => operation.handler(ctx.db, ctx.call, input));

const ops = kinesisOperations;

export const kinesisRouter = createTRPCRouter({
  createStream: kinesisMutation("CreateStream", ops.CreateStream),
  deleteStream: kinesisMutation("DeleteStream", ops.DeleteStream),
  describeStream: operationQuery(ops.DescribeStream),
  describeStreamSummary: operationQuery(ops.DescribeStreamSummary),
  listStreams: operationQuery(ops.ListStreams),
  listShards: operationQuery(ops.ListShards),
  describeLimits: operationQuery(ops.DescribeLimits),
  increaseStreamRetentionPeriod: kinesisMutation("IncreaseStreamRetentionPeriod", ops.IncreaseStreamRetentionPeriod),
  decreaseStreamRetentionPeriod: kinesisMutation("DecreaseStreamRetentionPeriod", ops.DecreaseStreamRetentionPeriod),
  startStreamEncryption: kinesisMutation("StartStreamEncryption", ops.StartStreamEncryption),
  stopStreamEncryption: kinesisMutation("StopStreamEncryption", ops.StopStreamEncryption),
  updateStreamMode: kinesisMutation("UpdateStreamMode", ops.UpdateStreamMode),
  putRecord: recordsMutation(ops.PutRecord),
  putRecords: recordsMutation(ops.PutRecords),
  getShardIterator: operationQuery(ops.GetShardIterator),
  getRecords: operationQuery(ops.GetRecords),
  splitShard: kinesisMutation("SplitShard", ops.SplitShard),
  mergeShards: kinesisMutation("MergeShards", ops.MergeShards),
  updateShardCount: kinesisMutation("UpdateShardCount", ops.UpdateShardCount),
  addTagsToStream: kinesisMutation("AddTagsToStream", ops.AddTagsToStream),
  removeTagsFromStream: kinesisMutation("RemoveTagsFromStream", ops.RemoveTagsFromStream),
  listTagsForStream: operationQuery(ops.ListTagsForStream),
  tagResource: kinesisMutation("TagResource", ops.TagResource),
  untagResource: kinesisMutation("UntagResource", ops.UntagResource),
  listTagsForResource: operationQuery(ops.ListTagsForResource),
  registerStreamConsumer: kinesisMutation("RegisterStreamConsumer", ops.RegisterStreamConsumer),
  describeStreamConsumer: operationQuery(ops.DescribeStreamConsumer),
  listStreamConsumers: operationQuery(ops.ListStreamConsumers),
  deregisterStreamConsumer: kinesisMutation("DeregisterStreamConsumer", ops.DeregisterStreamConsumer),
  // Console read models.
  listStreamSummaries: teamProcedure().query(({ ctx }) => listStreamSummaries(ctx.db, ctx.call)),
  streamMetrics: teamProcedure()
    .input(z.object({ streamName: z.string().min(1), minutes: z.number().int().min(5).max(24 * 60).default(60) }))
    .query(({ ctx, input }) => streamMetrics(ctx.db, ctx.call, input)),
  /** The live data viewer: a shard's records from a starting position, then from each answer's cursor. */
  readShard: teamProcedure()
    .input(ReadShardInput)
    .query(({ ctx, input }) => viewShard(ctx.db, ctx.call, input)),
});
