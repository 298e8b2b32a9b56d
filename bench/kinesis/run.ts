/**
 * Kinesis benchmark: `npm run bench:kinesis [-- --producers 4 --seconds 15 …]`.
 *
 * One run starts the real Stratus gateway (child process, database `stratus_bench`, Redis DB 3) and
 * moto_server, drives both with the same `@aws-sdk/client-kinesis` workloads (PutRecords ingest into an
 * on-demand stream, GetRecords read-back, a provisioned shard written past its limit), prints a table
 * with Stratus/moto ratios and PASS/FAIL, and rewrites the Kinesis section of bench/README.md (full runs only).
 */
import { parseArgs } from "node:util";
import { BENCH_DATABASE_URL, BENCH_ENV_HELP, benchLog, commandLine, errorText, numberOption, runBench } from "../lib/cli";
import { STORE_COMPONENTS } from "../lib/cpu";
import { stopAllChildren } from "../lib/processes";
import { updateReadme } from "../lib/readme";
import { startRun } from "../lib/run";
import { type RunningServer, startGateway, startMoto, startWorkers, type Target, vacuumTables } from "../lib/servers";
import { fmt } from "../lib/stats";
import { consoleReport, type KinesisResults, markdownSection } from "./report";
import { putToLambda } from "./to-lambda";
import { dropStream, ingest, readBack, shardLimit, type WorkloadEnv } from "./workloads";
import { createFunctionRole } from "../lib/roles";

const { values: args } = parseArgs({
  options: {
    producers: { type: "string", default: "4" },
    batch: { type: "string", default: "500" },
    "record-bytes": { type: "string", default: "1024" },
    warmup: { type: "string", default: "3" },
    seconds: { type: "string", default: "15" },
    "read-seconds": { type: "string", default: "120" },
    "limit-seconds": { type: "string", default: "10" },
    "limit-producers": { type: "string", default: "2" },
    "limit-batch": { type: "string", default: "100" },
    "limit-record-bytes": { type: "string", default: "10240" },
    "lambda-rounds": { type: "string", default: "50" },
    "lambda-warmup": { type: "string", default: "5" },
    only: { type: "string" }, // stratus | moto
    skip: { type: "string", default: "" }, // comma list: ingest,read,limit,lambda
    "no-readme": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(
    "npm run bench:kinesis -- [--producers 4] [--batch 500] [--record-bytes 1024] [--warmup 3] [--seconds 15] [--read-seconds 120]\n" +
      "  [--limit-seconds 10] [--limit-producers 2] [--limit-batch 100] [--limit-record-bytes 10240] [--lambda-rounds 50] [--lambda-warmup 5]\n" +
      "  [--only stratus|moto] [--skip ingest,read,limit,lambda] [--no-readme]\n" +
      BENCH_ENV_HELP,
  );
  process.exit(0);
}
const num = (name: keyof typeof args) => numberOption(args, name);
const opts = {
  producers: Math.max(1, num("producers")),
  batch: Math.min(500, Math.max(1, num("batch"))),
  recordBytes: Math.max(32, num("record-bytes")),
  warmup: num("warmup"),
  seconds: Math.max(1, num("seconds")),
  readSeconds: Math.max(1, num("read-seconds")),
  limitSeconds: Math.max(1, num("limit-seconds")),
  limitProducers: Math.max(1, num("limit-producers")),
  limitBatch: Math.min(500, Math.max(1, num("limit-batch"))),
  limitRecordBytes: Math.max(32, num("limit-record-bytes")),
  lambdaRounds: Math.max(1, num("lambda-rounds")),
  lambdaWarmup: num("lambda-warmup"),
};
const skip = new Set(args.skip!.split(",").filter(Boolean));
const wanted = (name: Target["name"]) => !args.only || args.only === name;
const log = benchLog("bench:kinesis");

async function main(): Promise<void> {
  const { runId, setup, machine, end } = await startRun("Kinesis benchmark", log);
  const results: KinesisResults = {
    machine,
    loadAtEnd: machine.load,
    command: commandLine("bench:kinesis"),
    options: {
      producers: opts.producers,
      "batch records": opts.batch,
      "record bytes": opts.recordBytes,
      "warm-up seconds": opts.warmup,
      "ingest seconds": opts.seconds,
      "read-back cap seconds": opts.readSeconds,
      "limit seconds": opts.limitSeconds,
      "limit producers": opts.limitProducers,
      "limit batch records": opts.limitBatch,
      "limit record bytes": opts.limitRecordBytes,
      "lambda rounds": opts.lambdaRounds,
      "lambda warm-up": opts.lambdaWarmup,
    },
    elapsedSeconds: 0,
    stratus: { unavailable: {} },
    moto: { unavailable: {} },
  };

  const servers: { server: RunningServer; env: WorkloadEnv; stop: () => Promise<void> }[] = [];
  try {
    if (wanted("stratus")) {
      await vacuumTables(BENCH_DATABASE_URL, ["kinesis_records"]);
      const gateway = await startGateway(setup);
      const workers = await startWorkers(setup, gateway.target.endpoint);
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

    for (const { server, env } of servers) {
      const t = server.target;
      const out = results[t.name];
      if (!skip.has("ingest")) {
        log(`${t.label}: ingest, ${opts.producers} producers × PutRecords(${opts.batch} × ${opts.recordBytes} B), ${opts.warmup} s warm-up + ${opts.seconds} s`);
        try {
          const { stream, ...r } = await ingest(t, env, { producers: opts.producers, batch: opts.batch, recordBytes: opts.recordBytes, warmupSeconds: opts.warmup, seconds: opts.seconds });
          out.ingest = r;
          log(`  ${fmt(r.mibPerSecond)} MiB/s (${fmt(r.recordsPerSecond)} records/s) into ${r.shards} shards, p50 ${fmt(r.latency.p50)} ms, p99 ${fmt(r.latency.p99)} ms, ${r.failed} failed, ${r.errors} errors`);
          if (!skip.has("read")) {
            log(`${t.label}: read-back of every shard from TRIM_HORIZON`);
            const b = (out.readBack = await readBack(t, env, stream, { maxSeconds: opts.readSeconds }));
            log(`  ${fmt(b.mib)} MiB (${b.records} records) in ${fmt(b.seconds)} s: ${fmt(b.mibPerSecond)} MiB/s, ${b.calls} calls, ${b.throttled} throttled`);
          }
          await dropStream(t, stream);
        } catch (e) {
          if (t.name === "stratus") throw e;
          out.unavailable.ingest = errorText(e);
          log(`  not available: ${out.unavailable.ingest}`);
        }
      }
      if (!skip.has("limit")) {
        log(`${t.label}: a 1-shard provisioned stream, ${opts.limitProducers} producers × PutRecords(${opts.limitBatch} × ${opts.limitRecordBytes} B) for ${opts.limitSeconds} s`);
        try {
          const l = (out.limit = await shardLimit(t, env, { seconds: opts.limitSeconds, recordBytes: opts.limitRecordBytes, batch: opts.limitBatch, producers: opts.limitProducers }));
          log(`  accepted ${fmt(l.acceptedMibPerSecond)} MiB/s of ${fmt(l.offeredMibPerSecond)} MiB/s offered, ${l.throttledRecords} records throttled, ${l.errors} errors`);
        } catch (e) {
          if (t.name === "stratus") throw e;
          out.unavailable["shard limit"] = errorText(e);
          log(`  not available: ${out.unavailable["shard limit"]}`);
        }
      }
      if (!skip.has("lambda")) {
        if (t.name === "moto") {
          out.unavailable["put → function"] = "moto runs Lambda code in Docker, which this machine lacks (see the Lambda section)";
          continue;
        }
        log(`${t.label}: put → function through an event source mapping, ${opts.lambdaWarmup} warm-up + ${opts.lambdaRounds} records one at a time`);
        const l = (out.toLambda = await putToLambda(t, runId, await createFunctionRole(t, "kinesis-bench", ["service-role/AWSLambdaKinesisExecutionRole"]), { warmup: opts.lambdaWarmup, rounds: opts.lambdaRounds }));
        log(`  PutRecord sent → function reported it p50 ${fmt(l.latency.p50)} ms, p99 ${fmt(l.latency.p99)} ms, ${l.misses} misses`);
      }
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await stopAllChildren();
  }
  Object.assign(results, end());
  console.log(consoleReport(results));
  const partial = args.only || skip.size > 0 ? "--only/--skip" : undefined;
  updateReadme("bench:kinesis", "Kinesis", () => markdownSection(results), { noReadme: args["no-readme"], partial }, log);
}

runBench("bench:kinesis", main, 2 * (opts.warmup + opts.seconds + opts.readSeconds + opts.limitSeconds + 30) * 1_000 + 120_000);
