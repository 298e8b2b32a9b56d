/** Child processes for benchmarks: free ports, start/stop with output capture, wait for readiness. */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { sleep } from "./stats";

export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** The last few KB of stdout+stderr, for error messages. */
  output(): string;
  exited(): boolean;
  /** SIGTERM (SIGINT for some servers), then SIGKILL after `graceMs`. Resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

const children = new Set<Child>();

export function startChild(
  name: string,
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; stopSignal?: NodeJS.Signals } = {},
): Child {
  const child = spawn(command, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-8_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let done = false;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", () => {
      done = true;
      resolve();
    });
    child.once("error", (error) => {
      tail += `\nspawn error: ${error.message}`;
      done = true;
      resolve();
    });
  });
  const handle: Child = {
    name,
    pid: child.pid ?? -1,
    process: child,
    output: () => tail,
    exited: () => done,
    async stop(graceMs = 5_000) {
      children.delete(handle);
      if (done) return;
      child.kill(opts.stopSignal ?? "SIGTERM");
      const timer = setTimeout(() => !done && child.kill("SIGKILL"), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
  children.add(handle);
  return handle;
}

/** Stops every child this process started that is still running (used on errors and signals). */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map((c) => c.stop(3_000)));
}

/** Polls `url` until `ready(status)` holds, the child exits, or the timeout passes. */
export async function waitForHttp(url: string, child: Child, timeoutMs: number, ready = (status: number) => status < 500): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exited()) throw new Error(`${child.name} exited before it was ready:\n${child.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (ready(res.status)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${child.name} not ready after ${timeoutMs} ms:\n${child.output()}`);
    await sleep(100);
  }
}

/** Waits until the child's output matches `pattern` (e.g. a "ready" log line), it exits, or the timeout passes. */
export async function waitForOutput(child: Child, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(child.output())) {
    if (child.exited()) throw new Error(`${child.name} exited before it was ready:\n${child.output()}`);
    if (Date.now() > deadline) throw new Error(`${child.name} not ready after ${timeoutMs} ms:\n${child.output()}`);
    await sleep(50);
  }
}
