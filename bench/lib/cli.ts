/** What every benchmark's command line shares: the bench database and Redis, options, logging, a bounded run. */
import { stopAllChildren } from "./processes";

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

/** A catch handler for a workload's clean-up: something left behind on a server is worth a warning, not a failed run. */
export const warnNotDeleted = (what: string) => (e: unknown) => console.warn(`  (could not delete ${what}: ${errorText(e)})`);

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
