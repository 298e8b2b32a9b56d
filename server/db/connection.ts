/** Connection settings shared by the runtime client, migrations and raw pg pools. */
export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/stratus";

export interface PgConnectionConfig {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}

export function parseDatabaseUrl(url: string = DEFAULT_DATABASE_URL): PgConnectionConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || "127.0.0.1",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || "postgres",
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
  };
}

/** The same URL pointed at another database on the same server (e.g. `postgres` for CREATE DATABASE). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
