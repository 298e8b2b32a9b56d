/** SubscribeToShard: enhanced fan-out as an event stream over HTTP/2, read by the SDK's own event-stream client. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as kinesis from "@aws-sdk/client-kinesis";
import { assertKinesisError, bytes, createStream, type KinesisHarness, startKinesis, text, uniqueName } from "./helpers";

let h: KinesisHarness;
before(async () => {
  h = await startKinesis();
});
after(() => h.close());

type ShardEvent = kinesis.SubscribeToShardEvent;

async function consumerOn(streamArn: string): Promise<string> {
  const { Consumer } = await h.client.send(new kinesis.RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: uniqueName("efo") }));
  return Consumer!.ConsumerARN!;
}

async function put(name: string, ...data: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const d of data) out.push((await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "k", Data: bytes(d) }))).SequenceNumber!);
  return out;
}

/**
 * Subscribes and collects events until `enough` says so (or the stream ends), then hangs up.
 * Answers the events and whether the server ended the stream itself.
 */
async function collect(
  input: kinesis.SubscribeToShardInput,
  enough: (events: ShardEvent[]) => boolean,
  timeoutMs = 15_000,
): Promise<{ events: ShardEvent[]; endedByServer: boolean }> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const events: ShardEvent[] = [];
  try {
    const out = await h.client.send(new kinesis.SubscribeToShardCommand(input), { abortSignal: abort.signal });
    for await (const item of out.EventStream!) {
      if (item.SubscribeToShardEvent) events.push(item.SubscribeToShardEvent);
      if (enough(events)) return { events, endedByServer: false };
    }
    return { events, endedByServer: true };
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

const records = (events: ShardEvent[]) => events.flatMap((e) => e.Records ?? []);

describe("SubscribeToShard", () => {
  test("pushes the shard's records from TRIM_HORIZON in order, then records put while subscribed", async () => {
    const name = uniqueName("efo");
    const arn = await createStream(h.client, name);
    const consumer = await consumerOn(arn);
    const early = await put(name, "one", "two");
    let late: string[] = [];
    const { events } = await collect({ ConsumerARN: consumer, ShardId: "shardId-000000000000", StartingPosition: { Type: "TRIM_HORIZON" } }, (seen) => {
      if (records(seen).length === 2 && late.length === 0) void put(name, "three").then((s) => (late = s));
      return records(seen).length >= 3;
    });
    const got = records(events);
    assert.deepEqual(got.map((r) => text(r.Data)), ["one", "two", "three"]);
    assert.deepEqual(got.map((r) => r.SequenceNumber), [...early, ...late]);
    for (const r of got) {
      assert.equal(r.PartitionKey, "k");
      assert.ok(r.ApproximateArrivalTimestamp instanceof Date);
    }
    const last = events.at(-1)!;
    assert.equal(last.ContinuationSequenceNumber, late[0]);
    assert.equal(typeof last.MillisBehindLatest, "number");
  });

  test("AFTER_SEQUENCE_NUMBER with a ContinuationSequenceNumber resumes without repeats", async () => {
    const name = uniqueName("efo");
    const arn = await createStream(h.client, name);
    const consumer = await consumerOn(arn);
    const [first] = await put(name, "a", "b", "c");
    const { events } = await collect(
      { ConsumerARN: consumer, ShardId: "shardId-000000000000", StartingPosition: { Type: "AFTER_SEQUENCE_NUMBER", SequenceNumber: first } },
      (seen) => records(seen).length >= 2,
    );
    assert.deepEqual(records(events).map((r) => text(r.Data)), ["b", "c"]);
  });

  test("a second subscription within 5 seconds is refused; later it takes over and the first ends with ResourceInUseException", async () => {
    const name = uniqueName("efo");
    const arn = await createStream(h.client, name);
    const consumer = await consumerOn(arn);
    const input = { ConsumerARN: consumer, ShardId: "shardId-000000000000", StartingPosition: { Type: "LATEST" as const } };
    const abort = new AbortController();
    try {
      const first = await h.client.send(new kinesis.SubscribeToShardCommand(input), { abortSignal: abort.signal });
      const firstEnds = (async () => {
        for await (const _ of first.EventStream!) void _;
      })();
      firstEnds.catch(() => undefined); // asserted below
      await assertKinesisError(h.client.send(new kinesis.SubscribeToShardCommand(input)), "ResourceInUseException", /Another active subscription exists/);
      const startedAt = Date.now();
      let second: kinesis.SubscribeToShardCommandOutput | undefined;
      while (!second) {
        try {
          second = await h.client.send(new kinesis.SubscribeToShardCommand(input), { abortSignal: abort.signal });
        } catch (e) {
          if (!(e instanceof kinesis.KinesisServiceException && e.name === "ResourceInUseException") || Date.now() - startedAt > 10_000) throw e;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
      assert.ok(Date.now() - startedAt >= 4_000, "taken over only after about five seconds");
      await assert.rejects(firstEnds, (e: unknown) => e instanceof Error && e.name === "ResourceInUseException");
      await put(name, "for-the-second");
      for await (const item of second.EventStream!) {
        if (item.SubscribeToShardEvent?.Records?.length) {
          assert.deepEqual(item.SubscribeToShardEvent.Records.map((r) => text(r.Data)), ["for-the-second"]);
          break;
        }
      }
    } finally {
      abort.abort();
    }
  });

  test("a closed shard ends the stream with its children and a null ContinuationSequenceNumber", async () => {
    const name = uniqueName("efo");
    const arn = await createStream(h.client, name);
    const consumer = await consumerOn(arn);
    await put(name, "before-split");
    await h.client.send(new kinesis.SplitShardCommand({ StreamName: name, ShardToSplit: "shardId-000000000000", NewStartingHashKey: (2n ** 127n).toString() }));
    const { events, endedByServer } = await collect(
      { ConsumerARN: consumer, ShardId: "shardId-000000000000", StartingPosition: { Type: "TRIM_HORIZON" } },
      () => false,
    );
    assert.ok(endedByServer);
    assert.deepEqual(records(events).map((r) => text(r.Data)), ["before-split"]);
    const last = events.at(-1)!;
    assert.equal(last.ContinuationSequenceNumber, undefined);
    assert.deepEqual(last.ChildShards?.map((c) => c.ShardId), ["shardId-000000000001", "shardId-000000000002"]);
    assert.deepEqual(last.ChildShards?.[0]?.ParentShards, ["shardId-000000000000"]);
  });

  test("bad requests get AWS's errors before any stream starts", async () => {
    const name = uniqueName("efo");
    const arn = await createStream(h.client, name);
    const consumer = await consumerOn(arn);
    const missing = `${arn}/consumer/nobody:1700000000`;
    await assertKinesisError(
      h.client.send(new kinesis.SubscribeToShardCommand({ ConsumerARN: missing, ShardId: "shardId-000000000000", StartingPosition: { Type: "LATEST" } })),
      "ResourceNotFoundException",
      /nobody/,
    );
    await assertKinesisError(
      h.client.send(new kinesis.SubscribeToShardCommand({ ConsumerARN: consumer, ShardId: "shardId-000000000009", StartingPosition: { Type: "LATEST" } })),
      "ResourceNotFoundException",
      /shardId-000000000009/,
    );
    await assertKinesisError(
      h.client.send(
        new kinesis.SubscribeToShardCommand({ ConsumerARN: consumer, ShardId: "shardId-000000000000", StartingPosition: { Type: "SOMEWHERE" as kinesis.ShardIteratorType } }),
      ),
      "ValidationException",
      /Value 'SOMEWHERE' at 'startingPosition.type' failed to satisfy constraint: Member must satisfy enum value set/,
    );
  });
});
