/**
 * The servers under test, shared by every benchmark: the real Stratus gateway and workers (child
 * processes on their own database and Redis DB) and moto_server.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { parseDatabaseUrl } from "../../server/db/connection";
import { type Child, freePort, startChild, waitForHttp, waitForOutput } from "./processes";

/** A server the benchmark clients talk to. */
export interface Target {
  name: "stratus" | "moto";
  label: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  /** PIDs of the server processes, for CPU accounting. */
  serverPids: () => number[];
}

export const BENCH_SECRET_KEY = "bench-secret-key-0123456789abcdef0123456789abcdef";

export interface StratusSetup {
  userId: string;
  email: string;
  databaseUrl: string;
  redisUrl: string;
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Creates and migrates the bench database, then a fresh user, team and access key with the domain
 * functions (as tests/helpers/fixtures.ts does). Must run before anything else in this process
 * touches server/env: it points the process environment at the bench database.
 */
export async function prepareStratus(
  databaseUrl: string,
  redisUrl: string,
  opts: { keepPrisma?: boolean; label?: string } = {},
): Promise<StratusSetup> {
  Object.assign(process.env, { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, STRATUS_SECRET_KEY: BENCH_SECRET_KEY, STRATUS_DATA_DIR: ".stratus/bench" });
  const { ensureDatabase, migrateDeploy } = await import("../../server/db/prepare");
  await ensureDatabase(databaseUrl);
  migrateDeploy(databaseUrl);
  const { prisma } = await import("../../server/db/client");
  const { signUp } = await import("../../server/services/accounts/users");
  const { createTeam } = await import("../../server/services/accounts/teams");
  const { newAccessKeyId, newSecretAccessKey, storeAccessKey } = await import("../../server/services/accounts/access-keys");
  const db = prisma();
  try {
    const tag = randomBytes(6).toString("hex");
    const email = `bench-${tag}@example.test`;
    const { userId } = await signUp(db, { email, name: opts.label ?? "Benchmark", password: `pw-${randomBytes(8).toString("hex")}` });
    const { accountId } = await createTeam(db, userId, `Bench ${tag}`);
    const accessKeyId = newAccessKeyId();
    const secretAccessKey = newSecretAccessKey();
    await storeAccessKey(db, { accountId, userId, accessKeyId, secretAccessKey });
    return { userId, email, databaseUrl, redisUrl, accountId, accessKeyId, secretAccessKey };
  } finally {
    if (!opts.keepPrisma) await db.$disconnect();
  }
}

export interface RunningServer {
  target: Target;
  child: Child;
}

/** The environment of a Stratus process started by a benchmark: the bench database and Redis DB, nothing of ours. */
function stratusEnv(setup: StratusSetup, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    DATABASE_URL: setup.databaseUrl,
    REDIS_URL: setup.redisUrl,
    STRATUS_SECRET_KEY: BENCH_SECRET_KEY,
    STRATUS_DATA_DIR: ".stratus/bench",
    ...extra,
  };
}

interface NodeProcessOptions {
  cpuProfileDir?: string;
  nodeArgs?: string[];
  /** Extra environment variables. */
  env?: Record<string, string>;
}

/** `node --import tsx <script>` with its own environment (and event loop). */
function startNodeProcess(name: string, script: string, env: NodeJS.ProcessEnv, opts: NodeProcessOptions): Child {
  const nodeArgs = [...(opts.nodeArgs ?? [])];
  if (opts.cpuProfileDir) nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${opts.cpuProfileDir}`);
  // SIGINT lets --cpu-prof write its profile through the process's own graceful shutdown.
  return startChild(name, process.execPath, [...nodeArgs, "--import", "tsx", script], { env: { ...env, ...opts.env }, stopSignal: "SIGINT" });
}

/** The gateway (`server/gateway/main.ts`) on a free port. */
export async function startGateway(setup: StratusSetup, opts: NodeProcessOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = stratusEnv(setup, { GATEWAY_HOST: "127.0.0.1", GATEWAY_PORT: String(port), STRATUS_PUBLIC_GATEWAY_URL: endpoint });
  const child = startNodeProcess("stratus gateway", path.join("server", "gateway", "main.ts"), env, opts);
  await waitForHttp(`${endpoint}/_stratus/health`, child, 30_000, (status) => status === 200);
  return {
    child,
    target: {
      name: "stratus",
      label: "Stratus",
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: setup.accessKeyId, secretAccessKey: setup.secretAccessKey },
      serverPids: () => [child.pid],
    },
  };
}

/** A workers process (`workers/main.ts`: outbox relay, jobs, Lambda execution) whose functions reach `gatewayUrl`. */
export async function startWorkers(setup: StratusSetup, gatewayUrl: string, opts: NodeProcessOptions = {}): Promise<Child> {
  const env = stratusEnv(setup, { STRATUS_PUBLIC_GATEWAY_URL: gatewayUrl });
  const child = startNodeProcess("stratus workers", path.join("workers", "main.ts"), env, opts);
  await waitForOutput(child, /workers: running \d+ job type/, 30_000);
  return child;
}

export async function startMoto(): Promise<RunningServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = startChild("moto_server", "moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stopSignal: "SIGINT" });
  // moto answers its dashboard/reset API once up; any HTTP answer means it is listening.
  await waitForHttp(`${endpoint}/moto-api/`, child, 30_000, () => true);
  return {
    child,
    target: {
      name: "moto",
      label: "moto",
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
      serverPids: () => [child.pid],
    },
  };
}

export function pgConfig(databaseUrl: string): pg.ClientConfig {
  return parseDatabaseUrl(databaseUrl);
}

/**
 * VACUUM (FULL, ANALYZE) of the tables a workload churns, so every run starts from compact tables and
 * indexes: with autovacuum off, dead rows would otherwise pile up from run to run, and even a plain
 * VACUUM leaves the table and its indexes as large as the churn made them (seen: Postgres CPU per SQS
 * message 111 µs on a fresh database, 317 µs after a dozen runs with plain VACUUMs between them).
 */
export async function vacuumTables(databaseUrl: string, tables: readonly string[]): Promise<void> {
  const client = new pg.Client(pgConfig(databaseUrl));
  await client.connect();
  try {
    for (const table of tables) await client.query(`VACUUM (FULL, ANALYZE) ${table}`);
  } finally {
    await client.end();
  }
}
