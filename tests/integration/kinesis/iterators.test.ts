// GetShardIterator's five iterator types and GetRecords: where each starts, how reading continues,
// MillisBehindLatest, Limit, iterator expiry and tampering, and AWS's argument errors.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as kinesis from "@aws-sdk/client-kinesis";
import { pgPool } from "../../../server/db/pool";
import { decodeShardIterator, encodeShardIterator } from "../../../server/services/kinesis/iterators";
import { assertKinesisError, bytes, createStream, iterator, type KinesisHarness, readShard, startKinesis, text, uniqueName } from "./helpers";

let h: KinesisHarness;

before(async () => {
  h = await startKinesis();
});
after(() => h.close());

const SHARD0 = "shardId-000000000000";
const scope = () => ({ accountId: h.team.accountId, region: "us-east-1" });

/** A one-shard stream holding `values`, in order; answers their sequence numbers. */
async function streamWith(name: string, values: string[], shards = 1): Promise<string[]> {
  await createStream(h.client, name, shards);
  const { Records } = await h.client.send(
    new kinesis.PutRecordsCommand({ StreamName: name, Records: values.map((v) => ({ PartitionKey: "p", ExplicitHashKey: "0", Data: bytes(v) })) }),
  );
  return Records!.map((r) => r.SequenceNumber!);
}

describe("iterator types", () => {
  it("TRIM_HORIZON starts at the oldest record and LATEST after the newest", async () => {
    const name = uniqueName("horizon");
    await streamWith(name, ["a", "b"]);
    const latest = await iterator(h.client, name, SHARD0, "LATEST");
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, SHARD0, "TRIM_HORIZON"))).data, ["a", "b"]);
    const empty = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: latest }));
    assert.deepEqual(empty.Records, []);
    assert.equal(empty.MillisBehindLatest, 0);
    assert.ok(empty.NextShardIterator, "an open shard always has a next iterator");
    await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "p", ExplicitHashKey: "0", Data: bytes("c") }));
    assert.deepEqual((await readShard(h.client, empty.NextShardIterator)).data, ["c"]);
    assert.deepEqual((await readShard(h.client, latest)).data, ["c"]);
  });

  it("AT_SEQUENCE_NUMBER starts at that record and AFTER_SEQUENCE_NUMBER just after it", async () => {
    const name = uniqueName("at-after");
    const seqs = await streamWith(name, ["a", "b", "c", "d"]);
    const at = await iterator(h.client, name, SHARD0, "AT_SEQUENCE_NUMBER", { StartingSequenceNumber: seqs[1] });
    assert.deepEqual((await readShard(h.client, at)).data, ["b", "c", "d"]);
    const afterIt = await iterator(h.client, name, SHARD0, "AFTER_SEQUENCE_NUMBER", { StartingSequenceNumber: seqs[1] });
    assert.deepEqual((await readShard(h.client, afterIt)).data, ["c", "d"]);
    const afterLast = await iterator(h.client, name, SHARD0, "AFTER_SEQUENCE_NUMBER", { StartingSequenceNumber: seqs[3] });
    assert.deepEqual((await readShard(h.client, afterLast)).data, []);
    // The shard's StartingSequenceNumber precedes every record.
    const { Shards } = await h.client.send(new kinesis.ListShardsCommand({ StreamName: name }));
    const fromStart = await iterator(h.client, name, SHARD0, "AT_SEQUENCE_NUMBER", { StartingSequenceNumber: Shards![0]!.SequenceNumberRange!.StartingSequenceNumber });
    assert.deepEqual((await readShard(h.client, fromStart)).data, ["a", "b", "c", "d"]);
  });

  it("AT_TIMESTAMP starts at the first record that arrived at or after the time", async () => {
    const name = uniqueName("at-time");
    await streamWith(name, ["old"]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await h.client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: ["new1", "new2"].map((v) => ({ PartitionKey: "p", Data: bytes(v) })) }));
    const { records } = await readShard(h.client, await iterator(h.client, name, SHARD0));
    const arrival = records[1]!.ApproximateArrivalTimestamp!;
    assert.ok(arrival > records[0]!.ApproximateArrivalTimestamp!);
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, SHARD0, "AT_TIMESTAMP", { Timestamp: arrival }))).data, ["new1", "new2"]);
    const early = new Date(records[0]!.ApproximateArrivalTimestamp!.getTime() - 60_000);
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, SHARD0, "AT_TIMESTAMP", { Timestamp: early }))).data, ["old", "new1", "new2"]);
    // After the newest record: like LATEST.
    const late = await iterator(h.client, name, SHARD0, "AT_TIMESTAMP", { Timestamp: new Date() });
    assert.deepEqual((await readShard(h.client, late)).data, []);
    await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "p", Data: bytes("newest") }));
    assert.deepEqual((await readShard(h.client, late)).data, ["newest"]);
  });
});

describe("GetRecords", () => {
  it("pages with Limit and continues from NextShardIterator", async () => {
    const name = uniqueName("limit");
    await streamWith(name, ["1", "2", "3", "4", "5"]);
    const first = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: await iterator(h.client, name, SHARD0), Limit: 2 }));
    assert.deepEqual(first.Records?.map((r) => text(r.Data)), ["1", "2"]);
    const second = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: first.NextShardIterator, Limit: 2 }));
    assert.deepEqual(second.Records?.map((r) => text(r.Data)), ["3", "4"]);
    // An iterator can be used again: it names a position, not a cursor.
    const again = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: first.NextShardIterator, Limit: 10 }));
    assert.deepEqual(again.Records?.map((r) => text(r.Data)), ["3", "4", "5"]);
    await assertKinesisError(
      h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: first.NextShardIterator, Limit: 10_001 })),
      "ValidationException",
      "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
    await assertKinesisError(
      h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: first.NextShardIterator, Limit: 0 })),
      "ValidationException",
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it("reports how far behind the newest record a page is", async () => {
    const name = uniqueName("behind");
    await streamWith(name, ["a", "b", "c"]);
    // Make the first record an hour old.
    await pgPool().query(
      `UPDATE kinesis_records SET arrived_at = now() - interval '1 hour'
        WHERE sequence = 1 AND shard_id = (SELECT sh.id FROM kinesis_shards sh JOIN kinesis_streams st ON st.id = sh.stream_id WHERE st.name = $1 AND st.account_id = $2)`,
      [name, h.team.accountId],
    );
    const first = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: await iterator(h.client, name, SHARD0), Limit: 1 }));
    assert.ok(first.MillisBehindLatest! >= 3_590_000 && first.MillisBehindLatest! < 3_700_000, `${first.MillisBehindLatest}`);
    const rest = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: first.NextShardIterator }));
    assert.equal(rest.Records?.length, 2);
    assert.equal(rest.MillisBehindLatest, 0);
  });
});

describe("iterator lifetime and integrity", () => {
  it("expires an iterator five minutes after it was issued", async () => {
    const name = uniqueName("expiry");
    await streamWith(name, ["a"]);
    const position = decodeShardIterator(await iterator(h.client, name, SHARD0), scope());
    const now = Date.now();
    const fresh = encodeShardIterator(position, now - 290_000);
    assert.deepEqual((await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: fresh }))).Records?.map((r) => text(r.Data)), ["a"]);
    const stale = encodeShardIterator(position, now - 301_000);
    const javaDate = String.raw`[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}`;
    await assertKinesisError(
      h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: stale })),
      "ExpiredIteratorException",
      new RegExp(
        `^Iterator expired\\. The iterator was created at time ${javaDate} while right now it is ${javaDate} which is further in the future than the tolerated delay of 300000 milliseconds\\.$`,
      ),
    );
  });

  it("rejects an iterator that was altered or made up", async () => {
    const name = uniqueName("tamper");
    await streamWith(name, ["a"]);
    const real = await iterator(h.client, name, SHARD0);
    const bytesOf = Buffer.from(real, "base64");
    bytesOf.writeUInt8(bytesOf.readUInt8(bytesOf.length - 3) ^ 1, bytesOf.length - 3);
    for (const forged of [bytesOf.toString("base64"), "AAAAAAAAAAE=", "not an iterator"]) {
      await assertKinesisError(h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: forged })), "InvalidArgumentException", "Invalid ShardIterator.");
    }
  });

  it("fits AWS's 512-character limit for the longest stream names", async () => {
    const name = `${uniqueName("long")}-${"n".repeat(100)}`.slice(0, 128);
    await createStream(h.client, name, 1);
    assert.ok((await iterator(h.client, name, SHARD0)).length <= 512);
  });
});

describe("GetShardIterator errors", () => {
  it("words each misuse as AWS does", async () => {
    const name = uniqueName("errors");
    const seqs = await streamWith(name, ["a"], 2);
    const { Records } = await h.client.send(
      new kinesis.PutRecordsCommand({ StreamName: name, Records: [{ PartitionKey: "p", ExplicitHashKey: (1n << 127n).toString(), Data: bytes("b") }] }),
    );
    const otherShardSeq = Records![0]!.SequenceNumber!;
    const account = h.team.accountId;
    const must = (type: string, what: string) =>
      `Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ${type} and ${what} StartingSequenceNumber.`;
    const get = (input: Partial<kinesis.GetShardIteratorInput>) =>
      h.client.send(new kinesis.GetShardIteratorCommand({ StreamName: name, ShardId: SHARD0, ShardIteratorType: "TRIM_HORIZON", ...input }));

    await assertKinesisError(get({ ShardIteratorType: "AT_SEQUENCE_NUMBER" }), "InvalidArgumentException", must("AT_SEQUENCE_NUMBER", "no"));
    await assertKinesisError(get({ StartingSequenceNumber: seqs[0] }), "InvalidArgumentException", must("TRIM_HORIZON", "also a"));
    await assertKinesisError(
      get({ ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: otherShardSeq }),
      "InvalidArgumentException",
      "Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard with shardId-000000000000",
    );
    await assertKinesisError(
      get({ ShardIteratorType: "AFTER_SEQUENCE_NUMBER", StartingSequenceNumber: "12345" }),
      "InvalidArgumentException",
      `StartingSequenceNumber 12345 used in GetShardIterator on shard shardId-000000000000 in stream ${name} under account ${account} is invalid.`,
    );
    const other = uniqueName("other");
    const [foreign] = await streamWith(other, ["z"]);
    await assertKinesisError(
      get({ ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: foreign }),
      "InvalidArgumentException",
      `StartingSequenceNumber ${foreign} used in GetShardIterator on shard shardId-000000000000 in stream ${name} under account ${account} is invalid because it did not come from this stream.`,
    );
    await assertKinesisError(
      get({ ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: "x1" }),
      "ValidationException",
      "1 validation error detected: Value 'x1' at 'startingSequenceNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})",
    );
    await assertKinesisError(
      get({ ShardIteratorType: "AT_TIMESTAMP" }),
      "InvalidArgumentException",
      "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.",
    );
    await assertKinesisError(
      get({ ShardIteratorType: "AT_TIMESTAMP", Timestamp: new Date(Date.now() + 3_600_000) }),
      "InvalidArgumentException",
      /^The timestampInMillis parameter cannot be greater than the currentTimestampInMillis\. timestampInMillis: \d+, currentTimestampInMillis: \d+$/,
    );
    await assertKinesisError(
      get({ ShardIteratorType: "SOMEWHERE" as kinesis.ShardIteratorType }),
      "ValidationException",
      "1 validation error detected: Value 'SOMEWHERE' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]",
    );
    await assertKinesisError(
      get({ ShardId: "shardId-000000000009" }),
      "ResourceNotFoundException",
      `Shard shardId-000000000009 in stream ${name} under account ${account} does not exist`,
    );
    await assertKinesisError(get({ ShardId: "bogus" }), "ResourceNotFoundException", `Could not find shard bogus in stream ${name} under account ${account}.`);
    // A shard may be named by its number alone, as the service allows.
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, "0"))).data, ["a"]);
  });
});
