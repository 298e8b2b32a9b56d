import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { prisma } from "../../../server/db/client";
import { env } from "../../../server/env";
import { enqueueOutbox } from "../../../server/outbox/enqueue";
import { defineJob } from "../../../server/outbox/job";
import { LISTENER_APPLICATION_NAME } from "../../../server/outbox/listen";
import { outboxPrune } from "../../../workers/jobs/outbox-prune";
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
const counter = defineJob({
  name: run.jobName("counter"),
  mode: "transactional",
  schema: keyPayload,
  async handler({ key }, { tx }) {
    await recordEffect(tx, run.id, key);
  },
});

before(ensureEffectsTable);
after(async () => {
  await run.cleanUp();
  await prisma().$disconnect();
});

describe("outbox enqueue", () => {
  before(() => run.start([counter]));

  it("runs committed work once and never work whose transaction rolled back", async () => {
    await assert.rejects(
      prisma().$transaction(async (tx) => {
        await enqueueOutbox<typeof counter>(tx, { accountId: ACCOUNT_ID, region: REGION, job: counter.name, payload: { key: "rolled-back" } });
        throw new Error("domain change failed");
      }),
      /domain change failed/,
    );
    const [committed] = await enqueueEach(counter, ["committed"]);
    assert.ok(committed);
    await waitForStatus([committed], "done");

    // The rolled-back row never existed, so nothing can pick it up later either.
    assert.equal(await prisma().outboxEvent.count({ where: { job: counter.name, payload: { equals: { key: "rolled-back" } } } }), 0);
    assert.equal((await effectRuns(run.id)).get("committed"), 1);
    assert.equal((await effectRuns(run.id)).has("rolled-back"), false);
    const [row] = await outboxRows([committed]);
    assert.equal(row?.attempts, 1);
    assert.ok(row.enqueuedAt && row.finishedAt);
  });

  it("does not run a delayed job before its availableAt", async () => {
    const delayed = await prisma().$transaction((tx) =>
      enqueueOutbox<typeof counter>(tx, { accountId: ACCOUNT_ID, region: REGION, job: counter.name, payload: { key: "delayed" }, delaySeconds: 1.5 }),
    );
    const [prompt] = await enqueueEach(counter, ["prompt"]);
    assert.ok(prompt);
    await waitForStatus([prompt], "done");
    // The relay claimed `prompt` in a pass that also saw the earlier, delayed row and left it.
    assert.equal((await outboxRows([delayed]))[0]?.status, "pending");

    await waitForStatus([delayed], "done");
    const [row] = await outboxRows([delayed]);
    assert.ok(row);
    assert.equal(row.availableAt.getTime() - row.createdAt.getTime(), 1500);
    const [effect] = await prisma().$queryRaw<{ first_run_at: Date }[]>`
      SELECT first_run_at FROM outbox_test_effects WHERE run_id = ${run.id} AND key = 'delayed'`;
    assert.ok(effect && effect.first_run_at >= row.availableAt, `ran at ${effect?.first_run_at.toISOString()}, available at ${row.availableAt.toISOString()}`);
  });
});

describe("relay wake-ups", () => {
  // With the poll this slow, only NOTIFY (and the catch-up after a reconnect) can relay in time.
  const notified = defineJob({
    name: run.jobName("notified"),
    mode: "transactional",
    schema: keyPayload,
    async handler({ key }, { tx }) {
      await recordEffect(tx, run.id, key);
    },
  });
  before(() => run.start([notified], { pollIntervalMs: 60_000 }));

  it("relays on NOTIFY without waiting for the poll", async () => {
    const ids = await enqueueEach(notified, ["notify-1", "notify-2"]);
    await waitForStatus(ids, "done", 20_000);
  });

  it("reconnects its LISTEN connection after losing it", async () => {
    // Other relays listening on this database reconnect as well; that is the behaviour under test.
    // MATERIALIZED: the filter must run before pg_terminate_backend, never interleaved with it.
    const terminated = await prisma().$queryRaw<{ terminated: boolean }[]>`
      WITH listeners AS MATERIALIZED (
        SELECT pid FROM pg_stat_activity WHERE application_name = ${LISTENER_APPLICATION_NAME} AND datname = current_database()
      )
      SELECT pg_terminate_backend(pid) AS terminated FROM listeners`;
    assert.ok(terminated.length > 0);
    const ids = await enqueueEach(notified, ["after-reconnect"]);
    await waitForStatus(ids, "done", 20_000);
    await waitFor("the listener to be back", async () => {
      const [row] = await prisma().$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = ${LISTENER_APPLICATION_NAME} AND datname = current_database()`;
      return (row?.n ?? 0n) > 0n;
    });
    const more = await enqueueEach(notified, ["notify-3"]);
    await waitForStatus(more, "done", 20_000);
  });
});

describe("periodic jobs", () => {
  it("keep exactly one run unfinished, even when several processes seed them at once", async () => {
    const tick = defineJob({
      name: run.jobName("tick"),
      mode: "transactional",
      schema: keyPayload,
      every: { seconds: 0.2, payload: { key: "tick" } },
      async handler({ key }, { tx }) {
        await recordEffect(tx, run.id, key);
      },
    });
    const [first, second] = await Promise.all([run.start([tick]), run.start([tick])]);
    await waitFor("three periodic runs", async () => ((await effectRuns(run.id)).get("tick") ?? 0) >= 3);
    await Promise.all([first?.stop(), second?.stop()]);

    const rows = await prisma().outboxEvent.findMany({ where: { job: tick.name } });
    const unfinished = rows.filter((row) => row.status === "pending" || row.status === "enqueued");
    assert.equal(unfinished.length, 1);
    assert.equal(rows.filter((row) => row.status === "done").length, (await effectRuns(run.id)).get("tick"));
    assert.equal(unfinished[0]?.accountId, env().STRATUS_ACCOUNT_ID);
  });

  it("outbox.prune deletes done rows past the retention and keeps the rest", async () => {
    const job = run.jobName("prune-fixture");
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000);
    const fixture = [
      { label: "old done", status: "done", finishedAt: daysAgo(8) },
      { label: "recent done", status: "done", finishedAt: daysAgo(6) },
      { label: "old failed", status: "failed", finishedAt: daysAgo(30) },
      { label: "pending", status: "pending", finishedAt: null },
    ] as const;
    await prisma().outboxEvent.createMany({
      data: fixture.map(({ label, status, finishedAt }) => ({ accountId: ACCOUNT_ID, region: REGION, job, payload: { label }, status, finishedAt })),
    });

    await prisma().$transaction((tx) =>
      outboxPrune.handler({ retentionDays: 7 }, { tx, outboxId: 0n, accountId: ACCOUNT_ID, region: REGION, attempt: 1 }),
    );

    const left = await prisma().outboxEvent.findMany({ where: { job }, orderBy: { id: "asc" } });
    assert.deepEqual(
      left.map((row) => row.payload),
      [{ label: "recent done" }, { label: "old failed" }, { label: "pending" }],
    );
  });
});
