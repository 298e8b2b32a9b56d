import pg from "pg";
import { env } from "../env";
import { parseDatabaseUrl } from "./connection";

/**
 * Session settings of hot-path connections. Their statements are written for their indexes, but
 * queue-like tables churn, and ANALYZE may catch one nearly empty. The planner then picks sequential
 * scans, or bitmap scans of a whole queue joined by hash (seen for DeleteMessageBatch's statement),
 * and caches them as generic plans. Both slow down with every dead row until the next vacuum: a bitmap
 * heap scan, unlike a plain index scan, never marks the index entries of dead rows as dead. (The SQS
 * benchmark's pgbench ceiling runs with the same settings; without them its DELETE took that plan in
 * some runs and fell from about 1,800 to 750 cycles/s within eight seconds.)
 */
export const HOT_PATH_PG_OPTIONS = "-c enable_seqscan=off -c enable_bitmapscan=off";

/**
 * A plain pg pool for hot paths (message send/receive/delete) where one hand-written statement
 * beats an ORM round trip. Everything else goes through Prisma.
 */
export function createPgPool(databaseUrl: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ ...parseDatabaseUrl(databaseUrl), max, options: HOT_PATH_PG_OPTIONS });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error("postgres pool: idle client error:", error.message));
  return pool;
}

/** Either the pool (autocommit) or a client inside a transaction. */
export type Queryable = pg.Pool | pg.PoolClient;

const globalForPool = globalThis as unknown as { stratusPgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  globalForPool.stratusPgPool ??= createPgPool(env().DATABASE_URL);
  return globalForPool.stratusPgPool;
}

/** Runs `fn` in a transaction on one pooled client. */
export async function withTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>, pool: pg.Pool = pgPool()): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
