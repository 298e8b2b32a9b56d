// The console's tRPC procedures for Kinesis: the same operations as the gateway on the same streams, the
// live viewer's reads (starting positions, cursors, the end of a closed shard, not charged to the shard's
// throughput), resharding, and team roles (a viewer may read records but not write or change anything).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as kinesis from "@aws-sdk/client-kinesis";
import { TRPCError } from "@trpc/server";
import { prisma } from "../../../server/db/client";
import { isAwsError } from "../../../server/errors";
import { SHARD_THROUGHPUT } from "../../../server/services/kinesis/limits";
import { flushStreamMetrics } from "../../../server/services/kinesis/metrics";
import { createTestTeam, createTestUser, trpcAs } from "../../helpers/fixtures";
import { assertKinesisError, iterator, type KinesisHarness, readShard, ROOMY, startKinesis, uniqueName } from "./helpers";

let h: KinesisHarness;
let owner: ReturnType<typeof trpcAs>;
let viewer: ReturnType<typeof trpcAs>;

before(async () => {
  h = await startKinesis();
  owner = trpcAs(h.team, { accountId: h.team.accountId });
  const viewerUser = await createTestUser("viewer");
  await prisma().membership.create({ data: { accountId: h.team.accountId, userId: viewerUser.userId, role: "viewer" } });
  viewer = trpcAs(viewerUser, { accountId: h.team.accountId });
});
after(() => h.close());

const HALF = 1n << 127n;
const MAX = (1n << 128n) - 1n;
const id = (n: number) => `shardId-${String(n).padStart(12, "0")}`;
const base64 = (text: string) => Buffer.from(text).toString("base64");

/** Asserts a tRPC call fails with `code`, caused by the AWS error `awsCode` (with `message`, when given). */
async function assertTrpcError(call: Promise<unknown>, code: TRPCError["code"], awsCode: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof TRPCError, `expected a TRPCError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.ok(isAwsError(e.cause), `caused by an AWS error, got ${String(e.cause)}`);
    assert.equal(e.cause.code, awsCode);
    if (typeof message === "string") assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

async function createStream(ShardCount = 1): Promise<{ name: string; arn: string }> {
  const name = uniqueName("console");
  await owner.kinesis.createStream({ StreamName: name, ShardCount });
  return { name, arn: `arn:aws:kinesis:us-east-1:${h.team.accountId}:stream/${name}` };
}

describe("kinesis over tRPC", () => {
  it("streamMetrics: per-minute incoming data, reads with their iterator age, and throttled writes and reads", async () => {
    // The gateway runs in this process, so its counters flush here.
    h.limitThroughput({ now: () => 0, rates: { ...SHARD_THROUGHPUT, writeRecordsPerSecond: 3, readCallsPerSecond: 1 } });
    try {
      const { name } = await createStream();
      const put = await h.client.send(
        new kinesis.PutRecordsCommand({ StreamName: name, Records: ["a", "bb", "ccc", "dddd"].map((d) => ({ PartitionKey: "k", Data: Buffer.from(d) })) }),
      );
      assert.equal(put.FailedRecordCount, 1);
      const first = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: await iterator(h.client, name, id(0)) }));
      assert.equal(first.Records?.length, 3);
      await assertKinesisError(h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: first.NextShardIterator })), "ProvisionedThroughputExceededException", /Rate exceeded/);
      await flushStreamMetrics();
      const series = await owner.kinesis.streamMetrics({ streamName: name, minutes: 5 });
      assert.equal(series.length, 5);
      const total = (pick: (p: (typeof series)[number]) => number) => series.reduce((sum, p) => sum + pick(p), 0);
      // Bytes count data and partition keys, as the limits do.
      assert.deepEqual(
        [total((p) => p.incomingRecords), total((p) => p.incomingBytes), total((p) => p.writeThrottled)],
        [3, 1 + 2 + 3 + 3, 1],
      );
      assert.deepEqual([total((p) => p.getRecordsCalls), total((p) => p.outgoingRecords), total((p) => p.readThrottled)], [1, 3, 1]);
      assert.ok(series.every((p, i) => i === 0 || p.minute.getTime() - series[i - 1]!.minute.getTime() === 60_000));
    } finally {
      h.limitThroughput({ rates: ROOMY });
    }
  });

  it("runs the same operations on the same streams as the gateway, and audits control-plane changes only", async () => {
    const name = uniqueName("console");
    await owner.kinesis.createStream({ StreamName: name, ShardCount: 2, Tags: { via: "console" } });
    const { StreamDescriptionSummary: summary } = await owner.kinesis.describeStreamSummary({ StreamName: name });
    assert.deepEqual(
      [summary.StreamStatus, summary.StreamModeDetails.StreamMode, summary.OpenShardCount, summary.RetentionPeriodHours, summary.EncryptionType],
      ["ACTIVE", "PROVISIONED", 2, 24, "NONE"],
    );
    const sdk = await h.client.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: name }));
    assert.equal(sdk.StreamDescriptionSummary?.StreamARN, summary.StreamARN);
    assert.ok((await owner.kinesis.listStreams({})).StreamNames.includes(name));
    assert.deepEqual((await owner.kinesis.listTagsForResource({ ResourceARN: summary.StreamARN })).Tags, [{ Key: "via", Value: "console" }]);

    const listed = (await owner.kinesis.listStreamSummaries()).find((s) => s.name === name);
    assert.deepEqual(listed && { ...listed, createdAt: listed.createdAt.getTime() }, {
      name,
      arn: summary.StreamARN,
      status: "ACTIVE",
      mode: "PROVISIONED",
      openShards: 2,
      retentionHours: 24,
      encryptionType: "NONE",
      createdAt: summary.StreamCreationTimestamp.getTime(),
    });

    // Records written over tRPC are read by the SDK.
    const put = await owner.kinesis.putRecord({ StreamName: name, PartitionKey: "p", ExplicitHashKey: "0", Data: base64("from the console") });
    assert.equal(put.ShardId, id(0));
    const { records } = await readShard(h.client, await iterator(h.client, name, id(0)));
    assert.deepEqual(
      records.map((r) => [r.SequenceNumber, Buffer.from(r.Data!).toString()]),
      [[put.SequenceNumber, "from the console"]],
    );

    const actions = (await prisma().auditEvent.findMany({ where: { accountId: h.team.accountId, source: "trpc" } })).map((e) => e.action);
    assert.ok(actions.includes("kinesis:CreateStream"), "control-plane changes are audited");
    assert.ok(!actions.includes("kinesis:PutRecord"), "record writes are data events, not audited");
  });

  it("reads a shard in the viewer from TRIM_HORIZON, then on from each cursor", async () => {
    const { name } = await createStream();
    const first = await owner.kinesis.putRecord({ StreamName: name, PartitionKey: "user-1", Data: base64('{"page":"/home"}') });
    const batch = await owner.kinesis.putRecords({
      StreamName: name,
      Records: [
        { PartitionKey: "user-2", Data: base64("héllo") },
        { PartitionKey: "binary", Data: Buffer.from([0xff, 0xfe, 0x00]).toString("base64") },
      ],
    });
    assert.equal(batch.FailedRecordCount, 0);
    const sequenceNumbers = [first.SequenceNumber, ...batch.Records.map((r) => ("SequenceNumber" in r ? r.SequenceNumber : r.ErrorCode))];

    const page = await owner.kinesis.readShard({ streamName: name, shardId: id(0), start: { type: "TRIM_HORIZON" } });
    assert.deepEqual(
      page.records.map((r) => [r.sequenceNumber, r.partitionKey, r.data, r.text]),
      [
        [sequenceNumbers[0], "user-1", base64('{"page":"/home"}'), '{"page":"/home"}'],
        [sequenceNumbers[1], "user-2", base64("héllo"), "héllo"],
        // Data that is not UTF-8 comes as base64 only.
        [sequenceNumbers[2], "binary", "//4A", null],
      ],
    );
    assert.ok(page.records.every((r) => r.arrivedAt instanceof Date));
    assert.ok(page.cursor);
    assert.deepEqual(page.childShards, []);

    // A page of `limit` records, then the cursor carries on after it.
    const short = await owner.kinesis.readShard({ streamName: name, shardId: id(0), start: { type: "TRIM_HORIZON" }, limit: 1 });
    assert.deepEqual(short.records.map((r) => r.partitionKey), ["user-1"]);
    assert.deepEqual((await owner.kinesis.readShard({ cursor: short.cursor! })).records.map((r) => r.partitionKey), ["user-2", "binary"]);

    const later = await owner.kinesis.putRecord({ StreamName: name, PartitionKey: "user-3", Data: base64("later") });
    assert.deepEqual((await owner.kinesis.readShard({ cursor: page.cursor })).records.map((r) => r.sequenceNumber), [later.SequenceNumber]);

    // AT_SEQUENCE_NUMBER and AT_TIMESTAMP start at the record they name.
    const at = await owner.kinesis.readShard({ streamName: name, shardId: id(0), start: { type: "AT_SEQUENCE_NUMBER", sequenceNumber: sequenceNumbers[2] } });
    assert.deepEqual(at.records.map((r) => r.partitionKey), ["binary", "user-3"]);
    const laterArrival = at.records[1]!.arrivedAt;
    const since = await owner.kinesis.readShard({ streamName: name, shardId: id(0), start: { type: "AT_TIMESTAMP", timestamp: laterArrival } });
    assert.deepEqual(since.records.map((r) => r.text), ["later"]);
  });

  it("tails from LATEST: only records put after the viewer started", async () => {
    const { name } = await createStream();
    await owner.kinesis.putRecord({ StreamName: name, PartitionKey: "p", Data: base64("before") });
    const started = await owner.kinesis.readShard({ streamName: name, shardId: id(0), start: { type: "LATEST" } });
    assert.deepEqual(started.records, []);
    assert.ok(started.cursor);
    const quiet = await owner.kinesis.readShard({ cursor: started.cursor });
    assert.deepEqual(quiet.records, []);
    await owner.kinesis.putRecords({ StreamName: name, Records: ["a", "b"].map((data) => ({ PartitionKey: "p", Data: base64(data) })) });
    const arrived = await owner.kinesis.readShard({ cursor: quiet.cursor! });
    assert.deepEqual(arrived.records.map((r) => r.text), ["a", "b"]);
    assert.equal(arrived.millisBehindLatest, 0);
  });

  it("answers AWS's errors for a bad starting position or cursor", async () => {
    const { name } = await createStream(2);
    const start = (shardId: string, position: { type: "AT_SEQUENCE_NUMBER" | "AT_TIMESTAMP" | "LATEST"; sequenceNumber?: string; timestamp?: Date }) =>
      owner.kinesis.readShard({ streamName: name, shardId, start: position });
    const upper = await owner.kinesis.putRecord({ StreamName: name, PartitionKey: "p", ExplicitHashKey: MAX.toString(), Data: base64("x") });
    assert.equal(upper.ShardId, id(1));

    await assertTrpcError(
      start(id(0), { type: "AT_SEQUENCE_NUMBER", sequenceNumber: "12345" }),
      "BAD_REQUEST",
      "InvalidArgumentException",
      `StartingSequenceNumber 12345 used in GetShardIterator on shard ${id(0)} in stream ${name} under account ${h.team.accountId} is invalid.`,
    );
    await assertTrpcError(
      start(id(0), { type: "AT_SEQUENCE_NUMBER", sequenceNumber: upper.SequenceNumber }),
      "BAD_REQUEST",
      "InvalidArgumentException",
      `Invalid StartingSequenceNumber. It encodes ${id(1)}, while it was used in a call to a shard with ${id(0)}`,
    );
    await assertTrpcError(start(id(0), { type: "AT_SEQUENCE_NUMBER" }), "BAD_REQUEST", "InvalidArgumentException", /^Must either specify/);
    await assertTrpcError(start(id(0), { type: "LATEST", sequenceNumber: upper.SequenceNumber }), "BAD_REQUEST", "InvalidArgumentException", /^Must either specify/);
    await assertTrpcError(start(id(0), { type: "AT_TIMESTAMP" }), "BAD_REQUEST", "InvalidArgumentException", /^Must specify timestampInMillis/);
    await assertTrpcError(
      start(id(0), { type: "AT_TIMESTAMP", timestamp: new Date(Date.now() + 3_600_000) }),
      "BAD_REQUEST",
      "InvalidArgumentException",
      /^The timestampInMillis parameter cannot be greater than the currentTimestampInMillis/,
    );
    await assertTrpcError(start(id(7), { type: "LATEST" }), "BAD_REQUEST", "ResourceNotFoundException", `Shard ${id(7)} in stream ${name} under account ${h.team.accountId} does not exist`);
    await assertTrpcError(
      owner.kinesis.readShard({ streamName: `${name}-missing`, shardId: id(0), start: { type: "LATEST" } }),
      "BAD_REQUEST",
      "ResourceNotFoundException",
      `Stream ${name}-missing under account ${h.team.accountId} not found.`,
    );

    // Cursors are signed and bound to the team and region: forged, altered or foreign ones are refused.
    const { cursor } = await start(id(1), { type: "LATEST" });
    assert.ok(cursor);
    await assertTrpcError(owner.kinesis.readShard({ cursor: "not-a-cursor" }), "BAD_REQUEST", "InvalidArgumentException", "Invalid ShardIterator.");
    const altered = Buffer.from(cursor, "base64");
    const flipped = altered.length - 3;
    altered.writeUInt8(altered.readUInt8(flipped) ^ 1, flipped);
    await assertTrpcError(owner.kinesis.readShard({ cursor: altered.toString("base64") }), "BAD_REQUEST", "InvalidArgumentException", "Invalid ShardIterator.");
    const otherTeam = await createTestTeam();
    await assertTrpcError(trpcAs(otherTeam, { accountId: otherTeam.accountId }).kinesis.readShard({ cursor }), "BAD_REQUEST", "InvalidArgumentException", "Invalid ShardIterator.");
    await assertTrpcError(
      trpcAs(h.team, { accountId: h.team.accountId, region: "us-west-2" }).kinesis.readShard({ cursor }),
      "BAD_REQUEST",
      "InvalidArgumentException",
      "Invalid ShardIterator.",
    );
  });
});

describe("resharding over tRPC", () => {
  it("splits, merges and rescales; the viewer reads a closed parent to its end and names its children", async () => {
    const { name, arn } = await createStream();
    await owner.kinesis.putRecord({ StreamName: name, PartitionKey: "p", ExplicitHashKey: "0", Data: base64("before the split") });
    await owner.kinesis.splitShard({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: HALF.toString() });
    const { Shards: split } = await owner.kinesis.listShards({ StreamName: name });
    assert.deepEqual(
      split.map((s) => [s.ShardId, s.ParentShardId, s.HashKeyRange.StartingHashKey, s.HashKeyRange.EndingHashKey, s.SequenceNumberRange.EndingSequenceNumber !== undefined]),
      [
        [id(0), undefined, "0", MAX.toString(), true],
        [id(1), id(0), "0", (HALF - 1n).toString(), false],
        [id(2), id(0), HALF.toString(), MAX.toString(), false],
      ],
    );
    await assertTrpcError(
      owner.kinesis.splitShard({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: "12345" }),
      "BAD_REQUEST",
      "ResourceInUseException",
      `Shard ${id(0)} in stream ${name} under account ${h.team.accountId} has already been merged or split, and thus is not eligible for merging or splitting.`,
    );

    const parent = await owner.kinesis.readShard({ streamName: name, shardId: id(0), start: { type: "TRIM_HORIZON" } });
    assert.deepEqual(parent.records.map((r) => r.text), ["before the split"]);
    assert.equal(parent.cursor, null);
    assert.deepEqual(
      parent.childShards.map((c) => [c.ShardId, c.ParentShards]),
      [
        [id(1), [id(0)]],
        [id(2), [id(0)]],
      ],
    );

    await owner.kinesis.mergeShards({ StreamName: name, ShardToMerge: id(1), AdjacentShardToMerge: id(2) });
    const open = async () => (await owner.kinesis.listShards({ StreamName: name, ShardFilter: { Type: "AT_LATEST" } })).Shards;
    assert.deepEqual(
      (await open()).map((s) => [s.ShardId, s.ParentShardId, s.AdjacentParentShardId]),
      [[id(3), id(1), id(2)]],
    );
    const scaled = await owner.kinesis.updateShardCount({ StreamName: name, TargetShardCount: 2, ScalingType: "UNIFORM_SCALING" });
    assert.deepEqual([scaled.CurrentShardCount, scaled.TargetShardCount, scaled.StreamARN], [1, 2, arn]);
    assert.deepEqual(
      (await open()).map((s) => s.HashKeyRange.StartingHashKey),
      ["0", HALF.toString()],
    );

    await owner.kinesis.updateStreamMode({ StreamARN: arn, StreamModeDetails: { StreamMode: "ON_DEMAND" } });
    await owner.kinesis.increaseStreamRetentionPeriod({ StreamName: name, RetentionPeriodHours: 48 });
    await owner.kinesis.startStreamEncryption({ StreamName: name, EncryptionType: "KMS", KeyId: "alias/aws/kinesis" });
    const { StreamDescriptionSummary: changed } = await owner.kinesis.describeStreamSummary({ StreamName: name });
    assert.deepEqual(
      [changed.StreamModeDetails.StreamMode, changed.RetentionPeriodHours, changed.EncryptionType, changed.KeyId, changed.OpenShardCount],
      ["ON_DEMAND", 48, "KMS", "alias/aws/kinesis", 2],
    );
    await assertTrpcError(
      owner.kinesis.decreaseStreamRetentionPeriod({ StreamName: name, RetentionPeriodHours: 72 }),
      "BAD_REQUEST",
      "InvalidArgumentException",
      `Requested retention period (72 hours) for stream ${name} can not be longer than existing retention period (48 hours). Use IncreaseRetentionPeriod API.`,
    );

    const { Consumer } = await owner.kinesis.registerStreamConsumer({ StreamARN: arn, ConsumerName: "analytics" });
    assert.deepEqual((await owner.kinesis.listStreamConsumers({ StreamARN: arn })).Consumers.map((c) => c.ConsumerARN), [Consumer.ConsumerARN]);
    await owner.kinesis.deregisterStreamConsumer({ ConsumerARN: Consumer.ConsumerARN });
    assert.deepEqual((await owner.kinesis.listStreamConsumers({ StreamARN: arn })).Consumers, []);

    await owner.kinesis.deleteStream({ StreamName: name });
    assert.ok(!(await owner.kinesis.listStreamSummaries()).some((s) => s.name === name));
  });
});

describe("roles", () => {
  it("lets a viewer list streams and watch records, but not write records or change streams", async () => {
    const { name, arn } = await createStream();
    await owner.kinesis.putRecord({ StreamName: name, PartitionKey: "p", Data: base64("look, don't touch") });

    assert.ok((await viewer.kinesis.listStreamSummaries()).some((s) => s.name === name));
    assert.equal((await viewer.kinesis.describeStreamSummary({ StreamName: name })).StreamDescriptionSummary.OpenShardCount, 1);
    const watched = await viewer.kinesis.readShard({ streamName: name, shardId: id(0), start: { type: "TRIM_HORIZON" } });
    assert.deepEqual(watched.records.map((r) => r.text), ["look, don't touch"]);

    // Kinesis answers every client error with HTTP 400, AccessDeniedException included.
    const denied = (operation: string, resource = arn) => new RegExp(`is not authorized to perform: kinesis:${operation} on resource: ${resource} `);
    await assertTrpcError(viewer.kinesis.putRecord({ StreamName: name, PartitionKey: "p", Data: base64("no") }), "BAD_REQUEST", "AccessDeniedException", denied("PutRecord"));
    await assertTrpcError(
      viewer.kinesis.putRecords({ StreamName: name, Records: [{ PartitionKey: "p", Data: base64("no") }] }),
      "BAD_REQUEST",
      "AccessDeniedException",
      denied("PutRecords"),
    );
    await assertTrpcError(
      viewer.kinesis.splitShard({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: HALF.toString() }),
      "BAD_REQUEST",
      "AccessDeniedException",
      denied("SplitShard"),
    );
    await assertTrpcError(viewer.kinesis.tagResource({ ResourceARN: arn, Tags: { a: "b" } }), "BAD_REQUEST", "AccessDeniedException", denied("TagResource"));
    await assertTrpcError(viewer.kinesis.deleteStream({ StreamName: name }), "BAD_REQUEST", "AccessDeniedException", denied("DeleteStream"));
    await assertTrpcError(viewer.kinesis.createStream({ StreamName: `${name}-2`, ShardCount: 1 }), "BAD_REQUEST", "AccessDeniedException", denied("CreateStream", `${arn}-2`));

    const after = await owner.kinesis.readShard({ streamName: name, shardId: id(0), start: { type: "TRIM_HORIZON" } });
    assert.deepEqual(after.records.map((r) => r.text), ["look, don't touch"], "nothing was written");
    assert.equal((await owner.kinesis.listShards({ StreamName: name })).Shards.length, 1, "nothing was split");
  });

  it("refuses callers who are not in the team", async () => {
    const outsider = await createTestUser("outsider");
    await assert.rejects(trpcAs(outsider, { accountId: h.team.accountId }).kinesis.listStreamSummaries(), (e: unknown) => e instanceof TRPCError && e.code === "NOT_FOUND");
  });
});

describe("throughput", () => {
  it("does not charge the viewer's reads to the shard's read throughput", async () => {
    const { name } = await createStream();
    await owner.kinesis.putRecord({ StreamName: name, PartitionKey: "p", Data: base64("x") });
    // One GetRecords call per second, on a clock that stands still: a second call is throttled.
    const now = Date.now();
    h.limitThroughput({ rates: { ...SHARD_THROUGHPUT, readCallsPerSecond: 1 }, now: () => now });
    try {
      const start = await iterator(h.client, name, id(0));
      for (let i = 0; i < 5; i++) {
        const page = await owner.kinesis.readShard({ streamName: name, shardId: id(0), start: { type: "TRIM_HORIZON" } });
        assert.equal(page.records.length, 1);
      }
      await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: start }));
      await assertKinesisError(
        h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: start })),
        "ProvisionedThroughputExceededException",
        `Rate exceeded for shard ${id(0)} in stream ${name} under account ${h.team.accountId}.`,
      );
      // The viewer still reads.
      assert.equal((await owner.kinesis.readShard({ streamName: name, shardId: id(0), start: { type: "TRIM_HORIZON" } })).records.length, 1);
    } finally {
      h.limitThroughput({ rates: ROOMY });
    }
  });
});
