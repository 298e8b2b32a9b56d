import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import { errorCode } from "./errors";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be spawned (e.g. ENOENT). */
  error?: Error;
}

export interface GroupProcess {
  child: ChildProcess;
  /** Resolves once the process exited and its output is drained (also when it could not be spawned). */
  exit: Promise<Exit>;
}

export type OutputStream = "stdout" | "stderr";

/**
 * Spawns a process as the leader of its own process group, with piped output. Being detached
 * keeps a terminal's Ctrl-C from reaching it directly, so the CLI decides the shutdown order.
 */
export function spawnGroup(command: string, args: string[], env?: NodeJS.ProcessEnv): GroupProcess {
  const child = spawn(command, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let error: Error | undefined;
  child.once("error", (e) => (error = e));
  // Being detached, the group would outlive a CLI that dies without stopping it.
  const stopWithUs = () => signalGroup(child, "SIGTERM");
  process.once("exit", stopWithUs);
  // Members left behind by a leader that died (e.g. next's own workers) would hold the pipes open and delay 'close'.
  child.once("exit", () => signalGroup(child, "SIGKILL"));
  const exit = new Promise<Exit>((resolve) =>
    child.once("close", (code, signal) => {
      process.removeListener("exit", stopWithUs);
      resolve({ code, signal, error });
    }),
  );
  return { child, exit };
}

export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    if (errorCode(error) !== "ESRCH") throw error;
  }
}

/** Signals the group and waits for the exit, escalating to SIGKILL after `timeoutMs`. */
export async function stopGroup(proc: GroupProcess, signal: NodeJS.Signals, timeoutMs: number): Promise<Exit> {
  signalGroup(proc.child, signal);
  const escalate = setTimeout(() => signalGroup(proc.child, "SIGKILL"), timeoutMs);
  try {
    return await proc.exit;
  } finally {
    clearTimeout(escalate);
  }
}

/** Calls `write` with each line the process prints. */
export function onOutputLines(child: ChildProcess, write: (line: string, stream: OutputStream) => void): void {
  for (const stream of ["stdout", "stderr"] as const) {
    const input = child[stream];
    if (input) readline.createInterface({ input, crlfDelay: Infinity }).on("line", (line) => write(line, stream));
  }
}

export function describeExit({ code, signal, error }: Exit): string {
  if (error) return `could not start (${error.message})`;
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}
