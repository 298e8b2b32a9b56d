// Kinesis mappings checkpoint in Postgres: workers that stop and start again (and Redis losing the leases) resume
// each lane where it was (another team's mapping runs on event sources this test starts and stops itself); a new
// ParallelizationFactor restarts the lanes.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { Redis } from "ioredis";
import { prisma } from "../../../server/db/client";
import { pgPool } from "../../../server/db/pool";
import { env } from "../../../server/env";
import { startEventSources } from "../../../workers/lambda/event-sources/supervisor";
import { lambdaRuntime } from "../../../workers/lambda/runtime";
import { waitFor } from "../sqs/helpers";
import { batches, type Invocation, type KinesisEsmHarness, type KinesisTenant, startKinesisEsmHarness, type StreamFunction } from "./kinesis-harness";

let h: KinesisEsmHarness;
let tenant: KinesisTenant;
const redis = new Redis(env().REDIS_URL);
before(async () => {
  h = await startKinesisEsmHarness();
  const other = await h.otherTeam();
  tenant = h.tenant({ ...other.team }, other.role, other.client);
});
after(async () => {
  await h.close();
  redis.disconnect();
});

/** A workers process's event sources, for the other team only. */
const startWorkersEventSources = () =>
  startEventSources({
    db: prisma(),
    databaseUrl: env().DATABASE_URL,
    redisUrl: env().REDIS_URL,
    executor: lambdaRuntime().executor,
    logger: console,
    accountIds: [tenant.accountId],
    refreshMs: 500,
  });

async function untilRecords(fn: StreamFunction, count: number, of: KinesisTenant = tenant): Promise<string[]> {
  const got: Invocation[] = [];
  while (batches(got).flat().length < count) got.push(...(await of.invocations(fn, 1)));
  return batches(got).flat();
}

/** What is stored for the mapping's shards. */
async function checkpoints(uuid: string, accountId: string): Promise<{ lane_after: string[]; finished: boolean }[]> {
  const { rows } = await pgPool().query<{ lane_after: string[]; finished: boolean }>(
    "SELECT lane_after::text[] AS lane_after, finished_at IS NOT NULL AS finished FROM lambda_event_source_mapping_shards WHERE mapping_uuid = $1 AND account_id = $2 AND region = $3",
    [uuid, accountId, "us-east-1"],
  );
  return rows;
}

describe("Kinesis checkpoints", () => {
  test("workers that restart resume every lane from its checkpoint, without Redis's leases", async () => {
    const stream = await tenant.stream("restart");
    const fn = await tenant.streamFunction("restart");
    const { UUID } = await tenant.createMapping({
      FunctionName: fn.name,
      EventSourceArn: stream.arn,
      StartingPosition: "TRIM_HORIZON",
      BatchSize: 3,
      ParallelizationFactor: 2,
    });
    const records = (from: number) => Array.from({ length: 10 }, (_, i) => ({ data: `r${from + i}`, key: `k${(from + i) % 4}` }));

    const first = startWorkersEventSources();
    await tenant.put(stream, records(0));
    assert.deepEqual((await untilRecords(fn, 10)).sort(), records(0).map((r) => r.data).sort());
    await first.stop();

    assert.deepEqual(await checkpoints(UUID!, tenant.accountId), [{ lane_after: ["10", "10"], finished: false }]);
    // Redis only ever held the poller's lease: losing it loses nothing.
    const leases = await redis.keys(`stratus:lambda:esm:${UUID}:*`);
    if (leases.length > 0) await redis.del(...leases);

    await tenant.put(stream, records(10));
    await tenant.assertNoInvocation(fn, 1000);
    const second = startWorkersEventSources();
    try {
      assert.deepEqual((await untilRecords(fn, 10)).sort(), records(10).map((r) => r.data).sort());
      await tenant.assertNoInvocation(fn, 1500);
    } finally {
      await second.stop();
    }
  });

  test("a new ParallelizationFactor restarts the shard in that many lanes, from where the slowest lane was", async () => {
    const stream = await h.stream("refactored");
    const fn = await h.streamFunction("refactored");
    const { UUID } = await h.createMapping({ FunctionName: fn.name, EventSourceArn: stream.arn, StartingPosition: "TRIM_HORIZON", BatchSize: 2 });
    const records = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ data: `k${(from + i) % 6}:${from + i}`, key: `k${(from + i) % 6}` }));
    await h.put(stream, records(0, 6));
    assert.equal((await untilRecords(fn, 6, h)).length, 6);

    await h.client.send(new lambda.UpdateEventSourceMappingCommand({ UUID, ParallelizationFactor: 3 }));
    await waitFor("three lanes", async () => ((await checkpoints(UUID!, h.team.accountId))[0]?.lane_after.length === 3 ? true : undefined));
    await h.put(stream, records(6, 12));
    const values = await untilRecords(fn, 12, h);
    assert.deepEqual([...values].sort(), records(6, 12).map((r) => r.data).sort(), "each once");
    for (let k = 0; k < 6; k++) {
      const ofKey = values.filter((v) => v.startsWith(`k${k}:`)).map((v) => Number(v.split(":")[1]));
      assert.deepEqual(ofKey, [...ofKey].sort((a, b) => a - b), `k${k} in order`);
    }
    await h.assertNoInvocation(fn, 1000);
  });
});
