/**
 * The Kinesis Data Streams operations as one table: AWS name → input schema and domain function. The
 * gateway is built from it (and a console router can be), so every caller runs the same code.
 */
import type { z } from "zod";
import type { ServiceOperation } from "../operation";
import { deregisterStreamConsumer, describeStreamConsumer, listStreamConsumers, registerStreamConsumer } from "./consumers";
import { getRecords } from "./get-records";
import { getShardIterator } from "./iterators";
import { putRecord, putRecords } from "./records";
import { mergeShards, splitShard, updateShardCount } from "./resharding";
import { KinesisSchemas } from "./schemas";
import { listShards } from "./shards";
import { subscribeToShard } from "./subscribe";
import {
  createStream,
  decreaseStreamRetentionPeriod,
  deleteStream,
  describeLimits,
  describeStream,
  describeStreamSummary,
  increaseStreamRetentionPeriod,
  listStreams,
  startStreamEncryption,
  stopStreamEncryption,
  updateStreamMode,
} from "./streams";
import { addTagsToStream, listTagsForResource, listTagsForStream, removeTagsFromStream, tagResource, untagResource } from "./tags";

export type KinesisOperation<S extends z.ZodTypeAny, O> = ServiceOperation<S, O>;

function op<S extends z.ZodTypeAny, O>(input: S, handler: KinesisOperation<S, O>["handler"]): KinesisOperation<S, O> {
  return { input, handler };
}

export const kinesisOperations = {
  CreateStream: op(KinesisSchemas.CreateStream, createStream),
  DeleteStream: op(KinesisSchemas.DeleteStream, deleteStream),
  DescribeStream: op(KinesisSchemas.DescribeStream, describeStream),
  DescribeStreamSummary: op(KinesisSchemas.DescribeStreamSummary, describeStreamSummary),
  ListStreams: op(KinesisSchemas.ListStreams, listStreams),
  ListShards: op(KinesisSchemas.ListShards, listShards),
  IncreaseStreamRetentionPeriod: op(KinesisSchemas.IncreaseStreamRetentionPeriod, increaseStreamRetentionPeriod),
  DecreaseStreamRetentionPeriod: op(KinesisSchemas.DecreaseStreamRetentionPeriod, decreaseStreamRetentionPeriod),
  StartStreamEncryption: op(KinesisSchemas.StartStreamEncryption, startStreamEncryption),
  StopStreamEncryption: op(KinesisSchemas.StopStreamEncryption, stopStreamEncryption),
  UpdateStreamMode: op(KinesisSchemas.UpdateStreamMode, updateStreamMode),
  DescribeLimits: op(KinesisSchemas.DescribeLimits, describeLimits),
  PutRecord: op(KinesisSchemas.PutRecord, putRecord),
  PutRecords: op(KinesisSchemas.PutRecords, putRecords),
  GetShardIterator: op(KinesisSchemas.GetShardIterator, getShardIterator),
  GetRecords: op(KinesisSchemas.GetRecords, getRecords),
  SubscribeToShard: op(KinesisSchemas.SubscribeToShard, subscribeToShard),
  SplitShard: op(KinesisSchemas.SplitShard, splitShard),
  MergeShards: op(KinesisSchemas.MergeShards, mergeShards),
  UpdateShardCount: op(KinesisSchemas.UpdateShardCount, updateShardCount),
  AddTagsToStream: op(KinesisSchemas.AddTagsToStream, addTagsToStream),
  RemoveTagsFromStream: op(KinesisSchemas.RemoveTagsFromStream, removeTagsFromStream),
  ListTagsForStream: op(KinesisSchemas.ListTagsForStream, listTagsForStream),
  TagResource: op(KinesisSchemas.TagResource, tagResource),
  UntagResource: op(KinesisSchemas.UntagResource, untagResource),
  ListTagsForResource: op(KinesisSchemas.ListTagsForResource, listTagsForResource),
  RegisterStreamConsumer: op(KinesisSchemas.RegisterStreamConsumer, registerStreamConsumer),
  DescribeStreamConsumer: op(KinesisSchemas.DescribeStreamConsumer, describeStreamConsumer),
  ListStreamConsumers: op(KinesisSchemas.ListStreamConsumers, listStreamConsumers),
  DeregisterStreamConsumer: op(KinesisSchemas.DeregisterStreamConsumer, deregisterStreamConsumer),
};

export type KinesisOperationName = keyof typeof kinesisOperations;

/** Record reads and writes are CloudTrail data events, which are not logged unless asked for. */
export const KINESIS_DATA_EVENTS = new Set<KinesisOperationName>(["PutRecord", "PutRecords", "GetShardIterator", "GetRecords", "SubscribeToShard"]);

/** Operations whose output member is an event stream, by that member's name. */
export const KINESIS_EVENT_STREAMS: Partial<Record<KinesisOperationName, string>> = { SubscribeToShard: "EventStream" };
