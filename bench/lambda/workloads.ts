/**
 * The Lambda workloads, driven through the gateway with the AWS SDK v3 client: warm synchronous
 * latency, warm throughput with concurrent callers, cold starts (Node and Python) and a burst of
 * asynchronous invokes checked in `lambda_invocations` and CloudWatch Logs.
 */
import { randomBytes } from "node:crypto";
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateFunctionCommand, InvokeCommand, LambdaClient, UpdateFunctionConfigurationCommand } from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import type pg from "pg";
import { errorText } from "../lib/cli";
import { type Components, type CpuWindow, cpuWindow } from "../lib/cpu";
import type { Target } from "../lib/servers";
import { sleep, type Summary, summarize } from "../lib/stats";
import { timedHandler } from "../lib/timed-handler";

const FUNCTIONS = {
  /** The trivial function of the latency and throughput targets. */
  node: { runtime: "nodejs20.x", handler: "index.handler", files: { "index.js": "exports.handler = async (event) => ({ ok: true, n: event.n ?? 0 });\n" } },
  python: { runtime: "python3.12", handler: "app.handler", files: { "app.py": "def handler(event, context):\n    return {'ok': True, 'n': event.get('n', 0)}\n" } },
  /** Logs which event it got, so every asynchronous event can be found in CloudWatch Logs. */
  logger: { runtime: "nodejs20.x", handler: "index.handler", files: { "index.js": "exports.handler = async (event) => { console.log('bench-event', event.i); return event.i; };\n" } },
} as const;
type FunctionKind = keyof typeof FUNCTIONS;

export interface LambdaBench {
  target: Target;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  /** While set, wire times (request written → response headers) of Invoke calls are appended here. */
  setWire(sink: number[] | null): void;
  /** The execution role functions are created with. */
  role: string;
  destroy(): void;
}

/** SDK clients for one server: explicit endpoint, keep-alive sockets, no retries (an error must show). */
export function lambdaBench(target: Target, role: string, maxSockets = 16): LambdaBench {
  const timed = timedHandler(maxSockets, (request) => (request.path.endsWith("/invocations") ? "Invoke" : "other"));
  const config = { endpoint: target.endpoint, region: target.region, credentials: target.credentials, maxAttempts: 1 };
  const lambda = new LambdaClient({ ...config, requestHandler: timed.handler });
  const logs = new CloudWatchLogsClient(config);
  return {
    target,
    lambda,
    logs,
    setWire: (sink) => (timed.wire = sink && new Map([["Invoke", sink]])),
    role,
    destroy() {
      lambda.destroy();
      logs.destroy();
      timed.destroy();
    },
  };
}

const uniqueName = (label: string) => `bench-${label}-${randomBytes(4).toString("hex")}`;
const payload = (value: unknown) => Buffer.from(JSON.stringify(value));

export async function createFunction(b: LambdaBench, kind: FunctionKind, name = uniqueName(kind)): Promise<string> {
  const f = FUNCTIONS[kind];
  const files = Object.fromEntries(Object.entries(f.files).map(([file, text]) => [file, strToU8(text)]));
  await b.lambda.send(
    new CreateFunctionCommand({ FunctionName: name, Runtime: f.runtime, Handler: f.handler, Role: b.role, Code: { ZipFile: zipSync(files) }, MemorySize: 128, Timeout: 10 }),
  );
  return name;
}

/** One synchronous invoke; throws on a function error, so a broken function cannot pass for a fast one. */
async function invokeOnce(b: LambdaBench, name: string, n: number, logType: "None" | "Tail" = "None") {
  const out = await b.lambda.send(new InvokeCommand({ FunctionName: name, Payload: payload({ n }), LogType: logType }));
  if (out.FunctionError) throw new Error(`${name}: ${out.FunctionError}: ${Buffer.from(out.Payload ?? []).toString("utf8")}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Warm synchronous latency: one caller, invokes back to back.

export interface LatencyResult {
  sdk: Summary;
  wire: Summary;
  /** The function's own Duration (REPORT line, from lambda_invocations) over the same invokes. */
  duration: Summary;
}

export async function warmLatency(b: LambdaBench, db: pg.Client, name: string, opts: { warmup: number; count: number }): Promise<LatencyResult> {
  for (let i = 0; i < opts.warmup; i++) await invokeOnce(b, name, i);
  const since = new Date();
  const sdk: number[] = [];
  const wire: number[] = [];
  b.setWire(wire);
  try {
    for (let i = 0; i < opts.count; i++) {
      const t0 = performance.now();
      await invokeOnce(b, name, i);
      sdk.push(performance.now() - t0);
    }
  } finally {
    b.setWire(null);
  }
  return { sdk: summarize(sdk), wire: summarize(wire), duration: summarize(await durations(db, name, since)) };
}

async function durations(db: pg.Client, name: string, since: Date): Promise<number[]> {
  const { rows } = await db.query<{ d: number }>("SELECT duration_ms::float8 AS d FROM lambda_invocations WHERE function_name = $1 AND started_at >= $2", [name, since]);
  return rows.map((r) => r.d);
}

// ---------------------------------------------------------------------------------------------
// Throughput: `callers` concurrent callers invoking back to back for `seconds`.

export interface ThroughputResult {
  callers: number;
  invokes: number;
  perSecond: number;
  sdk: Summary;
  errors: number;
  firstError?: string;
  cpu: CpuWindow;
}

export async function throughput(
  b: LambdaBench,
  name: string,
  components: Components,
  opts: { callers: number; warmupSeconds: number; seconds: number; onWindow?: (phase: "start" | "end") => void },
): Promise<ThroughputResult> {
  let measuring = false;
  let stop = false;
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const caller = async (id: number) => {
    for (let i = 0; !stop; i++) {
      const t0 = performance.now();
      try {
        await invokeOnce(b, name, id * 1_000_000 + i);
        if (measuring) samples.push(performance.now() - t0);
      } catch (e) {
        errors++;
        firstError ??= errorText(e);
        await sleep(10);
      }
    }
  };
  const running = Array.from({ length: opts.callers }, (_, id) => caller(id));
  await sleep(opts.warmupSeconds * 1000);
  errors = 0;
  firstError = undefined;
  measuring = true;
  opts.onWindow?.("start");
  const window = cpuWindow(components);
  const t0 = performance.now();
  await sleep(opts.seconds * 1000);
  measuring = false;
  opts.onWindow?.("end");
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = window.end();
  stop = true;
  await Promise.all(running);
  return { callers: opts.callers, invokes: samples.length, perSecond: samples.length / elapsed, sdk: summarize(samples), errors, firstError, cpu };
}

// ---------------------------------------------------------------------------------------------
// Cold starts: UpdateFunctionConfiguration changes an environment variable, which retires the
// function's contexts, so the next invoke starts a new one.

export interface ColdStartResult {
  runtime: string;
  /** End to end: the SDK round trip of the first invoke after the update. */
  firstInvoke: Summary;
  /** Init Duration of the REPORT line. */
  initDuration: Summary;
  /** Init Duration + Duration of the REPORT line. */
  initPlusDuration: Summary;
  /** The next (warm) invoke, for comparison. */
  warmInvoke: Summary;
}

const REPORT_FIELD = (field: string) => new RegExp(`\\t${field}: ([\\d.]+) ms`);

export async function coldStarts(b: LambdaBench, kind: FunctionKind, opts: { warmup: number; count: number }): Promise<ColdStartResult> {
  const name = await createFunction(b, kind);
  const first: number[] = [];
  const init: number[] = [];
  const initPlus: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < opts.warmup + opts.count; i++) {
    await b.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: { BENCH_COLD: String(i) } } }));
    const t0 = performance.now();
    const out = await invokeOnce(b, name, i, "Tail");
    const e2e = performance.now() - t0;
    const report = Buffer.from(out.LogResult ?? "", "base64").toString("utf8");
    const initMs = Number(REPORT_FIELD("Init Duration").exec(report)?.[1]);
    const durationMs = Number(REPORT_FIELD("Duration").exec(report)?.[1]);
    if (!Number.isFinite(initMs)) throw new Error(`${name}: no Init Duration in the first invoke after an update (not a cold start?):\n${report}`);
    const t1 = performance.now();
    await invokeOnce(b, name, i);
    const warmMs = performance.now() - t1;
    if (i < opts.warmup) continue;
    first.push(e2e);
    init.push(initMs);
    initPlus.push(initMs + durationMs);
    warm.push(warmMs);
  }
  return {
    runtime: FUNCTIONS[kind].runtime,
    firstInvoke: summarize(first),
    initDuration: summarize(init),
    initPlusDuration: summarize(initPlus),
    warmInvoke: summarize(warm),
  };
}

// ---------------------------------------------------------------------------------------------
// Asynchronous burst: `count` Event invokes sent at once to a fresh function; done when every one
// is recorded in lambda_invocations, then checked event by event in CloudWatch Logs.

export interface AsyncBurstResult {
  count: number;
  /** The 202 answers. */
  accept: Summary;
  acceptedAllMs: number;
  /** First send → every accepted event recorded in lambda_invocations (polled every 20 ms). */
  completedAllMs?: number;
  recorded: number;
  /** Distinct events whose `bench-event <i>` line is in CloudWatch Logs (FilterLogEvents). */
  logged: number;
  reportLines: number;
  errors: number;
  firstError?: string;
}

export async function asyncBurst(b: LambdaBench, db: pg.Client, opts: { count: number; timeoutSeconds: number }): Promise<AsyncBurstResult> {
  const name = await createFunction(b, "logger");
  const accept: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: opts.count }, async (_, i) => {
      const t = performance.now();
      try {
        const out = await b.lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: "Event", Payload: payload({ i }) }));
        if (out.StatusCode !== 202) throw new Error(`StatusCode ${out.StatusCode}`);
        accept.push(performance.now() - t);
      } catch (e) {
        errors++;
        firstError ??= errorText(e);
      }
    }),
  );
  const acceptedAllMs = performance.now() - t0;
  // Done when every accepted event has its row (written with its log lines, in one transaction).
  let recorded = 0;
  let completedAllMs: number | undefined;
  const deadline = Date.now() + opts.timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM lambda_invocations WHERE function_name = $1 AND invocation_type = 'Event'", [name]);
    recorded = rows[0]!.n;
    if (recorded >= accept.length) {
      completedAllMs = performance.now() - t0;
      break;
    }
    await sleep(20);
  }
  const { logged, reportLines } = await loggedEvents(b, name);
  return { count: opts.count, accept: summarize(accept), acceptedAllMs, completedAllMs, recorded, logged, reportLines, errors, firstError };
}

/** Reads the function's whole log group through FilterLogEvents. */
async function loggedEvents(b: LambdaBench, name: string): Promise<{ logged: number; reportLines: number }> {
  const seen = new Set<string>();
  let reportLines = 0;
  let nextToken: string | undefined;
  do {
    const page = await b.logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${name}`, nextToken }));
    for (const e of page.events ?? []) {
      const m = /bench-event (\d+)/.exec(e.message ?? "");
      if (m) seen.add(m[1]!);
      if (e.message?.startsWith("REPORT RequestId:")) reportLines++;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return { logged: seen.size, reportLines };
}
