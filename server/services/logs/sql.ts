/**
 * The one thing the event-store functions need from a database connection: a pg `Pool` or `PoolClient`
 * (a transaction's client) satisfies it, so callers on the raw-pg hot path can pass their own.
 */
export interface SqlClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a statement whose result rows have a known shape. `name` makes it a prepared statement on each
 * connection (parsed and planned once): for hot statements with a fixed text.
 */
export async function queryRows<R>(db: SqlClient, text: string, values: unknown[], name?: string): Promise<R[]> {
  const { rows } = await db.query({ name, text, values });
  return rows as R[];
}
