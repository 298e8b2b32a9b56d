// Per-shard throughput: 1,000 records and 1 MiB written per second, 5 GetRecords calls and 2 MiB read per
// second. The buckets live in Redis; the tests drive them with a frozen clock they advance by hand.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import * as kinesis from "@aws-sdk/client-kinesis";
import { assertKinesisError, bytes, createStream, iterator, type KinesisHarness, startKinesis, text, uniqueName } from "./helpers";

let h: KinesisHarness;
let clock = 0;

before(async () => {
  h = await startKinesis();
});
beforeEach(() => {
  clock = Date.now();
  // AWS's rates, on a clock that only moves when a test says so.
  h.limitThroughput({ now: () => clock });
});
after(() => h.close());

const SHARD0 = "shardId-000000000000";
const rateExceeded = (name: string, shard = SHARD0) => `Rate exceeded for shard ${shard} in stream ${name} under account ${h.team.accountId}.`;
const batch = (n: number, hashKey = "0", label = "r") => Array.from({ length: n }, (_, i) => ({ PartitionKey: "p", ExplicitHashKey: hashKey, Data: bytes(`${label}${i}`) }));

describe("writes", () => {
  it("admits 1,000 records per shard per second", async () => {
    const name = uniqueName("records-rate");
    await createStream(h.client, name, 1);
    for (let i = 0; i < 2; i++) {
      const { FailedRecordCount } = await h.client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: batch(500) }));
      assert.equal(FailedRecordCount, 0);
    }
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "p", Data: bytes("one too many") })),
      "ProvisionedThroughputExceededException",
      rateExceeded(name),
    );
    clock += 100;
    // A tenth of a second later, a tenth of the allowance is back.
    const { FailedRecordCount } = await h.client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: batch(101) }));
    assert.equal(FailedRecordCount, 1);
  });

  it("admits 1 MiB per shard per second, partition keys included", async () => {
    const name = uniqueName("bytes-rate");
    await createStream(h.client, name, 1);
    const big = new Uint8Array(600_000);
    await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: big }));
    await assertKinesisError(
      h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: big })),
      "ProvisionedThroughputExceededException",
      rateExceeded(name),
    );
    clock += 200;
    await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: big }));
  });

  it("an on-demand stream's shard takes writes far past a provisioned shard's 1 MiB/s", async () => {
    const name = uniqueName("on-demand-rate");
    await h.client.send(new kinesis.CreateStreamCommand({ StreamName: name, StreamModeDetails: { StreamMode: "ON_DEMAND" } }));
    const big = new Uint8Array(900_000);
    const records = Array.from({ length: 5 }, () => ({ PartitionKey: "k", ExplicitHashKey: "0", Data: big }));
    // 4.3 MiB into one shard within the same (frozen) second, twice.
    for (let i = 0; i < 2; i++) {
      const { FailedRecordCount, Records } = await h.client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: records }));
      assert.equal(FailedRecordCount, 0);
      assert.deepEqual(new Set(Records!.map((r) => r.ShardId)), new Set([SHARD0]));
    }
  });

  it("fails only the throttled shard's records of a PutRecords, and stores the others", async () => {
    const name = uniqueName("partial");
    await createStream(h.client, name, 2);
    const upper = (1n << 127n).toString();
    await h.client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: batch(500, "0", "fill") }));
    await h.client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: batch(500, "0", "fill") }));
    const mixed = [...batch(2, "0", "lower"), ...batch(3, upper, "upper")];
    mixed.splice(1, 0, mixed.pop()!);
    const result = await h.client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: mixed }));
    assert.equal(result.FailedRecordCount, 2);
    assert.deepEqual(
      result.Records!.map((r) => (r.ErrorCode ? [r.ErrorCode, r.ErrorMessage] : [r.ShardId])),
      [
        ["ProvisionedThroughputExceededException", rateExceeded(name)],
        ["shardId-000000000001"],
        ["ProvisionedThroughputExceededException", rateExceeded(name)],
        ["shardId-000000000001"],
        ["shardId-000000000001"],
      ],
    );
    for (const r of result.Records!) assert.equal(r.ErrorCode === undefined, r.SequenceNumber !== undefined);
    clock += 1_000;
    const lower = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: await iterator(h.client, name, SHARD0, "LATEST") }));
    assert.deepEqual(lower.Records, [], "the refused records were not stored");
    const upperRecords = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: await iterator(h.client, name, "shardId-000000000001") }));
    assert.deepEqual(
      upperRecords.Records!.map((r) => text(r.Data)),
      ["upper2", "upper0", "upper1"],
    );
  });
});

describe("reads", () => {
  it("admits 5 GetRecords calls per shard per second", async () => {
    const name = uniqueName("calls-rate");
    await createStream(h.client, name, 2);
    const start = await iterator(h.client, name, SHARD0);
    for (let i = 0; i < 5; i++) await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: start }));
    await assertKinesisError(h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: start })), "ProvisionedThroughputExceededException", rateExceeded(name));
    // Another shard has its own allowance.
    await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: await iterator(h.client, name, "shardId-000000000001") }));
    clock += 200;
    await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: start }));
    await assertKinesisError(h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: start })), "ProvisionedThroughputExceededException", rateExceeded(name));
  });

  it("throttles reads after a call that returned more than the shard's 2 MiB per second, until it is paid back", async () => {
    const name = uniqueName("read-bytes");
    await createStream(h.client, name, 1);
    for (let i = 0; i < 3; i++) {
      await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: new Uint8Array(1_000_000) }));
      clock += 1_000;
    }
    const start = await iterator(h.client, name, SHARD0);
    const page = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: start }));
    assert.equal(page.Records?.length, 3);
    await assertKinesisError(
      h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: page.NextShardIterator })),
      "ProvisionedThroughputExceededException",
      rateExceeded(name),
    );
    // 3 MB read against 2 MiB a second: the debt is paid back within half a second.
    clock += 500;
    const next = await h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: page.NextShardIterator }));
    assert.deepEqual(next.Records, []);
  });

  it("throttles with the default limiter too (AWS's rates on the real clock)", async () => {
    h.limitThroughput(undefined);
    const name = uniqueName("default-limiter");
    await createStream(h.client, name, 1);
    const start = await iterator(h.client, name, SHARD0);
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => h.client.send(new kinesis.GetRecordsCommand({ ShardIterator: start }))));
    const throttled = outcomes.filter((o) => o.status === "rejected");
    assert.ok(throttled.length >= 1 && throttled.length <= 5, `${throttled.length} of 10 throttled`);
    for (const o of throttled) assert.equal((o.reason as Error).name, "ProvisionedThroughputExceededException");
  });
});
