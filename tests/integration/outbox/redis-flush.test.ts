import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { prisma } from "../../../server/db/client";
import { env } from "../../../server/env";
import { defineJob } from "../../../server/outbox/job";
import { createRedis } from "../../../server/outbox/queues";
import { effectRuns, enqueueEach, ensureEffectsTable, keyPayload, outboxRows, recordEffect, testRun, waitFor, waitForStatus } from "./harness";

const run = testRun();
// Handlers take a little while so that many jobs are waiting or running when Redis is flushed.
const WORK_MS = 40;
const CONCURRENCY = 2;
const transactional = defineJob({
  name: run.jobName("flush-tx"),
  mode: "transactional",
  schema: keyPayload,
  concurrency: CONCURRENCY,
  async handler({ key }, { tx }) {
    await sleep(WORK_MS);
    await recordEffect(tx, run.id, key);
  },
});
const atLeastOnce = defineJob({
  name: run.jobName("flush-alo"),
  mode: "at-least-once",
  schema: keyPayload,
  concurrency: CONCURRENCY,
  async handler({ key }, { db }) {
    await sleep(WORK_MS);
    await recordEffect(db, run.id, key);
  },
});
const PROCESSES = 2;

before(ensureEffectsTable);
after(async () => {
  await run.cleanUp();
  await prisma().$disconnect();
});

describe("outbox after a Redis flush", () => {
  it("completes every job (transactional ones exactly once) across two worker processes", async () => {
    for (let i = 0; i < PROCESSES; i++) await run.start([transactional, atLeastOnce]);
    const keys = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
    const txKeys = keys("tx", 50);
    const aloKeys = keys("alo", 20);
    const txIds = await enqueueEach(transactional, txKeys);
    const aloIds = await enqueueEach(atLeastOnce, aloKeys);
    const ids = [...txIds, ...aloIds];

    await waitFor("the first jobs to finish", async () => (await prisma().outboxEvent.count({ where: { id: { in: ids }, status: "done" } })) >= 10);
    const redis = createRedis(env().REDIS_URL);
    const enqueuedBeforeFlush = await prisma().outboxEvent.count({ where: { id: { in: ids }, status: "enqueued" } });
    await redis.flushdb();
    await redis.quit();
    // More rows were in Redis than could be running, so some waiting jobs were lost and only the reconciler brings them back.
    assert.ok(enqueuedBeforeFlush > 2 * PROCESSES * CONCURRENCY, `only ${enqueuedBeforeFlush} rows were enqueued at the flush`);

    await waitForStatus(ids, "done");
    const runs = await effectRuns(run.id);
    for (const key of txKeys) assert.equal(runs.get(key), 1, `${key} ran ${runs.get(key) ?? 0} times`);
    for (const key of aloKeys) assert.ok((runs.get(key) ?? 0) >= 1, `${key} never ran`);
    assert.ok((await outboxRows(txIds)).every((row) => row.attempts === 1));
  });
});
