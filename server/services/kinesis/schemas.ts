/**
 * Operation inputs in AWS's shapes. They check types and required members only; lengths, patterns,
 * ranges and AWS's messages are the domain's job (validation.ts), so every caller gets AWS's errors.
 */
import { z } from "zod";

/** Blobs travel as base64 in JSON. */
const Blob = z.string().transform((text, ctx) => {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `'${text.slice(0, 64)}' can not be converted to a Blob: it is not valid Base64` });
    return z.NEVER;
  }
  return Buffer.from(text, "base64");
});
/** Timestamps travel as epoch seconds (with a fraction) in JSON. */
const Timestamp = z.number().transform((seconds) => new Date(Math.round(seconds * 1000)));
const Int = z.number().int();
const Tags = z.record(z.string(), z.string());
const StreamRef = { StreamName: z.string().optional(), StreamARN: z.string().optional() };
const ConsumerRef = { StreamARN: z.string().optional(), ConsumerName: z.string().optional(), ConsumerARN: z.string().optional() };
const StreamModeDetails = z.object({ StreamMode: z.string() });
const Retention = z.object({ ...StreamRef, RetentionPeriodHours: Int });
const Encryption = z.object({ ...StreamRef, EncryptionType: z.string(), KeyId: z.string() });

export const KinesisSchemas = {
  CreateStream: z.object({ StreamName: z.string(), ShardCount: Int.optional(), StreamModeDetails: StreamModeDetails.optional(), Tags: Tags.optional() }),
  DeleteStream: z.object({ ...StreamRef, EnforceConsumerDeletion: z.boolean().optional() }),
  DescribeStream: z.object({ ...StreamRef, Limit: Int.optional(), ExclusiveStartShardId: z.string().optional() }),
  DescribeStreamSummary: z.object(StreamRef),
  ListStreams: z.object({ Limit: Int.optional(), ExclusiveStartStreamName: z.string().optional(), NextToken: z.string().optional() }),
  ListShards: z.object({
    ...StreamRef,
    NextToken: z.string().optional(),
    ExclusiveStartShardId: z.string().optional(),
    MaxResults: Int.optional(),
    StreamCreationTimestamp: Timestamp.optional(),
    ShardFilter: z.object({ Type: z.string(), ShardId: z.string().optional(), Timestamp: Timestamp.optional() }).optional(),
  }),
  IncreaseStreamRetentionPeriod: Retention,
  DecreaseStreamRetentionPeriod: Retention,
  StartStreamEncryption: Encryption,
  StopStreamEncryption: Encryption,
  UpdateStreamMode: z.object({ StreamARN: z.string(), StreamModeDetails }),
  DescribeLimits: z.object({}),
  PutRecord: z.object({
    ...StreamRef,
    Data: Blob,
    PartitionKey: z.string(),
    ExplicitHashKey: z.string().optional(),
    SequenceNumberForOrdering: z.string().optional(),
  }),
  PutRecords: z.object({
    ...StreamRef,
    Records: z.array(z.object({ Data: Blob, PartitionKey: z.string(), ExplicitHashKey: z.string().optional() })),
  }),
  GetShardIterator: z.object({
    ...StreamRef,
    ShardId: z.string(),
    ShardIteratorType: z.string(),
    StartingSequenceNumber: z.string().optional(),
    Timestamp: Timestamp.optional(),
  }),
  GetRecords: z.object({ ShardIterator: z.string(), Limit: Int.optional(), StreamARN: z.string().optional() }),
  SubscribeToShard: z.object({
    ConsumerARN: z.string(),
    ShardId: z.string(),
    StartingPosition: z.object({ Type: z.string(), SequenceNumber: z.string().optional(), Timestamp: Timestamp.optional() }),
  }),
  SplitShard: z.object({ ...StreamRef, ShardToSplit: z.string(), NewStartingHashKey: z.string() }),
  MergeShards: z.object({ ...StreamRef, ShardToMerge: z.string(), AdjacentShardToMerge: z.string() }),
  UpdateShardCount: z.object({ ...StreamRef, TargetShardCount: Int, ScalingType: z.string() }),
  AddTagsToStream: z.object({ ...StreamRef, Tags }),
  RemoveTagsFromStream: z.object({ ...StreamRef, TagKeys: z.array(z.string()) }),
  ListTagsForStream: z.object({ ...StreamRef, ExclusiveStartTagKey: z.string().optional(), Limit: Int.optional() }),
  TagResource: z.object({ ResourceARN: z.string(), Tags }),
  UntagResource: z.object({ ResourceARN: z.string(), TagKeys: z.array(z.string()) }),
  ListTagsForResource: z.object({ ResourceARN: z.string() }),
  RegisterStreamConsumer: z.object({ StreamARN: z.string(), ConsumerName: z.string(), Tags: Tags.optional() }),
  DeregisterStreamConsumer: z.object(ConsumerRef),
  DescribeStreamConsumer: z.object(ConsumerRef),
  ListStreamConsumers: z.object({
    StreamARN: z.string(),
    NextToken: z.string().optional(),
    MaxResults: Int.optional(),
    StreamCreationTimestamp: Timestamp.optional(),
  }),
} as const;

export type KinesisInput<K extends keyof typeof KinesisSchemas> = z.output<(typeof KinesisSchemas)[K]>;
