import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Queue, UnrecoverableError, Worker } from "bullmq";
import { z } from "zod";
import { prisma } from "../../../server/db/client";
import { env } from "../../../server/env";
import { enqueueOutbox } from "../../../server/outbox/enqueue";
import { defineJob } from "../../../server/outbox/job";
import { createRedis, outboxJobId, type OutboxJobData } from "../../../server/outbox/queues";
import {
  ACCOUNT_ID,
  effectRuns,
  enqueueEach,
  ensureEffectsTable,
  keyPayload,
  outboxRows,
  recordEffect,
  REGION,
  testRun,
  waitFor,
  waitForStatus,
} from "./harness";

const run = testRun();
const calls = new Map<string, number>();
/** Counts the handler's calls per key in memory (BullMQ's attempt counter restarts if Redis is flushed). */
function call(key: string): number {
  const n = (calls.get(key) ?? 0) + 1;
  calls.set(key, n);
  return n;
}

const flakyPayload = z.object({ key: z.string(), failures: z.number().int() });
const flaky = defineJob({
  name: run.jobName("flaky"),
  mode: "at-least-once",
  schema: flakyPayload,
  attempts: 3,
  backoffMs: 20,
  async handler({ key, failures }, { db }) {
    const n = call(key);
    if (n <= failures) throw new Error(`failure ${n} of ${failures}`);
    await recordEffect(db, run.id, key);
  },
});
/** Writes its effect, then fails the first time: the rollback must undo the effect. */
const flakyTransactional = defineJob({
  name: run.jobName("flaky-tx"),
  mode: "transactional",
  schema: flakyPayload,
  backoffMs: 20,
  async handler({ key, failures }, { tx }) {
    await recordEffect(tx, run.id, key);
    const n = call(key);
    if (n <= failures) throw new Error(`failure ${n} of ${failures}`);
  },
});
const doomed = defineJob({
  name: run.jobName("doomed"),
  mode: "at-least-once",
  schema: keyPayload,
  async handler({ key }) {
    call(key);
    throw new UnrecoverableError("the target no longer exists");
  },
});

function enqueue(job: typeof flaky | typeof flakyTransactional, key: string, failures: number): Promise<bigint> {
  return prisma().$transaction((tx) => enqueueOutbox<typeof job>(tx, { accountId: ACCOUNT_ID, region: REGION, job: job.name, payload: { key, failures } }));
}

before(async () => {
  await ensureEffectsTable();
  await run.start([flaky, flakyTransactional, doomed]);
});
after(async () => {
  await run.cleanUp();
  await prisma().$disconnect();
});

describe("outbox failures", () => {
  it("retries a failing job until it succeeds, recording each failure", async () => {
    const id = await enqueue(flaky, "recovers", 2);
    await waitForStatus([id], "done");
    const [row] = await outboxRows([id]);
    assert.equal(row?.attempts, 3);
    assert.equal(row.lastError, "Error: failure 2 of 2");
    assert.equal((await effectRuns(run.id)).get("recovers"), 1);
  });

  it("rolls back a transactional job's effects when it fails", async () => {
    const id = await enqueue(flakyTransactional, "rolled-back-once", 1);
    await waitForStatus([id], "done");
    assert.equal(calls.get("rolled-back-once"), 2);
    assert.equal((await effectRuns(run.id)).get("rolled-back-once"), 1);
  });

  it("marks a job failed after its last attempt", async () => {
    const id = await enqueue(flaky, "gives-up", 99);
    await waitForStatus([id], "failed");
    const [row] = await outboxRows([id]);
    // 3 attempts, unless Redis was flushed (by another test file) during a backoff and the
    // reconciler handed the job to BullMQ afresh; the row counts every call either way.
    const tries = calls.get("gives-up") ?? 0;
    assert.ok(tries >= 3);
    assert.equal(row?.attempts, tries);
    assert.equal(row.lastError, `Error: failure ${tries} of 99`);
    assert.ok(row.finishedAt);
    assert.equal((await effectRuns(run.id)).has("gives-up"), false);
  });

  it("fails at once on UnrecoverableError", async () => {
    const id = await prisma().$transaction((tx) =>
      enqueueOutbox<typeof doomed>(tx, { accountId: ACCOUNT_ID, region: REGION, job: doomed.name, payload: { key: "unrecoverable" } }),
    );
    await waitForStatus([id], "failed");
    const [row] = await outboxRows([id]);
    assert.equal(row?.attempts, 1);
    assert.equal(row.lastError, "UnrecoverableError: the target no longer exists");
    assert.equal(calls.get("unrecoverable"), 1);
  });

  it("fails at once, without calling the handler, on a payload its schema rejects", async () => {
    const id = await prisma().$transaction((tx) =>
      // @ts-expect-error -- the payload type is checked at compile time; this simulates a row written by older code.
      enqueueOutbox<typeof flakyTransactional>(tx, { accountId: ACCOUNT_ID, region: REGION, job: flakyTransactional.name, payload: { key: "bad-payload", failures: "none" } }),
    );
    await waitForStatus([id], "failed");
    const [row] = await outboxRows([id]);
    assert.equal(row?.attempts, 1);
    assert.match(row.lastError ?? "", /^UnrecoverableError: Invalid payload for test\.flaky-tx\.\w+: failures: Expected number, received string$/);
    assert.equal(calls.has("bad-payload"), false);
  });

  it("re-runs a row whose BullMQ job failed without the failure reaching Postgres", async () => {
    const orphan = defineJob({
      name: run.jobName("orphan"),
      mode: "transactional",
      schema: keyPayload,
      async handler({ key }, { tx }) {
        await recordEffect(tx, run.id, key);
      },
    });
    // The row as the relay leaves it, its BullMQ job failed by a worker that could not write to Postgres.
    const [id] = await enqueueEach(orphan, ["orphan"]);
    assert.ok(id);
    await prisma().outboxEvent.update({ where: { id }, data: { status: "enqueued" } });
    const redis = createRedis(env().REDIS_URL);
    const queue = new Queue<OutboxJobData>(orphan.name, { connection: redis, prefix: run.prefix });
    await queue.add(orphan.name, { outboxId: String(id) }, { jobId: outboxJobId(id) });
    const cutOff = new Worker<OutboxJobData>(
      orphan.name,
      async () => {
        throw new UnrecoverableError("database unreachable");
      },
      { connection: redis, prefix: run.prefix },
    );
    await waitFor("the BullMQ job to fail", async () => (await queue.getJobState(outboxJobId(id))) === "failed");
    await cutOff.close();
    await queue.close();
    await redis.quit();

    await run.start([orphan]);
    await waitForStatus([id], "done");
    assert.equal((await effectRuns(run.id)).get("orphan"), 1);
  });
});
