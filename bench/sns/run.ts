/**
 * SNS benchmark: `npm run bench:sns [-- --publishes 500 --rounds 100 --publishers 4 --seconds 15 --http 1000 …]`.
 *
 * One run starts the real Stratus gateway and a workers process (child processes, database
 * `stratus_bench`, Redis DB 3, STRATUS_PUBLIC_GATEWAY_URL = the bench gateway) and moto_server, drives
 * both with the same AWS SDK v3 workloads (Publish latency to a topic with three SQS subscriptions,
 * publish → receivable in a queue, publish throughput checked by queue depth, HTTP delivery to a local
 * receiver), prints a table with Stratus/moto ratios and PASS/FAIL, and rewrites the SNS section of
 * bench/README.md (full runs only), as bench:sqs and bench:lambda do for theirs.
 */
import { parseArgs } from "node:util";
import { BENCH_DATABASE_URL, BENCH_ENV_HELP, benchLog, commandLine, errorText, numberOption, runBench } from "../lib/cli";
import { STORE_COMPONENTS } from "../lib/cpu";
import { mainThreadProfile, newProfileDir, profileReport } from "../lib/cpuprofile";
import { stopAllChildren } from "../lib/processes";
import { updateReadme } from "../lib/readme";
import { startRun } from "../lib/run";
import { type RunningServer, startGateway, startMoto, startWorkers, type Target, vacuumTables } from "../lib/servers";
import { fmt } from "../lib/stats";
import { startReceiver, type Receiver } from "./receiver";
import { consoleReport, markdownSection, type SnsResults } from "./report";
import { httpDelivery, publishLatency, publishThroughput, publishToQueue, snsBench, type WorkloadEnv } from "./workloads";

const { values: args } = parseArgs({
  options: {
    publishes: { type: "string", default: "500" },
    "publish-warmup": { type: "string", default: "50" },
    "per-topic": { type: "string", default: "100" },
    "publish-seconds": { type: "string", default: "30" },
    rounds: { type: "string", default: "100" },
    "rounds-warmup": { type: "string", default: "10" },
    "park-ms": { type: "string", default: "50" },
    publishers: { type: "string", default: "4" },
    warmup: { type: "string", default: "2" },
    seconds: { type: "string", default: "15" },
    "http-sequential": { type: "string", default: "50" },
    "http-warmup": { type: "string", default: "5" },
    http: { type: "string", default: "1000" },
    "http-publishers": { type: "string", default: "4" },
    "http-timeout": { type: "string", default: "60" },
    "body-bytes": { type: "string", default: "100" },
    only: { type: "string" }, // stratus | moto
    skip: { type: "string", default: "" }, // comma list: publish,queue,throughput,http
    "no-readme": { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(
    "npm run bench:sns -- [--publishes 500] [--publish-warmup 50] [--per-topic 100] [--publish-seconds 30]\n" +
      "  [--rounds 100] [--rounds-warmup 10] [--park-ms 50] [--publishers 4] [--warmup 2] [--seconds 15]\n" +
      "  [--http-sequential 50] [--http-warmup 5] [--http 1000] [--http-publishers 4] [--http-timeout 60] [--body-bytes 100]\n" +
      "  [--only stratus|moto] [--skip publish,queue,throughput,http] [--no-readme]\n" +
      "  [--profile: the gateway and workers under --cpu-prof; prints where their CPU goes (combine with --only stratus)]\n" +
      BENCH_ENV_HELP,
  );
  process.exit(0);
}
const num = (name: keyof typeof args) => numberOption(args, name);
const opts = {
  publishes: Math.max(1, num("publishes")),
  publishWarmup: num("publish-warmup"),
  perTopic: Math.max(1, num("per-topic")),
  publishSeconds: num("publish-seconds"),
  rounds: Math.max(1, num("rounds")),
  roundsWarmup: num("rounds-warmup"),
  parkMs: num("park-ms"),
  publishers: Math.max(1, num("publishers")),
  warmup: num("warmup"),
  seconds: Math.max(1, num("seconds")),
  httpSequential: Math.max(1, num("http-sequential")),
  httpWarmup: num("http-warmup"),
  http: Math.max(1, num("http")),
  httpPublishers: Math.max(1, num("http-publishers")),
  httpTimeout: num("http-timeout"),
  bodyBytes: Math.max(1, num("body-bytes")),
};
const skip = new Set(args.skip!.split(",").filter(Boolean));
const wanted = (name: Target["name"]) => !args.only || args.only === name;

const log = benchLog("bench:sns");

async function main(): Promise<void> {
  const { runId, setup, machine, end } = await startRun("SNS benchmark", log);
  const results: SnsResults = {
    machine,
    loadAtEnd: machine.load,
    command: commandLine("bench:sns"),
    options: {
      "body bytes": opts.bodyBytes,
      publishes: opts.publishes,
      "publish warm-up": opts.publishWarmup,
      "publishes per topic": opts.perTopic,
      "publish → queue rounds": opts.rounds,
      "publish → queue warm-up": opts.roundsWarmup,
      "park ms": opts.parkMs,
      publishers: opts.publishers,
      "warm-up seconds": opts.warmup,
      "throughput seconds": opts.seconds,
      "HTTP one at a time": opts.httpSequential,
      "HTTP warm-up": opts.httpWarmup,
      "HTTP burst": opts.http,
      "HTTP publishers": opts.httpPublishers,
    },
    elapsedSeconds: 0,
    stratus: {},
    moto: {},
  };

  const servers: { server: RunningServer; env: WorkloadEnv; stop: () => Promise<void> }[] = [];
  const profileDirs = args.profile ? { gateway: newProfileDir("sns-gateway"), workers: newProfileDir("sns-workers") } : undefined;
  let receiver: Receiver | undefined;
  try {
    if (wanted("stratus")) {
      await vacuumTables(BENCH_DATABASE_URL, ["sqs_messages", "sns_messages", "sns_deliveries", "outbox_events"]);
      const gateway = await startGateway(setup, { cpuProfileDir: profileDirs?.gateway });
      const workers = await startWorkers(setup, gateway.target.endpoint, { cpuProfileDir: profileDirs?.workers });
      log(`Stratus gateway on ${gateway.target.endpoint} (pid ${gateway.child.pid}), workers pid ${workers.pid}`);
      servers.push({
        server: gateway,
        env: { runId, components: { gateway: () => [gateway.child.pid], workers: () => [workers.pid], ...STORE_COMPONENTS } },
        stop: () => Promise.all([workers.stop(15_000), gateway.child.stop(15_000)]).then(() => undefined),
      });
    }
    if (wanted("moto")) {
      const moto = await startMoto();
      log(`moto_server on ${moto.target.endpoint} (pid ${moto.child.pid})`);
      servers.push({ server: moto, env: { runId, components: { moto: () => [moto.child.pid] } }, stop: () => moto.child.stop(5_000) });
    }

    if (!skip.has("publish")) {
      for (const { server, env } of servers) {
        const t = server.target;
        log(`${t.label}: ${opts.publishWarmup} warm-up + ${opts.publishes} sequential Publish (3 queue subscriptions)`);
        const b = snsBench(t);
        try {
          const r = (results[t.name].publish = await publishLatency(b, env, {
            warmup: opts.publishWarmup,
            count: opts.publishes,
            perTopic: opts.perTopic,
            maxSeconds: opts.publishSeconds,
            bodyBytes: opts.bodyBytes,
          }));
          log(`  p50 ${fmt(r.sdk.p50)} ms, p90 ${fmt(r.sdk.p90)} ms, p99 ${fmt(r.sdk.p99)} ms (wire p50 ${fmt(r.wire.p50)} ms), ${r.measured} publishes`);
        } finally {
          b.destroy();
        }
      }
    }
    if (!skip.has("queue")) {
      for (const { server, env } of servers) {
        const t = server.target;
        log(`${t.label}: publish → queue, ${opts.roundsWarmup} warm-up + ${opts.rounds} rounds with a long poll waiting`);
        const b = snsBench(t);
        try {
          const r = (results[t.name].toQueue = await publishToQueue(b, env, { warmup: opts.roundsWarmup, count: opts.rounds, parkMs: opts.parkMs, bodyBytes: opts.bodyBytes }));
          log(
            `  Publish sent → received p50 ${fmt(r.afterPublishStarts.p50)} ms, p99 ${fmt(r.afterPublishStarts.p99)} ms; ` +
              `Publish answered → received p50 ${fmt(r.afterPublishCompletes.p50)} ms; received before the answer ${r.beforeAnswer}×; misses ${r.misses}`,
          );
        } finally {
          b.destroy();
        }
      }
    }
    if (!skip.has("throughput")) {
      for (const { server, env } of servers) {
        const t = server.target;
        log(`${t.label}: ${opts.publishers} publishers, ${opts.warmup} s warm-up + ${opts.seconds} s`);
        const r = (results[t.name].throughput = await publishThroughput(t, env, {
          publishers: opts.publishers,
          warmupSeconds: opts.warmup,
          seconds: opts.seconds,
          bodyBytes: opts.bodyBytes,
        }));
        log(
          `  ${fmt(r.publishesPerSecond)} publishes/s (${fmt(r.deliveriesPerSecond)} queue deliveries/s), p50 ${fmt(r.sdk.p50)} ms, p99 ${fmt(r.sdk.p99)} ms; ` +
            `queue depths ${r.depths.join("/")} of ${r.published} (${r.verified ? "all arrived" : "MISMATCH"}), ${r.errors} errors${r.firstError ? `: ${r.firstError}` : ""}`,
        );
      }
    }
    if (!skip.has("http")) {
      receiver = await startReceiver();
      log(`HTTP receiver on ${receiver.url}`);
      for (const { server, env } of servers) {
        const t = server.target;
        log(`${t.label}: HTTP delivery, ${opts.httpWarmup} warm-up + ${opts.httpSequential} one at a time, then a burst of ${opts.http} from ${opts.httpPublishers} publishers`);
        try {
          const r = (results[t.name].http = await httpDelivery(t, env, receiver, {
            warmup: opts.httpWarmup,
            sequential: opts.httpSequential,
            count: opts.http,
            publishers: opts.httpPublishers,
            timeoutSeconds: opts.httpTimeout,
            bodyBytes: opts.bodyBytes,
          }));
          const h = r.burst;
          log(`  confirmed in ${fmt(r.confirmMs)} ms (${r.confirmedBy}); one at a time p50 ${fmt(r.sequential.p50)} ms, p99 ${fmt(r.sequential.p99)} ms`);
          log(
            `  burst: ${fmt(h.deliveriesPerSecond)} deliveries/s (${fmt(h.publishesPerSecond)} publishes/s accepted), Publish → POST p50 ${fmt(h.latency.p50)} ms, p99 ${fmt(h.latency.p99)} ms; ` +
              `${h.received}/${h.accepted} received, ${h.duplicates} duplicates, ${h.errors} errors${h.firstError ? `: ${h.firstError}` : ""}`,
          );
        } catch (e) {
          // moto may not deliver over HTTP at all; Stratus must.
          if (t.name === "stratus") throw e;
          results[t.name].httpUnavailable = errorText(e);
          log(`  not available: ${results[t.name].httpUnavailable}`);
        }
      }
      if (receiver.oddities.length) log(`  receiver saw: ${receiver.oddities.join("; ")}`);
    }
  } finally {
    await receiver?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await stopAllChildren();
  }
  Object.assign(results, end());
  console.log(consoleReport(results));
  if (profileDirs) {
    for (const [name, dir] of Object.entries(profileDirs)) {
      const file = mainThreadProfile(dir);
      console.log(`\n${profileReport(`${name} CPU profile, whole run`, file)}\nprofile: ${file}`);
    }
    return;
  }
  const partial = args.only || skip.size > 0 ? "--only/--skip" : undefined;
  updateReadme("bench:sns", "SNS", () => markdownSection(results), { noReadme: args["no-readme"], partial }, log);
}

runBench(
  "bench:sns",
  main,
  2 * ((opts.warmup + opts.seconds + opts.publishSeconds + opts.httpTimeout) * 1_000 + (opts.rounds + opts.roundsWarmup) * (opts.parkMs + 3_500)) + 120_000,
);
