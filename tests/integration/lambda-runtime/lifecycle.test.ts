import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, it } from "node:test";
import { ExecutionPool, type InvocationResult, MAX_PAYLOAD_BYTES, PoolCapacityError } from "../../../workers/lambda";
import { waitFor } from "../../helpers/wait";
import { deploy, functionConfig, invoke, json, messages, reportLine } from "./helpers";

const pool = new ExecutionPool();
after(() => pool.close());

const sleeper = deploy({
  "index.js": `
    const id = Math.random().toString(16).slice(2);
    console.log("init", id);
    exports.handler = async (event, context) => {
      await new Promise((resolve) => setTimeout(resolve, event.sleepMs ?? 0));
      return { id, stream: context.logStreamName, type: process.env.AWS_LAMBDA_INITIALIZATION_TYPE };
    };`,
});

describe("execution contexts", () => {
  it("serves concurrent invocations from separate contexts", async () => {
    const config = functionConfig("nodejs20.x", "index.handler", await sleeper);
    const results = await Promise.all([1, 2, 3].map(() => invoke(pool, config, { sleepMs: 300 })));
    const ids = new Set(results.map((r) => json(r).id));
    assert.equal(ids.size, 3);
    assert.equal(new Set(results.map((r) => r.logStreamName)).size, 3);
    assert.ok(results.every((r) => r.coldStart));
    assert.deepEqual(pool.stats().byKey[config.contextKey], { initializing: 0, idle: 3, busy: 0, provisioned: 0 });
    const warm = await invoke(pool, config);
    assert.ok(ids.has(json(warm).id as string) && !warm.coldStart);
  });

  it("gives an invocation made as soon as another is answered that same context, not a new one", async () => {
    const config = functionConfig("nodejs20.x", "index.handler", await sleeper);
    const first = json(await invoke(pool, config));
    let next: Promise<InvocationResult> | undefined;
    await pool.invoke(config, {
      requestId: randomUUID(),
      payload: Buffer.from("{}"),
      invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${config.functionName}`,
      // The caller has its answer here, while the context has yet to ask for its next event.
      onResponse: () => (next = invoke(pool, config)),
    });
    assert.ok(next, "the answer was heard early");
    const second = await next;
    assert.equal(second.coldStart, false);
    assert.equal(json(second).id, first.id);
    assert.equal(pool.stats().byKey[config.contextKey]?.idle, 1);
  });

  it("kills a timed-out invocation with Lambda's timeout error and cold-starts the next one", async () => {
    const code = await deploy({
      "index.js": `let calls = 0; exports.handler = async (event) => { calls++; if (event.hang) await new Promise(() => setInterval(() => {}, 1000)); return { calls }; };`,
    });
    const config = functionConfig("nodejs20.x", "index.handler", code, { timeout: 1 });
    assert.deepEqual(json(await invoke(pool, config)), { calls: 1 });
    const timedOut = await invoke(pool, config, { hang: true });
    assert.equal(timedOut.timedOut, true);
    assert.equal(timedOut.functionError, "Unhandled");
    assert.equal(timedOut.errorType, "Sandbox.Timedout");
    assert.deepEqual(json(timedOut), { errorType: "Sandbox.Timedout", errorMessage: `RequestId: ${timedOut.requestId} Error: Task timed out after 1.00 seconds` });
    assert.equal(timedOut.durationMs, 1000);
    assert.ok(messages(timedOut).some((m) => new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${timedOut.requestId} Task timed out after 1\\.00 seconds\\n$`).test(m)));
    assert.match(reportLine(timedOut), /\tDuration: 1000\.00 ms\tBilled Duration: 1000 ms\t.*\tStatus: timeout\n$/);

    const next = await invoke(pool, config);
    assert.equal(next.coldStart, true);
    assert.deepEqual(json(next), { calls: 1 }, "the killed context's module state is gone");
  });

  it("kills a function that exceeds its memory with Runtime.OutOfMemory", async () => {
    const code = await deploy({
      "index.js": `exports.handler = async (event) => {
        if (!event.grow) return "fine";
        const kept = [];
        for (;;) { kept.push(Buffer.alloc(8 * 1024 * 1024, 1)); await new Promise((r) => setTimeout(r, 5)); }
      };`,
    });
    const config = functionConfig("nodejs20.x", "index.handler", code);
    const fine = await invoke(pool, config);
    assert.equal(fine.outOfMemory, false);
    assert.ok(fine.maxMemoryUsedMB < 128);
    const result = await invoke(pool, config, { grow: true });
    assert.equal(result.outOfMemory, true);
    assert.equal(result.errorType, "Runtime.OutOfMemory");
    assert.deepEqual(json(result), { errorType: "Runtime.OutOfMemory", errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: signal: killed` });
    assert.equal(result.maxMemoryUsedMB, 128);
    assert.match(reportLine(result), /\tMax Memory Used: 128 MB\tStatus: error\tError Type: Runtime\.OutOfMemory\n$/);
    assert.equal((await invoke(pool, config)).coldStart, true);
  });

  it("fails a response over 6 MB with Function.ResponseSizeTooLarge", async () => {
    const code = await deploy({ "index.js": `exports.handler = async (event) => "x".repeat(event.size);` });
    const config = functionConfig("nodejs20.x", "index.handler", code);
    const limit = await invoke(pool, config, { size: MAX_PAYLOAD_BYTES - 2 });
    assert.equal(limit.payload.length, MAX_PAYLOAD_BYTES, "a response of exactly 6 MB is delivered");
    const result = await invoke(pool, config, { size: 7 * 1024 * 1024 });
    assert.equal(result.functionError, "Unhandled");
    assert.deepEqual(json(result), {
      errorMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes).",
      errorType: "Function.ResponseSizeTooLarge",
    });
    assert.equal((await invoke(pool, config, { size: 2 })).coldStart, false);
  });

  it("enforces EphemeralStorage on the context's temporary directory", async () => {
    const code = await deploy({
      "index.js": `const fs = require("node:fs"); const os = require("node:os");
        exports.handler = async (event) => { fs.writeFileSync(os.tmpdir() + "/blob", Buffer.alloc(event.mb * 1024 * 1024, 7)); return "written"; };`,
    });
    const config = functionConfig("nodejs20.x", "index.handler", code, { ephemeralStorageSize: 2 });
    assert.equal(json(await invoke(pool, config, { mb: 1 })), "written");
    const result = await invoke(pool, config, { mb: 3 });
    assert.equal(result.errorType, "Runtime.ExitError");
    assert.match(json<{ errorMessage: string }>(result).errorMessage, /ephemeral storage limit \(2 MB\) exceeded/);
    assert.equal((await invoke(pool, config, { mb: 1 })).coldStart, true, "the context and its files are gone");
  });

  it("fails the invocation and discards the context when the handler's process crashes", async () => {
    const code = await deploy({
      "index.js": `exports.handler = async (event) => {
        if (event.crash === "uncaught") setTimeout(() => { throw new Error("thrown from a timer"); }, 0);
        if (event.crash === "exit") setTimeout(() => process.exit(3), 0);
        await new Promise((r) => setTimeout(r, 200));
        return "survived";
      };`,
    });
    const config = functionConfig("nodejs20.x", "index.handler", code);
    const uncaught = await invoke(pool, config, { crash: "uncaught" });
    assert.equal(uncaught.errorType, "Error");
    assert.equal(json(uncaught).errorMessage, "thrown from a timer");
    assert.ok(messages(uncaught).some((m) => m.includes("\tERROR\tUncaught Exception \t")));
    const exited = await invoke(pool, config, { crash: "exit" });
    assert.equal(exited.coldStart, true);
    assert.deepEqual(json(exited), { errorType: "Runtime.ExitError", errorMessage: `RequestId: ${exited.requestId} Error: Runtime exited with error: exit status 3` });
    assert.match(reportLine(exited), /\tStatus: error\tError Type: Runtime\.ExitError\n$/);
  });

  it("pre-initialises provisioned contexts, serves from them without a cold start, and releases them", async () => {
    const config = functionConfig("nodejs20.x", "index.handler", await sleeper);
    await pool.provision(config, 2);
    assert.deepEqual(pool.stats().byKey[config.contextKey], { initializing: 0, idle: 2, busy: 0, provisioned: 2 });
    const result = await invoke(pool, config);
    assert.equal(result.coldStart, false);
    assert.equal(result.initDurationMs, undefined);
    assert.equal(json(result).type, "provisioned-concurrency");
    assert.ok(messages(result).some((m) => m.includes("\tINFO\tinit ")), "init output comes with the first invocation");
    assert.ok(!reportLine(result).includes("Init Duration"));

    await pool.provision(config, 0);
    assert.equal(pool.stats().byKey[config.contextKey]?.provisioned, 0);

    const broken = functionConfig("nodejs20.x", "missing.handler", await sleeper);
    await assert.rejects(pool.provision(broken, 1), /Runtime\.ImportModuleError/);
    assert.equal(pool.stats().byKey[broken.contextKey], undefined);
  });

  it("retires a function's contexts so the next invocation cold-starts", async () => {
    const config = functionConfig("nodejs20.x", "index.handler", await sleeper);
    const other = functionConfig("nodejs20.x", "index.handler", await sleeper);
    await invoke(pool, config);
    await invoke(pool, other);
    await pool.retire(config.contextKey.split("#")[0]!);
    assert.equal(pool.stats().byKey[config.contextKey], undefined);
    assert.equal(pool.stats().byKey[other.contextKey]?.idle, 1, "other functions keep their contexts");
    assert.equal((await invoke(pool, config)).coldStart, true);
  });
});

describe("pool limits", () => {
  it("removes contexts idle for longer than idleTimeoutMs", async () => {
    const short = new ExecutionPool({ idleTimeoutMs: 200 });
    try {
      const config = functionConfig("nodejs20.x", "index.handler", await sleeper);
      assert.equal((await invoke(short, config)).coldStart, true);
      assert.equal((await invoke(short, config)).coldStart, false);
      await waitFor("the idle context to expire", () => short.stats().total === 0 || undefined);
      assert.equal((await invoke(short, config)).coldStart, true);
    } finally {
      await short.close();
    }
  });

  it("evicts the least recently used idle context when full and throttles when every context is busy", async () => {
    const small = new ExecutionPool({ maxContexts: 2 });
    try {
      const code = await sleeper;
      const [a, b, c] = [1, 2, 3].map(() => functionConfig("nodejs20.x", "index.handler", code));
      await invoke(small, a!);
      await invoke(small, b!);
      await invoke(small, a!);
      await invoke(small, c!);
      assert.deepEqual(Object.keys(small.stats().byKey).sort(), [a!.contextKey, c!.contextKey].sort(), "b was least recently used");

      const busy = [invoke(small, a!, { sleepMs: 400 }), invoke(small, c!, { sleepMs: 400 })];
      await waitFor("both contexts to be busy", () => small.stats().busy === 2 || undefined);
      await assert.rejects(invoke(small, b!), PoolCapacityError);
      await Promise.all(busy);
    } finally {
      await small.close();
    }
  });

  it("lets running invocations finish on close, then refuses new ones", async () => {
    const closing = new ExecutionPool();
    const config = functionConfig("nodejs20.x", "index.handler", await sleeper);
    const running = invoke(closing, config, { sleepMs: 300 });
    await waitFor("the invocation to start", () => closing.stats().busy === 1 || undefined);
    await closing.close();
    assert.equal(json(await running).stream !== undefined, true);
    assert.equal(closing.stats().total, 0);
    await assert.rejects(invoke(closing, config), /closed/);
  });
});
