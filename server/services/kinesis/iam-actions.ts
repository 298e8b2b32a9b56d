/**
 * Kinesis Data Streams operations as IAM actions, each of its own name, on a stream
 * (`arn:aws:kinesis:<region>:<account>:stream/<name>`) or a consumer (`<stream ARN>/consumer/<name>:<created>`).
 */
import type { ActionEntry, InputReader, RequestScope } from "../iam/authorization/request-actions";
import { streamArn } from "./arns";
import { decodeShardIterator } from "./iterators";
import type { KinesisOperationName } from "./operations";

/** A StreamARN, or a StreamName in the caller's account and region. */
function streamOf(input: InputReader, scope: RequestScope): string | null {
  const name = input.string("StreamName");
  return input.string("StreamARN") ?? (name && streamArn(scope.region, scope.accountId, name));
}

/**
 * A ConsumerARN, or a StreamARN and ConsumerName. The latter leave the consumer's creation time unknown
 * without a lookup: `:*` stands for it, which `consumer/<name>:*` and `consumer/*` policies match.
 */
function consumerOf(input: InputReader): string | null {
  const stream = input.string("StreamARN");
  const name = input.string("ConsumerName");
  return input.string("ConsumerARN") ?? (stream && name && `${stream}/consumer/${name}:*`);
}

/**
 * GetRecords names its stream in the shard iterator (StreamARN is optional). decodeShardIterator throws for
 * an iterator that is forged, another account's or expired: such a request names no resource.
 */
function streamOfIterator(input: InputReader, scope: RequestScope): string | null {
  const iterator = input.string("ShardIterator");
  if (iterator === null) return null;
  const position = decodeShardIterator(iterator, scope);
  return streamArn(position.region, position.accountId, position.streamName);
}

const onStream: ActionEntry = { resource: streamOf };
const onConsumer: ActionEntry = { resource: consumerOf };
const onTagged: ActionEntry = { resource: "ResourceARN" };

export const kinesisActions = {
  CreateStream: onStream,
  DeleteStream: onStream,
  DescribeStream: onStream,
  DescribeStreamSummary: onStream,
  ListStreams: {},
  ListShards: onStream,
  IncreaseStreamRetentionPeriod: onStream,
  DecreaseStreamRetentionPeriod: onStream,
  StartStreamEncryption: onStream,
  StopStreamEncryption: onStream,
  UpdateStreamMode: onStream,
  DescribeLimits: {},
  PutRecord: onStream,
  PutRecords: onStream,
  GetShardIterator: onStream,
  GetRecords: { resource: (input, scope) => input.string("StreamARN") ?? streamOfIterator(input, scope) },
  SubscribeToShard: onConsumer,
  SplitShard: onStream,
  MergeShards: onStream,
  UpdateShardCount: onStream,
  AddTagsToStream: onStream,
  RemoveTagsFromStream: onStream,
  ListTagsForStream: onStream,
  TagResource: onTagged,
  UntagResource: onTagged,
  ListTagsForResource: onTagged,
  RegisterStreamConsumer: onStream,
  DescribeStreamConsumer: onConsumer,
  ListStreamConsumers: onStream,
  DeregisterStreamConsumer: onConsumer,
} satisfies Record<KinesisOperationName, ActionEntry>;
