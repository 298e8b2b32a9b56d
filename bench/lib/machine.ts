/** What the figures were measured on. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";

export interface MachineInfo {
  date: string;
  cores: number;
  memoryGiB: number;
  cpuModel: string;
  node: string;
  postgres: string;
  /** Postgres settings that move these figures (autovacuum, fsync, synchronous_commit, shared_buffers). */
  postgresSettings: Record<string, string>;
  load: [number, number, number];
}

export function loadAverage(): [number, number, number] {
  const [a, b, c] = os.loadavg();
  return [a!, b!, c!];
}

export async function machineInfo(pgConfig: pg.ClientConfig): Promise<MachineInfo> {
  const meminfo = readFileSync("/proc/meminfo", "utf8");
  const memKb = Number(/MemTotal:\s+(\d+)/.exec(meminfo)?.[1] ?? 0);
  const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? "unknown";
  const client = new pg.Client(pgConfig);
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
  const settings = await client.query<{ name: string; setting: string; unit: string | null }>(
    "SELECT name, setting, unit FROM pg_settings WHERE name IN ('autovacuum', 'fsync', 'synchronous_commit', 'shared_buffers') ORDER BY name",
  );
  await client.end();
  return {
    date: execFileSync("date", ["-u"], { encoding: "utf8" }).trim(),
    cores: Number(execFileSync("nproc", { encoding: "utf8" }).trim()),
    memoryGiB: Math.round((memKb / 1024 / 1024) * 10) / 10,
    cpuModel,
    node: process.version,
    postgres: rows[0]!.server_version,
    postgresSettings: Object.fromEntries(
      settings.rows.map((r) => [r.name, r.unit === "8kB" ? `${(Number(r.setting) * 8) / 1024} MB` : r.setting]),
    ),
    load: loadAverage(),
  };
}
