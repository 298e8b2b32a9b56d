import { mkdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { errorCode, StartupError } from "../errors";
import { describeExit, onOutputLines, spawnGroup, stopGroup, type Exit } from "../process-group";
import { redactUrl, type BackingService } from "./backing-service";
import { preferredPort } from "./ports";

const READY_TIMEOUT_MS = 10_000;

/** Whether a Redis answers PING at the URL (with its credentials and database). */
export async function redisReachable(url: string, timeoutMs = 1_000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on("error", () => {}); // the failure surfaces through connect()/ping()
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Runs `redis-server` from PATH on a loopback port with AOF persistence under `<dataDir>/redis`.
 * Its warnings go to `log` once it is up; its earlier output only shows if it fails to start.
 */
export async function startRedisServer(
  dataDir: string,
  port: number,
  log: (line: string) => void = (line) => console.log(`[redis] ${line}`),
): Promise<Required<BackingService>> {
  const dir = path.resolve(dataDir, "redis");
  mkdirSync(dir, { recursive: true });
  const proc = spawnGroup("redis-server", [
    "--port", String(port),
    "--bind", "127.0.0.1",
    "--dir", dir,
    "--appendonly", "yes",
    "--daemonize", "no",
    "--loglevel", "warning",
  ]);
  const startupOutput: string[] = [];
  let ready = false;
  onOutputLines(proc.child, (line) => (ready ? log(line) : startupOutput.push(line)));
  let exit: Exit | undefined;
  void proc.exit.then((e) => (exit = e));

  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await redisReachable(url, 500))) {
    if (exit?.error && errorCode(exit.error) === "ENOENT") {
      throw new StartupError(
        "No Redis is reachable and redis-server is not on PATH: install it (`redis-server` on Debian/Ubuntu, `redis` on Homebrew) or set REDIS_URL to a running Redis.",
      );
    }
    if (exit) throw new StartupError(`redis-server ${describeExit(exit)}:\n${startupOutput.join("\n")}`);
    if (Date.now() > deadline) {
      await stopGroup(proc, "SIGKILL", 0);
      throw new StartupError(`redis-server did not answer on port ${port} within ${READY_TIMEOUT_MS / 1000}s`);
    }
    await sleep(100);
  }
  ready = true;
  return {
    url,
    dataDir: dir,
    stop: async () => {
      await stopGroup(proc, "SIGTERM", 10_000); // SIGTERM makes Redis flush the AOF before exiting
    },
  };
}

/**
 * The Redis to use: REDIS_URL when set (it must answer), else the default URL when something answers
 * there, else a `redis-server` started here — on the default port, or a free one if that is taken.
 */
export async function ensureRedis(options: { url: string; explicit: boolean; dataDir: string }): Promise<BackingService> {
  if (await redisReachable(options.url)) return { url: options.url };
  if (options.explicit) throw new StartupError(`Redis is not reachable at REDIS_URL=${redactUrl(options.url)}`);
  const port = await preferredPort(Number(new URL(options.url).port) || 6379);
  return startRedisServer(options.dataDir, port);
}
