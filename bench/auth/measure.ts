/**
 * How the auth workloads are timed: any async call (an SDK call, an SRP sign-in through
 * amazon-cognito-identity-js, a JWT verification, an in-process permission check) one at a time, or
 * from several concurrent clients for a while with the CPU of each process over the same window.
 */
import { errorText } from "../lib/cli";
import { type Components, type CpuWindow, cpuWindow } from "../lib/cpu";
import type { Target } from "../lib/servers";
import { sleep, type Summary, summarize } from "../lib/stats";

/** Calls made in a measurement: the latency (ms) of those that succeeded, and the failures. */
export interface Timed {
  latency: Summary;
  /** Successful calls measured. */
  calls: number;
  /** Wall time of the measurement (s) and successful calls per second of it. */
  seconds: number;
  perSecond: number;
  errors: number;
  firstError?: string;
}

export interface Throughput extends Timed {
  clients: number;
  cpu: CpuWindow;
}

/** Latencies and failures as they come, then their summary. */
function tally() {
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  return {
    add(ms: number, failure: string | undefined) {
      if (failure === undefined) samples.push(ms);
      else {
        errors++;
        firstError ??= failure;
      }
    },
    timed: (seconds: number): Timed => ({ latency: summarize(samples), calls: samples.length, seconds, perSecond: samples.length / seconds, errors, firstError }),
  };
}

/** An error as one line (an SDK error's message can run to several), with the HTTP status of the answer when there was one. */
export function failureText(e: unknown): string {
  const sdk = e as { $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number } } | undefined;
  const status = sdk?.$metadata?.httpStatusCode ?? sdk?.$response?.statusCode;
  const line = errorText(e).split("\n")[0]!;
  return status === undefined ? line : `${line} (HTTP ${status})`;
}

/** Runs `call` once; resolves to the failure's text, undefined when it succeeded. */
const attempt = (call: () => Promise<unknown>): Promise<string | undefined> => call().then(() => undefined, failureText);

/** `warmup` calls discarded, then `count` calls one after the other, each timed. */
export async function oneAtATime(call: () => Promise<unknown>, opts: { warmup: number; count: number }): Promise<Timed> {
  for (let n = 0; n < opts.warmup; n++) await attempt(call);
  const t = tally();
  const started = performance.now();
  for (let n = 0; n < opts.count; n++) {
    const t0 = performance.now();
    const failure = await attempt(call);
    t.add(performance.now() - t0, failure);
  }
  return t.timed((performance.now() - started) / 1000);
}

/**
 * Calls that take turns, one at a time: each round makes every call once, in the opposite order to the
 * round before, so whatever else the machine does slows them all alike; `warmup` rounds discarded.
 */
export async function takingTurns(calls: readonly (() => Promise<unknown>)[], opts: { warmup: number; count: number }): Promise<Timed[]> {
  const tallies = calls.map(() => tally());
  let started = performance.now();
  for (let round = 0; round < opts.warmup + opts.count; round++) {
    if (round === opts.warmup) started = performance.now();
    const order = calls.map((_, i) => (round % 2 === 0 ? i : calls.length - 1 - i));
    for (const i of order) {
      const t0 = performance.now();
      const failure = await attempt(calls[i]!);
      if (round >= opts.warmup) tallies[i]!.add(performance.now() - t0, failure);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return tallies.map((t) => t.timed(seconds));
}

/**
 * `clients` callers, each calling `call(client)` again as soon as its previous call returns: `warmupSeconds`
 * unmeasured, then `seconds` in which every call that completes counts (CPU by component over the same window).
 */
export async function concurrentClients(
  call: (client: number) => Promise<unknown>,
  components: Components,
  opts: { clients: number; warmupSeconds: number; seconds: number },
): Promise<Throughput> {
  const t = tally();
  const windowStart = performance.now() + opts.warmupSeconds * 1000;
  const windowEnd = windowStart + opts.seconds * 1000;
  const client = async (id: number) => {
    while (performance.now() < windowEnd) {
      const t0 = performance.now();
      const failure = await attempt(() => call(id));
      const t1 = performance.now();
      if (t1 >= windowStart && t1 <= windowEnd) t.add(t1 - t0, failure);
      if (failure !== undefined) await sleep(10);
    }
  };
  const running = Array.from({ length: opts.clients }, (_, id) => client(id));
  await sleep(windowStart - performance.now());
  const window = cpuWindow(components);
  await sleep(windowEnd - performance.now());
  const cpu = window.end();
  await Promise.all(running);
  return { ...t.timed(cpu.wallSeconds), clients: opts.clients, cpu };
}

/** CPU milliseconds a component of the window spent per successful call. */
export const cpuMsPerCall = (r: Throughput | undefined, component: string) => (r && r.calls > 0 ? ((r.cpu.seconds[component] ?? 0) * 1000) / r.calls : undefined);

/** SDK client settings: explicit endpoint, no retries (an error must show, not be hidden by a retry). */
export const signedConfig = (target: Target) => ({ endpoint: target.endpoint, region: target.region, credentials: target.credentials, maxAttempts: 1 });

/** End users have no AWS credentials: the SDK sends their (unsigned) calls without asking for any; a signed one would fail loudly. */
export const unsignedConfig = (target: Target) => ({
  endpoint: target.endpoint,
  region: target.region,
  maxAttempts: 1,
  credentials: async (): Promise<never> => {
    throw new Error("end users have no AWS credentials");
  },
});
