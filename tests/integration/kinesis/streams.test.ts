// Stream lifecycle over the SDK: create (provisioned and on-demand), describe, list, delete, retention,
// encryption, capacity mode and account limits, with AWS's shapes and errors.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as kinesis from "@aws-sdk/client-kinesis";
import { assertKinesisError, createStream, type KinesisHarness, startKinesis, uniqueName } from "./helpers";

let h: KinesisHarness;

before(async () => {
  h = await startKinesis();
});
after(() => h.close());

const notFound = (name: string) => `Stream ${name} under account ${h.team.accountId} not found.`;

describe("CreateStream / DescribeStream", () => {
  it("creates an ACTIVE stream whose shards split the hash key space evenly", async () => {
    const name = uniqueName("three");
    const before = Date.now();
    await h.client.send(new kinesis.CreateStreamCommand({ StreamName: name, ShardCount: 3 }));
    const { StreamDescription: d } = await h.client.send(new kinesis.DescribeStreamCommand({ StreamName: name }));
    assert.ok(d);
    assert.equal(d.StreamName, name);
    assert.equal(d.StreamARN, `arn:aws:kinesis:us-east-1:${h.team.accountId}:stream/${name}`);
    assert.equal(d.StreamStatus, "ACTIVE");
    assert.deepEqual(d.StreamModeDetails, { StreamMode: "PROVISIONED" });
    assert.equal(d.RetentionPeriodHours, 24);
    assert.equal(d.EncryptionType, "NONE");
    assert.deepEqual(d.EnhancedMonitoring, [{ ShardLevelMetrics: [] }]);
    assert.equal(d.HasMoreShards, false);
    assert.ok(d.StreamCreationTimestamp!.getTime() >= before - 1000 && d.StreamCreationTimestamp!.getTime() <= Date.now() + 1000);
    assert.deepEqual(
      d.Shards!.map((s) => [s.ShardId, s.HashKeyRange!.StartingHashKey, s.HashKeyRange!.EndingHashKey, s.ParentShardId, s.SequenceNumberRange!.EndingSequenceNumber]),
      [
        ["shardId-000000000000", "0", "113427455640312821154458202477256070484", undefined, undefined],
        ["shardId-000000000001", "113427455640312821154458202477256070485", "226854911280625642308916404954512140969", undefined, undefined],
        ["shardId-000000000002", "226854911280625642308916404954512140970", "340282366920938463463374607431768211455", undefined, undefined],
      ],
    );
    for (const shard of d.Shards!) assert.match(shard.SequenceNumberRange!.StartingSequenceNumber!, /^\d{56}$/);
  });

  it("accepts the stream's ARN wherever its name is accepted", async () => {
    const name = uniqueName("by-arn");
    const arn = await createStream(h.client, name, 2);
    const { StreamDescriptionSummary: s } = await h.client.send(new kinesis.DescribeStreamSummaryCommand({ StreamARN: arn }));
    assert.equal(s?.StreamName, name);
    assert.equal(s?.OpenShardCount, 2);
    assert.equal(s?.ConsumerCount, 0);
    const { Shards } = await h.client.send(new kinesis.ListShardsCommand({ StreamARN: arn }));
    assert.equal(Shards?.length, 2);
  });

  it("pages DescribeStream's shards with Limit and ExclusiveStartShardId", async () => {
    const name = uniqueName("paged");
    await createStream(h.client, name, 5);
    const first = await h.client.send(new kinesis.DescribeStreamCommand({ StreamName: name, Limit: 2 }));
    assert.deepEqual(first.StreamDescription?.Shards?.map((s) => s.ShardId), ["shardId-000000000000", "shardId-000000000001"]);
    assert.equal(first.StreamDescription?.HasMoreShards, true);
    const rest = await h.client.send(new kinesis.DescribeStreamCommand({ StreamName: name, ExclusiveStartShardId: "shardId-000000000001" }));
    assert.deepEqual(rest.StreamDescription?.Shards?.map((s) => s.ShardId), ["shardId-000000000002", "shardId-000000000003", "shardId-000000000004"]);
    assert.equal(rest.StreamDescription?.HasMoreShards, false);
  });

  it("creates an on-demand stream with four shards", async () => {
    const name = uniqueName("on-demand");
    await h.client.send(new kinesis.CreateStreamCommand({ StreamName: name, StreamModeDetails: { StreamMode: "ON_DEMAND" } }));
    const { StreamDescriptionSummary: s } = await h.client.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: name }));
    assert.deepEqual(s?.StreamModeDetails, { StreamMode: "ON_DEMAND" });
    assert.equal(s?.OpenShardCount, 4);
    const limits = await h.client.send(new kinesis.DescribeLimitsCommand({}));
    assert.ok(limits.OnDemandStreamCount! >= 1);
    assert.equal(limits.OnDemandStreamCountLimit, 50);
    // Resharding is for provisioned streams.
    await assertKinesisError(
      h.client.send(new kinesis.UpdateShardCountCommand({ StreamName: name, TargetShardCount: 8, ScalingType: "UNIFORM_SCALING" })),
      "ValidationException",
      "UpdateShardCount is not supported for streams with the ON_DEMAND capacity mode.",
    );
  });

  it("refuses a name that is taken, malformed or missing, and a provisioned stream without a shard count", async () => {
    const name = uniqueName("taken");
    await createStream(h.client, name);
    await assertKinesisError(
      h.client.send(new kinesis.CreateStreamCommand({ StreamName: name, ShardCount: 1 })),
      "ResourceInUseException",
      `Stream ${name} under account ${h.team.accountId} already exists.`,
    );
    await assertKinesisError(
      h.client.send(new kinesis.CreateStreamCommand({ StreamName: "", ShardCount: 0 })),
      "ValidationException",
      "3 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    const long = "a".repeat(129);
    await assertKinesisError(
      h.client.send(new kinesis.CreateStreamCommand({ StreamName: long, ShardCount: 1 })),
      "ValidationException",
      `1 validation error detected: Value '${long}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
    await assertKinesisError(
      h.client.send(new kinesis.CreateStreamCommand({ StreamName: uniqueName("no-count") })),
      "ValidationException",
      "1 validation error detected: Value null at 'shardCount' failed to satisfy constraint: Member must not be null",
    );
    await assertKinesisError(
      h.client.send(new kinesis.CreateStreamCommand({} as kinesis.CreateStreamInput)),
      "ValidationException",
      "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null",
    );
  });

  it("keeps the account's open shards within its limit", async () => {
    const { OpenShardCount, ShardLimit } = await h.client.send(new kinesis.DescribeLimitsCommand({}));
    assert.equal(ShardLimit, 500);
    const wanted = ShardLimit! - OpenShardCount! + 1;
    await assertKinesisError(
      h.client.send(new kinesis.CreateStreamCommand({ StreamName: uniqueName("huge"), ShardCount: wanted })),
      "LimitExceededException",
      `This request would exceed the shard limit for the account ${h.team.accountId} in us-east-1. Current shard count for the account: ${OpenShardCount}. Limit: 500. ` +
        `Number of additional shards that would have resulted from this request: ${wanted}. Refer to the AWS Service Limits page ` +
        "(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.",
    );
  });

  it("answers ResourceNotFoundException for a stream that does not exist", async () => {
    const name = uniqueName("missing");
    await assertKinesisError(h.client.send(new kinesis.DescribeStreamCommand({ StreamName: name })), "ResourceNotFoundException", notFound(name));
    await assertKinesisError(h.client.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: name })), "ResourceNotFoundException", notFound(name));
    await assertKinesisError(h.client.send(new kinesis.DeleteStreamCommand({ StreamName: name })), "ResourceNotFoundException", notFound(name));
    await assertKinesisError(
      h.client.send(new kinesis.DescribeStreamCommand({})),
      "InvalidArgumentException",
      "Either StreamName or StreamARN must be provided.",
    );
  });
});

describe("ListStreams", () => {
  it("lists names and summaries in ASCII order, in pages", async () => {
    const prefix = uniqueName("list");
    const names = [`${prefix}-B`, `${prefix}-a`, `${prefix}-C`];
    for (const name of names) await createStream(h.client, name);
    const sorted = [...names].sort();
    const start = `${prefix}-`;
    const first = await h.client.send(new kinesis.ListStreamsCommand({ ExclusiveStartStreamName: start, Limit: 2 }));
    assert.deepEqual(first.StreamNames, sorted.slice(0, 2));
    assert.equal(first.HasMoreStreams, true);
    assert.ok(first.NextToken);
    assert.deepEqual(
      first.StreamSummaries?.map((s) => [s.StreamName, s.StreamARN, s.StreamStatus, s.StreamModeDetails?.StreamMode]),
      sorted.slice(0, 2).map((n) => [n, `arn:aws:kinesis:us-east-1:${h.team.accountId}:stream/${n}`, "ACTIVE", "PROVISIONED"]),
    );
    assert.ok(first.StreamSummaries?.every((s) => s.StreamCreationTimestamp instanceof Date));
    const second = await h.client.send(new kinesis.ListStreamsCommand({ NextToken: first.NextToken, Limit: 1 }));
    assert.deepEqual(second.StreamNames, [sorted[2]]);
  });

  it("pages through every stream with the SDK's paginator", async () => {
    const name = uniqueName("paginated");
    await createStream(h.client, name);
    const seen: string[] = [];
    for await (const page of kinesis.paginateListStreams({ client: h.client, pageSize: 2 }, {})) seen.push(...(page.StreamNames ?? []));
    assert.ok(seen.includes(name));
    assert.deepEqual(seen, [...new Set(seen)].sort());
  });
});

describe("DeleteStream", () => {
  it("deletes the stream with its shards and records", async () => {
    const name = uniqueName("doomed");
    await createStream(h.client, name, 2);
    await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: new Uint8Array([1]) }));
    await h.client.send(new kinesis.DeleteStreamCommand({ StreamName: name }));
    await assertKinesisError(h.client.send(new kinesis.DescribeStreamCommand({ StreamName: name })), "ResourceNotFoundException", notFound(name));
    const { StreamNames } = await h.client.send(new kinesis.ListStreamsCommand({ ExclusiveStartStreamName: name.slice(0, -1) }));
    assert.ok(!StreamNames?.includes(name));
    // The name is free again, for a new stream with its own shards.
    await createStream(h.client, name, 1);
    const { Shards } = await h.client.send(new kinesis.ListShardsCommand({ StreamName: name }));
    assert.equal(Shards?.length, 1);
  });

  it("refuses to delete a stream with consumers unless EnforceConsumerDeletion is set", async () => {
    const name = uniqueName("consumed");
    const arn = await createStream(h.client, name);
    await h.client.send(new kinesis.RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: "app" }));
    await assertKinesisError(
      h.client.send(new kinesis.DeleteStreamCommand({ StreamName: name })),
      "ResourceInUseException",
      `DeleteStream can't delete ${arn} because there are consumers associated with this data stream. To delete ${name} anyway, set the EnforceConsumerDeletion parameter to true to force the deletion of all the consumers that are associated with it.`,
    );
    await h.client.send(new kinesis.DeleteStreamCommand({ StreamName: name, EnforceConsumerDeletion: true }));
    await assertKinesisError(h.client.send(new kinesis.DescribeStreamCommand({ StreamName: name })), "ResourceNotFoundException", notFound(name));
  });
});

describe("retention, encryption and capacity mode", () => {
  it("increases and decreases the retention period within 24–8760 hours", async () => {
    const name = uniqueName("retention");
    await createStream(h.client, name);
    await h.client.send(new kinesis.IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 72 }));
    let { StreamDescriptionSummary: s } = await h.client.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: name }));
    assert.equal(s?.RetentionPeriodHours, 72);
    await assertKinesisError(
      h.client.send(new kinesis.IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 48 })),
      "InvalidArgumentException",
      `Requested retention period (48 hours) for stream ${name} can not be shorter than existing retention period (72 hours). Use DecreaseRetentionPeriod API.`,
    );
    await assertKinesisError(
      h.client.send(new kinesis.DecreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 96 })),
      "InvalidArgumentException",
      `Requested retention period (96 hours) for stream ${name} can not be longer than existing retention period (72 hours). Use IncreaseRetentionPeriod API.`,
    );
    await assertKinesisError(
      h.client.send(new kinesis.DecreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 23 })),
      "InvalidArgumentException",
      "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.",
    );
    await assertKinesisError(
      h.client.send(new kinesis.IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 8761 })),
      "InvalidArgumentException",
      "Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.",
    );
    await h.client.send(new kinesis.DecreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 24 }));
    ({ StreamDescriptionSummary: s } = await h.client.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: name })));
    assert.equal(s?.RetentionPeriodHours, 24);
  });

  it("records server-side encryption and reports it", async () => {
    const name = uniqueName("encrypted");
    await createStream(h.client, name);
    await h.client.send(new kinesis.StartStreamEncryptionCommand({ StreamName: name, EncryptionType: "KMS", KeyId: "alias/aws/kinesis" }));
    const { StreamDescription: d } = await h.client.send(new kinesis.DescribeStreamCommand({ StreamName: name }));
    assert.equal(d?.EncryptionType, "KMS");
    assert.equal(d?.KeyId, "alias/aws/kinesis");
    const put = await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: new Uint8Array([7]) }));
    assert.equal(put.EncryptionType, "KMS");
    await h.client.send(new kinesis.StopStreamEncryptionCommand({ StreamName: name, EncryptionType: "KMS", KeyId: "alias/aws/kinesis" }));
    const { StreamDescriptionSummary: s } = await h.client.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: name }));
    assert.equal(s?.EncryptionType, "NONE");
    assert.equal(s?.KeyId, undefined);
    await assertKinesisError(
      h.client.send(new kinesis.StartStreamEncryptionCommand({ StreamName: name, EncryptionType: "AES" as kinesis.EncryptionType, KeyId: "k" })),
      "ValidationException",
      "1 validation error detected: Value 'AES' at 'encryptionType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, KMS]",
    );
  });

  it("switches the capacity mode", async () => {
    const name = uniqueName("mode");
    const arn = await createStream(h.client, name, 2);
    await h.client.send(new kinesis.UpdateStreamModeCommand({ StreamARN: arn, StreamModeDetails: { StreamMode: "ON_DEMAND" } }));
    const { StreamDescriptionSummary: s } = await h.client.send(new kinesis.DescribeStreamSummaryCommand({ StreamARN: arn }));
    assert.equal(s?.StreamModeDetails?.StreamMode, "ON_DEMAND");
    assert.equal(s?.OpenShardCount, 2);
    await assertKinesisError(
      h.client.send(new kinesis.UpdateStreamModeCommand({ StreamARN: arn, StreamModeDetails: { StreamMode: "ON_DEMAND" } })),
      "InvalidArgumentException",
      `Stream ${name} under account ${h.team.accountId} is already in ON_DEMAND mode.`,
    );
  });

  it("counts the account's open shards and on-demand streams in DescribeLimits", async () => {
    const before = await h.client.send(new kinesis.DescribeLimitsCommand({}));
    await createStream(h.client, uniqueName("counted"), 3);
    const after = await h.client.send(new kinesis.DescribeLimitsCommand({}));
    assert.equal(after.OpenShardCount, before.OpenShardCount! + 3);
    assert.equal(after.OnDemandStreamCount, before.OnDemandStreamCount);
  });
});
