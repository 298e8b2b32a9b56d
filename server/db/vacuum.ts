import type pg from "pg";

/**
 * Vacuuming in place of autovacuum, for Postgres servers that run with it off (as the default server
 * on our machines does). Stratus's message tables churn: each message is inserted, updated on every
 * receive and deleted. Unvacuumed, their dead rows and index entries pile up for good, and the
 * planner keeps statistics of a table that no longer exists. The thresholds are autovacuum's defaults.
 */

/** A pool or any one connection. */
type Queryable = pg.Pool | pg.ClientBase;

/** autovacuum_vacuum_threshold / _scale_factor and autovacuum_analyze_threshold / _scale_factor. */
const VACUUM_THRESHOLD = 50;
const VACUUM_SCALE = 0.2;
const ANALYZE_THRESHOLD = 50;
const ANALYZE_SCALE = 0.1;

export interface Maintained {
  table: string;
  /** VACUUM (ANALYZE), or ANALYZE alone when only statistics were stale. */
  action: "vacuum" | "analyze";
}

export async function autovacuumIsOff(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ on: boolean }>("SELECT current_setting('autovacuum')::boolean AS on");
  return !rows[0]!.on;
}

/** The tables of this database's schema past autovacuum's thresholds, by the statistics collected so far. */
export async function tablesDue(db: Queryable): Promise<Maintained[]> {
  const { rows } = await db.query<{ table: string; vacuum: boolean }>(
    `SELECT relname AS table, n_dead_tup > $1::float8 + $2::float8 * n_live_tup AS vacuum
       FROM pg_stat_user_tables
      WHERE schemaname = current_schema()
        AND (n_dead_tup > $1::float8 + $2::float8 * n_live_tup OR n_mod_since_analyze > $3::float8 + $4::float8 * n_live_tup)
      ORDER BY n_dead_tup DESC`,
    [VACUUM_THRESHOLD, VACUUM_SCALE, ANALYZE_THRESHOLD, ANALYZE_SCALE],
  );
  return rows.map((r) => ({ table: r.table, action: r.vacuum ? "vacuum" : "analyze" }));
}

/** Vacuums or analyzes every table due, one statement each (VACUUM cannot run inside a transaction). */
export async function maintainTables(db: Queryable): Promise<Maintained[]> {
  const due = await tablesDue(db);
  for (const { table, action } of due) {
    const ident = `"${table.replaceAll('"', '""')}"`;
    await db.query(action === "vacuum" ? `VACUUM (ANALYZE) ${ident}` : `ANALYZE ${ident}`);
  }
  return due;
}
