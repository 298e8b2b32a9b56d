// Shared by the outbox tests. Each test file is a "run": its job names, BullMQ key prefix and
// effect rows carry a random run id, so files running in parallel (and other suites' outbox rows)
// never see each other's work.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { format } from "node:util";
import { z } from "zod";
import { prisma, type Db } from "../../../server/db/client";
import { env } from "../../../server/env";
import { enqueueOutbox } from "../../../server/outbox/enqueue";
import type { AnyJobDefinition, JobDefinition } from "../../../server/outbox/job";
import { createRedis } from "../../../server/outbox/queues";
import { startWorkers, type RunningWorkers, type StartWorkersOptions } from "../../../workers/main";

export const ACCOUNT_ID = "123456789012";
export const REGION = "us-east-1";

export interface TestRun {
  id: string;
  /** The run's BullMQ key prefix. */
  prefix: string;
  /** A job name unique to this run. */
  jobName(label: string): string;
  start(jobs: readonly AnyJobDefinition[], options?: Omit<StartWorkersOptions, "jobs">): Promise<RunningWorkers>;
  /** Stops every worker set this run started, deletes its rows and Redis keys, then fails on unexpected logged errors. */
  cleanUp(): Promise<void>;
}

/**
 * A job running when Redis is flushed cannot move itself to completed or failed there: its keys are
 * gone, or it was re-added and another worker holds it. redis-flush.test.ts flushes the database all
 * test files share, so any run may log this.
 */
const FLUSHED_JOB_ERROR = /(Missing (key|lock)|Lock mismatch) for job outbox-\d+/;

export function testRun(): TestRun {
  const id = randomBytes(5).toString("hex");
  const prefix = `test-${id}`;
  const started: RunningWorkers[] = [];
  const jobNames = new Set<string>();
  const unexpectedErrors: string[] = [];
  const logger = {
    info() {},
    // Expected failures are logged as warnings and would drown the output.
    warn() {},
    error(...args: unknown[]) {
      const message = format(...args);
      if (!FLUSHED_JOB_ERROR.test(message)) unexpectedErrors.push(message);
    },
  };
  return {
    id,
    prefix,
    jobName(label) {
      const name = `test.${label}.${id}`;
      jobNames.add(name);
      return name;
    },
    async start(jobs, options) {
      const running = await startWorkers({
        jobs,
        prefix,
        reconcileIntervalMs: 300,
        pollIntervalMs: 200,
        // Several workers run in this one process here; functions are not what these tests are about.
        lambda: false,
        logger,
        ...options,
      });
      started.push(running);
      return running;
    },
    async cleanUp() {
      await Promise.all(started.map((running) => running.stop()));
      await prisma().outboxEvent.deleteMany({ where: { job: { in: [...jobNames] } } });
      // Only the outbox's own tests create the table: a run of other jobs may find none.
      const [effects] = await prisma().$queryRaw<{ exists: boolean }[]>`SELECT to_regclass('outbox_test_effects') IS NOT NULL AS exists`;
      if (effects?.exists) await prisma().$executeRaw`DELETE FROM outbox_test_effects WHERE run_id = ${id}`;
      const redis = createRedis(env().REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
      assert.deepEqual(unexpectedErrors, [], "the workers logged unexpected errors");
    },
  };
}

/** Jobs' observable effect: one row per (run, key) counting how often the handler ran. */
export async function ensureEffectsTable(): Promise<void> {
  await prisma().$transaction(async (tx) => {
    // Test files run in parallel and concurrent CREATE TABLE IF NOT EXISTS can still collide.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('outbox_test_effects'))`;
    await tx.$executeRaw`
      CREATE TABLE IF NOT EXISTS outbox_test_effects (
        run_id text NOT NULL,
        key text NOT NULL,
        runs integer NOT NULL,
        first_run_at timestamp(3) NOT NULL DEFAULT timezone('UTC', now()),
        PRIMARY KEY (run_id, key)
      )`;
  });
}

export async function recordEffect(db: Db, runId: string, key: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO outbox_test_effects (run_id, key, runs) VALUES (${runId}, ${key}, 1)
    ON CONFLICT (run_id, key) DO UPDATE SET runs = outbox_test_effects.runs + 1`;
}

export async function effectRuns(runId: string): Promise<Map<string, number>> {
  const rows = await prisma().$queryRaw<{ key: string; runs: number }[]>`
    SELECT key, runs FROM outbox_test_effects WHERE run_id = ${runId}`;
  return new Map(rows.map((row) => [row.key, row.runs]));
}

/** The payload of the tests' jobs: which effect row to bump. */
export const keyPayload = z.object({ key: z.string() });
export type KeyedJob = JobDefinition<string, typeof keyPayload>;

/** Enqueues one job per key in one committed transaction; returns the row ids in key order. */
export async function enqueueEach(job: KeyedJob, keys: readonly string[]): Promise<bigint[]> {
  return prisma().$transaction(async (tx) => {
    const ids: bigint[] = [];
    for (const key of keys) ids.push(await enqueueOutbox<KeyedJob>(tx, { accountId: ACCOUNT_ID, region: REGION, job: job.name, payload: { key } }));
    return ids;
  }, { timeout: 30_000 }); // Prisma's default 5 s is too short for 50 inserts when the whole suite loads the machine.
}

export async function outboxRows(ids: readonly bigint[]) {
  return prisma().outboxEvent.findMany({ where: { id: { in: [...ids] } }, orderBy: { id: "asc" } });
}

/** Polls until `check` returns true; fails after `timeoutMs` with `what` in the message. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until every row is in `status`. */
export async function waitForStatus(ids: readonly bigint[], status: "done" | "failed" | "pending" | "enqueued", timeoutMs?: number): Promise<void> {
  await waitFor(
    `${ids.length} outbox row(s) to be ${status}`,
    async () => (await prisma().outboxEvent.count({ where: { id: { in: [...ids] }, status } })) === ids.length,
    timeoutMs,
  );
}
