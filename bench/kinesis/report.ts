/** Renders the Kinesis benchmark's results: a console table and the bench/README.md section. */
import { cpuTableRows } from "../lib/cpu";
import {
  type ComparisonRow,
  consoleComparison,
  consoleCpuSections,
  consoleHeader,
  consoleTargets,
  markdownResults,
  markdownHeader,
  type RunInfo,
  type TargetRow,
} from "../lib/report";
import { fmt } from "../lib/stats";
import type { ToLambdaResult } from "./to-lambda";
import type { IngestResult, ReadBackResult, ShardLimitResult } from "./workloads";

export interface TargetResults {
  ingest?: IngestResult;
  readBack?: ReadBackResult;
  limit?: ShardLimitResult;
  toLambda?: ToLambdaResult;
  /** Why a workload has no figures for this server. */
  unavailable: Record<string, string>;
}

export interface KinesisResults extends RunInfo {
  stratus: TargetResults;
  moto: TargetResults;
}

export const GOALS = {
  ingestMibPerSecond: 10,
  /** A provisioned shard's accepted write rate must land within this band around 1 MiB/s. */
  shardLimitLow: 0.9,
  shardLimitHigh: 1.15,
};

export const CPU_NAMES = {
  self: "benchmark client (SDK)",
  gateway: "Stratus gateway",
  workers: "Stratus workers process",
  moto: "moto_server",
  postgres: "Postgres (all backends)",
  redis: "Redis",
  other: "everything else on the machine",
};

export function targets(r: KinesisResults): TargetRow[] {
  const i = r.stratus.ingest;
  const l = r.stratus.limit;
  return [
    {
      name: `Ingest ≥ ${GOALS.ingestMibPerSecond} MiB/s (PutRecords, on-demand stream, accepted records only)`,
      measured: i ? `${fmt(i.mibPerSecond)} MiB/s${i.failed ? `, ${i.failed} records failed` : ""}${i.errors ? `, ${i.errors} errors` : ""}` : "n/a",
      pass: i ? i.mibPerSecond >= GOALS.ingestMibPerSecond && i.errors === 0 : undefined,
    },
    {
      name: `A provisioned shard throttles at 1 MiB/s, not earlier (accepted ${GOALS.shardLimitLow}–${GOALS.shardLimitHigh} MiB/s while offered more)`,
      measured: l ? `${fmt(l.acceptedMibPerSecond)} MiB/s accepted of ${fmt(l.offeredMibPerSecond)} MiB/s offered` : "n/a",
      pass: l
        ? l.errors === 0 && l.throttledRecords > 0 && l.acceptedMibPerSecond >= GOALS.shardLimitLow && l.acceptedMibPerSecond <= GOALS.shardLimitHigh
        : undefined,
    },
  ];
}

function rows(r: KinesisResults): ComparisonRow[] {
  const n = (label: string, unit: string, pick: (t: TargetResults) => number | undefined): ComparisonRow => ({ label, unit, stratus: pick(r.stratus), moto: pick(r.moto) });
  const producers = r.options.producers;
  return [
    n(`Ingest, ${producers} producers × PutRecords(${r.options["batch records"]} × ${r.options["record bytes"]} B)`, "MiB/s", (t) => t.ingest?.mibPerSecond),
    n("Ingest", "records/s", (t) => t.ingest?.recordsPerSecond),
    n("PutRecords p50 under load", "ms", (t) => t.ingest?.latency.p50),
    n("PutRecords p99 under load", "ms", (t) => t.ingest?.latency.p99),
    n("Read-back, every shard from TRIM_HORIZON in parallel", "MiB/s", (t) => t.readBack?.mibPerSecond),
    n("Read-back", "records/s", (t) => t.readBack?.recordsPerSecond),
    n("Read-back: GetRecords calls throttled (retried after 200 ms)", "calls", (t) => t.readBack?.throttled),
    n("Provisioned shard written past its limit: accepted", "MiB/s", (t) => t.limit?.acceptedMibPerSecond),
    n("Provisioned shard: offered", "MiB/s", (t) => t.limit?.offeredMibPerSecond),
    n("Put → function (event source mapping): PutRecord sent → function reported it, p50", "ms", (t) => t.toLambda?.latency.p50),
    n("Put → function p99", "ms", (t) => t.toLambda?.latency.p99),
  ];
}

function cpuSections(r: KinesisResults): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const [label, t] of [["Stratus", r.stratus], ["moto", r.moto]] as const) {
    if (t.ingest) out.push([`${label} ingest`, cpuTableRows(t.ingest.cpu, t.ingest.records / 1000, CPU_NAMES, `${label} ingest (per 1,000 records)`)]);
    if (t.readBack) out.push([`${label} read-back`, cpuTableRows(t.readBack.cpu, t.readBack.records / 1000, CPU_NAMES, `${label} read-back (per 1,000 records)`)]);
  }
  return out;
}

function notes(r: KinesisResults): string[] {
  const out: string[] = [];
  for (const [label, t] of [["Stratus", r.stratus], ["moto", r.moto]] as const) {
    for (const [workload, why] of Object.entries(t.unavailable)) out.push(`${label} ${workload}: n/a — ${why}`);
    if (t.ingest?.errors) out.push(`${label} ingest: ${t.ingest.errors} errors (first: ${t.ingest.firstError})`);
    if (t.limit?.errors) out.push(`${label} shard limit: ${t.limit.errors} errors (first: ${t.limit.firstError})`);
    if (t.toLambda?.misses) out.push(`${label} put → function: ${t.toLambda.misses} records never reported within 10 s`);
  }
  return out;
}

export function consoleReport(r: KinesisResults): string {
  const out = consoleHeader("Kinesis benchmark", r);
  out.push(...consoleComparison(rows(r)), ...notes(r), ...consoleCpuSections(cpuSections(r), "1,000 records"));
  out.push("", ...consoleTargets(targets(r)));
  return out.join("\n");
}

export function markdownSection(r: KinesisResults): string {
  const o = r.options;
  const md = markdownHeader("## Kinesis (`npm run bench:kinesis`)", r);
  md.push(
    "Client, servers, Postgres and Redis share the machine's cores. Both servers are driven by `@aws-sdk/client-kinesis` with an explicit endpoint and no retries: " +
      "against Stratus with the client's default handler (HTTP/2 with prior knowledge, as users get it), against moto with the HTTP/1.1 handler (moto_server does not speak HTTP/2). " +
      "Stratus is the real gateway (`server/gateway/main.ts`) as a child process on a dedicated database (`stratus_bench`) and Redis DB 3, with AWS's throughput limits on; moto is `moto_server` (in-memory), which enforces none. " +
      "`kinesis_records` is compacted (`VACUUM FULL`) before the Stratus workloads (autovacuum is off).",
  );
  md.push("");
  md.push(
    `Workloads: **Ingest** — an on-demand stream (Stratus: 4 shards), ${o.producers} producers (one client each) sending PutRecords of ${o["batch records"]} records of ${o["record bytes"]} bytes (random partition keys) back to back for ${o["ingest seconds"]} s after ${o["warm-up seconds"]} s; MiB/s counts accepted records only. ` +
      `**Read-back** — right after, every shard of that stream read from TRIM_HORIZON to its end with GetRecords(Limit 10,000), the shards in parallel (one client each); a throttled call waits 200 ms and retries, as a consumer would. Stratus enforces AWS's read limit (2 MiB/s per shard, so 8 MiB/s for 4 shards), which bounds its figure; moto enforces none. ` +
      `**Provisioned shard limit** — a 1-shard provisioned stream written by ${o["limit producers"]} producers with PutRecords of ${o["limit batch records"]} × ${o["limit record bytes"]} B as fast as they can for ${o["limit seconds"]} s, after 1.5 s that drain the bucket's initial second of allowance. ` +
      `**Put → function** — a 1-shard stream mapped to a Node function (StartingPosition LATEST, BatchSize 100) that POSTs each batch's sequence numbers to an HTTP receiver in the benchmark process; ${o["lambda rounds"]} records put one at a time (50 ms apart) after ${o["lambda warm-up"]} warm-up records, each timed from PutRecord sent to the receiver having it (the real path: gateway → Postgres → the workers' shard poller → execution context → receiver).`,
  );
  md.push("");
  md.push(
    ...markdownResults({ comparison: rows(r), notes: notes(r), targetsTitle: "Targets (Stratus):", targets: targets(r), cpu: cpuSections(r), cpuSummary: "CPU by process during the ingest and read-back windows", unit: "1,000 records" }),
  );
  return md.join("\n");
}
