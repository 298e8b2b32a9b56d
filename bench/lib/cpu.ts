/**
 * CPU accounting from /proc (Linux): how many CPU-seconds each component (benchmark client, server
 * under test, Postgres, Redis) burns during a measurement window. On a small machine where client,
 * server and database share the cores this says where the time goes.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fmt } from "./stats";

const TICKS_PER_SECOND = 100; // USER_HZ; 100 on every mainstream Linux build

/** utime and stime of one process (all its threads), in seconds; zeros if it is gone. */
export function processCpuTimes(pid: number): { user: number; system: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // after "(comm) ": state=0, ppid=1, … utime=11, stime=12
    return { user: Number(fields[11]) / TICKS_PER_SECOND, system: Number(fields[12]) / TICKS_PER_SECOND };
  } catch {
    return { user: 0, system: 0 };
  }
}

/** utime + stime of one process, in seconds; 0 if it is gone. */
export function processCpuSeconds(pid: number): number {
  const t = processCpuTimes(pid);
  return t.user + t.system;
}

/** PIDs whose command name (/proc/<pid>/comm) satisfies `match`. */
export function pidsByComm(match: (comm: string) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (match(readFileSync(`/proc/${entry}/comm`, "utf8").trim())) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** PIDs of every process descended from `root` (children, their children, …), not `root` itself. */
export function descendantPids(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const found: number[] = [];
  for (let queue = [root]; queue.length > 0; ) {
    const next = children.get(queue.pop()!) ?? [];
    found.push(...next);
    queue = [...queue, ...next];
  }
  return found;
}

/** Total busy and total CPU time of the machine (all cores), in seconds. */
export function machineCpuSeconds(): { busy: number; total: number; steal: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is what this machine's own work used (not idle, iowait or steal).
  const busy = v[0]! + v[1]! + v[2]! + (v[5] ?? 0) + (v[6] ?? 0);
  const total = v.slice(0, 8).reduce((s, x) => s + x, 0);
  return { busy: busy / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND, steal: (v[7] ?? 0) / TICKS_PER_SECOND };
}

export type Components = Record<string, () => number[]>;

/** Postgres (all its backends) and Redis: the stores Stratus runs on, counted in every benchmark's CPU windows. */
export const STORE_COMPONENTS: Components = {
  postgres: () => pidsByComm((c) => c === "postgres"),
  redis: () => pidsByComm((c) => c === "redis-server"),
};

export interface CpuWindow {
  wallSeconds: number;
  /** CPU-seconds per component over the window. */
  seconds: Record<string, number>;
  /** The kernel-mode part of `seconds` (syscalls: sockets, fsync, …). */
  systemSeconds: Record<string, number>;
  /** Machine-wide busy CPU-seconds (includes everything else running). */
  machineBusy: number;
  /** CPU-seconds the hypervisor gave to someone else while this machine wanted to run (noisy neighbours). */
  machineSteal: number;
}

/**
 * Starts a window; `end()` returns the CPU each component used since (`self` is this process).
 * Processes that appear during the window count from their start. Components are re-read every
 * `everyMs`, so processes that exit during the window (pgbench's backends) keep their last reading.
 */
export function cpuWindow(components: Components, everyMs = 500): { end(): CpuWindow } {
  type Reading = { total: number; system: number };
  const read = () => {
    const s = new Map<string, Map<number, Reading>>();
    const own = process.cpuUsage();
    s.set("self", new Map([[process.pid, { total: (own.user + own.system) / 1e6, system: own.system / 1e6 }]]));
    for (const [name, pids] of Object.entries(components)) {
      s.set(
        name,
        new Map(
          pids().map((pid) => {
            const t = processCpuTimes(pid);
            return [pid, { total: t.user + t.system, system: t.system }];
          }),
        ),
      );
    }
    return s;
  };
  const start = read();
  const last = read();
  const merge = () => {
    for (const [name, pids] of read()) {
      const seen = last.get(name) ?? new Map<number, Reading>();
      last.set(name, seen);
      for (const [pid, r] of pids) if (r.total >= (seen.get(pid)?.total ?? 0)) seen.set(pid, r);
    }
  };
  const timer = setInterval(merge, everyMs);
  timer.unref();
  const startMachine = machineCpuSeconds();
  const t0 = performance.now();
  return {
    end() {
      clearInterval(timer);
      merge();
      const stopMachine = machineCpuSeconds();
      const seconds: Record<string, number> = {};
      const systemSeconds: Record<string, number> = {};
      for (const [name, pids] of last) {
        let total = 0;
        let system = 0;
        for (const [pid, r] of pids) {
          const from = start.get(name)?.get(pid);
          total += Math.max(0, r.total - (from?.total ?? 0));
          system += Math.max(0, r.system - (from?.system ?? 0));
        }
        seconds[name] = total;
        systemSeconds[name] = system;
      }
      return { wallSeconds: (performance.now() - t0) / 1000, seconds, systemSeconds, machineBusy: stopMachine.busy - startMachine.busy, machineSteal: stopMachine.steal - startMachine.steal };
    },
  };
}

/**
 * Per component of a window: cores busy, CPU µs per unit of work (message, invoke, …) and the kernel's
 * share; `other` is machine-wide busy time in no component. Components under 1.5% of a core are left out.
 */
export function cpuByComponent(
  cpu: CpuWindow,
  units: number,
  names: Record<string, string>,
): { name: string; cores: number; perUnitUs: number; kernelShare: number }[] {
  const known = Object.values(cpu.seconds).reduce((s, v) => s + v, 0);
  const all: Record<string, number> = { ...cpu.seconds, other: Math.max(0, cpu.machineBusy - known) };
  return Object.entries(all)
    .filter(([, secs]) => secs > 0.015 * cpu.wallSeconds)
    .map(([key, secs]) => ({
      name: names[key] ?? key,
      cores: secs / cpu.wallSeconds,
      perUnitUs: units > 0 ? (secs * 1e6) / units : Number.NaN,
      kernelShare: key in cpu.systemSeconds ? cpu.systemSeconds[key]! / secs : Number.NaN,
    }));
}

/**
 * Markdown table rows for a window: `| [label |] process | cores busy | CPU µs per unit | kernel share |`,
 * then the hypervisor's steal.
 */
export function cpuTableRows(cpu: CpuWindow, units: number, names: Record<string, string>, label?: string): string[] {
  const head = label === undefined ? "|" : `| ${label} |`;
  return [
    ...cpuByComponent(cpu, units, names).map(
      (b) => `${head} ${b.name} | ${fmt(b.cores, 2)} | ${fmt(b.perUnitUs, 0)} | ${Number.isFinite(b.kernelShare) ? `${fmt(100 * b.kernelShare, 0)}%` : "n/a"} |`,
    ),
    `${head} (hypervisor steal) | ${fmt(cpu.machineSteal / cpu.wallSeconds, 2)} | | |`,
  ];
}
