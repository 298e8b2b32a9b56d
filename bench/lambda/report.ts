/** Renders the Lambda benchmark's results: a console table and the bench/README.md section. */
import { cpuTableRows } from "../lib/cpu";
import type { MachineInfo } from "../lib/machine";
import { consoleHeader, consoleTargets, markdownHeader, markdownTargets, type TargetRow } from "../lib/report";
import { fmt, type Summary } from "../lib/stats";
import type { MotoOutcome } from "./moto";
import type { AsyncBurstResult, ColdStartResult, LatencyResult, ThroughputResult } from "./workloads";

export interface LambdaResults {
  machine: MachineInfo;
  loadAtEnd: [number, number, number];
  command: string;
  options: Record<string, number>;
  elapsedSeconds: number;
  warm?: LatencyResult;
  throughput?: ThroughputResult;
  cold: { node?: ColdStartResult; python?: ColdStartResult };
  async?: AsyncBurstResult;
  moto?: MotoOutcome;
}

export const GOALS = { warmP50Ms: 5, warmP99Ms: 20, nodeColdMs: 150, pythonColdMs: 250 };

export const CPU_NAMES = {
  self: "benchmark client (SDK)",
  gateway: "gateway",
  workers: "workers process",
  functions: "function runtimes",
  postgres: "Postgres (all backends)",
  redis: "Redis",
  other: "everything else on the machine",
};

const ms = (v?: number) => (v === undefined ? "n/a" : `${fmt(v)} ms`);
const check = (v: number | undefined, goal: number) => (v === undefined || !Number.isFinite(v) ? undefined : v <= goal);

export function targets(r: LambdaResults): TargetRow[] {
  const rows: TargetRow[] = [
    { name: `Warm sync invoke p50 ≤ ${GOALS.warmP50Ms} ms (SDK round trip)`, measured: ms(r.warm?.sdk.p50), pass: check(r.warm?.sdk.p50, GOALS.warmP50Ms) },
    { name: `Warm sync invoke p99 ≤ ${GOALS.warmP99Ms} ms (SDK round trip)`, measured: ms(r.warm?.sdk.p99), pass: check(r.warm?.sdk.p99, GOALS.warmP99Ms) },
  ];
  for (const [label, c, goal] of [
    ["Node", r.cold.node, GOALS.nodeColdMs],
    ["Python", r.cold.python, GOALS.pythonColdMs],
  ] as const) {
    rows.push(
      { name: `${label} cold start ≤ ${goal} ms: first invoke end to end (median)`, measured: ms(c?.firstInvoke.p50), pass: check(c?.firstInvoke.p50, goal) },
      { name: `${label} cold start ≤ ${goal} ms: REPORT Init Duration + Duration (median)`, measured: ms(c?.initPlusDuration.p50), pass: check(c?.initPlusDuration.p50, goal) },
    );
  }
  const a = r.async;
  rows.push({
    name: `${a?.count ?? 100} concurrent async invokes all complete and are logged`,
    measured: a ? `${a.recorded} recorded, ${a.logged} logged${a.completedAllMs === undefined ? "" : `, in ${fmt(a.completedAllMs / 1000, 2)} s`}` : "n/a",
    pass: a ? a.errors === 0 && a.recorded === a.count && a.logged === a.count : undefined,
  });
  return rows;
}

/** Workload rows: label, Stratus figure (text). */
function rows(r: LambdaResults): [string, string][] {
  const out: [string, string][] = [];
  const lat = (label: string, s: Summary | undefined) => out.push([`${label} p50 / p90 / p99 (ms)`, s ? `${fmt(s.p50)} / ${fmt(s.p90)} / ${fmt(s.p99)}` : "n/a"]);
  if (r.warm) {
    lat("Warm sync invoke, SDK round trip", r.warm.sdk);
    lat("Warm sync invoke, wire only (no SDK)", r.warm.wire);
    lat("Warm sync invoke, the function's own Duration (REPORT)", r.warm.duration);
  }
  const t = r.throughput;
  if (t) {
    out.push([`Warm sync throughput, ${t.callers} concurrent callers (invokes/s)`, fmt(t.perSecond)]);
    lat(`Warm sync invoke under ${t.callers} callers, SDK round trip`, t.sdk);
  }
  for (const c of [r.cold.node, r.cold.python]) {
    if (!c) continue;
    out.push([`${c.runtime} cold start, first invoke end to end, median / max (ms)`, `${fmt(c.firstInvoke.p50)} / ${fmt(c.firstInvoke.max)}`]);
    out.push([`${c.runtime} cold start, REPORT Init Duration, median / max (ms)`, `${fmt(c.initDuration.p50)} / ${fmt(c.initDuration.max)}`]);
    out.push([`${c.runtime} cold start, REPORT Init Duration + Duration, median / max (ms)`, `${fmt(c.initPlusDuration.p50)} / ${fmt(c.initPlusDuration.max)}`]);
    out.push([`${c.runtime} the next (warm) invoke, median (ms)`, fmt(c.warmInvoke.p50)]);
  }
  const a = r.async;
  if (a) {
    out.push([`${a.count} concurrent async invokes: 202 answers p50 / p99 (ms)`, `${fmt(a.accept.p50)} / ${fmt(a.accept.p99)}`]);
    out.push([`${a.count} concurrent async invokes: all accepted (ms)`, fmt(a.acceptedAllMs)]);
    out.push([`${a.count} concurrent async invokes: all run and recorded (ms)`, fmt(a.completedAllMs)]);
    out.push([`${a.count} concurrent async invokes: recorded / logged / REPORT lines / errors`, `${a.recorded} / ${a.logged} / ${a.reportLines} / ${a.errors}`]);
  }
  return out;
}

function motoText(m: MotoOutcome | undefined): string[] {
  if (!m) return ["moto_server: not run"];
  return [
    `moto_server CreateFunction: ${m.createFunction.outcome} (${fmt(m.createFunction.ms)} ms)`,
    m.invoke ? `moto_server Invoke: ${m.invoke.outcome} (${fmt(m.invoke.ms)} ms)` : "moto_server Invoke: not attempted (CreateFunction failed)",
  ];
}

function cpuLines(t: ThroughputResult): string[] {
  return cpuTableRows(t.cpu, t.invokes, CPU_NAMES);
}

export function consoleReport(r: LambdaResults): string {
  const out = consoleHeader("Lambda benchmark", r);
  const w = Math.max(...rows(r).map(([label]) => label.length)) + 2;
  for (const [label, value] of rows(r)) out.push(`${label.padEnd(w)}${value.padStart(24)}`);
  out.push(...motoText(r.moto));
  if (r.throughput) {
    out.push("");
    out.push(`CPU during the throughput window (cores busy | CPU µs per invoke | kernel share):`);
    for (const line of cpuLines(r.throughput)) out.push(`  ${line}`);
  }
  out.push("", ...consoleTargets(targets(r)));
  return out.join("\n");
}

export function markdownSection(r: LambdaResults): string {
  const o = r.options;
  const md = markdownHeader("## Lambda (`npm run bench:lambda`)", r);
  md.push(
    "Stratus runs as in production: the gateway (`server/gateway/main.ts`) and a workers process (`workers/main.ts`) as child processes on a dedicated database (`stratus_bench`) and Redis DB 3, " +
      "so every synchronous invoke takes the real path SDK → gateway → Redis list → worker → execution context (Runtime API) → Redis reply → gateway (the Postgres record is written after the reply). " +
      "The client is `@aws-sdk/client-lambda` with keep-alive sockets and no retries, on the same cores. The functions are trivial (`async (event) => ({ ok: true, n: event.n ?? 0 })`, the same in Python), 128 MB.",
  );
  md.push("");
  md.push(
    `Workloads: **warm latency** — ${o["warm invokes"]} sequential RequestResponse invokes from one caller after ${o["warm-up invokes"]} warm-up invokes; the wire time (request written → response headers) shows what the SDK adds, the REPORT Duration (from \`lambda_invocations\`) what the function itself took. ` +
      `**Throughput** — ${o.callers} callers invoking back to back for ${o["throughput seconds"]} s after ${o["warm-up seconds"]} s. ` +
      `**Cold start** — UpdateFunctionConfiguration changes an environment variable (which retires the function's contexts), then one invoke with \`LogType: Tail\`: its SDK round trip and its REPORT line's Init Duration and Duration; ${o["cold starts"]} per runtime after ${o["cold warm-up"]} discarded. ` +
      `**Async** — ${o["async invokes"]} \`InvocationType: Event\` invokes sent at once (one connection each) to a fresh function; complete when every one has its \`lambda_invocations\` row, then each event's log line is looked up with FilterLogEvents.`,
  );
  md.push("");
  md.push("| Workload | Stratus |");
  md.push("|---|---:|");
  for (const [label, value] of rows(r)) md.push(`| ${label} | ${value} |`);
  md.push("");
  md.push(
    "**moto** (`moto_server`, side by side, same SDK calls): moto runs Lambda code in Docker, which this machine lacks, so there is nothing to compare. What it answered: " +
      motoText(r.moto)
        .map((line) => `${line.replace(/^moto_server /, "")}`)
        .join("; ")
        .replace(/\|/g, "\\|") +
      ".",
  );
  md.push("");
  md.push(...markdownTargets("Targets:", targets(r)));
  if (r.throughput) {
    md.push(`<details><summary>CPU by process during the throughput window (${fmt(r.throughput.perSecond)} invokes/s)</summary>`);
    md.push("");
    md.push("| Process | Cores busy | CPU µs per invoke | Kernel share |");
    md.push("|---|---:|---:|---:|");
    md.push(...cpuLines(r.throughput));
    md.push("");
    md.push("</details>");
  }
  return md.join("\n");
}
