/**
 * API Gateway benchmark: `npm run bench:apigw [-- --seconds 15 --connections 16 --lambda-connections 8 …]`.
 *
 * One run starts the real Stratus gateway and a workers process (child processes, database
 * `stratus_bench`, Redis DB 3) and moto_server, creates the same REST API on both with
 * `@aws-sdk/client-api-gateway` (a MOCK method and a Lambda proxy method), drives the invoke URL with
 * the HTTP load generator in ./load (MOCK, Lambda proxy with the gateway's overhead per request, the
 * stage cache if it is built), prints a table with Stratus/moto ratios and PASS/FAIL, and rewrites the
 * API Gateway section of bench/README.md (full runs only).
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { BENCH_DATABASE_URL, BENCH_ENV_HELP, benchLog, commandLine, errorText, numberOption, runBench } from "../lib/cli";
import { type Components, descendantPids, STORE_COMPONENTS } from "../lib/cpu";
import { mainThreadProfile, newProfileDir, profileReport } from "../lib/cpuprofile";
import { stopAllChildren } from "../lib/processes";
import { updateReadme } from "../lib/readme";
import { startRun } from "../lib/run";
import { pgConfig, type RunningServer, startGateway, startMoto, startWorkers, type Target } from "../lib/servers";
import { fmt } from "../lib/stats";
import { closedLoop, type LoadResult, sequential } from "./load";
import { type ApigwResults, consoleReport, markdownSection, type TargetResults } from "./report";
import { type BenchApi, cacheCheck, cachedRequest, createBenchApi, deleteBenchApi, lambdaLatency, lambdaRequest, lambdaThroughput, mockRequest, probe } from "./workloads";
import { createFunctionRole } from "../lib/roles";

const { values: args } = parseArgs({
  options: {
    connections: { type: "string", default: "16" },
    "lambda-connections": { type: "string", default: "8" },
    warmup: { type: "string", default: "3" },
    seconds: { type: "string", default: "15" },
    requests: { type: "string", default: "500" },
    "request-warmup": { type: "string", default: "50" },
    only: { type: "string" }, // stratus | moto
    skip: { type: "string", default: "" }, // comma list: mock,lambda,cache
    profile: { type: "boolean", default: false },
    "no-readme": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(
    "npm run bench:apigw -- [--connections 16] [--lambda-connections 8] [--warmup 3] [--seconds 15] [--requests 500] [--request-warmup 50]\n" +
      "  [--only stratus|moto] [--skip mock,lambda,cache] [--no-readme]\n" +
      "  [--profile: Stratus only, gateway and workers under --cpu-prof; prints where their CPU goes in the MOCK and Lambda proxy windows]\n" +
      BENCH_ENV_HELP,
  );
  process.exit(0);
}
const num = (name: keyof typeof args) => numberOption(args, name);
const opts = {
  connections: Math.max(1, num("connections")),
  lambdaConnections: Math.max(1, num("lambda-connections")),
  warmup: num("warmup"),
  seconds: Math.max(1, num("seconds")),
  requests: Math.max(1, num("requests")),
  requestWarmup: num("request-warmup"),
};
const skip = new Set(args.skip!.split(",").filter(Boolean));
const only = args.profile ? "stratus" : args.only;
const wanted = (name: Target["name"]) => !only || only === name;
const log = benchLog("bench:apigw");

/** Where a profiled run's windows start and end, in the profiles' clock (µs). */
const windows = { mock: { startUs: 0, endUs: 0 }, lambda: { startUs: 0, endUs: 0 } };
const marker = (w: { startUs: number; endUs: number }) => (phase: "start" | "end") => (w[phase === "start" ? "startUs" : "endUs"] = Number(process.hrtime.bigint() / 1000n));

const loadLine = (r: LoadResult) =>
  `${fmt(r.perSecond, 0)} requests/s, p50 ${fmt(r.latency.p50)} ms, p99 ${fmt(r.latency.p99)} ms, ${r.errors} errors${r.firstError ? ` (first: ${r.firstError})` : ""}`;

/** The workloads on one server; a probe that fails is the result on moto, an error on Stratus. */
async function runWorkloads(api: BenchApi, db: pg.Client | undefined, components: Components, out: TargetResults): Promise<void> {
  const t = api.target;
  const unsupported = async (workload: string, path: string, spec: Parameters<typeof probe>[1]) => {
    const failed = await probe(api, spec, path);
    if (!failed) return false;
    if (t.name === "stratus") throw new Error(`Stratus ${workload}: ${failed}`);
    out.unavailable[workload] = failed;
    log(`  ${workload}: unsupported — ${failed}`);
    return true;
  };
  if (!skip.has("mock") && !(await unsupported("MOCK", "/mock", mockRequest(api)))) {
    log(`${t.label}: MOCK, ${opts.requestWarmup} + ${opts.requests} requests one at a time, then ${opts.connections} connections for ${opts.warmup} s + ${opts.seconds} s`);
    const m = (out.mockLatency = await sequential(mockRequest(api), { warmup: opts.requestWarmup, count: opts.requests }));
    log(`  one at a time: p50 ${fmt(m.latency.p50)} ms, p99 ${fmt(m.latency.p99)} ms`);
    out.mock = await closedLoop(mockRequest(api), components, { connections: opts.connections, warmupSeconds: opts.warmup, seconds: opts.seconds, onWindow: marker(windows.mock) });
    log(`  ${opts.connections} connections: ${loadLine(out.mock)}`);
  }
  if (!skip.has("lambda") && !(await unsupported("Lambda proxy", "/lambda", lambdaRequest(api)))) {
    log(`${t.label}: Lambda proxy, ${opts.requestWarmup} + ${opts.requests} requests one at a time, then ${opts.lambdaConnections} connections for ${opts.warmup} s + ${opts.seconds} s`);
    const l = (out.lambdaLatency = await lambdaLatency(api, db, { warmup: opts.requestWarmup, count: opts.requests }));
    const o = l.overhead;
    log(`  one at a time: p50 ${fmt(l.latency.p50)} ms, p99 ${fmt(l.latency.p99)} ms${o ? `; Duration p50 ${fmt(o.duration.p50)} ms, overhead p50 ${fmt(o.overhead.p50)} ms (${o.matched}/${o.requests} matched)` : ""}`);
    const r = (out.lambda = await lambdaThroughput(api, db, components, {
      connections: opts.lambdaConnections,
      warmupSeconds: opts.warmup,
      seconds: opts.seconds,
      onWindow: marker(windows.lambda),
    }));
    log(`  ${opts.lambdaConnections} connections: ${loadLine(r)}${r.overhead ? `; end to end − Duration p50 ${fmt(r.overhead.overhead.p50)} ms` : ""}`);
  }
  if (!skip.has("cache")) {
    log(`${t.label}: stage cache`);
    try {
      const c = (out.cacheCheck = await cacheCheck(api));
      if ("unsupported" in c) {
        if (t.name === "stratus") throw new Error(`Stratus stage cache: ${c.unsupported}`);
        out.unavailable.cache = c.unsupported;
        log(`  unsupported: ${c.unsupported}`);
      } else if (c.built) {
        out.cache = await closedLoop(cachedRequest(api), components, { connections: opts.connections, warmupSeconds: opts.warmup, seconds: opts.seconds });
        log(`  cache-hit path, ${opts.connections} connections: ${loadLine(out.cache)}`);
      } else log(`  not built: ${c.why}`);
    } catch (e) {
      if (t.name === "stratus") throw e;
      out.unavailable.cache = errorText(e);
      log(`  unsupported: ${out.unavailable.cache}`);
    }
  }
}

async function main(): Promise<void> {
  const { runId, setup, machine, end } = await startRun("API Gateway benchmark", log);
  const results: ApigwResults = {
    machine,
    loadAtEnd: machine.load,
    command: commandLine("bench:apigw"),
    options: {
      connections: opts.connections,
      "lambda connections": opts.lambdaConnections,
      "warm-up seconds": opts.warmup,
      seconds: opts.seconds,
      "requests one at a time": opts.requests,
      "request warm-up": opts.requestWarmup,
    },
    elapsedSeconds: 0,
    stratus: { unavailable: {} },
    moto: { unavailable: {} },
  };
  const db = new pg.Client(pgConfig(BENCH_DATABASE_URL));
  await db.connect();
  const profileDirs = args.profile ? { gateway: newProfileDir("gateway"), workers: newProfileDir("workers") } : undefined;
  const servers: { server: RunningServer; components: Components; db?: pg.Client; role?: string; stop: () => Promise<void> }[] = [];
  try {
    if (wanted("stratus")) {
      const gateway = await startGateway(setup, { cpuProfileDir: profileDirs?.gateway });
      const workers = await startWorkers(setup, gateway.target.endpoint, { cpuProfileDir: profileDirs?.workers });
      log(`Stratus gateway on ${gateway.target.endpoint} (pid ${gateway.child.pid}), workers pid ${workers.pid}`);
      servers.push({
        server: gateway,
        components: { gateway: () => [gateway.child.pid], workers: () => [workers.pid], functions: () => descendantPids(workers.pid), ...STORE_COMPONENTS },
        db,
        role: await createFunctionRole(gateway.target, "apigw-bench"),
        stop: () => Promise.all([workers.stop(15_000), gateway.child.stop(15_000)]).then(() => undefined),
      });
    }
    if (wanted("moto")) {
      const moto = await startMoto();
      log(`moto_server on ${moto.target.endpoint} (pid ${moto.child.pid})`);
      servers.push({ server: moto, components: { moto: () => [moto.child.pid] }, stop: () => moto.child.stop(5_000) });
    }
    for (const s of servers) {
      const t = s.server.target;
      log(`${t.label}: creating the API${s.role ? " and the function" : ""}`);
      const api = await createBenchApi(t, runId, s.role);
      try {
        await runWorkloads(api, s.db, s.components, results[t.name]);
      } finally {
        await deleteBenchApi(api);
      }
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.end();
    await stopAllChildren();
  }
  Object.assign(results, end());
  console.log(consoleReport(results));
  if (profileDirs) {
    for (const [name, dir] of Object.entries(profileDirs)) {
      const file = mainThreadProfile(dir);
      for (const [label, w, r] of [["MOCK", windows.mock, results.stratus.mock], ["Lambda proxy", windows.lambda, results.stratus.lambda]] as const) {
        if (r) console.log(`\n${profileReport(`${name} CPU profile, ${label} window (${r.requests} requests)`, file, w)}`);
      }
      console.log(`\nprofile: ${file}`);
    }
    return;
  }
  const partial = only || skip.size > 0 ? "--only/--skip" : undefined;
  updateReadme("bench:apigw", "API Gateway", () => markdownSection(results), { noReadme: args["no-readme"], partial }, log);
}

runBench("bench:apigw", main, 2 * (3 * (opts.warmup + opts.seconds) + 2 * (opts.requests + opts.requestWarmup) * 0.1 + 60) * 1_000 + 120_000);
