/** Renders the API Gateway benchmark's results: a console table and the bench/README.md section. */
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
import type { LoadResult, Measured } from "./load";
import type { CacheCheck, LambdaLatencyResult, LambdaThroughputResult } from "./workloads";

export interface TargetResults {
  /** MOCK, one request at a time. */
  mockLatency?: Measured;
  mock?: LoadResult;
  lambdaLatency?: LambdaLatencyResult;
  lambda?: LambdaThroughputResult;
  cacheCheck?: CacheCheck;
  cache?: LoadResult;
  /** Why a workload has no figures for this server. */
  unavailable: Record<string, string>;
}

export interface ApigwResults extends RunInfo {
  stratus: TargetResults;
  moto: TargetResults;
}

export const GOALS = { mockPerSecond: 5_000, lambdaPerSecond: 800, lambdaP99Ms: 50, overheadP50Ms: 3 };

export const CPU_NAMES = {
  self: "load generator (benchmark process)",
  gateway: "Stratus gateway",
  workers: "Stratus workers process",
  functions: "function runtimes",
  moto: "moto_server",
  postgres: "Postgres (all backends)",
  redis: "Redis",
  other: "everything else on the machine",
};

const ms = (v?: number) => (v === undefined || !Number.isFinite(v) ? "n/a" : `${fmt(v)} ms`);
const errorsText = (r: { errors: number } | undefined) => (r?.errors ? `, ${r.errors} errors` : "");

export function targets(r: ApigwResults): TargetRow[] {
  const { mock, lambda, lambdaLatency } = r.stratus;
  const overhead = lambdaLatency?.overhead;
  return [
    {
      name: `MOCK integration ≥ ${fmt(GOALS.mockPerSecond, 0)} requests/s (${r.options.connections} connections)`,
      measured: mock ? `${fmt(mock.perSecond, 0)} requests/s${errorsText(mock)}` : "n/a",
      pass: mock ? mock.perSecond >= GOALS.mockPerSecond && mock.errors === 0 : undefined,
    },
    {
      name: `Lambda proxy (AWS_PROXY, warm trivial Node.js function) ≥ ${GOALS.lambdaPerSecond} requests/s (${r.options["lambda connections"]} connections)`,
      measured: lambda ? `${fmt(lambda.perSecond, 0)} requests/s${errorsText(lambda)}` : "n/a",
      pass: lambda ? lambda.perSecond >= GOALS.lambdaPerSecond && lambda.errors === 0 : undefined,
    },
    {
      name: `Lambda proxy p99 ≤ ${GOALS.lambdaP99Ms} ms (same run)`,
      measured: ms(lambda?.latency.p99),
      pass: lambda ? lambda.latency.p99 <= GOALS.lambdaP99Ms : undefined,
    },
    {
      name: `Gateway overhead p50 ≤ ${GOALS.overheadP50Ms} ms (end to end − the function's Duration, per request, one at a time)`,
      measured: overhead ? `${ms(overhead.overhead.p50)} (${overhead.matched} of ${overhead.requests} requests matched to their record)` : "n/a",
      pass: overhead ? overhead.overhead.p50 <= GOALS.overheadP50Ms && overhead.matched === overhead.requests : undefined,
    },
  ];
}

function rows(r: ApigwResults): ComparisonRow[] {
  const n = (label: string, unit: string, pick: (t: TargetResults) => number | undefined): ComparisonRow => ({ label, unit, stratus: pick(r.stratus), moto: pick(r.moto) });
  const c = r.options.connections;
  const lc = r.options["lambda connections"];
  return [
    n("MOCK, one request at a time: p50", "ms", (t) => t.mockLatency?.latency.p50),
    n("MOCK, one request at a time: p99", "ms", (t) => t.mockLatency?.latency.p99),
    n(`MOCK, ${c} connections`, "requests/s", (t) => t.mock?.perSecond),
    n(`MOCK, ${c} connections: p50`, "ms", (t) => t.mock?.latency.p50),
    n(`MOCK, ${c} connections: p99`, "ms", (t) => t.mock?.latency.p99),
    n("Lambda proxy, one request at a time: end to end p50", "ms", (t) => t.lambdaLatency?.latency.p50),
    n("Lambda proxy, one request at a time: end to end p99", "ms", (t) => t.lambdaLatency?.latency.p99),
    n("Lambda proxy, one at a time: the function's Duration p50", "ms", (t) => t.lambdaLatency?.overhead?.duration.p50),
    n("Lambda proxy, one at a time: gateway overhead (end to end − Duration) p50", "ms", (t) => t.lambdaLatency?.overhead?.overhead.p50),
    n("Lambda proxy, one at a time: gateway overhead p99", "ms", (t) => t.lambdaLatency?.overhead?.overhead.p99),
    n(`Lambda proxy, ${lc} connections`, "requests/s", (t) => t.lambda?.perSecond),
    n(`Lambda proxy, ${lc} connections: p50`, "ms", (t) => t.lambda?.latency.p50),
    n(`Lambda proxy, ${lc} connections: p99`, "ms", (t) => t.lambda?.latency.p99),
    n(`Lambda proxy, ${lc} connections: the function's Duration p50`, "ms", (t) => t.lambda?.overhead?.duration.p50),
    n(`Lambda proxy, ${lc} connections: end to end − Duration p50`, "ms", (t) => t.lambda?.overhead?.overhead.p50),
    n(`Cache-hit path (stage cache), ${c} connections`, "requests/s", (t) => t.cache?.perSecond),
  ];
}

function cpuSections(r: ApigwResults): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const [label, t] of [["Stratus", r.stratus], ["moto", r.moto]] as const) {
    for (const [name, w] of [["MOCK", t.mock], ["Lambda proxy", t.lambda], ["cache-hit", t.cache]] as const) {
      if (w) out.push([`${label} ${name}`, cpuTableRows(w.cpu, w.requests, CPU_NAMES, `${label} ${name} (per request)`)]);
    }
  }
  return out;
}

function notes(r: ApigwResults): string[] {
  const out: string[] = [];
  for (const [label, t] of [["Stratus", r.stratus], ["moto", r.moto]] as const) {
    for (const [workload, why] of Object.entries(t.unavailable)) out.push(`${label} ${workload}: unsupported — ${why}`);
    if (t.cacheCheck && "why" in t.cacheCheck && !t.unavailable.cache) out.push(`${label} cache-hit path: not built — ${t.cacheCheck.why}`);
    for (const [workload, m] of [["MOCK one at a time", t.mockLatency], ["MOCK", t.mock], ["Lambda proxy one at a time", t.lambdaLatency], ["Lambda proxy", t.lambda], ["cache-hit", t.cache]] as const) {
      if (m?.errors) out.push(`${label} ${workload}: ${m.errors} errors (first: ${m.firstError})`);
    }
    for (const [workload, o] of [["one at a time", t.lambdaLatency?.overhead], [`${r.options["lambda connections"]} connections`, t.lambda?.overhead]] as const) {
      if (o && o.matched < o.requests) out.push(`${label} Lambda proxy ${workload}: ${o.requests - o.matched} of ${o.requests} requests had no invocation record`);
    }
  }
  return out;
}

export function consoleReport(r: ApigwResults): string {
  const out = consoleHeader("API Gateway benchmark", r);
  out.push(...consoleComparison(rows(r)), ...notes(r), ...consoleCpuSections(cpuSections(r), "request"));
  out.push("", ...consoleTargets(targets(r)));
  return out.join("\n");
}

export function markdownSection(r: ApigwResults): string {
  const o = r.options;
  const md = markdownHeader("## API Gateway (`npm run bench:apigw`)", r);
  md.push(
    "Stratus is the real gateway (`server/gateway/main.ts`) and a workers process (`workers/main.ts`) as child processes on a dedicated database (`stratus_bench`) and Redis DB 3; moto is `moto_server` (in-memory). " +
      "On both, the API is created with `@aws-sdk/client-api-gateway` (the function with `@aws-sdk/client-lambda`): `GET /mock` with a MOCK integration (request template `{\"statusCode\": 200}`, integration response 200 with a fixed JSON body) and `GET /lambda` with a Lambda proxy (AWS_PROXY) integration to a trivial Node.js 20 function, 128 MB (`async (event, context) => ({ statusCode: 200, body: context.awsRequestId })`), deployed to a stage. " +
      "On moto the same API is created and deployed (its proxy integration names a function that is not created there: moto runs function code in Docker, which this machine lacks — see the Lambda section), and every workload starts with one probe request; where moto does not answer it as expected, what it answered is in the notes under the table and the workload is marked unsupported. " +
      "The load generator is in the benchmark process: plain HTTP/1.1 GETs of the invoke URL `/restapis/{id}/{stage}/_user_request_/…` over keep-alive sockets (`node:http`, unsigned, as a browser or curl calls an API), closed loop — each connection sends its next request as soon as the previous answer is read, so a latency under load includes waiting behind the other connections' requests. " +
      `It shares the machine's ${r.machine.cores} cores with the gateway, the workers, the function runtimes, Postgres and Redis, so it takes CPU from the servers it measures (its share is in the CPU table); the connection counts are sized for that: enough to keep the busiest single-threaded process busy (the gateway for MOCK, the workers process for the Lambda proxy), no more — on 2 cores more connections add queueing, not throughput.`,
  );
  md.push("");
  md.push(
    `Workloads: **MOCK** — ${o["requests one at a time"]} GETs one at a time after ${o["request warm-up"]}, then ${o.connections} connections for ${o.seconds} s after ${o["warm-up seconds"]} s. ` +
      `**Lambda proxy** — the same with ${o["lambda connections"]} connections (the warm-up also starts the function's execution contexts, one per connection at most). ` +
      "**Gateway overhead** — for every measured request, end to end (request sent → last byte of the answer, in the load generator) minus the function's own Duration: the REPORT line's Duration, read from `lambda_invocations.duration_ms` of the invocation whose `request_id` is the answer's `x-amzn-RequestId` (API Gateway invokes the function with its own request id), so each request is paired with its own invocation, not with an average. " +
      "Duration runs from the event being handed to the runtime (context thawed, Runtime API `/next` answered) to the runtime posting its response, as on AWS; the overhead is everything else: HTTP parsing, routing, the proxy event, the invoke channel (Redis) to the workers process, the lease, the Runtime API hand-off and the way back. The target is read on the one-at-a-time run (nothing queued); the figure under load includes queueing. " +
      "**Cache-hit path** — a second stage of the same deployment with the cache cluster on and caching enabled for `*/*`; measured only if GetStage reports the cache AVAILABLE and a second GET of `/lambda` is answered without running the function (the function answers its own request id, so two equal answers mean a cache hit). Setting `*/*` also gives that stage AWS's default method throttling (10,000 requests/s, burst 5,000), so each cached request is metered too, as on AWS; the `bench` stage of the other workloads has no method settings.",
  );
  md.push("");
  md.push(
    ...markdownResults({ comparison: rows(r), notes: notes(r), targetsTitle: "Targets (Stratus):", targets: targets(r), cpu: cpuSections(r), cpuSummary: "CPU by process during the load windows", unit: "request" }),
  );
  return md.join("\n");
}
