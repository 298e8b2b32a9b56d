/** The two servers under test: the real Stratus gateway (child process, own database) and moto_server. */
import { randomBytes } from "node:crypto";
import path from "node:path";
import type pg from "pg";
import { parseDatabaseUrl } from "../../server/db/connection";
import { type Child, freePort, startChild, waitForHttp } from "../lib/processes";
import type { Target } from "./client";

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
export async function prepareStratus(databaseUrl: string, redisUrl: string, opts: { keepPrisma?: boolean } = {}): Promise<StratusSetup> {
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
    const { userId } = await signUp(db, { email, name: "SQS benchmark", password: `pw-${randomBytes(8).toString("hex")}` });
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

/** `node --import tsx server/gateway/main.ts` with its own environment (and event loop). */
export async function startGateway(setup: StratusSetup, opts: { cpuProfileDir?: string; nodeArgs?: string[] } = {}): Promise<RunningServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const nodeArgs = [...(opts.nodeArgs ?? [])];
  if (opts.cpuProfileDir) nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${opts.cpuProfileDir}`);
  const child = startChild("stratus gateway", process.execPath, [...nodeArgs, "--import", "tsx", path.join("server", "gateway", "main.ts")], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      DATABASE_URL: setup.databaseUrl,
      REDIS_URL: setup.redisUrl,
      STRATUS_SECRET_KEY: BENCH_SECRET_KEY,
      STRATUS_DATA_DIR: ".stratus/bench",
      GATEWAY_HOST: "127.0.0.1",
      GATEWAY_PORT: String(port),
      STRATUS_PUBLIC_GATEWAY_URL: endpoint,
    },
    // SIGINT lets --cpu-prof write its profile through the gateway's own graceful shutdown.
    stopSignal: "SIGINT",
  });
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
