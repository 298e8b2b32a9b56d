/**
 * The load generator for the API Gateway benchmark: plain HTTP/1.1 over keep-alive sockets (node:http,
 * no SDK, no signing, as browsers and curl call an API), closed loop: each of `connections` sockets
 * sends its next request as soon as the previous answer has been read. It runs in the benchmark process,
 * on the same cores as the servers it measures.
 */
import { Agent, request, type RequestOptions } from "node:http";
import { errorText } from "../lib/cli";
import { type Components, type CpuWindow, cpuWindow } from "../lib/cpu";
import { sleep, type Summary, summarize } from "../lib/stats";

/** One request, sent over and over. */
export interface RequestSpec {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Answers with another status count as errors. */
  expectStatus: number;
}

export interface Answer {
  status: number;
  /** `x-amzn-RequestId`: the gateway's id of the request (also the Lambda invocation's request id). */
  requestId?: string;
  body: Buffer;
  ms: number;
}

/** Opens keep-alive sockets for one workload; `destroy()` closes them. */
export function loadAgent(connections: number): Agent {
  return new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
}

/** The parsed request options of a spec, worked out once. */
const prepared = new WeakMap<RequestSpec, RequestOptions>();

function optionsOf(spec: RequestSpec, agent: Agent): RequestOptions {
  let options = prepared.get(spec);
  if (!options) {
    const url = new URL(spec.url);
    options = { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: spec.method ?? "GET", headers: spec.headers };
    prepared.set(spec, options);
  }
  return { ...options, agent };
}

/**
 * Sends `spec` once and reads the whole answer; `ms` is request started → answer's last byte. The body
 * is kept when asked or when the status is not the expected one (for the error message).
 */
export function send(agent: Agent, spec: RequestSpec, keepBody = true): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(optionsOf(spec, agent), (res) => {
      const chunks: Buffer[] = [];
      const keep = keepBody || res.statusCode !== spec.expectStatus;
      res.on("data", (chunk: Buffer) => keep && chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const id = res.headers["x-amzn-requestid"];
        resolve({ status: res.statusCode ?? 0, requestId: typeof id === "string" ? id : undefined, body: Buffer.concat(chunks), ms: performance.now() - t0 });
      });
    });
    req.on("error", reject);
    req.end(spec.body);
  });
}

/** An unexpected answer as one line for a report (an XML or JSON error as its code and message). */
export function answerText(a: Pick<Answer, "status" | "body">): string {
  const text = a.body.toString("utf8");
  const xml = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(text)?.[1];
  const detail = xml("Code") ? `${xml("Code")}: ${xml("Message") ?? ""}` : text.replace(/\s+/g, " ").trim().slice(0, 200);
  return `HTTP ${a.status}${detail ? ` (${detail})` : ""}`;
}

/** Requests answered in a measurement: their latency (ms) and, when kept, the gateway's request id. */
export interface Measured {
  latency: Summary;
  /** Request id → latency (ms) of every measured request, when `keepIds` was asked. */
  byRequestId: Map<string, number>;
  errors: number;
  firstError?: string;
}

function collector(keepIds: boolean) {
  const samples: number[] = [];
  const byRequestId = new Map<string, number>();
  let errors = 0;
  let firstError: string | undefined;
  return {
    ok(a: Answer) {
      samples.push(a.ms);
      if (keepIds && a.requestId) byRequestId.set(a.requestId, a.ms);
    },
    fail(text: string) {
      errors++;
      firstError ??= text;
    },
    get count() {
      return samples.length;
    },
    result: (): Measured => ({ latency: summarize(samples), byRequestId, errors, firstError }),
  };
}

/** Sends one request at a time on one socket: `warmup` discarded, then `count` measured. */
export async function sequential(spec: RequestSpec, opts: { warmup: number; count: number; keepIds?: boolean }): Promise<Measured> {
  const agent = loadAgent(1);
  const c = collector(opts.keepIds ?? false);
  try {
    for (let i = 0; i < opts.warmup + opts.count; i++) {
      try {
        const a = await send(agent, spec, false);
        if (a.status !== spec.expectStatus) c.fail(answerText(a));
        else if (i >= opts.warmup) c.ok(a);
      } catch (e) {
        c.fail(errorText(e));
      }
    }
  } finally {
    agent.destroy();
  }
  return c.result();
}

export interface LoadResult extends Measured {
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  cpu: CpuWindow;
}

/**
 * `connections` sockets sending `spec` back to back: `warmupSeconds` unmeasured, then `seconds` measured
 * (answers with the expected status only; CPU by component over the same window).
 */
export async function closedLoop(
  spec: RequestSpec,
  components: Components,
  opts: { connections: number; warmupSeconds: number; seconds: number; keepIds?: boolean; onWindow?: (phase: "start" | "end") => void },
): Promise<LoadResult> {
  const agent = loadAgent(opts.connections);
  let measuring = false;
  let stop = false;
  const c = collector(opts.keepIds ?? false);
  const connection = async () => {
    // Counted by when the answer arrives: what completes inside the window is the window's.
    while (!stop) {
      try {
        const a = await send(agent, spec, false);
        if (!measuring) continue;
        if (a.status !== spec.expectStatus) c.fail(answerText(a));
        else c.ok(a);
      } catch (e) {
        if (measuring) c.fail(errorText(e));
        await sleep(10);
      }
    }
  };
  const running = Array.from({ length: opts.connections }, connection);
  await sleep(opts.warmupSeconds * 1000);
  measuring = true;
  opts.onWindow?.("start");
  const window = cpuWindow(components);
  const t0 = performance.now();
  await sleep(opts.seconds * 1000);
  measuring = false;
  opts.onWindow?.("end");
  const seconds = (performance.now() - t0) / 1000;
  const cpu = window.end();
  stop = true;
  await Promise.all(running);
  agent.destroy();
  return { ...c.result(), connections: opts.connections, seconds, requests: c.count, perSecond: c.count / seconds, cpu };
}
