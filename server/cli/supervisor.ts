import { describeExit, onOutputLines, spawnGroup, stopGroup, type GroupProcess, type OutputStream } from "./process-group";

export interface ChildSpec {
  /** Output prefix and log name: web, gateway, workers. */
  name: string;
  command: string;
  args: string[];
  /** Defaults to this process's environment. */
  env?: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  /** Receives every line, already prefixed with `[name]`; defaults to this process's stdout/stderr. */
  output?: (line: string, stream: OutputStream) => void;
  /** Delay before the first restart, doubled for each consecutive crash up to `maxRestartDelayMs`. */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
  /** How long a child may take to exit after the stop signal before it is killed. */
  stopTimeoutMs?: number;
}

/** A child that stayed up this long crashed for a new reason: its backoff starts over. */
const STABLE_AFTER_MS = 60_000;

interface Slot {
  spec: ChildSpec;
  running?: GroupProcess;
  consecutiveCrashes: number;
  restartTimer?: NodeJS.Timeout;
}

function writeToConsole(line: string, stream: OutputStream): void {
  (stream === "stdout" ? process.stdout : process.stderr).write(`${line}\n`);
}

/** Runs the children, restarting any that exit with exponential backoff, until stop(). */
export class Supervisor {
  private readonly slots: Slot[];
  private readonly output: (line: string, stream: OutputStream) => void;
  private readonly restartDelayMs: number;
  private readonly maxRestartDelayMs: number;
  private readonly stopTimeoutMs: number;
  private stopping = false;

  constructor(specs: ChildSpec[], options: SupervisorOptions = {}) {
    this.slots = specs.map((spec) => ({ spec, consecutiveCrashes: 0 }));
    this.output = options.output ?? writeToConsole;
    this.restartDelayMs = options.restartDelayMs ?? 1_000;
    this.maxRestartDelayMs = options.maxRestartDelayMs ?? 30_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 15_000;
  }

  start(): void {
    for (const slot of this.slots) this.launch(slot);
  }

  /** Sends `signal` to every child, waits for them (killing stragglers after the timeout) and cancels pending restarts. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        clearTimeout(slot.restartTimer);
        if (!slot.running) return;
        const exit = await stopGroup(slot.running, signal, this.stopTimeoutMs);
        this.output(`[${slot.spec.name}] ${describeExit(exit)}`, "stderr");
      }),
    );
  }

  private launch(slot: Slot): void {
    const { name, command, args, env } = slot.spec;
    const proc = spawnGroup(command, args, env);
    const startedAt = Date.now();
    slot.running = proc;
    onOutputLines(proc.child, (line, stream) => this.output(`[${name}] ${line}`, stream));
    void proc.exit.then((exit) => {
      if (this.stopping) return; // stop() reports the exit
      slot.running = undefined;
      if (Date.now() - startedAt >= STABLE_AFTER_MS) slot.consecutiveCrashes = 0;
      const delay = Math.min(this.restartDelayMs * 2 ** slot.consecutiveCrashes, this.maxRestartDelayMs);
      slot.consecutiveCrashes += 1;
      this.output(`[${name}] ${describeExit(exit)}; restarting in ${delay / 1000}s`, "stderr");
      slot.restartTimer = setTimeout(() => this.launch(slot), delay);
    });
  }
}
