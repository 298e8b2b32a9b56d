/**
 * SQS benchmark: `npm run bench:sqs [-- --seconds 10 --rounds 3 --warmup 3 --sends 2000 --polls 50 …]`.
 *
 * One run starts the real Stratus gateway (child process, database `stratus_bench`, Redis DB 3) and
 * moto_server, drives both with the same AWS SDK v3 workloads (full cycle throughput, SendMessage
 * latency, long-poll wake-up), measures the raw Postgres ceiling of the cycle with pgbench (right after
 * each of Stratus's full-cycle rounds), prints a
 * table and rewrites the SQS section of bench/README.md. `--profile` instead runs only the Stratus
 * workloads with the gateway under `--cpu-prof` and prints where its CPU time goes.
 */
import { parseArgs } from "node:util";
import { BENCH_DATABASE_URL, BENCH_ENV_HELP, benchLog, commandLine, numberOption, runBench } from "../lib/cli";
import { STORE_COMPONENTS } from "../lib/cpu";
import { mainThreadProfile, newProfileDir, profileReport } from "../lib/cpuprofile";
import { stopAllChildren } from "../lib/processes";
import { updateReadme } from "../lib/readme";
import { startRun } from "../lib/run";
import { type RunningServer, startGateway, startMoto, type Target, vacuumTables } from "../lib/servers";
import { fmt } from "../lib/stats";
import { postgresCeiling } from "./ceiling";
import { type BenchResults, consoleReport, markdownSection, medianRound, type PairedRound, roundRates, type TargetResults } from "./report";
import { type CycleResult, fullCycle, longPoll, sendLatency, type WorkloadEnv } from "./workloads";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    rounds: { type: "string", default: "3" },
    warmup: { type: "string", default: "3" },
    producers: { type: "string", default: "2" },
    consumers: { type: "string", default: "4" },
    backlog: { type: "string", default: "100" },
    "body-bytes": { type: "string", default: "100" },
    sends: { type: "string", default: "2000" },
    "sends-per-queue": { type: "string", default: "100" },
    "send-seconds": { type: "string", default: "45" },
    "send-warmup": { type: "string", default: "200" },
    polls: { type: "string", default: "50" },
    "pg-seconds": { type: "string", default: "10" },
    "lean-seconds": { type: "string", default: "10" },
    only: { type: "string" }, // stratus | moto
    skip: { type: "string", default: "" }, // comma list: cycle,send,poll,pg
    profile: { type: "boolean", default: false },
    "no-readme": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(
    "npm run bench:sqs -- [--seconds 10] [--rounds 3] [--warmup 3] [--producers 2] [--consumers 4] [--backlog 100] [--body-bytes 100]\n" +
      "  [--sends 2000] [--send-warmup 200] [--sends-per-queue 100] [--send-seconds 45] [--polls 50] [--pg-seconds 10] [--lean-seconds 10 (0: off)] [--only stratus|moto] [--skip cycle,send,poll,pg]\n" +
      "  [--profile] [--no-readme]\n" + BENCH_ENV_HELP,
  );
  process.exit(0);
}
const num = (name: keyof typeof args) => numberOption(args, name);
const opts = {
  seconds: num("seconds"),
  rounds: Math.max(1, num("rounds")),
  warmup: num("warmup"),
  producers: num("producers"),
  consumers: num("consumers"),
  backlog: num("backlog"),
  bodyBytes: num("body-bytes"),
  sends: num("sends"),
  sendWarmup: num("send-warmup"),
  sendsPerQueue: Math.max(1, num("sends-per-queue")),
  sendSeconds: num("send-seconds"),
  polls: num("polls"),
  pgSeconds: num("pg-seconds"),
  leanSeconds: num("lean-seconds"),
};
const skip = new Set(args.skip!.split(",").filter(Boolean));
if (args.profile) skip.add("pg");
const wanted = (name: Target["name"]) => !args.only || args.only === name;

const log = benchLog("bench:sqs");

const vacuum = () => vacuumTables(BENCH_DATABASE_URL, ["sqs_messages"]);

async function main(): Promise<void> {
  const { runId, setup, machine, end } = await startRun("SQS benchmark", log);

  const profileDir = args.profile ? newProfileDir("gateway") : undefined;
  const servers: RunningServer[] = [];
  const results: BenchResults = {
    machine,
    loadAtEnd: machine.load,
    command: commandLine("bench:sqs"),
    options: {
      "cycle seconds": opts.seconds,
      rounds: opts.rounds,
      "warm-up seconds": opts.warmup,
      producers: opts.producers,
      consumers: opts.consumers,
      backlog: opts.backlog,
      "body bytes": opts.bodyBytes,
      sends: opts.sends,
      "sends per queue": opts.sendsPerQueue,
      polls: opts.polls,
      "pg seconds": opts.pgSeconds,
      "lean-client seconds": opts.leanSeconds,
    },
    stratus: {},
    moto: {},
    elapsedSeconds: 0,
  };
  const windows: { startUs: number; endUs: number }[] = [];
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  try {
    if (wanted("stratus")) {
      servers.push(await startGateway(setup, { cpuProfileDir: profileDir }));
      log(`Stratus gateway on ${servers.at(-1)!.target.endpoint} (pid ${servers.at(-1)!.child.pid})`);
    }
    if (wanted("moto") && !args.profile) {
      servers.push(await startMoto());
      log(`moto_server on ${servers.at(-1)!.target.endpoint} (pid ${servers.at(-1)!.child.pid})`);
    }
    const env: WorkloadEnv = { runId, components: STORE_COMPONENTS };
    const slot = (t: Target): TargetResults => results[t.name];

    const ceiling = async () => {
      log(`raw Postgres ceiling: pgbench -c 4 -j 2 -T ${opts.pgSeconds} (servers idle)`);
      const result = await postgresCeiling(BENCH_DATABASE_URL, setup.accountId, runId, {
        clients: 4,
        threads: 2,
        seconds: opts.pgSeconds,
        bodyBytes: opts.bodyBytes,
        components: env.components,
      });
      log(`  ${fmt(result.messagesPerSecond)} msg/s (${fmt(result.tps)} scripts/s, ${result.leftover} rows left over)`);
      return result;
    };
    // Only the SDK cycles are profiled windows: the lean client's would be labelled as one of them.
    const cycle = (target: Target, seconds: number, client: "sdk" | "lean" = "sdk", round = 1) =>
      fullCycle(target, env, {
        producers: opts.producers,
        consumers: opts.consumers,
        warmupSeconds: opts.warmup,
        seconds,
        maxBacklog: opts.backlog,
        bodyBytes: opts.bodyBytes,
        client,
        round,
        onWindow:
          client === "sdk" ? (phase) => (phase === "start" ? windows.push({ startUs: nowUs(), endUs: Infinity }) : (windows.at(-1)!.endUs = nowUs())) : undefined,
      });
    const logCycle = (r: CycleResult) => {
      log(`  ${fmt(r.messagesPerSecond)} msg/s cycled (${fmt(r.sentPerSecond)} sent/s), ${r.errors} errors${r.firstError ? `: ${r.firstError}` : ""}`);
      log(
        `  ${fmt(r.avgBatch, 1)} messages per non-empty receive, ${r.emptyReceives} empty receives; p50 SDK/wire ms: ` +
          Object.entries(r.sdk)
            .map(([op, s]) => `${op} ${fmt(s.p50)}/${fmt(r.wire[op]?.p50)}`)
            .join(", "),
      );
    };
    let ceilingDone = skip.has("pg");
    if (!skip.has("cycle")) {
      for (const { target } of servers) {
        if (target.name !== "stratus") {
          log(`${target.label}: full cycle, ${opts.warmup} s warm-up + ${opts.seconds} s`);
          logCycle((slot(target).cycle = await cycle(target, opts.seconds)));
          continue;
        }
        if (opts.leanSeconds > 0) {
          // Diagnosis: the same cycle with a hand-signed JSON client instead of the AWS SDK. Before the
          // rounds, not after them: run after pgbench's churn, the lean cycle once cost Postgres 264 µs per
          // message instead of ~110.
          await vacuum();
          log(`${target.label}: full cycle with the lean client (no SDK), ${opts.warmup} s warm-up + ${opts.leanSeconds} s`);
          logCycle((slot(target).leanCycle = await cycle(target, opts.leanSeconds, "lean")));
        }
        // A shared VM's speed can swing by half within seconds (bench/README.md), so the cycle and the
        // ceiling alternate in short rounds and the ratio is taken per round: each pair sees the machine
        // in about the same state. Without the ceiling there is nothing to pair, and one round will do.
        const roundCount = ceilingDone ? 1 : opts.rounds;
        const rounds: PairedRound[] = [];
        for (let round = 1; round <= roundCount; round++) {
          await vacuum();
          log(`${target.label}: full cycle, round ${round}/${roundCount}, ${opts.warmup} s warm-up + ${opts.seconds} s`);
          const r = await cycle(target, opts.seconds, "sdk", round);
          logCycle(r);
          rounds.push({ cycle: r, ceiling: ceilingDone ? undefined : await ceiling() });
        }
        const median = medianRound(rounds);
        results.stratus.cycle = median.cycle;
        results.ceiling = median.ceiling;
        results.rounds = rounds.map(roundRates);
        ceilingDone = true;
      }
    }
    if (!skip.has("send")) {
      for (const { target } of servers) {
        log(`${target.label}: ${opts.sends} sequential SendMessage`);
        const r = await sendLatency(target, env, {
          warmup: opts.sendWarmup,
          count: opts.sends,
          bodyBytes: opts.bodyBytes,
          perQueue: opts.sendsPerQueue,
          maxSeconds: opts.sendSeconds,
        });
        slot(target).send = r;
        log(`  p50 ${fmt(r.sdk.p50)} ms, p90 ${fmt(r.sdk.p90)} ms, p99 ${fmt(r.sdk.p99)} ms (wire p50 ${fmt(r.wire.p50)} ms), ${r.measured} sends`);
      }
    }
    if (!skip.has("poll")) {
      for (const { target } of servers) {
        log(`${target.label}: ${opts.polls} long-poll wake-ups`);
        const r = await longPoll(target, env, { warmup: 5, count: opts.polls, parkMs: 100 });
        slot(target).poll = r;
        log(`  after send completes p50 ${fmt(r.afterSendCompletes.p50)} ms, p99 ${fmt(r.afterSendCompletes.p99)} ms; misses ${r.misses}`);
      }
    }
    if (!ceilingDone) results.ceiling = await ceiling();
  } finally {
    await Promise.all(servers.map((s) => s.child.stop(15_000)));
    await stopAllChildren();
  }
  Object.assign(results, end());
  console.log(consoleReport(results));

  if (profileDir) {
    const file = mainThreadProfile(profileDir);
    for (const [i, w] of windows.entries()) console.log(`\n${profileReport(`Gateway CPU profile, full-cycle window ${i + 1}`, file, w)}`);
    console.log(`\nprofile: ${file}`);
    return;
  }
  const partial = args.only || skip.size > 0 ? "--only/--skip" : undefined;
  updateReadme("bench:sqs", "SQS", () => markdownSection(results), { noReadme: args["no-readme"], partial }, log);
}

runBench(
  "bench:sqs",
  main,
  (opts.warmup + opts.seconds) * (opts.rounds + 1) * 2_000 + (opts.warmup + opts.leanSeconds) * 2_000 + opts.sendSeconds * 2_000 + opts.pgSeconds * opts.rounds * 2_000 + 120_000,
);
