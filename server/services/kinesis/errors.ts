import { AwsError } from "../../errors";

/** Kinesis errors: every client error is a 400 in this awsJson1_1 service. Messages are AWS's wording. */
const kinesisError = (code: string, message: string) => new AwsError(code, message, 400);

/** How the service prints times in messages (Java's Date#toString in UTC): `Thu Jan 22 01:22:02 UTC 2015`. */
function javaDate(ms: number): string {
  const [weekday, day, month, year, time] = new Date(ms).toUTCString().replace(",", "").split(" ");
  return `${weekday} ${month} ${day} ${time} UTC ${year}`;
}

/** The per-shard throttling message: also PutRecords' per-record ErrorMessage. */
export const throughputExceededMessage = (shardId: string, stream: string, accountId: string) =>
  `Rate exceeded for shard ${shardId} in stream ${stream} under account ${accountId}.`;

export const KinesisErrors = {
  validation: (message: string) => kinesisError("ValidationException", message),
  serialization: (message: string) => kinesisError("SerializationException", message),
  invalidArgument: (message: string) => kinesisError("InvalidArgumentException", message),
  accessDenied: (message: string) => kinesisError("AccessDeniedException", message),
  streamNotFound: (name: string, accountId: string) => kinesisError("ResourceNotFoundException", `Stream ${name} under account ${accountId} not found.`),
  streamExists: (name: string, accountId: string) => kinesisError("ResourceInUseException", `Stream ${name} under account ${accountId} already exists.`),
  streamHasConsumers: (arn: string, name: string) =>
    kinesisError(
      "ResourceInUseException",
      `DeleteStream can't delete ${arn} because there are consumers associated with this data stream. To delete ${name} anyway, set the EnforceConsumerDeletion parameter to true to force the deletion of all the consumers that are associated with it.`,
    ),
  /** A ShardId that names no shard of the stream. */
  shardNotFound: (shardId: string, stream: string, accountId: string) =>
    kinesisError("ResourceNotFoundException", `Shard ${shardId} in stream ${stream} under account ${accountId} does not exist`),
  /** A ShardId that is not shaped like one, or names no shard, in the resharding operations. */
  couldNotFindShard: (shardId: string, stream: string, accountId: string) =>
    kinesisError("ResourceNotFoundException", `Could not find shard ${shardId} in stream ${stream} under account ${accountId}.`),
  shardClosed: (shardId: string, stream: string, accountId: string) =>
    kinesisError(
      "ResourceInUseException",
      `Shard ${shardId} in stream ${stream} under account ${accountId} has already been merged or split, and thus is not eligible for merging or splitting.`,
    ),
  shardLimit: (accountId: string, region: string, current: number, limit: number, additional: number) =>
    kinesisError(
      "LimitExceededException",
      `This request would exceed the shard limit for the account ${accountId} in ${region}. Current shard count for the account: ${current}. Limit: ${limit}. Number of additional shards that would have resulted from this request: ${additional}. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.`,
    ),
  limitExceeded: (message: string) => kinesisError("LimitExceededException", message),
  resourceInUse: (message: string) => kinesisError("ResourceInUseException", message),
  throughputExceeded: (shardId: string, stream: string, accountId: string) =>
    kinesisError("ProvisionedThroughputExceededException", throughputExceededMessage(shardId, stream, accountId)),
  tooManyTags: (kind: "stream" | "consumer", name: string, accountId: string, limit: number) =>
    kinesisError(
      "InvalidArgumentException",
      `Failed to add tags to ${kind} ${name} under account ${accountId} because a given ${kind} cannot have more than ${limit} tags associated with it.`,
    ),
  invalidShardIterator: () => kinesisError("InvalidArgumentException", "Invalid ShardIterator."),
  expiredIterator: (issuedMs: number, nowMs: number, toleratedMs: number) =>
    kinesisError(
      "ExpiredIteratorException",
      `Iterator expired. The iterator was created at time ${javaDate(issuedMs)} while right now it is ${javaDate(nowMs)} which is further in the future than the tolerated delay of ${toleratedMs} milliseconds.`,
    ),
  invalidNextToken: () => kinesisError("InvalidArgumentException", "Invalid NextToken."),
  expiredNextToken: () => kinesisError("ExpiredNextTokenException", "The timestamp on the NextToken has expired."),
  consumerNotFound: (name: string, streamArn: string) =>
    kinesisError("ResourceNotFoundException", `Consumer ${name}, stream ${streamArn} not found.`),
  consumerArnNotFound: (arn: string) => kinesisError("ResourceNotFoundException", `Consumer ${arn} not found.`),
  consumerExists: (name: string, streamArn: string) =>
    kinesisError("ResourceInUseException", `Consumer ${name}, stream ${streamArn} already exists.`),
};
