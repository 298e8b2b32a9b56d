/**
 * Provisioned concurrency: keeps each PutProvisionedConcurrencyConfig's contexts initialised and
 * reports them Ready. One workers process hosts a config at a time (a Redis lease it renews, so a
 * dead process's configs move to another within LEASE_MS); invocations that process runs use them.
 * The config rows in Postgres are the record, so a restart or a lost Redis rebuilds everything.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { PrismaClient } from "../../server/db/client";
import type { Queryable } from "../../server/db/pool";
import { setProvisionedConcurrencyStatus } from "../../server/services/lambda/concurrency";
import type { Logger } from "../../server/outbox/log";
import type { LambdaExecutor } from "./executor";
import type { ExecutionPool } from "./pool";
import type { FunctionRuntimeConfig } from "./types";

const LEASE_PREFIX = "stratus:lambda:provisioned";
const LEASE_MS = 15_000;
const DEFAULT_REFRESH_MS = 2_000;

/** KEYS: lease. ARGV: holder, ttl ms. Takes a free lease or renews our own; 1 when we hold it. */
const CLAIM = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

/** KEYS: lease. ARGV: holder. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

interface ConfigRow {
  function_id: string;
  qualifier: string;
  requested: number;
  allocated: number;
  status: string;
  account_id: string;
  region: string;
  name: string;
}


export interface ProvisionedConcurrencyDeps {
  db: PrismaClient;
  sql: Queryable;
  redis: Redis;
  executor: LambdaExecutor;
  pool: ExecutionPool;
  logger: Logger;
  /** Only these accounts' configs (see StartWorkersOptions.accountIds); default every account. */
  accountIds?: readonly string[];
  refreshMs?: number;
}

export interface ProvisionedConcurrency {
  /** One pass now (tests and startup); the timer runs them too. */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

export function startProvisionedConcurrency(deps: ProvisionedConcurrencyDeps): ProvisionedConcurrency {
  const { db, sql, redis, executor, pool, logger } = deps;
  const holder = randomUUID();
  /** What this process provisions, by config id; mirrors the pool's contexts, not a store. */
  const hosted = new Map<string, FunctionRuntimeConfig>();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const leaseKey = (id: string) => `${LEASE_PREFIX}:${id}`;

  async function unhost(id: string): Promise<void> {
    const runtime = hosted.get(id);
    hosted.delete(id);
    await redis.eval(RELEASE, 1, leaseKey(id), holder);
    // Surplus contexts become on-demand ones and expire when idle.
    if (runtime) await pool.provision(runtime, 0);
  }

  async function host(id: string, row: ConfigRow): Promise<void> {
    const resolved = await executor.resolve({
      requestId: randomUUID(),
      caller: { accountId: row.account_id, arn: `arn:aws:iam::${row.account_id}:root`, userId: row.account_id, role: "owner" },
      region: row.region,
      functionName: row.name,
      qualifier: row.qualifier,
    });
    const runtime = await executor.runtimeConfig(resolved, resolved.config);
    const previous = hosted.get(id);
    // An alias moved to another version: its old version's contexts are no longer provisioned.
    if (previous && previous.contextKey !== runtime.contextKey) await pool.provision(previous, 0);
    hosted.set(id, runtime);
    await pool.provision(runtime, row.requested);
    if (row.status !== "READY" || row.allocated !== row.requested) {
      await setProvisionedConcurrencyStatus(db, row.function_id, row.qualifier, { allocated: row.requested, available: row.requested, status: "READY" });
    }
  }

  async function pass(): Promise<void> {
    const { rows } = await sql.query<ConfigRow>({
      name: "lambda-provisioned-configs",
      // A FAILED config waits for the user to put it again (which resets it to IN_PROGRESS).
      text: `SELECT pc.function_id, pc.qualifier, pc.requested, pc.allocated, pc.status, f.account_id, f.region, f.name
               FROM lambda_provisioned_concurrency pc JOIN lambda_functions f ON f.id = pc.function_id
              WHERE pc.status <> 'FAILED' AND ($1::text[] IS NULL OR f.account_id = ANY($1))`,
      values: [deps.accountIds ?? null],
    });
    const wanted = new Set<string>();
    for (const row of rows) {
      const id = `${row.function_id}:${row.qualifier}`;
      wanted.add(id);
      const claimed = (await redis.eval(CLAIM, 1, leaseKey(id), holder, LEASE_MS)) === 1;
      if (!claimed) {
        if (hosted.has(id)) await unhost(id);
        continue;
      }
      try {
        await host(id, row);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        logger.warn(`provisioned concurrency for ${row.name}:${row.qualifier} failed:`, reason);
        await unhost(id);
        await setProvisionedConcurrencyStatus(db, row.function_id, row.qualifier, { allocated: 0, available: 0, status: "FAILED", statusReason: reason.slice(0, 1024) });
      }
    }
    for (const id of hosted.keys()) if (!wanted.has(id)) await unhost(id);
  }

  const refresh = () => {
    running = running.then(pass).catch((err: unknown) => logger.error("provisioned concurrency:", err));
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void refresh();
  }, deps.refreshMs ?? DEFAULT_REFRESH_MS);
  timer.unref();
  void refresh();

  return {
    refresh,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await Promise.all([...hosted.keys()].map((id) => redis.eval(RELEASE, 1, leaseKey(id), holder)));
      hosted.clear();
    },
  };
}
