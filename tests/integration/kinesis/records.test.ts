// PutRecord / PutRecords and reading them back: routing by hash key (MD5 of the partition key, or the
// ExplicitHashKey), ordering and sequence numbers within a shard, blobs, and the request limits.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import * as kinesis from "@aws-sdk/client-kinesis";
import { assertKinesisError, bytes, createStream, iterator, type KinesisHarness, readShard, startKinesis, uniqueName } from "./helpers";

let h: KinesisHarness;

before(async () => {
  h = await startKinesis();
});
after(() => h.close());

const MiB = 1_048_576;
const md5 = (key: string) => BigInt(`0x${createHash("md5").update(key, "utf8").digest("hex")}`);

async function shardRanges(name: string): Promise<{ id: string; start: bigint; end: bigint }[]> {
  const { Shards } = await h.client.send(new kinesis.ListShardsCommand({ StreamName: name }));
  return Shards!.map((s) => ({ id: s.ShardId!, start: BigInt(s.HashKeyRange!.StartingHashKey!), end: BigInt(s.HashKeyRange!.EndingHashKey!) }));
}

const shardOf = (ranges: { id: string; start: bigint; end: bigint }[], key: bigint) => ranges.find((r) => r.start <= key && key <= r.end)!.id;

describe("routing", () => {
  it("puts each record in the shard whose range holds the MD5 of its partition key", async () => {
    const name = uniqueName("routed");
    await createStream(h.client, name, 4);
    const ranges = await shardRanges(name);
    const keys = Array.from({ length: 40 }, (_, i) => `user-${i}`);
    const { Records, FailedRecordCount } = await h.client.send(
      new kinesis.PutRecordsCommand({ StreamName: name, Records: keys.map((k) => ({ PartitionKey: k, Data: bytes(k) })) }),
    );
    assert.equal(FailedRecordCount, 0);
    assert.deepEqual(
      Records!.map((r) => r.ShardId),
      keys.map((k) => shardOf(ranges, md5(k))),
    );
    assert.ok(new Set(Records!.map((r) => r.ShardId)).size > 1, "forty keys spread over more than one shard");
    // A single PutRecord routes the same way.
    const single = await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "user-7", Data: bytes("again") }));
    assert.equal(single.ShardId, shardOf(ranges, md5("user-7")));
    // Each shard holds exactly the records routed to it.
    for (const range of ranges) {
      const { data } = await readShard(h.client, await iterator(h.client, name, range.id));
      const expected = keys.filter((k) => shardOf(ranges, md5(k)) === range.id);
      if (range.id === single.ShardId) expected.push("again");
      assert.deepEqual(data, expected, range.id);
    }
  });

  it("puts a record with an ExplicitHashKey in the shard whose range holds that key, whatever its partition key", async () => {
    const name = uniqueName("explicit");
    await createStream(h.client, name, 3);
    const ranges = await shardRanges(name);
    const cases = [
      { key: ranges[1]!.start, shard: ranges[1]!.id },
      { key: ranges[1]!.start - 1n, shard: ranges[0]!.id },
      { key: ranges[2]!.end, shard: ranges[2]!.id },
      { key: 0n, shard: ranges[0]!.id },
    ];
    for (const { key, shard } of cases) {
      const put = await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "same", ExplicitHashKey: key.toString(), Data: bytes("x") }));
      assert.equal(put.ShardId, shard, `hash key ${key}`);
    }
    const { Records } = await h.client.send(
      new kinesis.PutRecordsCommand({ StreamName: name, Records: [{ PartitionKey: "same", ExplicitHashKey: ranges[2]!.start.toString(), Data: bytes("y") }] }),
    );
    assert.equal(Records?.[0]?.ShardId, ranges[2]!.id);
  });
});

describe("ordering and sequence numbers", () => {
  it("keeps a shard's records in put order with increasing 56-digit sequence numbers", async () => {
    const name = uniqueName("ordered");
    await createStream(h.client, name, 1);
    const puts: kinesis.PutRecordOutput[] = [];
    for (let i = 0; i < 5; i++) puts.push(await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: `k${i}`, Data: bytes(`single-${i}`) })));
    const batch = await h.client.send(
      new kinesis.PutRecordsCommand({ StreamName: name, Records: Array.from({ length: 300 }, (_, i) => ({ PartitionKey: `b${i}`, Data: bytes(`batch-${i}`) })) }),
    );
    const written = [...puts.map((p) => p.SequenceNumber!), ...batch.Records!.map((r) => r.SequenceNumber!)];
    for (const seq of written) assert.match(seq, /^\d{56}$/);
    for (let i = 1; i < written.length; i++) assert.ok(BigInt(written[i]!) > BigInt(written[i - 1]!), `sequence ${i} increases`);

    const { records } = await readShard(h.client, await iterator(h.client, name, "shardId-000000000000"));
    assert.deepEqual(
      records.map((r) => new TextDecoder().decode(r.Data)),
      [...Array.from({ length: 5 }, (_, i) => `single-${i}`), ...Array.from({ length: 300 }, (_, i) => `batch-${i}`)],
    );
    assert.deepEqual(
      records.map((r) => r.SequenceNumber),
      written,
    );
    assert.deepEqual(records[0]?.PartitionKey, "k0");
    const arrival = records[0]!.ApproximateArrivalTimestamp!;
    assert.ok(arrival instanceof Date && Math.abs(arrival.getTime() - Date.now()) < 60_000);
  });

  it("gives concurrent writers to one shard distinct numbers and keeps each batch in order", async () => {
    const name = uniqueName("concurrent");
    await createStream(h.client, name, 1);
    const batches = await Promise.all(
      Array.from({ length: 6 }, (_, b) =>
        h.client.send(
          new kinesis.PutRecordsCommand({ StreamName: name, Records: Array.from({ length: 20 }, (_, i) => ({ PartitionKey: `p${i}`, Data: bytes(`${b}:${i}`) })) }),
        ),
      ),
    );
    const all = batches.flatMap((b) => b.Records!.map((r) => r.SequenceNumber!));
    assert.equal(new Set(all).size, 120);
    const { data, records } = await readShard(h.client, await iterator(h.client, name, "shardId-000000000000"));
    assert.equal(records.length, 120);
    const sorted = [...all].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    assert.deepEqual(
      records.map((r) => r.SequenceNumber),
      sorted,
    );
    for (let b = 0; b < 6; b++) {
      const mine = data.filter((d) => d.startsWith(`${b}:`));
      assert.deepEqual(mine, Array.from({ length: 20 }, (_, i) => `${b}:${i}`));
    }
  });

  it("stores blobs byte for byte and accepts an empty one", async () => {
    const name = uniqueName("blobs");
    await createStream(h.client, name, 1);
    const blob = randomBytes(4096);
    await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "bin", Data: blob }));
    await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "empty", Data: new Uint8Array() }));
    const { records } = await readShard(h.client, await iterator(h.client, name, "shardId-000000000000"));
    assert.deepEqual(Buffer.from(records[0]!.Data!), blob);
    assert.equal(records[1]!.Data!.length, 0);
  });

  it("accepts SequenceNumberForOrdering and answers a higher number for the next record", async () => {
    const name = uniqueName("for-ordering");
    await createStream(h.client, name, 2);
    const first = await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "p", Data: bytes("1") }));
    const second = await h.client.send(
      new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "p", Data: bytes("2"), SequenceNumberForOrdering: first.SequenceNumber }),
    );
    assert.ok(BigInt(second.SequenceNumber!) > BigInt(first.SequenceNumber!));
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "p", Data: bytes("3"), SequenceNumberForOrdering: "12345" })),
      "InvalidArgumentException",
      `ExclusiveMinimumSequenceNumber 12345 used in PutRecord on stream ${name} under account ${h.team.accountId} is invalid.`,
    );
  });
});

describe("limits and validation", () => {
  it("refuses more than 500 records in one PutRecords, and none", async () => {
    const name = uniqueName("many");
    await createStream(h.client, name, 1);
    const records = Array.from({ length: 501 }, () => ({ PartitionKey: "a", Data: bytes("x") }));
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: records })),
      "ValidationException",
      /^1 validation error detected: Value '\[\{Data: java\.nio\.HeapByteBuffer\[pos=0 lim=1 cap=1\],PartitionKey: a\}, .*\]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500$/,
    );
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: [] })),
      "ValidationException",
      "1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    // Exactly 500 is fine.
    const ok = await h.client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: records.slice(0, 500) }));
    assert.equal(ok.Records?.length, 500);
  });

  it("refuses a record over 1 MiB, in either operation", async () => {
    const name = uniqueName("big");
    await createStream(h.client, name, 1);
    const tooBig = new Uint8Array(MiB + 1);
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: tooBig })),
      "ValidationException",
      `1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=${MiB + 1} cap=${MiB + 1}]' at 'data' failed to satisfy constraint: Member must have length less than or equal to ${MiB}`,
    );
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: [{ PartitionKey: "k", Data: bytes("fine") }, { PartitionKey: "k", Data: tooBig }] })),
      "ValidationException",
      `1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=${MiB + 1} cap=${MiB + 1}]' at 'records.2.member.data' failed to satisfy constraint: Member must have length less than or equal to ${MiB}`,
    );
    // 1 MiB of data leaves no room for the partition key.
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: new Uint8Array(MiB) })),
      "InvalidArgumentException",
      `Record size exceeds 1 MB limit: its data and partition key add up to ${MiB + 1} bytes.`,
    );
    const fits = await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: new Uint8Array(MiB - 1) }));
    assert.equal(fits.ShardId, "shardId-000000000000");
  });

  it("refuses a PutRecords request over 5 MiB", async () => {
    const name = uniqueName("heavy");
    await createStream(h.client, name, 2);
    const records = Array.from({ length: 6 }, (_, i) => ({ PartitionKey: `k${i}`, Data: new Uint8Array(900_000) }));
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: records })),
      "InvalidArgumentException",
      "Records size exceeds 5 MB limit",
    );
    const { Shards } = await h.client.send(new kinesis.ListShardsCommand({ StreamName: name }));
    for (const shard of Shards!) {
      const { Records } = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: await iterator(h.client, name, shard.ShardId!) }));
      assert.deepEqual(Records, [], "nothing of the refused request was stored");
    }
  });

  it("checks partition keys and explicit hash keys", async () => {
    const name = uniqueName("keys");
    await createStream(h.client, name, 1);
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "", Data: bytes("x") })),
      "ValidationException",
      "1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    const long = "p".repeat(257);
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: [{ PartitionKey: long, Data: bytes("x"), ExplicitHashKey: "01" }] })),
      "ValidationException",
      "2 validation errors detected: Value '01' at 'records.1.member.explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38}); " +
        `Value '${long}' at 'records.1.member.partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
    const beyond = (1n << 128n).toString();
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "k", ExplicitHashKey: beyond, Data: bytes("x") })),
      "InvalidArgumentException",
      `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${beyond}`,
    );
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordCommand({ StreamName: name } as kinesis.PutRecordInput)),
      "ValidationException",
      "2 validation errors detected: Value null at 'data' failed to satisfy constraint: Member must not be null; Value null at 'partitionKey' failed to satisfy constraint: Member must not be null",
    );
    const missing = uniqueName("absent");
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordsCommand({ StreamName: missing, Records: [{ PartitionKey: "k", Data: bytes("x") }] })),
      "ResourceNotFoundException",
      `Stream ${missing} under account ${h.team.accountId} not found.`,
    );
  });
});
