/** Kinesis in AWS's CBOR protocol, as the AWS SDK for Java sends it: blobs as byte strings, timestamps as tag 1 in epoch milliseconds. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CborTag, decodeCbor, encodeCbor } from "../../../server/gateway/protocols/cbor";
import { signedFetch } from "../gateway/helpers";
import { type KinesisHarness, startKinesis, uniqueName } from "./helpers";

let h: KinesisHarness;
before(async () => {
  h = await startKinesis();
});
after(() => h.close());

async function cbor(target: string, body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await signedFetch(h.gateway, h.team, "kinesis", {
    headers: { "content-type": "application/x-amz-cbor-1.1", "x-amz-target": `Kinesis_20131202.${target}` },
    body: encodeCbor(body),
  });
  assert.equal(res.headers.get("content-type"), "application/x-amz-cbor-1.1");
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, body: (bytes.length ? decodeCbor(bytes) : {}) as Record<string, unknown> };
}

const epochMillis = (value: unknown): number => {
  assert.ok(value instanceof CborTag, `expected a tagged timestamp, got ${String(value)}`);
  assert.equal(value.tag, 1);
  assert.equal(typeof value.value, "number");
  return value.value as number;
};

describe("Kinesis over CBOR", () => {
  test("put and read a record: Data travels as a byte string, timestamps as tag 1 milliseconds", async () => {
    const name = uniqueName("cbor");
    assert.equal((await cbor("CreateStream", { StreamName: name, ShardCount: 1 })).status, 200);
    const summary = await cbor("DescribeStreamSummary", { StreamName: name });
    const created = epochMillis((summary.body.StreamDescriptionSummary as Record<string, unknown>).StreamCreationTimestamp);
    assert.ok(Math.abs(created - Date.now()) < 60_000);

    const data = Buffer.from([0, 1, 2, 250, 255]);
    const put = await cbor("PutRecord", { StreamName: name, PartitionKey: "pk", Data: data });
    assert.equal(put.status, 200);
    assert.equal(put.body.ShardId, "shardId-000000000000");

    const before = new Date(Date.now() - 60_000);
    const it = await cbor("GetShardIterator", {
      StreamName: name,
      ShardId: "shardId-000000000000",
      ShardIteratorType: "AT_TIMESTAMP",
      Timestamp: new CborTag(1, before.getTime()),
    });
    assert.equal(it.status, 200);
    const got = await cbor("GetRecords", { ShardIterator: it.body.ShardIterator });
    const [record] = got.body.Records as Record<string, unknown>[];
    assert.deepEqual(record!.Data, data);
    assert.equal(record!.PartitionKey, "pk");
    assert.equal(record!.SequenceNumber, put.body.SequenceNumber);
    assert.ok(epochMillis(record!.ApproximateArrivalTimestamp) >= before.getTime());
  });

  test("errors come back as CBOR maps with the exception type", async () => {
    const res = await cbor("DescribeStreamSummary", { StreamName: uniqueName("missing") });
    assert.equal(res.status, 400);
    assert.equal(res.body.__type, "ResourceNotFoundException");
    assert.match(String(res.body.message), /^Stream missing-[0-9a-f]+ under account \d{12} not found\.$/);
  });
});
