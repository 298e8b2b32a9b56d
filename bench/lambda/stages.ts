/**
 * Where a warm synchronous invoke's time goes. Starts the gateway and a workers process as
 * bench:lambda does, then times, interleaved round by round so that every stage sees the same load:
 *
 *   1. the SDK Invoke through the gateway (end to end, and its wire part);
 *   2. InvocationClient.invoke straight to the workers process (no SDK, no gateway, no SigV4);
 *   3. the channel alone: Redis list push → an in-process worker with a no-op execute → Redis reply;
 *   4. LambdaExecutor.execute in this process (its own pool), with its parts timed by wrapping its
 *      dependencies: resolveFunction, the reserved-concurrency query, the Redis lease, pool.invoke
 *      (Runtime API round trip with the context thawed and frozen), the rest (the record statement);
 *   5. the record statement alone (INSERT lambda_invocations alongside the log append);
 *   6. floors: Postgres SELECT 1, Redis PING.
 *
 * Then cold starts: UpdateFunctionConfiguration (through the gateway), then the in-process executor,
 * splitting the first invoke into retiring the old context, the role session (credentials), the
 * context's init (Init Duration), the function's Duration and the rest.
 *
 *   npx tsx bench/lambda/stages.ts [--rounds 300] [--warmup 50] [--cold 10]
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { InvokeCommand, UpdateFunctionConfigurationCommand } from "@aws-sdk/client-lambda";
import type pg from "pg";
import { stopAllChildren } from "../lib/processes";
import { BENCH_DATABASE_URL, BENCH_REDIS_URL } from "../lib/cli";
import { prepareStratus, startGateway, startWorkers } from "../lib/servers";
import { fmt, summarize } from "../lib/stats";
import { createFunction, lambdaBench } from "./workloads";
import { createFunctionRole } from "../lib/roles";

const { values: args } = parseArgs({
  options: { rounds: { type: "string", default: "300" }, warmup: { type: "string", default: "50" }, cold: { type: "string", default: "10" } },
});
const ROUNDS = Number(args.rounds);
const WARMUP = Number(args.warmup);
const COLD = Number(args.cold);
const DATABASE_URL = BENCH_DATABASE_URL;
const REDIS_URL = BENCH_REDIS_URL;

interface Stage {
  name: string;
  fn?: () => Promise<unknown>;
  samples: number[];
  cpuUs: number;
}
let stages: Stage[] = [];
const stage = (name: string, fn?: () => Promise<unknown>): Stage => {
  const s = { name, fn, samples: [], cpuUs: 0 };
  stages.push(s);
  return s;
};

function printStages(title: string, rounds: number): void {
  console.log(`\n${title}\n`);
  console.log(`${"".padEnd(86)}${"p50 ms".padStart(9)}${"mean ms".padStart(9)}${"p99 ms".padStart(9)}${"CPU µs".padStart(9)}`);
  for (const s of stages) {
    const sum = summarize(s.samples);
    const cpu = s.fn ? fmt(s.cpuUs / rounds, 0) : "";
    console.log(`${s.name.padEnd(86)}${fmt(sum.p50).padStart(9)}${fmt(sum.mean).padStart(9)}${fmt(sum.p99).padStart(9)}${cpu.padStart(9)}`);
  }
}

/** Times every call of `obj[method]` into the stage `into()` names (the object keeps working as before). */
function timeMethod<T extends object, K extends keyof T>(
  obj: T,
  method: K,
  into: () => Stage | undefined,
  hooks: { before?: (args: unknown[]) => void; after?: (result: unknown) => unknown } = {},
): void {
  const inner = (obj[method] as (...a: unknown[]) => Promise<unknown>).bind(obj);
  (obj as Record<K, unknown>)[method] = async (...a: unknown[]) => {
    hooks.before?.(a);
    const t0 = performance.now();
    try {
      const result = await inner(...a);
      return hooks.after ? hooks.after(result) : result;
    } finally {
      into()?.samples.push(performance.now() - t0);
    }
  };
}

async function main(): Promise<void> {
  const setup = await prepareStratus(DATABASE_URL, REDIS_URL, { label: "Lambda stages" });
  const gateway = await startGateway(setup);
  const workers = await startWorkers(setup, gateway.target.endpoint);
  const b = lambdaBench(gateway.target, await createFunctionRole(gateway.target, "lambda-bench"));
  const name = await createFunction(b, "node");

  const { prisma } = await import("../../server/db/client");
  const { pgPool } = await import("../../server/db/pool");
  const { Redis } = await import("ioredis");
  const { InvocationClient, startInvocationWorker } = await import("../../server/services/lambda/invocation/channel");
  const { env } = await import("../../server/env");
  const { ConcurrencyLimiter } = await import("../../server/services/lambda/invocation/concurrency");
  const { invocationsAlongside } = await import("../../server/services/lambda/invocation/records");
  const { appendToStreams } = await import("../../server/services/logs/append");
  const { LambdaExecutor } = await import("../../workers/lambda/executor");
  const { ExecutionPool } = await import("../../workers/lambda/pool");

  const db = prisma();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const caller = { accountId: setup.accountId, arn: `arn:aws:iam::${setup.accountId}:user/${setup.email}`, userId: setup.userId, role: "owner" as const };
  const payload = Buffer.from('{"n":1}');
  const request = () => ({
    requestId: randomUUID(),
    caller,
    region: "us-east-1",
    functionName: name,
    payload: payload.toString("base64"),
    logType: "None" as const,
    callerDeadline: Date.now() + 60_000,
  });

  // 2: the workers process, reached as the gateway reaches it.
  const toWorkers = new InvocationClient(REDIS_URL, env().STRATUS_QUEUE_PREFIX);
  // 3: the channel with nothing to run, on a prefix of its own (the workers process never sees it).
  const noopPrefix = `bench-noop-${randomUUID().slice(0, 8)}`;
  const noopClient = new InvocationClient(REDIS_URL, noopPrefix);
  const noopWorker = startInvocationWorker({
    redisUrl: REDIS_URL,
    prefix: noopPrefix,
    concurrency: 1,
    execute: (_request, respond) => respond({ ok: true, payload: "", executedVersion: "$LATEST" }),
  });
  // 4: an executor in this process, its dependencies wrapped to time its parts.
  const pool = new ExecutionPool({});
  const limiter = new ConcurrencyLimiter(redis);
  // The real pool (the recorder takes clients from it), with the reserved-total query timed.
  const timedQuery = async (q: pg.QueryConfig) => {
    const t0 = performance.now();
    try {
      return await pgPool().query(q);
    } finally {
      if (q.name === "lambda-reserved-total") parts.reserved?.samples.push(performance.now() - t0);
    }
  };
  const sql = new Proxy(pgPool(), {
    get: (target, prop) => (prop === "query" ? timedQuery : (Reflect.get(target, prop, target) as unknown)),
  });
  const executor = new LambdaExecutor({ db, sql, pool, limiter, endpointUrl: gateway.target.endpoint });

  const wire: number[] = [];
  const sdk = stage("1. SDK Invoke → gateway → workers (end to end)", async () => {
    b.setWire(wire);
    const out = await b.lambda.send(new InvokeCommand({ FunctionName: name, Payload: payload }));
    b.setWire(null);
    if (out.FunctionError) throw new Error(Buffer.from(out.Payload ?? []).toString());
  });
  const wireStage = stage("   … its wire part (request written → response headers)");
  stage("2. InvocationClient.invoke → workers process (no SDK, no gateway)", async () => {
    const reply = await toWorkers.invoke(request());
    if (!reply.ok) throw new Error(reply.message);
  });
  stage("3. channel alone: Redis list → worker → Redis reply (no-op execute)", () => noopClient.invoke(request()));
  const exec = stage("4. LambdaExecutor.execute in this process", () =>
    executor.execute({ ...request(), payload, invocationType: "RequestResponse" }),
  );
  const warmParts = {
    resolve: stage("   4a. resolveFunction (Prisma)"),
    reserved: stage("   4b. reserved-concurrency total (pg)"),
    acquire: stage("   4c. concurrency lease acquire (Redis EVAL)"),
    pool: stage("   4d. pool.invoke (warm context, Runtime API)"),
    release: stage("   4e. lease release (Redis MULTI)"),
    rest: stage("   4f. the rest: code cache, record statement (by difference)"),
  };
  /** Where the wrapped dependencies' timings go (the cold-start section swaps in its own). */
  let parts: Partial<Record<"resolve" | "reserved" | "acquire" | "pool" | "release" | "retire" | "credentials", Stage>> = warmParts;
  timeMethod(executor, "resolve", () => parts.resolve);
  timeMethod(limiter, "acquire", () => parts.acquire, {
    after: (lease) => {
      if (lease && typeof lease === "object" && "release" in lease) timeMethod(lease as { release(): Promise<void> }, "release", () => parts.release);
      return lease;
    },
  });
  // The role session a new context asks for is a function of the config handed to pool.invoke.
  timeMethod(pool, "invoke", () => parts.pool, { before: ([config]) => timeMethod(config as { credentials(): Promise<unknown> }, "credentials", () => parts.credentials) });
  timeMethod(pool, "retire", () => parts.retire);
  const events = ["START RequestId: x Version: $LATEST", "END RequestId: x", "REPORT RequestId: x\tDuration: 1.00 ms\tBilled Duration: 1 ms"].map((message) => ({
    timestamp: Date.now(),
    message,
  }));
  stage("5. record statement alone (INSERT lambda_invocations alongside the log append, one statement)", () =>
    appendToStreams(
      pgPool(),
      { accountId: setup.accountId, region: "us-east-1", logGroupName: `/aws/lambda/${name}-records`, streams: [{ logStreamName: "bench/stages", events }] },
      invocationsAlongside([
        {
          accountId: setup.accountId,
          region: "us-east-1",
          functionName: `${name}-records`,
          executedVersion: "$LATEST",
          requestId: randomUUID(),
          invocationType: "RequestResponse",
          startedAt: new Date(),
          durationMs: 1,
          billedDurationMs: 1,
          memorySize: 128,
          maxMemoryUsedMb: 40,
          logStreamName: "bench/stages",
        },
      ]),
    ),
  );
  stage("6. floor: Postgres SELECT 1 (pg pool)", () => pgPool().query("SELECT 1"));
  stage("7. floor: Redis PING", () => redis.ping());

  const runnable = stages.filter((s) => s.fn);
  for (let i = 0; i < WARMUP; i++) for (const s of runnable) await s.fn!();
  for (const s of stages) s.samples.length = 0;
  wire.length = 0;
  for (let i = 0; i < ROUNDS; i++) {
    for (const s of runnable) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await s.fn!();
      s.samples.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      s.cpuUs += cpu.user + cpu.system;
    }
  }
  wireStage.samples.push(...wire);
  const partsSum = (i: number) => [warmParts.resolve, warmParts.reserved, warmParts.acquire, warmParts.pool, warmParts.release].reduce((sum, p) => sum + (p.samples[i] ?? 0), 0);
  warmParts.rest.samples.push(...exec.samples.map((total, i) => total - partsSum(i)));
  printStages(`Warm synchronous invoke of a trivial Node function, ${ROUNDS} rounds (stages interleaved), Node ${process.version}:`, ROUNDS);
  console.log(`\n(CPU µs: this process only — the SDK for stage 1, the channel's client side for 2–3, the worker side for 4–5.) SDK p50 ${fmt(summarize(sdk.samples).p50)} ms.`);

  // Cold starts: a configuration change retires the function's contexts; the next invoke starts one.
  stages = [];
  const cold = stage("LambdaExecutor.execute, first invoke after UpdateFunctionConfiguration");
  const coldParts = {
    resolve: stage("   resolveFunction (Prisma)"),
    retire: stage("   pool.retire: the old context killed, drained, its directory removed"),
    pool: stage("   pool.invoke (cold)"),
    credentials: stage("      role session for the new context (issueRoleSession, Prisma INSERT)"),
    init: stage("      Init Duration (spawn → the runtime's first /next)"),
    duration: stage("      Duration (the function)"),
    setup: stage("      the rest: tmp dir, Runtime API server, launch spec, thaw/freeze (by difference)"),
    rest: stage("   the rest: lease, record statement (by difference)"),
  };
  parts = coldParts;
  for (let i = 0; i < COLD + 1; i++) {
    await b.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: { BENCH_COLD: String(i) } } }));
    const t0 = performance.now();
    const { result } = await executor.execute({ ...request(), payload, invocationType: "RequestResponse" });
    const total = performance.now() - t0;
    if (i === 0) {
      for (const s of stages) s.samples.length = 0; // the first one warms the file cache
      continue;
    }
    cold.samples.push(total);
    coldParts.init.samples.push(result.initDurationMs ?? Number.NaN);
    coldParts.duration.samples.push(result.durationMs);
    const n = cold.samples.length - 1;
    const at = (st: Stage) => st.samples[n] ?? 0;
    coldParts.setup.samples.push(at(coldParts.pool) - at(coldParts.credentials) - at(coldParts.init) - at(coldParts.duration));
    coldParts.rest.samples.push(total - at(coldParts.resolve) - at(coldParts.retire) - at(coldParts.pool));
  }
  printStages(`Cold start of the same function, ${COLD} times (in-process executor):`, COLD);

  b.destroy();
  await Promise.all([toWorkers.close(), noopClient.close(), noopWorker.close()]);
  await pool.close();
  redis.disconnect();
  await Promise.all([workers.stop(15_000), gateway.child.stop(15_000)]);
  await Promise.allSettled([db.$disconnect(), pgPool().end()]);
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(error);
    await stopAllChildren();
    process.exit(1);
  },
);
