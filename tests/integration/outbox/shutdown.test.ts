import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, it } from "node:test";
import { prisma } from "../../../server/db/client";
import { defineJob } from "../../../server/outbox/job";
import { effectRuns, enqueueEach, ensureEffectsTable, keyPayload, outboxRows, recordEffect, testRun, waitFor, waitForStatus } from "./harness";

const run = testRun();
const started: string[] = [];
let release!: () => void;
const gate = new Promise<void>((resolve) => (release = resolve));
/** Holds each run at a gate the test opens, so the test knows a job is in flight. */
const held = defineJob({
  name: run.jobName("held"),
  mode: "transactional",
  schema: keyPayload,
  concurrency: 1,
  async handler({ key }, { tx }) {
    started.push(key);
    await gate;
    await recordEffect(tx, run.id, key);
  },
});

before(ensureEffectsTable);
after(async () => {
  await run.cleanUp();
  await prisma().$disconnect();
});

describe("graceful shutdown", () => {
  it("lets the job in flight finish and leaves waiting jobs for the next start", async () => {
    const workers = await run.start([held]);
    const [inFlight, waiting] = await enqueueEach(held, ["in-flight", "waiting"]);
    assert.ok(inFlight && waiting);
    await waitFor("the first job to start", async () => started.length === 1);

    let stopped = false;
    const stopping = workers.stop().then(() => (stopped = true));
    // Nothing should happen here; the pause gives a premature stop() the chance to resolve.
    await sleep(300);
    assert.equal(stopped, false, "stop() resolved while a job was in flight");
    release();
    await stopping;

    const [first, second] = await outboxRows([inFlight, waiting]);
    assert.equal(first?.status, "done");
    // Unfinished and untouched: still queued, or pending if Redis lost it meanwhile (other test files flush it).
    assert.ok(second?.status === "enqueued" || second?.status === "pending", `waiting job is ${second?.status}`);
    assert.deepEqual(started, ["in-flight"]);

    await run.start([held]);
    await waitForStatus([waiting], "done");
    assert.deepEqual(
      await effectRuns(run.id),
      new Map([
        ["in-flight", 1],
        ["waiting", 1],
      ]),
    );
  });
});

describe("the workers process", () => {
  it("stops cleanly on SIGTERM", async () => {
    // The real entry point, with no jobs and no accounts' Lambda work, so it touches nothing shared.
    const script = `const { main } = await import("./workers/main.ts"); await main({ jobs: [], accountIds: [], prefix: "${run.prefix}" });`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    try {
      await waitFor("the workers process to start", async () => output.includes("workers: running"));
      child.kill("SIGTERM");
      const [code] = await once(child, "exit");
      assert.equal(code, 0, output);
      assert.match(output, /workers: stopped/);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
