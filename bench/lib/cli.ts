/** What every benchmark's command line shares: the bench database and Redis, options, logging, a bounded run. */
import type { MachineInfo } from "./machine";
import { stopAllChildren } from "./processes";
import { fmt } from "./stats";

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/stratus_bench";
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/3";
export const BENCH_ENV_HELP = "Env: BENCH_DATABASE_URL (postgresql://postgres@127.0.0.1:5432/stratus_bench), BENCH_REDIS_URL (redis://127.0.0.1:6379/3)";

/** A non-negative number option from parseArgs' string values. */
export function numberOption(args: Record<string, unknown>, name: string): number {
  const v = Number(args[name]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a non-negative number`);
  return v;
}

/** An error as one line for a log or a report: `Name: message`. */
export const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

export const benchLog = (bench: string) => (message: string) => console.log(`[${bench} ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** The command as run, for the README (`npm run bench:x -- --flags`). */
export const commandLine = (bench: string) => `npm run ${bench}${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;

/**
 * Runs `main` and exits: 0 when done, 1 on an error or past `timeLimitMs` (anything stuck is a failure,
 * not a hang), 130 on SIGINT/SIGTERM. Child processes are stopped in every case.
 */
export function runBench(bench: string, main: () => Promise<void>, timeLimitMs: number): void {
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      interrupted = true;
      console.error(`${signal}: stopping the servers`);
      void stopAllChildren().finally(() => process.exit(130));
    });
  }
  const watchdog = setTimeout(() => {
    console.error(`${bench}: time limit exceeded; stopping`);
    void stopAllChildren().finally(() => process.exit(1));
  }, timeLimitMs).unref();
  main()
    .then(() => {
      clearTimeout(watchdog);
      process.exit(interrupted ? 130 : 0);
    })
    .catch(async (error: unknown) => {
      console.error(`${bench} failed:`, error);
      await stopAllChildren();
      process.exit(1);
    });
}

/** The README lines saying what a run was measured on, when, under which load and with which command. */
export function measuredOn(m: MachineInfo, run: { loadAtEnd: readonly number[]; elapsedSeconds: number; command: string; options: Record<string, number | string> }): string[] {
  const loads = (l: readonly number[]) => l.map((v) => fmt(v, 2)).join(" / ");
  return [
    `Measured ${m.date} on ${m.cores} cores (\`nproc\`), ${fmt(m.memoryGiB, 1)} GiB RAM, ${m.cpuModel}; Node ${m.node}, PostgreSQL ${m.postgres} ` +
      `(${Object.entries(m.postgresSettings).map(([k, v]) => `${k} ${v}`).join(", ")}).`,
    `Load average ${loads(m.load)} (1/5/15 min) when the run started, ${loads(run.loadAtEnd)} when it ended; the run took ${fmt(run.elapsedSeconds, 0)} s.`,
    `Command: \`${run.command}\` (${Object.entries(run.options).map(([k, v]) => `${k} ${v}`).join(", ")}).`,
  ];
}

/** A 1-minute load average above this before a benchmark starts means someone else is using the machine. */
export const BUSY_LOAD = 0.5;

export const startedBusy = (m: MachineInfo) => m.load[0] >= BUSY_LOAD;

export const BUSY_CONSOLE_NOTE = "NOTE: other work was running on the machine when the run started: figures are noisy and run high.";

/** The README paragraph for a run that started while other work was using the machine. */
export function busyNote(m: MachineInfo): string {
  return (
    `**Measured with other load on the machine** (load average ${fmt(m.load[0], 2)} before the benchmark started its own processes): ` +
    `other work competed for the ${m.cores} cores, so these figures are noisy and run high. To be re-run on a quiet machine.`
  );
}
