/** Runs pgbench with a custom script and reads its throughput. */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PgConnectionConfig } from "../../server/db/connection";

export interface PgbenchOptions {
  connection: PgConnectionConfig;
  script: string;
  clients: number;
  threads: number;
  seconds: number;
  /** `-D name=value` variables for the script. */
  variables?: Record<string, string>;
  /** simple | extended | prepared */
  protocol?: "simple" | "extended" | "prepared";
  /** Session settings for pgbench's connections (PGOPTIONS), e.g. `-c enable_seqscan=off`. */
  sessionOptions?: string;
}

export interface PgbenchResult {
  tps: number;
  transactions: number;
  latencyAvgMs: number;
  failed: number;
  output: string;
  /** pid of the pgbench process, for CPU accounting while it runs. */
  pid?: number;
}

export async function runPgbench(opts: PgbenchOptions, onStart?: (pid: number) => void): Promise<PgbenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "stratus-pgbench-"));
  const scriptFile = path.join(dir, "script.sql");
  writeFileSync(scriptFile, opts.script);
  const { host, port, user, password, database } = opts.connection;
  const args = [
    "-n", // no vacuum of the pgbench_* tables: the script uses its own
    "-f", scriptFile,
    "-c", String(opts.clients),
    "-j", String(opts.threads),
    "-T", String(opts.seconds),
    "-M", opts.protocol ?? "prepared",
    "-h", host,
    "-p", String(port),
    "-U", user,
    ...Object.entries(opts.variables ?? {}).flatMap(([k, v]) => ["-D", `${k}=${v}`]),
    database,
  ];
  try {
    const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}), ...(opts.sessionOptions ? { PGOPTIONS: opts.sessionOptions } : {}) };
    const child = spawn("pgbench", args, { env, stdio: ["ignore", "pipe", "pipe"] });
    if (child.pid) onStart?.(child.pid);
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (c) => resolve(c ?? 1));
    });
    if (code !== 0) throw new Error(`pgbench exited with ${code}:\n${output}`);
    const num = (re: RegExp) => Number(re.exec(output)?.[1] ?? Number.NaN);
    return {
      tps: num(/tps = ([\d.]+) \(without initial connection time\)/),
      transactions: num(/number of transactions actually processed: (\d+)/),
      latencyAvgMs: num(/latency average = ([\d.]+) ms/),
      failed: num(/number of failed transactions: (\d+)/) || 0,
      output,
      pid: child.pid,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
