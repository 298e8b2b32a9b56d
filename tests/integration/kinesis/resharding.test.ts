// SplitShard, MergeShards and UpdateShardCount: lineage, parents closed at their last record (GetRecords
// ends them with no NextShardIterator and their ChildShards), children carrying on, and ListShards' filters.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as kinesis from "@aws-sdk/client-kinesis";
import { encodeToken } from "../../../server/services/kinesis/paging";
import { assertKinesisError, bytes, createStream, iterator, type KinesisHarness, readShard, startKinesis, text, uniqueName } from "./helpers";

let h: KinesisHarness;

before(async () => {
  h = await startKinesis();
});
after(() => h.close());

const HALF = 1n << 127n;
const MAX = (1n << 128n) - 1n;
const id = (n: number) => `shardId-${String(n).padStart(12, "0")}`;

const put = (StreamName: string, ExplicitHashKey: bigint, data: string) =>
  h.client.send(new kinesis.PutRecordCommand({ StreamName, PartitionKey: "p", ExplicitHashKey: ExplicitHashKey.toString(), Data: bytes(data) }));

async function shards(StreamName: string, filter?: kinesis.ShardFilter): Promise<kinesis.Shard[]> {
  const { Shards } = await h.client.send(new kinesis.ListShardsCommand({ StreamName, ShardFilter: filter }));
  return Shards ?? [];
}

const range = (s: kinesis.Shard) => [s.HashKeyRange!.StartingHashKey, s.HashKeyRange!.EndingHashKey];

describe("SplitShard", () => {
  it("closes the parent at its last record and opens two children that take over its hash keys", async () => {
    const name = uniqueName("split");
    await createStream(h.client, name, 1);
    await put(name, 0n, "a");
    const last = await put(name, MAX, "b");
    await h.client.send(new kinesis.SplitShardCommand({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: HALF.toString() }));

    const { StreamDescription: d } = await h.client.send(new kinesis.DescribeStreamCommand({ StreamName: name }));
    assert.equal(d?.StreamStatus, "ACTIVE");
    const [parent, low, high] = d!.Shards!;
    assert.equal(parent?.SequenceNumberRange?.EndingSequenceNumber, last.SequenceNumber);
    assert.deepEqual(
      [low, high].map((s) => [s!.ShardId, s!.ParentShardId, s!.AdjacentParentShardId, ...range(s!), s!.SequenceNumberRange!.EndingSequenceNumber]),
      [
        [id(1), id(0), undefined, "0", (HALF - 1n).toString(), undefined],
        [id(2), id(0), undefined, HALF.toString(), MAX.toString(), undefined],
      ],
    );
    const { StreamDescriptionSummary } = await h.client.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: name }));
    assert.equal(StreamDescriptionSummary?.OpenShardCount, 2);

    // New records go to the children.
    assert.equal((await put(name, 0n, "c")).ShardId, id(1));
    assert.equal((await put(name, MAX, "d")).ShardId, id(2));

    // The parent is read to its last record; the page that reaches it has no next iterator but the children.
    const first = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: await iterator(h.client, name, id(0)), Limit: 1 }));
    assert.deepEqual(first.Records?.map((r) => text(r.Data)), ["a"]);
    assert.ok(first.NextShardIterator);
    assert.equal(first.ChildShards, undefined);
    const end = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: first.NextShardIterator }));
    assert.deepEqual(end.Records?.map((r) => text(r.Data)), ["b"]);
    assert.equal(end.NextShardIterator, undefined);
    assert.deepEqual(end.ChildShards, [
      { ShardId: id(1), ParentShards: [id(0)], HashKeyRange: { StartingHashKey: "0", EndingHashKey: (HALF - 1n).toString() } },
      { ShardId: id(2), ParentShards: [id(0)], HashKeyRange: { StartingHashKey: HALF.toString(), EndingHashKey: MAX.toString() } },
    ]);
    // LATEST on a closed shard is already at its end.
    const atEnd = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: await iterator(h.client, name, id(0), "LATEST") }));
    assert.deepEqual(atEnd.Records, []);
    assert.equal(atEnd.NextShardIterator, undefined);
    assert.equal(atEnd.ChildShards?.length, 2);
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, id(1)))).data, ["c"]);
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, id(2)))).data, ["d"]);
  });

  it("keeps a partition key's records in order across the split, parent first", async () => {
    const name = uniqueName("lineage");
    await createStream(h.client, name, 1);
    for (const v of ["k1", "k2", "k3"]) await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "key", Data: bytes(v) }));
    await h.client.send(new kinesis.SplitShardCommand({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: HALF.toString() }));
    const puts: kinesis.PutRecordOutput[] = [];
    for (const v of ["k4", "k5", "k6"]) puts.push(await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "key", Data: bytes(v) })));
    const parent = await readShard(h.client, await iterator(h.client, name, id(0)));
    assert.equal(parent.last.NextShardIterator, undefined);
    const child = parent.last.ChildShards!.find((c) => c.ShardId === puts[0]!.ShardId)!;
    const rest = await readShard(h.client, await iterator(h.client, name, child.ShardId!));
    assert.deepEqual([...parent.data, ...rest.data], ["k1", "k2", "k3", "k4", "k5", "k6"]);
  });

  it("loses no record written while the shard splits", async () => {
    const name = uniqueName("racing");
    await createStream(h.client, name, 1);
    const writes = Array.from({ length: 12 }, (_, b) =>
      h.client.send(
        new kinesis.PutRecordsCommand({ StreamName: name, Records: Array.from({ length: 25 }, (_, i) => ({ PartitionKey: `p${b}-${i}`, Data: bytes(`${b}-${i}`) })) }),
      ),
    );
    const split = h.client.send(new kinesis.SplitShardCommand({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: HALF.toString() }));
    const results = await Promise.all(writes);
    await split;
    const acknowledged = new Map<string, string>();
    results.forEach((r, b) =>
      r.Records!.forEach((rec, i) => {
        assert.equal(rec.ErrorCode, undefined);
        acknowledged.set(`${b}-${i}`, `${rec.ShardId}/${rec.SequenceNumber}`);
      }),
    );
    const stored = new Map<string, string>();
    for (const shard of [0, 1, 2]) {
      const { records } = await readShard(h.client, await iterator(h.client, name, id(shard)));
      for (const r of records) stored.set(text(r.Data), `${id(shard)}/${r.SequenceNumber}`);
    }
    assert.equal(stored.size, 300);
    assert.deepEqual(stored, acknowledged);
  });

  it("refuses a shard already split, an unknown shard and a hash key outside the shard", async () => {
    const name = uniqueName("split-errors");
    await createStream(h.client, name, 1);
    const account = h.team.accountId;
    await assertKinesisError(
      h.client.send(new kinesis.SplitShardCommand({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: "1" })),
      "InvalidArgumentException",
      `NewStartingHashKey 1 used in SplitShard() on shard ${id(0)} in stream ${name} under account ${account} is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey ${MAX}.`,
    );
    await assertKinesisError(
      h.client.send(new kinesis.SplitShardCommand({ StreamName: name, ShardToSplit: id(7), NewStartingHashKey: HALF.toString() })),
      "ResourceNotFoundException",
      `Could not find shard ${id(7)} in stream ${name} under account ${account}.`,
    );
    await h.client.send(new kinesis.SplitShardCommand({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: HALF.toString() }));
    await assertKinesisError(
      h.client.send(new kinesis.SplitShardCommand({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: "12345" })),
      "ResourceInUseException",
      `Shard ${id(0)} in stream ${name} under account ${account} has already been merged or split, and thus is not eligible for merging or splitting.`,
    );
    await assertKinesisError(
      h.client.send(new kinesis.SplitShardCommand({ StreamName: name, ShardToSplit: id(1), NewStartingHashKey: "-5" })),
      "ValidationException",
      "1 validation error detected: Value '-5' at 'newStartingHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})",
    );
  });
});

describe("MergeShards", () => {
  it("merges two adjacent shards, named in either order, into one child of both", async () => {
    const name = uniqueName("merge");
    await createStream(h.client, name, 2);
    await put(name, 0n, "x");
    await put(name, MAX, "y");
    await h.client.send(new kinesis.MergeShardsCommand({ StreamName: name, ShardToMerge: id(1), AdjacentShardToMerge: id(0) }));
    const open = await shards(name, { Type: "AT_LATEST" });
    assert.deepEqual(
      open.map((s) => [s.ShardId, s.ParentShardId, s.AdjacentParentShardId, ...range(s)]),
      [[id(2), id(1), id(0), "0", MAX.toString()]],
    );
    const { last } = await readShard(h.client, await iterator(h.client, name, id(0)));
    assert.equal(last.NextShardIterator, undefined);
    assert.deepEqual(last.ChildShards, [{ ShardId: id(2), ParentShards: [id(1), id(0)], HashKeyRange: { StartingHashKey: "0", EndingHashKey: MAX.toString() } }]);
    assert.equal((await put(name, HALF, "z")).ShardId, id(2));
  });

  it("refuses shards that are not adjacent", async () => {
    const name = uniqueName("apart");
    await createStream(h.client, name, 3);
    await assertKinesisError(
      h.client.send(new kinesis.MergeShardsCommand({ StreamName: name, ShardToMerge: id(0), AdjacentShardToMerge: id(2) })),
      "InvalidArgumentException",
      `Shards ${id(0)} and ${id(2)} in stream ${name} under account ${h.team.accountId} are not an adjacent pair of shards eligible for merging`,
    );
  });
});

describe("UpdateShardCount", () => {
  it("scales up to an even split of the hash key space, every new shard with at most two parents", async () => {
    const name = uniqueName("scale-up");
    await createStream(h.client, name, 2);
    await put(name, 0n, "before");
    const result = await h.client.send(new kinesis.UpdateShardCountCommand({ StreamName: name, TargetShardCount: 3, ScalingType: "UNIFORM_SCALING" }));
    assert.deepEqual([result.StreamName, result.CurrentShardCount, result.TargetShardCount], [name, 2, 3]);
    assert.equal(result.StreamARN, `arn:aws:kinesis:us-east-1:${h.team.accountId}:stream/${name}`);
    const open = (await shards(name, { Type: "AT_LATEST" })).sort((a, b) => (BigInt(a.HashKeyRange!.StartingHashKey!) < BigInt(b.HashKeyRange!.StartingHashKey!) ? -1 : 1));
    assert.deepEqual(open.map(range), [
      ["0", "113427455640312821154458202477256070484"],
      ["113427455640312821154458202477256070485", "226854911280625642308916404954512140969"],
      ["226854911280625642308916404954512140970", "340282366920938463463374607431768211455"],
    ]);
    const all = await shards(name);
    const byId = new Map(all.map((s) => [s.ShardId!, s]));
    for (const shard of all.filter((s) => s.ParentShardId)) {
      const parents = [shard.ParentShardId, shard.AdjacentParentShardId].filter((p) => p !== undefined).map((p) => byId.get(p)!);
      assert.ok(parents.every((p) => p.SequenceNumberRange?.EndingSequenceNumber), `${shard.ShardId}'s parents are closed`);
      // A split's child holds part of its parent's hash keys; a merge's child exactly both parents'.
      const start = parents.map((p) => BigInt(p.HashKeyRange!.StartingHashKey!)).reduce((a, b) => (a < b ? a : b));
      const end = parents.map((p) => BigInt(p.HashKeyRange!.EndingHashKey!)).reduce((a, b) => (a > b ? a : b));
      const [childStart, childEnd] = range(shard).map((k) => BigInt(k!));
      if (shard.AdjacentParentShardId) assert.deepEqual([childStart, childEnd], [start, end]);
      else assert.ok(start <= childStart! && childEnd! <= end, `${shard.ShardId} lies within its parent`);
    }
    const { StreamDescriptionSummary } = await h.client.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: name }));
    assert.equal(StreamDescriptionSummary?.OpenShardCount, 3);
    assert.equal(StreamDescriptionSummary?.StreamStatus, "ACTIVE");
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, id(0)))).data, ["before"]);
    const after = await put(name, MAX, "after");
    assert.equal(after.ShardId, open[2]!.ShardId);
  });

  it("scales down by merging, and keeps within half and double of the open shards", async () => {
    const name = uniqueName("scale-down");
    await createStream(h.client, name, 4);
    await h.client.send(new kinesis.UpdateShardCountCommand({ StreamName: name, TargetShardCount: 2, ScalingType: "UNIFORM_SCALING" }));
    const open = await shards(name, { Type: "AT_LATEST" });
    assert.deepEqual(
      open.map((s) => [s.ParentShardId, s.AdjacentParentShardId, ...range(s)]),
      [
        [id(0), id(1), "0", (HALF - 1n).toString()],
        [id(2), id(3), HALF.toString(), MAX.toString()],
      ],
    );
    const counts = "Current open shard count: 2, Target shard count:";
    await assertKinesisError(
      h.client.send(new kinesis.UpdateShardCountCommand({ StreamName: name, TargetShardCount: 5, ScalingType: "UNIFORM_SCALING" })),
      "LimitExceededException",
      `UpdateShardCount cannot scale up over double your current open shard count. ${counts} 5`,
    );
    await h.client.send(new kinesis.UpdateShardCountCommand({ StreamName: name, TargetShardCount: 1, ScalingType: "UNIFORM_SCALING" }));
    await assertKinesisError(
      h.client.send(new kinesis.UpdateShardCountCommand({ StreamName: name, TargetShardCount: 3, ScalingType: "UNIFORM_SCALING" })),
      "LimitExceededException",
      "UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: 1, Target shard count: 3",
    );
    await assertKinesisError(
      h.client.send(new kinesis.UpdateShardCountCommand({ StreamName: name, TargetShardCount: 2, ScalingType: "SLOW" as kinesis.ScalingType })),
      "ValidationException",
      "1 validation error detected: Value 'SLOW' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]",
    );
  });
});

describe("ListShards", () => {
  it("filters by position in the shard lineage and by time, and pages with NextToken", async () => {
    const name = uniqueName("filters");
    await createStream(h.client, name, 1);
    const { StreamDescriptionSummary } = await h.client.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: name }));
    const created = StreamDescriptionSummary!.StreamCreationTimestamp!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await h.client.send(new kinesis.SplitShardCommand({ StreamName: name, ShardToSplit: id(0), NewStartingHashKey: HALF.toString() }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = new Date();
    const ids = async (filter?: kinesis.ShardFilter) => (await shards(name, filter)).map((s) => s.ShardId);

    assert.deepEqual(await ids(), [id(0), id(1), id(2)]);
    assert.deepEqual(await ids({ Type: "FROM_TRIM_HORIZON" }), [id(0), id(1), id(2)]);
    assert.deepEqual(await ids({ Type: "AT_LATEST" }), [id(1), id(2)]);
    assert.deepEqual(await ids({ Type: "AT_TRIM_HORIZON" }), [id(0)]);
    assert.deepEqual(await ids({ Type: "AFTER_SHARD_ID", ShardId: id(0) }), [id(1), id(2)]);
    assert.deepEqual(await ids({ Type: "AT_TIMESTAMP", Timestamp: created }), [id(0)]);
    assert.deepEqual(await ids({ Type: "AT_TIMESTAMP", Timestamp: later }), [id(1), id(2)]);
    assert.deepEqual(await ids({ Type: "FROM_TIMESTAMP", Timestamp: created }), [id(0), id(1), id(2)]);
    assert.deepEqual(await ids({ Type: "FROM_TIMESTAMP", Timestamp: later }), [id(1), id(2)]);

    const first = await h.client.send(new kinesis.ListShardsCommand({ StreamName: name, MaxResults: 2 }));
    assert.deepEqual(first.Shards?.map((s) => s.ShardId), [id(0), id(1)]);
    assert.ok(first.NextToken);
    const second = await h.client.send(new kinesis.ListShardsCommand({ NextToken: first.NextToken, MaxResults: 2 }));
    assert.deepEqual(second.Shards?.map((s) => s.ShardId), [id(2)]);
    assert.equal(second.NextToken, undefined);
    const filtered = await h.client.send(new kinesis.ListShardsCommand({ StreamName: name, MaxResults: 1, ShardFilter: { Type: "AT_LATEST" } }));
    const continued = await h.client.send(new kinesis.ListShardsCommand({ NextToken: filtered.NextToken }));
    assert.deepEqual(continued.Shards?.map((s) => s.ShardId), [id(2)], "the token keeps the filter");
    assert.deepEqual((await h.client.send(new kinesis.ListShardsCommand({ StreamName: name, ExclusiveStartShardId: id(1) }))).Shards?.map((s) => s.ShardId), [id(2)]);
  });

  it("words its argument errors as AWS does, and expires tokens after 300 seconds", async () => {
    const name = uniqueName("list-errors");
    await createStream(h.client, name, 2);
    const { NextToken } = await h.client.send(new kinesis.ListShardsCommand({ StreamName: name, MaxResults: 1 }));
    await assertKinesisError(
      h.client.send(new kinesis.ListShardsCommand({ StreamName: name, NextToken })),
      "InvalidArgumentException",
      "NextToken and StreamName cannot be provided together.",
    );
    await assertKinesisError(h.client.send(new kinesis.ListShardsCommand({})), "InvalidArgumentException", "Either NextToken or StreamName should be provided.");
    await assertKinesisError(
      h.client.send(new kinesis.ListShardsCommand({ StreamName: name, ShardFilter: { Type: "AFTER_SHARD_ID" } })),
      "InvalidArgumentException",
      "ShardId must be specified in the ShardFilter when its type is AFTER_SHARD_ID.",
    );
    await assertKinesisError(
      h.client.send(new kinesis.ListShardsCommand({ StreamName: name, ShardFilter: { Type: "AT_TIMESTAMP" } })),
      "InvalidArgumentException",
      "Timestamp must be specified in the ShardFilter when its type is AT_TIMESTAMP.",
    );
    await assertKinesisError(h.client.send(new kinesis.ListShardsCommand({ NextToken: "garbage" })), "InvalidArgumentException", "Invalid NextToken.");
    const { position } = JSON.parse(Buffer.from(NextToken!, "base64url").toString("utf8")) as { position: unknown };
    const stale = encodeToken(position, Date.now() - 301_000);
    await assertKinesisError(h.client.send(new kinesis.ListShardsCommand({ NextToken: stale })), "ExpiredNextTokenException", "The timestamp on the NextToken has expired.");
  });
});
