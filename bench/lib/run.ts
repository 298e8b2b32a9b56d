/**
 * What every benchmark's main does before and after its workloads: log the load, prepare Stratus on
 * the bench database with a fresh team and describe the machine; at the end, note the load and the time
 * the run took, for the report.
 */
import { randomBytes } from "node:crypto";
import { BENCH_DATABASE_URL, BENCH_REDIS_URL } from "./cli";
import { loadAverage, machineInfo, type MachineInfo } from "./machine";
import { pgConfig, prepareStratus, type StratusSetup } from "./servers";
import { fmt } from "./stats";

export interface BenchRun {
  /** Goes into the names of the topics and queues a run creates, so runs never share them. */
  runId: string;
  setup: StratusSetup;
  machine: MachineInfo;
  /** The load now and the seconds since the run started. */
  end(): { loadAtEnd: [number, number, number]; elapsedSeconds: number };
}

export async function startRun(label: string, log: (message: string) => void): Promise<BenchRun> {
  const started = performance.now();
  // Read before preparing: the migrations this run itself does would otherwise count as other work.
  const load = loadAverage();
  log(`load average ${load.map((l) => fmt(l, 2)).join(" ")}; preparing ${BENCH_DATABASE_URL}`);
  const setup = await prepareStratus(BENCH_DATABASE_URL, BENCH_REDIS_URL, { label });
  const machine = { ...(await machineInfo(pgConfig(BENCH_DATABASE_URL))), load };
  return {
    runId: `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`,
    setup,
    machine,
    end: () => ({ loadAtEnd: loadAverage(), elapsedSeconds: (performance.now() - started) / 1000 }),
  };
}
