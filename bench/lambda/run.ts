/**
 * Lambda benchmark: `npm run bench:lambda [-- --invokes 500 --callers 8 --seconds 15 --cold 10 …]`.
 *
 * Starts the real Stratus gateway and a workers process (child processes, database `stratus_bench`,
 * Redis DB 3), drives them with `@aws-sdk/client-lambda` (warm latency, throughput with concurrent
 * callers, Node and Python cold starts, a burst of async invokes), tries the same against moto_server,
 * prints a table with PASS/FAIL per target and rewrites the Lambda section of bench/README.md
 * (full runs only), as bench:sqs does for its section.
 */
import { parseArgs } from "node:util";
import pg from "pg";
import { BENCH_DATABASE_URL, BENCH_ENV_HELP, benchLog, commandLine, numberOption, runBench } from "../lib/cli";
import { descendantPids, STORE_COMPONENTS } from "../lib/cpu";
import { mainThreadProfile, newProfileDir, profileReport } from "../lib/cpuprofile";
import { stopAllChildren } from "../lib/processes";
import { updateReadme } from "../lib/readme";
import { startRun } from "../lib/run";
import { pgConfig, startGateway, startMoto, startWorkers } from "../lib/servers";
import { fmt } from "../lib/stats";
import { MOTO_ROLE, tryMoto } from "./moto";
import { consoleReport, type LambdaResults, markdownSection } from "./report";
import { asyncBurst, coldStarts, createFunction, lambdaBench, throughput, warmLatency } from "./workloads";
import { createFunctionRole } from "../lib/roles";

const { values: args } = parseArgs({
  options: {
    "warmup-invokes": { type: "string", default: "50" },
    invokes: { type: "string", default: "500" },
    callers: { type: "string", default: "8" },
    warmup: { type: "string", default: "3" },
    seconds: { type: "string", default: "15" },
    cold: { type: "string", default: "10" },
    "cold-warmup": { type: "string", default: "1" },
    async: { type: "string", default: "100" },
    "async-timeout": { type: "string", default: "120" },
    skip: { type: "string", default: "" }, // comma list: warm,throughput,cold,async,moto
    profile: { type: "boolean", default: false },
    "no-readme": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(
    "npm run bench:lambda -- [--warmup-invokes 50] [--invokes 500] [--callers 8] [--warmup 3] [--seconds 15] [--cold 10] [--cold-warmup 1]\n" +
      "  [--async 100] [--async-timeout 120] [--skip warm,throughput,cold,async,moto] [--no-readme]\n" +
      "  [--profile: warm latency and throughput only, gateway and workers under --cpu-prof; prints where their CPU goes]\n" +
      BENCH_ENV_HELP,
  );
  process.exit(0);
}
const num = (name: keyof typeof args) => numberOption(args, name);
const opts = {
  warmupInvokes: num("warmup-invokes"),
  invokes: Math.max(1, num("invokes")),
  callers: Math.max(1, num("callers")),
  warmup: num("warmup"),
  seconds: Math.max(1, num("seconds")),
  cold: Math.max(1, num("cold")),
  coldWarmup: num("cold-warmup"),
  async: Math.max(1, num("async")),
  asyncTimeout: num("async-timeout"),
};
const skip = new Set(args.skip!.split(",").filter(Boolean));
if (args.profile) for (const s of ["cold", "async", "moto"]) skip.add(s);

const log = benchLog("bench:lambda");

async function main(): Promise<void> {
  const { setup, machine, end } = await startRun("Lambda benchmark", log);
  const results: LambdaResults = {
    machine,
    loadAtEnd: machine.load,
    command: commandLine("bench:lambda"),
    options: {
      "warm-up invokes": opts.warmupInvokes,
      "warm invokes": opts.invokes,
      callers: opts.callers,
      "warm-up seconds": opts.warmup,
      "throughput seconds": opts.seconds,
      "cold starts": opts.cold,
      "cold warm-up": opts.coldWarmup,
      "async invokes": opts.async,
    },
    elapsedSeconds: 0,
    cold: {},
  };
  const db = new pg.Client(pgConfig(BENCH_DATABASE_URL));
  await db.connect();
  const profileDirs = args.profile ? { gateway: newProfileDir("gateway"), workers: newProfileDir("workers") } : undefined;
  const window = { startUs: 0, endUs: 0 };
  try {
    const gateway = await startGateway(setup, { cpuProfileDir: profileDirs?.gateway });
    const workers = await startWorkers(setup, gateway.target.endpoint, { cpuProfileDir: profileDirs?.workers });
    log(`Stratus gateway on ${gateway.target.endpoint} (pid ${gateway.child.pid}), workers pid ${workers.pid}`);
    const b = lambdaBench(gateway.target, await createFunctionRole(gateway.target, "lambda-bench"), Math.max(opts.async, opts.callers * 2));
    try {
      const warmFn = skip.has("warm") && skip.has("throughput") ? undefined : await createFunction(b, "node");
      if (warmFn && !skip.has("warm")) {
        log(`warm latency: ${opts.warmupInvokes} warm-up + ${opts.invokes} sequential invokes`);
        const r = (results.warm = await warmLatency(b, db, warmFn, { warmup: opts.warmupInvokes, count: opts.invokes }));
        log(`  SDK p50 ${fmt(r.sdk.p50)} ms, p99 ${fmt(r.sdk.p99)} ms; wire p50 ${fmt(r.wire.p50)} ms; function Duration p50 ${fmt(r.duration.p50)} ms`);
      }
      if (warmFn && !skip.has("throughput")) {
        log(`throughput: ${opts.callers} callers, ${opts.warmup} s warm-up + ${opts.seconds} s`);
        const components = {
          gateway: () => [gateway.child.pid],
          workers: () => [workers.pid],
          functions: () => descendantPids(workers.pid),
          ...STORE_COMPONENTS,
        };
        const r = (results.throughput = await throughput(b, warmFn, components, {
          callers: opts.callers,
          warmupSeconds: opts.warmup,
          seconds: opts.seconds,
          onWindow: (phase) => (window[phase === "start" ? "startUs" : "endUs"] = Number(process.hrtime.bigint() / 1000n)),
        }));
        log(`  ${fmt(r.perSecond)} invokes/s, p50 ${fmt(r.sdk.p50)} ms, p99 ${fmt(r.sdk.p99)} ms, ${r.errors} errors${r.firstError ? `: ${r.firstError}` : ""}`);
      }
      if (!skip.has("cold")) {
        for (const kind of ["node", "python"] as const) {
          log(`${kind} cold starts: ${opts.coldWarmup} discarded + ${opts.cold}`);
          const r = (results.cold[kind] = await coldStarts(b, kind, { warmup: opts.coldWarmup, count: opts.cold }));
          log(`  first invoke p50 ${fmt(r.firstInvoke.p50)} ms (max ${fmt(r.firstInvoke.max)}), Init Duration p50 ${fmt(r.initDuration.p50)} ms, Init + Duration p50 ${fmt(r.initPlusDuration.p50)} ms`);
        }
      }
      if (!skip.has("async")) {
        log(`async: ${opts.async} concurrent Event invokes`);
        const r = (results.async = await asyncBurst(b, db, { count: opts.async, timeoutSeconds: opts.asyncTimeout }));
        log(`  accepted in ${fmt(r.acceptedAllMs)} ms, all recorded in ${fmt(r.completedAllMs)} ms; ${r.recorded} recorded, ${r.logged} logged, ${r.errors} errors${r.firstError ? `: ${r.firstError}` : ""}`);
      }
    } finally {
      b.destroy();
      await Promise.all([workers.stop(15_000), gateway.child.stop(15_000)]);
    }
    if (!skip.has("moto")) {
      const moto = await startMoto();
      log(`moto_server on ${moto.target.endpoint}: CreateFunction + Invoke`);
      const mb = lambdaBench(moto.target, MOTO_ROLE);
      try {
        results.moto = await tryMoto(mb);
        log(`  CreateFunction: ${results.moto.createFunction.outcome}; Invoke: ${results.moto.invoke?.outcome ?? "not attempted"}`);
      } finally {
        mb.destroy();
        await moto.child.stop(5_000);
      }
    }
  } finally {
    await db.end();
    await stopAllChildren();
  }
  Object.assign(results, end());
  console.log(consoleReport(results));
  if (profileDirs) {
    const invokes = results.throughput?.invokes ?? 0;
    for (const [name, dir] of Object.entries(profileDirs)) {
      const file = mainThreadProfile(dir);
      console.log(`\n${profileReport(`${name} CPU profile, throughput window (${invokes} invokes)`, file, invokes ? window : undefined)}\n\nprofile: ${file}`);
    }
    return;
  }
  updateReadme("bench:lambda", "Lambda", () => markdownSection(results), { noReadme: args["no-readme"], partial: skip.size > 0 ? "--skip" : undefined }, log);
}

runBench("bench:lambda", main, (opts.warmup + opts.seconds + opts.asyncTimeout) * 1_000 + (opts.invokes + opts.warmupInvokes) * 200 + (opts.cold + opts.coldWarmup) * 2 * 5_000 + 180_000);
