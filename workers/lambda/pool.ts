// The execution contexts of one worker process. Invocations take an idle context of their function (warm
// start) or start a new one (cold start); concurrent invocations never share a context. Idle contexts expire,
// the least recently used idle one makes room when the pool is full, and provisioned ones stay initialised.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { lambdaDataDir } from "./code-cache";
import { ExecutionContext } from "./context";
import { killGroup } from "./proc";
import type { FunctionRuntimeConfig, InvocationResult, InvokeRequest } from "./types";

/**
 * How long an invocation waits for a context that has answered but not yet asked for its next event,
 * rather than starting a new one: callers get their answer before that point, so a caller invoking
 * again at once would otherwise find no warm context.
 */
const ANSWERED_WAIT_MS = 100;

export interface PoolOptions {
  /** Idle time after which an on-demand context is removed (default 5 minutes). */
  idleTimeoutMs?: number;
  /** Most contexts alive at once, idle or not (default: one per 256 MB of the machine's memory, at least 8). */
  maxContexts?: number;
  /** On-demand contexts older than this are not reused (their role credentials were issued at start). Default 1 hour. */
  maxContextAgeMs?: number;
  /** How long init may take (default 10 s, Lambda's limit for on-demand contexts). */
  initTimeoutMs?: number;
}

/** Every context is busy and the pool is full: the caller should throttle (TooManyRequestsException). */
export class PoolCapacityError extends Error {
  override name = "PoolCapacityError";
}

export interface PoolStats {
  total: number;
  initializing: number;
  idle: number;
  busy: number;
  provisioned: number;
  byKey: Record<string, { initializing: number; idle: number; busy: number; provisioned: number }>;
}

export class ExecutionPool {
  private readonly contexts = new Set<ExecutionContext>();
  private readonly idleTimers = new Map<ExecutionContext, NodeJS.Timeout>();
  /** Invocations under way, so close() can let them finish. */
  private readonly running = new Map<ExecutionContext, Promise<InvocationResult>>();
  private readonly idleTimeoutMs: number;
  private readonly maxContexts: number;
  private readonly maxContextAgeMs: number;
  private readonly initTimeoutMs: number;
  private readonly runDir: string;
  private readonly ready: Promise<void>;
  private closed = false;
  private readonly killAll = () => {
    for (const context of this.contexts) if (context.pid) killGroup(context.pid);
  };

  constructor(options: PoolOptions = {}) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 5 * 60_000;
    this.maxContexts = options.maxContexts ?? Math.max(8, Math.floor(os.totalmem() / (256 * 1024 * 1024)));
    this.maxContextAgeMs = options.maxContextAgeMs ?? 60 * 60_000;
    this.initTimeoutMs = options.initTimeoutMs ?? 10_000;
    const runRoot = path.join(lambdaDataDir(), "run");
    this.runDir = path.join(runRoot, `${process.pid}-${randomBytes(4).toString("hex")}`);
    this.ready = removeStaleRunDirs(runRoot).then(() => mkdir(this.runDir, { recursive: true }).then(() => undefined));
    // A worker that exits without close() must not leave runtimes behind (setpriv's parent-death signal covers crashes).
    process.on("exit", this.killAll);
  }

  /** Runs one invocation in a warm context of `config.contextKey`, or a new one. */
  async invoke(config: FunctionRuntimeConfig, req: InvokeRequest): Promise<InvocationResult> {
    if (this.closed) throw new Error("The execution pool is closed");
    const context = (await this.takeWarm(config.contextKey)) ?? (await this.startContext(config, false));
    const invocation = this.runIn(context, req);
    this.running.set(context, invocation);
    return invocation;
  }

  private async runIn(context: ExecutionContext, req: InvokeRequest): Promise<InvocationResult> {
    try {
      return await context.invoke(req);
    } catch (err) {
      // The engine itself failed mid-invocation: the context's state is unknown, so it is not reused.
      context.retiring = true;
      throw err;
    } finally {
      this.running.delete(context);
      this.release(context);
    }
  }

  /**
   * Keeps `count` initialised contexts for `config.contextKey` (provisioned concurrency). Resolves once they
   * are all ready; rejects with the init error if one fails. Lowering the count turns the surplus into
   * ordinary on-demand contexts that expire when idle.
   */
  async provision(config: FunctionRuntimeConfig, count: number): Promise<void> {
    if (this.closed) throw new Error("The execution pool is closed");
    const current = [...this.contexts].filter((c) => c.key === config.contextKey && c.provisioned && c.state !== "dead");
    for (const surplus of current.slice(count)) {
      surplus.provisioned = false;
      if (surplus.state === "idle") this.scheduleIdleExpiry(surplus);
    }
    const missing = Math.max(0, count - current.length);
    const started = await Promise.allSettled(Array.from({ length: missing }, () => this.startContext(config, true)));
    const failures: string[] = [];
    for (const result of started) {
      if (result.status === "rejected") {
        failures.push(String((result.reason as Error).message ?? result.reason));
        continue;
      }
      const outcome = await result.value.initialized;
      if (!outcome.ok) {
        failures.push(outcome.payload ? outcome.payload.toString("utf8") : `${outcome.errorType}: ${outcome.message}`);
        this.remove(result.value);
        await result.value.destroy();
      }
    }
    if (failures.length > 0) throw new Error(`Provisioned concurrency failed to initialise: ${failures[0]}`);
  }

  /** Removes the contexts whose key starts with `prefix` (code or configuration changed); busy ones after their invocation. */
  async retire(prefix: string): Promise<void> {
    const dying: Promise<void>[] = [];
    for (const context of this.contexts) {
      if (!context.key.startsWith(prefix)) continue;
      context.retiring = true;
      if (context.state === "idle" || context.state === "dead") dying.push(this.discard(context));
    }
    await Promise.all(dying);
  }

  stats(): PoolStats {
    const stats: PoolStats = { total: 0, initializing: 0, idle: 0, busy: 0, provisioned: 0, byKey: {} };
    for (const context of this.contexts) {
      if (context.state === "dead") continue;
      const entry = (stats.byKey[context.key] ??= { initializing: 0, idle: 0, busy: 0, provisioned: 0 });
      stats.total++;
      stats[context.state]++;
      entry[context.state]++;
      if (context.provisioned) {
        stats.provisioned++;
        entry.provisioned++;
      }
    }
    return stats;
  }

  /**
   * Stops taking invocations, lets running ones finish (each is bounded by its function's timeout) unless
   * `force`, then kills every context.
   */
  async close(options: { force?: boolean } = {}): Promise<void> {
    this.closed = true;
    if (!options.force) await Promise.allSettled(this.running.values());
    await Promise.all([...this.contexts].map((c) => this.discard(c)));
    process.off("exit", this.killAll);
    await rm(this.runDir, { recursive: true, force: true });
  }

  /** An idle context of `key`, else one that has answered and is about to be idle, if it is within a moment of it. */
  private async takeWarm(key: string): Promise<ExecutionContext | undefined> {
    const idle = this.takeIdle(key);
    if (idle) return idle;
    const answered = [...this.running].filter(([context]) => context.key === key && context.answered && !context.retiring);
    if (answered.length === 0) return undefined;
    const wait = new AbortController();
    await Promise.race([Promise.any(answered.map(([, invocation]) => invocation)).catch(() => undefined), sleep(ANSWERED_WAIT_MS, undefined, { signal: wait.signal }).catch(() => undefined)]);
    wait.abort();
    return this.closed ? undefined : this.takeIdle(key);
  }

  private takeIdle(key: string): ExecutionContext | undefined {
    let best: ExecutionContext | undefined;
    for (const context of this.contexts) {
      if (context.key !== key || context.state !== "idle" || context.retiring) continue;
      // Provisioned contexts first (that is what they are for), then the most recently used, so the rest expire.
      if (!best || (context.provisioned && !best.provisioned) || (context.provisioned === best.provisioned && context.lastUsedAt > best.lastUsedAt)) {
        best = context;
      }
    }
    if (best) {
      this.clearIdleExpiry(best);
      best.state = "busy";
    }
    return best;
  }

  private async startContext(config: FunctionRuntimeConfig, provisioned: boolean): Promise<ExecutionContext> {
    await this.ready;
    this.makeRoom();
    const context = new ExecutionContext(config, {
      runDir: this.runDir,
      initTimeoutMs: this.initTimeoutMs,
      provisioned,
      // A context that dies while idle is dropped here; one that dies mid-invocation, when the invocation ends.
      onExit: (c) => {
        if (!this.running.has(c)) this.remove(c);
      },
    });
    this.contexts.add(context);
    try {
      await context.start();
    } catch (err) {
      this.remove(context);
      await context.destroy();
      throw err;
    }
    return context;
  }

  /** Evicts the least recently used idle on-demand context when the pool is full. */
  private makeRoom(): void {
    if (this.liveCount() < this.maxContexts) return;
    let victim: ExecutionContext | undefined;
    for (const context of this.contexts) {
      if (context.state !== "idle" || context.provisioned) continue;
      if (!victim || context.lastUsedAt < victim.lastUsedAt) victim = context;
    }
    if (!victim) throw new PoolCapacityError(`All ${this.maxContexts} execution contexts are busy`);
    void this.discard(victim);
  }

  private liveCount(): number {
    let count = 0;
    for (const context of this.contexts) if (context.state !== "dead") count++;
    return count;
  }

  private release(context: ExecutionContext): void {
    const tooOld = !context.provisioned && Date.now() - context.createdAt > this.maxContextAgeMs;
    if (context.state === "dead" || context.retiring || tooOld || this.closed) {
      void this.discard(context);
      return;
    }
    this.scheduleIdleExpiry(context);
  }

  private scheduleIdleExpiry(context: ExecutionContext): void {
    this.clearIdleExpiry(context);
    if (context.provisioned) return;
    const timer = setTimeout(() => void this.discard(context), this.idleTimeoutMs);
    timer.unref();
    this.idleTimers.set(context, timer);
  }

  private clearIdleExpiry(context: ExecutionContext): void {
    const timer = this.idleTimers.get(context);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(context);
  }

  private remove(context: ExecutionContext): void {
    this.clearIdleExpiry(context);
    this.contexts.delete(context);
  }

  private discard(context: ExecutionContext): Promise<void> {
    this.remove(context);
    return context.destroy();
  }
}

/** Run directories of worker processes that no longer exist (they crashed before cleaning up). */
async function removeStaleRunDirs(runRoot: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(runRoot);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(name.split("-")[0]);
      if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) return;
      await rm(path.join(runRoot, name), { recursive: true, force: true });
    }),
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
