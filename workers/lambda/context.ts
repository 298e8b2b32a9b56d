// One execution context: a runtime process in its own process group, its Runtime API, its temporary
// directory and its log stream. It runs one invocation at a time; between invocations the process group is
// stopped (SIGSTOP, after a grace of a few milliseconds) the way Lambda freezes an idle sandbox, so background
// work resumes only with the next event.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import type { Socket } from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Readable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { EntrypointError, launchSpec, runtimeFamily, runtimeVersion } from "./launch";
import { LogCollector, logTail, platformLine, type ReportFields } from "./logs";
import { connectionFromGroup, groupRssKb, killGroup, MemoryProbe } from "./proc";
import { RuntimeApi } from "./runtime-api";
import { diskUsage } from "./storage";
import type { FunctionRuntimeConfig, InvocationResult, InvokeRequest } from "./types";

export type ContextState = "initializing" | "idle" | "busy" | "dead";

export interface ContextOptions {
  /** Parent of the context's own directory (its TMPDIR lives there). */
  runDir: string;
  /** Longest the runtime may take to initialise (Lambda: 10 s for on-demand contexts). */
  initTimeoutMs: number;
  /** Started by `provision`: initialised ahead of any invocation, so its first one is no cold start. */
  provisioned: boolean;
  /** Called once the process is gone, whatever the reason. */
  onExit(context: ExecutionContext): void;
}

/** Why init failed, as Lambda reports it; `payload` is the runtime's own /init/error document when it sent one. */
export interface InitFailure {
  status: "error" | "timeout";
  errorType: string;
  message: string;
  payload?: Buffer;
}

type InitOutcome = { ok: true; initDurationMs: number } | ({ ok: false; initDurationMs: number } & InitFailure);

type Ending =
  /** `telemetryBytes`: how much the runtime had written to its log pipe when it asked for the next event. */
  | { kind: "completed"; telemetryBytes?: number }
  | { kind: "exit"; detail: string; outOfMemory: boolean }
  | { kind: "timeout" }
  | { kind: "outOfMemory" }
  | { kind: "storage" };

interface Posted {
  payload: Buffer;
  isError: boolean;
  errorType?: string;
}

interface ActiveInvocation {
  posted?: Posted;
  end(ending: Ending): void;
  onResponse?: InvokeRequest["onResponse"];
}

interface Outcome {
  payload: Buffer;
  errorType?: string;
  status?: ReportFields["status"];
  timedOut: boolean;
  outOfMemory: boolean;
}

const EMPTY_EVENT = Buffer.from("{}");
const MEMORY_SAMPLE_MS = 20;
/** Process-group walks cost ~1 ms, so custom runtimes' helpers are measured every fifth sample. */
const GROUP_SAMPLE_EVERY = 5;
const STORAGE_SAMPLE_MS = 500;
/** How long a context that has answered may stay unfrozen in case its next event comes at once. */
const FREEZE_GRACE_MS = 2;
/** Longest an invocation's end waits for log output its runtime says it wrote. */
const TELEMETRY_WAIT_MS = 1000;
/** How long to wait for a killed runtime's last output. */
const EXIT_DRAIN_MS = 1000;

/** Go's names for signals, as Lambda's "Runtime exited with error: signal: …" uses them. */
const SIGNAL_NAMES: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: "killed",
  SIGABRT: "aborted",
  SIGSEGV: "segmentation fault",
  SIGTERM: "terminated",
  SIGBUS: "bus error",
  SIGILL: "illegal instruction",
  SIGFPE: "floating point exception",
  SIGTRAP: "trace/breakpoint trap",
  SIGINT: "interrupt",
};

function errorDocument(errorType: string, errorMessage: string): Buffer {
  return Buffer.from(JSON.stringify({ errorType, errorMessage }));
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

/** `errorType` of a runtime's error document when the header did not say. */
function documentErrorType(payload: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(payload.toString("utf8"));
    const type = parsed && typeof parsed === "object" ? (parsed as { errorType?: unknown }).errorType : undefined;
    return typeof type === "string" && type ? type : undefined;
  } catch {
    return undefined;
  }
}

/** An X-Ray trace header. Its random parts come from randomUUID, which draws on a cached pool (randomBytes per call costs tens of µs). */
function traceHeader(): string {
  const epoch = Math.floor(Date.now() / 1000).toString(16).padStart(8, "0");
  const hex = `${randomUUID()}${randomUUID()}`.replaceAll("-", "");
  return `Root=1-${epoch}-${hex.slice(0, 24)};Parent=${hex.slice(32, 48)};Sampled=0`;
}

function exitDetail(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal !== null) return `Runtime exited with error: signal: ${SIGNAL_NAMES[signal] ?? signal}`;
  if (code === 0) return "Runtime exited without providing a reason";
  return `Runtime exited with error: exit status ${code ?? "unknown"}`;
}

export class ExecutionContext {
  readonly id = randomBytes(16).toString("hex");
  readonly key: string;
  /** `YYYY/MM/DD/[version]<32 hex>`, as Lambda names a context's stream. */
  readonly logStreamName: string;
  readonly memorySize: number;
  readonly createdAt = Date.now();
  lastUsedAt = Date.now();
  state: ContextState = "initializing";
  provisioned: boolean;
  /** Killed once its current invocation ends (its function's code or configuration changed). */
  retiring = false;
  /** Settles when init ends; a failed init is an outcome here, not a rejection. */
  readonly initialized: Promise<InitOutcome>;

  private readonly logs = new LogCollector();
  private readonly dir: string;
  private readonly tmpDir: string;
  private readonly startedForInvoke: boolean;
  private child: ChildProcess | undefined;
  private memory: MemoryProbe | undefined;
  private api: RuntimeApi | undefined;
  private settleInit: ((outcome: InitOutcome) => void) | undefined;
  private spawnedAt = 0;
  private initConsumed = false;
  private active: ActiveInvocation | undefined;
  private exited: { detail: string; outOfMemory: boolean } | undefined;
  private closed: Promise<void> = Promise.resolve();
  private heapExhausted = false;
  private maxRssKb = 0;
  private frozen = false;
  private freezing: NodeJS.Timeout | undefined;
  /** What the runtime posted to /init/error; init ends when it exits. */
  private reportedInitError: InitFailure | undefined;
  private initEndedAt: number | undefined;

  constructor(
    private readonly config: FunctionRuntimeConfig,
    private readonly options: ContextOptions,
  ) {
    this.key = config.contextKey;
    this.memorySize = config.memorySize;
    this.provisioned = options.provisioned;
    this.startedForInvoke = !options.provisioned;
    this.logStreamName = `${new Date().toISOString().slice(0, 10).replaceAll("-", "/")}/[${config.functionVersion}]${this.id}`;
    this.dir = path.join(options.runDir, this.id);
    this.tmpDir = path.join(this.dir, "tmp");
    this.initialized = new Promise<InitOutcome>((resolve) => (this.settleInit = resolve));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The runtime has posted the current invocation's answer: the context is about to be free again. */
  get answered(): boolean {
    return this.active?.posted !== undefined;
  }

  /** Spawns the runtime. Rejects only when the context could not be set up at all (e.g. no credentials). */
  async start(): Promise<void> {
    const { config } = this;
    await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    const [credentials, version] = await Promise.all([config.credentials(), runtimeVersion(config.runtime, config.region)]);
    const api = await RuntimeApi.listen(
      {
        ready: (telemetryBytes) => this.onRuntimeReady(telemetryBytes),
        response: (payload) => this.onResponse(payload),
        error: (payload, errorType) => this.onError(payload, errorType),
        initError: (payload, errorType) => this.onInitError(payload, errorType),
      },
      (socket, port) => this.isOwnConnection(socket, port),
    );
    this.api = api;
    this.logs.push(platformLine.initStart(version.version, version.arn));
    this.spawnedAt = performance.now();
    let spec;
    try {
      spec = await launchSpec({
        config,
        credentials,
        logStreamName: this.logStreamName,
        runtimeApi: api.address,
        tmpDir: this.tmpDir,
        initializationType: this.options.provisioned ? "provisioned-concurrency" : "on-demand",
      });
    } catch (err) {
      if (!(err instanceof EntrypointError)) throw err;
      this.failInit({ status: "error", errorType: err.errorType, message: err.message });
      await this.destroy();
      return;
    }
    for (const notice of spec.notices) this.logs.push(`[stratus] ${notice}\n`);
    const child = spawn(spec.command, spec.args, {
      cwd: config.codeDir,
      // Next's typings declare NODE_ENV required on every environment; a function's must not carry the server's.
      env: spec.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: spec.telemetry ? ["ignore", "pipe", "pipe", "pipe"] : ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    if (child.pid) this.memory = new MemoryProbe(child.pid);
    this.closed = new Promise((resolve) =>
      child.once("close", () => {
        this.memory?.close();
        resolve();
      }),
    );
    this.logs.readLines(child.stdout!);
    this.logs.readLines(child.stderr!);
    child.stderr!.on("data", (chunk: Buffer) => {
      if (chunk.includes("JavaScript heap out of memory")) this.heapExhausted = true;
    });
    if (spec.telemetry) this.logs.readFrames(child.stdio[3] as Readable);
    child.once("exit", (code, signal) => this.onExit(code, signal));
    child.once("error", (err) => {
      this.logs.push(`[stratus] could not start the runtime: ${err.message}\n`);
      this.onExit(null, null);
    });
    const initTimer = setTimeout(() => {
      this.failInit({ status: "timeout", errorType: "Sandbox.Timedout", message: `Task timed out after ${seconds(this.options.initTimeoutMs)} seconds` });
      void this.destroy();
    }, this.options.initTimeoutMs);
    void this.initialized.then(() => clearTimeout(initTimer));
  }

  private async isOwnConnection(socket: Socket, serverPort: number): Promise<boolean> {
    const pid = this.child?.pid;
    if (!pid || !socket.remotePort) return false;
    return connectionFromGroup(pid, socket.remotePort, serverPort);
  }

  /** Folds the runtime's peak resident memory into Max Memory Used. */
  private sampleMemory(): void {
    this.maxRssKb = Math.max(this.maxRssKb, this.memory?.read()?.hwmKb ?? 0);
  }

  private failInit(failure: InitFailure): void {
    const settle = this.settleInit;
    if (!settle) return;
    this.settleInit = undefined;
    this.sampleMemory();
    const initDurationMs = this.spawnedAt ? (this.initEndedAt ?? performance.now()) - this.spawnedAt : 0;
    this.logs.push(platformLine.initReport(initDurationMs, failure.status, failure.errorType));
    settle({ ok: false, initDurationMs, ...failure });
  }

  // Runtime API events.

  private onRuntimeReady(telemetryBytes: number | undefined): void {
    const settle = this.settleInit;
    if (settle) {
      this.settleInit = undefined;
      this.sampleMemory();
      if (!this.startedForInvoke) {
        this.state = "idle";
        this.freeze();
      }
      settle({ ok: true, initDurationMs: performance.now() - this.spawnedAt });
      return;
    }
    if (this.active?.posted) {
      this.freeze();
      this.active.end({ kind: "completed", telemetryBytes });
    }
  }

  private onResponse(payload: Buffer): void {
    if (this.active) this.posted(this.active, { payload, isError: false });
  }

  private onError(payload: Buffer, errorType: string | undefined): void {
    if (this.active) this.posted(this.active, { payload, isError: true, errorType: errorType ?? documentErrorType(payload) ?? "Unhandled" });
  }

  /**
   * The runtime has answered: an early listener hears it now if the context is within its memory and
   * storage limits (otherwise the invocation fails when it ends). Limits exceeded in the instant between
   * the answer and the runtime's next request are only caught by the final check.
   */
  private posted(active: ActiveInvocation, posted: Posted): void {
    active.posted = posted;
    const listener = active.onResponse;
    if (!listener) return;
    this.sampleMemory();
    if (this.maxRssKb > this.memorySize * 1024) return;
    void diskUsage(this.tmpDir)
      .then((bytes) => {
        if (bytes <= this.config.ephemeralStorageSize * 1024 * 1024 && this.active === active) {
          listener({ payload: posted.payload, ...(posted.isError && { functionError: "Unhandled" as const }) });
        }
      })
      .catch((err: Error) => this.logs.push(`[stratus] could not measure the temporary directory: ${err.message}\n`));
  }

  private onInitError(payload: Buffer, errorType: string | undefined): void {
    const type = errorType ?? documentErrorType(payload) ?? "Runtime.Unknown";
    this.reportedInitError = { status: "error", errorType: type, message: type, payload };
    this.initEndedAt = performance.now();
    this.sampleMemory();
    // A runtime exits after reporting, and what it prints on the way out belongs to the log; one that lingers is killed.
    setTimeout(() => void this.destroy(), EXIT_DRAIN_MS).unref();
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exited) return;
    const detail = exitDetail(code, signal);
    const outOfMemory = this.heapExhausted;
    this.exited = { detail, outOfMemory };
    this.state = "dead";
    this.failInit(this.reportedInitError ?? { status: "error", errorType: outOfMemory ? "Runtime.OutOfMemory" : "Runtime.ExitError", message: detail });
    this.active?.end({ kind: "exit", detail, outOfMemory });
    this.api?.close();
    // Helpers a custom runtime started die with it.
    if (this.child?.pid) killGroup(this.child.pid);
    this.options.onExit(this);
  }

  // Freezing covers the whole process group, so a custom runtime's helpers stop too.

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (!pid || this.exited) return;
    try {
      process.kill(-pid, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
    }
  }

  /**
   * Stops the group once it has been idle for FREEZE_GRACE_MS: a context that gets its next event at once
   * (a busy function) is not stopped and continued for nothing, which costs both sides two signals.
   */
  private freeze(): void {
    if (this.frozen || this.freezing) return;
    this.freezing = setTimeout(() => {
      this.freezing = undefined;
      this.frozen = true;
      this.signalGroup("SIGSTOP");
    }, FREEZE_GRACE_MS);
  }

  private thaw(): void {
    clearTimeout(this.freezing);
    this.freezing = undefined;
    if (!this.frozen) return;
    this.frozen = false;
    this.signalGroup("SIGCONT");
  }

  private kill(): void {
    this.state = "dead";
    clearTimeout(this.freezing);
    const pid = this.child?.pid;
    if (pid && !this.exited) killGroup(pid);
  }

  /** Waits (briefly) for a dead runtime's pipes to deliver their last output. */
  private drained(): Promise<unknown> {
    return Promise.race([this.closed, new Promise((resolve) => setTimeout(resolve, EXIT_DRAIN_MS).unref())]);
  }

  /** Kills the process group and removes the context's directory. */
  async destroy(): Promise<void> {
    this.kill();
    this.api?.close();
    await this.drained();
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Runs one invocation. Never rejects for anything the function did: failures are results, as on Lambda. */
  async invoke(req: InvokeRequest): Promise<InvocationResult> {
    this.state = "busy";
    this.lastUsedAt = Date.now();
    const init = await this.initialized;
    const coldStart = !this.initConsumed && this.startedForInvoke;
    this.initConsumed = true;
    if (!init.ok) {
      await this.drained();
      this.logs.push(platformLine.start(req.requestId, this.config.functionVersion));
      const payload = init.payload ?? errorDocument(init.errorType, `RequestId: ${req.requestId} Error: ${init.message}`);
      const status: ReportFields["status"] = init.status === "timeout" ? { status: "timeout" } : { status: "error", errorType: init.errorType };
      const outcome = { payload, errorType: init.errorType, status, timedOut: init.status === "timeout", outOfMemory: init.errorType === "Runtime.OutOfMemory" };
      return this.report(req, outcome, init.initDurationMs, undefined, true);
    }
    if (this.exited || !this.api?.isWaiting) {
      // The runtime died, or stopped waiting for events, while the context was idle.
      this.kill();
      this.logs.push(platformLine.start(req.requestId, this.config.functionVersion));
      const detail = this.exited?.detail ?? "Runtime exited without providing a reason";
      return this.report(req, this.outcome(req, { kind: "exit", detail, outOfMemory: false }, undefined), 0, undefined, coldStart);
    }
    return this.run(req, coldStart, coldStart ? init.initDurationMs : undefined);
  }

  private async run(req: InvokeRequest, coldStart: boolean, initDurationMs: number | undefined): Promise<InvocationResult> {
    const { config } = this;
    const timeoutMs = config.timeout * 1000;
    this.logs.push(platformLine.start(req.requestId, config.functionVersion));
    let active!: ActiveInvocation;
    const ending = new Promise<Ending>((resolve) => {
      let done = false;
      active = {
        end: (e) => {
          if (done) return;
          done = true;
          resolve(e);
        },
        onResponse: req.onResponse,
      };
    });
    this.active = active;
    const startedAt = performance.now();
    this.thaw();
    this.api!.deliver({
      requestId: req.requestId,
      payload: req.payload.length > 0 ? req.payload : EMPTY_EVENT,
      deadlineMs: Date.now() + timeoutMs,
      invokedFunctionArn: req.invokedFunctionArn,
      traceId: req.traceId ?? traceHeader(),
      clientContext: req.clientContext,
      cognitoIdentity: req.cognitoIdentity,
    });
    const stopWatching = this.watch(active, timeoutMs);
    let end = await ending;
    stopWatching();
    const durationMs = end.kind === "timeout" ? timeoutMs : performance.now() - startedAt;

    if (end.kind === "completed") {
      // The peak since the process started: a spike between two samples still counts, as under a cgroup limit.
      this.sampleMemory();
      if (this.maxRssKb > this.memorySize * 1024) end = { kind: "outOfMemory" };
      else if ((await diskUsage(this.tmpDir)) > config.ephemeralStorageSize * 1024 * 1024) end = { kind: "storage" };
      if (end.kind !== "completed") this.kill();
    }
    // Output written before the runtime's last call to the API is already in the pipes; let it be read
    // (the pipe and the API socket are read independently, so the runtime's byte count says when).
    if (end.kind !== "completed") await this.drained();
    else if (end.telemetryBytes === undefined) await nextTurn();
    else await this.logs.framedReceived(end.telemetryBytes, TELEMETRY_WAIT_MS);
    return this.report(req, this.outcome(req, end, active.posted), durationMs, initDurationMs, coldStart);
  }

  /** Deadline, memory and ephemeral-storage enforcement during an invocation. */
  private watch(active: ActiveInvocation, timeoutMs: number): () => void {
    const pid = this.child!.pid!;
    const limitKb = this.memorySize * 1024;
    const storageLimit = this.config.ephemeralStorageSize * 1024 * 1024;
    const wholeGroup = runtimeFamily(this.config.runtime) === "provided";
    const stop = (ending: Ending) => {
      this.kill();
      active.end(ending);
    };
    const deadline = setTimeout(() => stop({ kind: "timeout" }), timeoutMs);
    let tick = 0;
    const memory = setInterval(() => {
      const own = this.memory?.read();
      if (!own) return;
      let rss = own.rssKb;
      if (wholeGroup && ++tick % GROUP_SAMPLE_EVERY === 0) rss = Math.max(rss, groupRssKb(pid));
      this.maxRssKb = Math.max(this.maxRssKb, rss, own.hwmKb);
      if (this.maxRssKb > limitKb) stop({ kind: "outOfMemory" });
    }, MEMORY_SAMPLE_MS);
    let measuring = false;
    const storage = setInterval(() => {
      if (measuring) return;
      measuring = true;
      diskUsage(this.tmpDir)
        .then((bytes) => {
          if (bytes > storageLimit) stop({ kind: "storage" });
        })
        .catch((err: Error) => this.logs.push(`[stratus] could not measure the temporary directory: ${err.message}\n`))
        .finally(() => (measuring = false));
    }, STORAGE_SAMPLE_MS);
    return () => {
      clearTimeout(deadline);
      clearInterval(memory);
      clearInterval(storage);
    };
  }

  /** The invocation's payload and status from how it ended, with Lambda's error documents and log lines. */
  private outcome(req: InvokeRequest, end: Ending, posted: Posted | undefined): Outcome {
    const id = req.requestId;
    const timeoutMs = this.config.timeout * 1000;
    let failure: { errorType: string; message: string } | undefined;
    if (end.kind === "timeout") {
      this.logs.push(`${new Date().toISOString()} ${id} Task timed out after ${seconds(timeoutMs)} seconds\n`);
      failure = { errorType: "Sandbox.Timedout", message: `Task timed out after ${seconds(timeoutMs)} seconds` };
    } else if (end.kind === "outOfMemory") {
      failure = { errorType: "Runtime.OutOfMemory", message: "Runtime exited with error: signal: killed" };
    } else if (end.kind === "storage") {
      failure = { errorType: "Runtime.ExitError", message: `Runtime exited with error: ephemeral storage limit (${this.config.ephemeralStorageSize} MB) exceeded` };
    } else if (end.kind === "exit") {
      failure = { errorType: end.outOfMemory ? "Runtime.OutOfMemory" : "Runtime.ExitError", message: end.detail };
    }
    if (failure && end.kind !== "timeout") this.logs.push(`RequestId: ${id} Error: ${failure.message}\n${failure.errorType}\n`);
    const status: ReportFields["status"] = !failure ? undefined : end.kind === "timeout" ? { status: "timeout" } : { status: "error", errorType: failure.errorType };
    const flags = { timedOut: end.kind === "timeout", outOfMemory: failure?.errorType === "Runtime.OutOfMemory" };
    // A runtime that reported the invocation and then exited (Node after an uncaught exception) keeps its report.
    if (posted && (end.kind === "completed" || end.kind === "exit")) {
      return { payload: posted.payload, errorType: posted.isError ? posted.errorType : undefined, status, ...flags };
    }
    if (failure) return { payload: errorDocument(failure.errorType, `RequestId: ${id} Error: ${failure.message}`), errorType: failure.errorType, status, ...flags };
    return { payload: Buffer.from("null"), status, ...flags };
  }

  private report(req: InvokeRequest, outcome: Outcome, durationMs: number, initDurationMs: number | undefined, coldStart: boolean): InvocationResult {
    const maxMemoryUsedMB = outcome.outOfMemory ? this.memorySize : Math.min(this.memorySize, Math.max(1, Math.round(this.maxRssKb / 1024)));
    // Since August 2025 Lambda bills the init phase of on-demand contexts too.
    const billedDurationMs = Math.max(1, Math.ceil(durationMs + (initDurationMs ?? 0)));
    this.logs.flushPartialLines();
    this.logs.push(platformLine.end(req.requestId));
    this.logs.push(
      platformLine.report({ requestId: req.requestId, durationMs, billedDurationMs, memorySize: this.memorySize, maxMemoryUsedMB, initDurationMs, status: outcome.status }),
    );
    const logEvents = this.logs.take();
    this.active = undefined;
    this.lastUsedAt = Date.now();
    if (this.state !== "dead") this.state = "idle";
    return {
      requestId: req.requestId,
      payload: outcome.payload,
      ...(outcome.errorType !== undefined ? { functionError: "Unhandled" as const, errorType: outcome.errorType } : {}),
      logStreamName: this.logStreamName,
      logEvents,
      logTail: logTail(logEvents),
      durationMs,
      billedDurationMs,
      ...(initDurationMs !== undefined ? { initDurationMs } : {}),
      maxMemoryUsedMB,
      memorySize: this.memorySize,
      coldStart,
      timedOut: outcome.timedOut,
      outOfMemory: outcome.outOfMemory,
    };
  }
}
