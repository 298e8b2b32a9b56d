// What Kinesis mappings deliver: AWS's records, in order per shard (and per partition key across lanes and
// resharding), in batches of BatchSize within the batching window, filtered, from where StartingPosition says.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import * as kinesis from "@aws-sdk/client-kinesis";
import { pgPool } from "../../../server/db/pool";
import { batches, dataOf, type Invocation, type KinesisEsmHarness, startKinesisEsmHarness, waitForResult } from "./kinesis-harness";

let h: KinesisEsmHarness;
before(async () => {
  h = await startKinesisEsmHarness();
});
after(() => h.close());

const records = (invocations: Invocation[]) => invocations.flatMap((i) => i.event.Records);

/** Collects invocations until they carry `count` records between them. */
async function untilRecords(fn: Parameters<KinesisEsmHarness["invocations"]>[0], count: number, timeoutMs = 30_000): Promise<Invocation[]> {
  const got: Invocation[] = [];
  const deadline = Date.now() + timeoutMs;
  while (records(got).length < count) got.push(...(await h.invocations(fn, 1, deadline - Date.now())));
  return got;
}

describe("Kinesis delivery", () => {
  test("invokes the function with AWS's Kinesis records, in the shard's order", async () => {
    const stream = await h.stream("shape");
    const fn = await h.streamFunction("shape");
    const put = await h.put(stream, [
      { data: '{"order":1}', key: "alpha" },
      { data: "plain text", key: "beta" },
      { data: "third", key: "alpha" },
    ]);
    const { UUID } = await h.createMapping({ FunctionName: fn.name, EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON" });

    const [invocation] = await h.invocations(fn, 1);
    const got = invocation!.event.Records;
    assert.deepEqual(got.map(dataOf), ['{"order":1}', "plain text", "third"]);
    const [first] = got;
    assert.deepEqual(Object.keys(first!), ["kinesis", "eventSource", "eventVersion", "eventID", "eventName", "invokeIdentityArn", "awsRegion", "eventSourceARN"]);
    assert.deepEqual(Object.keys(first!.kinesis), ["kinesisSchemaVersion", "partitionKey", "sequenceNumber", "data", "approximateArrivalTimestamp"]);
    assert.deepEqual(
      got.map((r) => ({ ...r, kinesis: { ...r.kinesis, approximateArrivalTimestamp: 0 } })),
      put.map((p, i) => ({
        kinesis: {
          kinesisSchemaVersion: "1.0",
          partitionKey: ["alpha", "beta", "alpha"][i],
          sequenceNumber: p.SequenceNumber,
          data: Buffer.from(['{"order":1}', "plain text", "third"][i]!).toString("base64"),
          approximateArrivalTimestamp: 0,
        },
        eventSource: "aws:kinesis",
        eventVersion: "1.0",
        eventID: `${p.ShardId}:${p.SequenceNumber}`,
        eventName: "aws:kinesis:record",
        invokeIdentityArn: h.role,
        awsRegion: "us-east-1",
        eventSourceARN: stream.arn,
      })),
    );
    // Epoch seconds with the milliseconds as the fraction, as Lambda sends it.
    const arrival = first!.kinesis.approximateArrivalTimestamp;
    assert.ok(Math.abs(arrival * 1000 - Date.now()) < 60_000 && String(Math.trunc(arrival)).length === 10);

    await waitForResult(h.client, UUID!, "OK");
    const { rows } = await pgPool().query("SELECT invocation_type, function_error FROM lambda_invocations WHERE account_id = $1 AND function_name = $2", [
      h.team.accountId,
      fn.name,
    ]);
    assert.deepEqual(rows, [{ invocation_type: "EventSourceMapping", function_error: null }]);
  });

  test("LATEST starts after the records put before the mapping was created, and new records arrive within a second", async () => {
    const stream = await h.stream("latest");
    const fn = await h.streamFunction("latest");
    await h.put(stream, [{ data: "before" }]);
    await h.createMapping({ FunctionName: fn.name, EventSourceArn: stream.arn, StartingPosition: "LATEST" });
    // Put at once, before the workers have picked the mapping up: LATEST is where the shard was at creation.
    await h.put(stream, [{ data: "after" }]);
    assert.deepEqual(batches(await h.invocations(fn, 1)), [["after"]]);

    // The function is warm now: how long a record takes from the stream to the handler.
    await h.put(stream, [{ data: "timed" }]);
    const [timed] = await h.invocations(fn, 1);
    assert.deepEqual(batches([timed!]), [["timed"]]);
    const latencyMs = timed!.startedAt - timed!.event.Records[0]!.kinesis.approximateArrivalTimestamp * 1000;
    assert.ok(latencyMs < 1000, `put → function took ${latencyMs} ms`);
    await h.assertNoInvocation(fn, 1000);
  });

  test("records of several partition keys and shards keep their order per shard, in batches of BatchSize", async () => {
    const stream = await h.stream("ordered", 2);
    const fn = await h.streamFunction("ordered");
    const sent = Array.from({ length: 40 }, (_, i) => ({ data: `k${i % 8}:${i}`, key: `k${i % 8}` }));
    const put = await h.put(stream, sent);
    assert.equal(new Set(put.map((p) => p.ShardId)).size, 2, "the keys spread over both shards");
    await h.createMapping({ FunctionName: fn.name, EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON", BatchSize: 5 });

    const got = await untilRecords(fn, 40);
    assert.deepEqual(records(got).map(dataOf).sort(), sent.map((s) => s.data).sort(), "every record once");
    for (const invocation of got) {
      assert.ok(invocation.event.Records.length <= 5);
      assert.equal(new Set(invocation.event.Records.map((r) => r.eventID.split(":")[0])).size, 1, "a batch holds one shard's records");
    }
    for (const shardId of new Set(put.map((p) => p.ShardId))) {
      const sequence = records(got)
        .filter((r) => r.eventID.startsWith(`${shardId}:`))
        .map((r) => BigInt(r.kinesis.sequenceNumber));
      assert.deepEqual(sequence, [...sequence].sort((a, b) => (a < b ? -1 : 1)), `${shardId} in order`);
    }
  });

  test("BatchSize caps a batch; the batching window gathers records arriving within it", async () => {
    const stream = await h.stream("batching");
    const sized = await h.streamFunction("sized");
    await h.put(stream, ["a", "b", "c", "d", "e", "f", "g"].map((data) => ({ data })));
    await h.createMapping({ FunctionName: sized.name, EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON", BatchSize: 3 });
    assert.deepEqual(batches(await h.invocations(sized, 3)), [
      ["a", "b", "c"],
      ["d", "e", "f"],
      ["g"],
    ]);

    const windowed = await h.streamFunction("windowed");
    const { UUID } = await h.createMapping({
      FunctionName: windowed.name,
      EventSourceArn: stream.arn,
      StartingPosition: "LATEST",
      BatchSize: 20,
      MaximumBatchingWindowInSeconds: 2,
    });
    await h.waitForState(UUID!, "Enabled");
    await h.put(stream, [{ data: "w1" }, { data: "w2" }]);
    await delay(500);
    await h.put(stream, [{ data: "w3" }]);
    assert.deepEqual(batches(await h.invocations(windowed, 1)), [["w1", "w2", "w3"]]);
  });

  test("ParallelizationFactor runs a shard's keys concurrently, each key in order", async () => {
    const stream = await h.stream("parallel");
    const fn = await h.streamFunction("parallel", "await new Promise((resolve) => setTimeout(resolve, 300));");
    const sent = Array.from({ length: 32 }, (_, i) => ({ data: `k${i % 8}:${i}`, key: `k${i % 8}` }));
    await h.put(stream, sent);
    await h.createMapping({ FunctionName: fn.name, EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON", BatchSize: 2, ParallelizationFactor: 4 });

    const got = await untilRecords(fn, 32, 60_000);
    const values = records(got).map(dataOf);
    assert.deepEqual([...values].sort(), sent.map((s) => s.data).sort(), "every record once");
    for (let k = 0; k < 8; k++) {
      const ofKey = values.filter((v) => v.startsWith(`k${k}:`)).map((v) => Number(v.split(":")[1]));
      assert.deepEqual(ofKey, [...ofKey].sort((a, b) => a - b), `k${k} in order`);
    }
    const { rows } = await pgPool().query<{ peak: number }>(
      `WITH runs AS (SELECT started_at AS s, started_at + make_interval(secs => duration_ms / 1000) AS e FROM lambda_invocations WHERE account_id = $1 AND function_name = $2)
       SELECT max((SELECT count(*) FROM runs b WHERE b.s <= a.s AND b.e > a.s))::int AS peak FROM runs a`,
      [h.team.accountId, fn.name],
    );
    assert.ok(rows[0]!.peak > 1 && rows[0]!.peak <= 4, `${rows[0]!.peak} batches of the shard ran at once`);
  });

  test("filters: only records whose JSON data matches reach the function; the others are passed over", async () => {
    const stream = await h.stream("filtered");
    const fn = await h.streamFunction("filtered");
    await h.put(stream, [{ data: '{"kind":"keep","n":1}' }, { data: '{"kind":"drop"}' }, { data: "not json" }, { data: '{"kind":"keep","n":2}' }]);
    await h.createMapping({
      FunctionName: fn.name,
      EventSourceArn: stream.arn,
      StartingPosition: "TRIM_HORIZON",
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ data: { kind: ["keep"] } }) }] },
    });
    assert.deepEqual(batches(await h.invocations(fn, 1)), [['{"kind":"keep","n":1}', '{"kind":"keep","n":2}']]);
    await h.put(stream, [{ data: '{"kind":"drop"}' }, { data: '{"kind":"keep","n":3}' }]);
    assert.deepEqual(batches(await h.invocations(fn, 1)), [['{"kind":"keep","n":3}']]);
  });

  test("after a split, the children's records follow all of the parent's", async () => {
    const stream = await h.stream("resharded");
    const fn = await h.streamFunction("resharded", "await new Promise((resolve) => setTimeout(resolve, 200));");
    await h.createMapping({ FunctionName: fn.name, EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON", BatchSize: 1 });
    await h.put(stream, ["a1", "a2", "a3", "a4"].map((data) => ({ data })));
    await h.kinesis.send(new kinesis.SplitShardCommand({ StreamName: stream.name, ShardToSplit: "shardId-000000000000", NewStartingHashKey: (1n << 127n).toString() }));
    const children = await h.put(stream, ["b1", "b2", "b3", "b4"].map((data) => ({ data })));
    assert.ok(children.every((p) => p.ShardId !== "shardId-000000000000"));

    const got = await untilRecords(fn, 8);
    assert.deepEqual(records(got).map(dataOf), ["a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"]);
  });
});
