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
import { coalesced } from "../../server/lib/coalesced";
import { setProvisionedConcurrencyStatus } from "../../server/services/lambda/concurrency";
import type { Logger } from "../../server/outbox/log";
import type { LambdaExecutor } from "./executor";
import { Leases } from "./leases";
import type { ExecutionPool } from "./pool";
import type { FunctionRuntimeConfig } from "./types";

const LEASE_PREFIX = "stratus:lambda:provisioned";
const LEASE_MS = 15_000;
const DEFAULT_REFRESH_MS = 2_000;

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
  stop(): Promise<void>;
}

export function startProvisionedConcurrency(deps: ProvisionedConcurrencyDeps): ProvisionedConcurrency {
  const { db, sql, executor, pool, logger } = deps;
  const leases = new Leases(deps.redis, LEASE_MS);
  /** What this process provisions, by lease key; mirrors the pool's contexts, not a store. */
  const hosted = new Map<string, FunctionRuntimeConfig>();

  async function unhost(id: string): Promise<void> {
    const runtime = hosted.get(id);
    hosted.delete(id);
    await leases.release([id]);
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
    const byLease = new Map(rows.map((row) => [`${LEASE_PREFIX}:${row.function_id}:${row.qualifier}`, row]));
    const held = await leases.hold([...byLease.keys()]);
    for (const [id, row] of byLease) {
      if (!held.has(id)) {
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
    for (const id of hosted.keys()) if (!byLease.has(id)) await unhost(id);
  }

  const passes = coalesced(pass, (err: unknown) => logger.error("provisioned concurrency:", err));
  const timer = setInterval(passes.wake, deps.refreshMs ?? DEFAULT_REFRESH_MS);
  timer.unref();
  passes.wake();

  return {
    async stop() {
      clearInterval(timer);
      await passes.stop();
      await leases.release([...hosted.keys()]);
      hosted.clear();
    },
  };
}
