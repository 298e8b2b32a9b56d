/**
 * The one thing the event-store functions need from a database connection: a pg `Pool` or `PoolClient`
 * (a transaction's client) satisfies it, so callers on the raw-pg hot path can pass their own.
 */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** Runs a statement whose result rows have a known shape. */
export async function queryRows<R>(db: SqlClient, text: string, values: unknown[]): Promise<R[]> {
  const { rows } = await db.query(text, values);
  return rows as R[];
}
