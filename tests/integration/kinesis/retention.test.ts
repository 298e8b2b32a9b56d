// Retention: records older than the stream's retention period are invisible at once (their arrival times
// are back-dated in the database here, instead of waiting a day), the maintenance job deletes them, and
// closed shards past the retention period are forgotten.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as kinesis from "@aws-sdk/client-kinesis";
import { prisma } from "../../../server/db/client";
import { pgPool } from "../../../server/db/pool";
import { kinesisMaintenance } from "../../../workers/jobs/kinesis-maintenance";
import { assertKinesisError, bytes, createStream, iterator, type KinesisHarness, readShard, startKinesis, uniqueName } from "./helpers";

let h: KinesisHarness;

before(async () => {
  h = await startKinesis();
});
after(() => h.close());

const SHARD0 = "shardId-000000000000";
const HALF = (1n << 127n).toString();

async function putAll(StreamName: string, values: string[]): Promise<string[]> {
  const { Records } = await h.client.send(
    new kinesis.PutRecordsCommand({ StreamName, Records: values.map((v) => ({ PartitionKey: "p", ExplicitHashKey: "0", Data: bytes(v) })) }),
  );
  return Records!.map((r) => r.SequenceNumber!);
}

/** Moves records' arrival (and, for a closed shard, its closing) `hours` into the past. */
async function backdate(stream: string, shardIndex: number, hours: number, opts: { records?: number[]; closing?: boolean }): Promise<void> {
  const shard = `(SELECT sh.id FROM kinesis_shards sh JOIN kinesis_streams st ON st.id = sh.stream_id
                   WHERE st.account_id = $1 AND st.region = 'us-east-1' AND st.name = $2 AND sh.shard_index = $3)`;
  const values = [h.team.accountId, stream, shardIndex, hours];
  if (opts.records) {
    await pgPool().query(`UPDATE kinesis_records SET arrived_at = now() - make_interval(hours => $4) WHERE shard_id = ${shard} AND sequence = ANY($5)`, [
      ...values,
      opts.records,
    ]);
  }
  if (opts.closing) await pgPool().query(`UPDATE kinesis_shards SET closed_at = now() - make_interval(hours => $4) WHERE id = ${shard}`, values);
}

async function storedRecords(stream: string): Promise<number> {
  const { rows } = await pgPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM kinesis_records r JOIN kinesis_shards sh ON sh.id = r.shard_id JOIN kinesis_streams st ON st.id = sh.stream_id
      WHERE st.account_id = $1 AND st.name = $2`,
    [h.team.accountId, stream],
  );
  return rows[0]!.n;
}

const runMaintenance = () => kinesisMaintenance.handler({}, { db: prisma(), outboxId: 0n, accountId: h.team.accountId, region: "us-east-1", attempt: 1 });

describe("retention", () => {
  it("hides records older than the retention period from every iterator at once", async () => {
    const name = uniqueName("expiring");
    await createStream(h.client, name, 1);
    const [first] = await putAll(name, ["old-1", "old-2", "fresh"]);
    await backdate(name, 0, 25, { records: [1, 2] });
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, SHARD0))).data, ["fresh"]);
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, SHARD0, "AT_SEQUENCE_NUMBER", { StartingSequenceNumber: first }))).data, ["fresh"]);
    const yesterday = new Date(Date.now() - 30 * 3_600_000);
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, SHARD0, "AT_TIMESTAMP", { Timestamp: yesterday }))).data, ["fresh"]);
  });

  it("hides what a shorter retention period no longer covers", async () => {
    const name = uniqueName("shortened");
    await createStream(h.client, name, 1);
    await h.client.send(new kinesis.IncreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 48 }));
    await putAll(name, ["day-old", "new"]);
    await backdate(name, 0, 30, { records: [1] });
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, SHARD0))).data, ["day-old", "new"]);
    await h.client.send(new kinesis.DecreaseStreamRetentionPeriodCommand({ StreamName: name, RetentionPeriodHours: 24 }));
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, SHARD0))).data, ["new"]);
  });

  it("deletes expired records in the maintenance job, and keeps the others", async () => {
    const name = uniqueName("trimmed");
    await createStream(h.client, name, 1);
    await putAll(name, ["a", "b", "c", "d"]);
    await backdate(name, 0, 24 * 3, { records: [1, 2, 3] });
    assert.equal(await storedRecords(name), 4);
    await runMaintenance();
    assert.equal(await storedRecords(name), 1);
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, SHARD0))).data, ["d"]);
    // New records keep counting on from where the shard was.
    const [next] = await putAll(name, ["e"]);
    const { data, records } = await readShard(h.client, await iterator(h.client, name, SHARD0));
    assert.deepEqual(data, ["d", "e"]);
    assert.equal(records[1]!.SequenceNumber, next);
    assert.ok(BigInt(next!) > BigInt(records[0]!.SequenceNumber!));
  });

  it("forgets a closed shard once the retention period has passed since it closed", async () => {
    const name = uniqueName("forgotten");
    await createStream(h.client, name, 1);
    await putAll(name, ["parent"]);
    await h.client.send(new kinesis.SplitShardCommand({ StreamName: name, ShardToSplit: SHARD0, NewStartingHashKey: HALF }));
    await backdate(name, 0, 25, { records: [1], closing: true });
    const { Shards } = await h.client.send(new kinesis.ListShardsCommand({ StreamName: name }));
    assert.deepEqual(Shards?.map((s) => [s.ShardId, s.ParentShardId]), [
      ["shardId-000000000001", SHARD0],
      ["shardId-000000000002", SHARD0],
    ]);
    await assertKinesisError(
      h.client.send(new kinesis.GetShardIteratorCommand({ StreamName: name, ShardId: SHARD0, ShardIteratorType: "TRIM_HORIZON" })),
      "ResourceNotFoundException",
      `Shard ${SHARD0} in stream ${name} under account ${h.team.accountId} does not exist`,
    );
    await runMaintenance();
    const { rows } = await pgPool().query<{ shard_index: number }>(
      `SELECT sh.shard_index FROM kinesis_shards sh JOIN kinesis_streams st ON st.id = sh.stream_id WHERE st.account_id = $1 AND st.name = $2 ORDER BY 1`,
      [h.team.accountId, name],
    );
    assert.deepEqual(rows.map((r) => r.shard_index), [1, 2]);
  });
});
