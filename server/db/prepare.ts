import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import pg from "pg";
import { parseDatabaseUrl, withDatabase } from "./connection";

/** Creates the database named in the URL if it is missing (connecting to the server's `postgres` database). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const { database } = parseDatabaseUrl(databaseUrl);
  const admin = new pg.Client(parseDatabaseUrl(withDatabase(databaseUrl, "postgres")));
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}

/** The installed Prisma CLI, run with this Node (no `npx`, which could reach for the registry). */
const PRISMA_CLI = createRequire(import.meta.url).resolve("prisma/build/index.js");

/** Applies committed migrations with `prisma migrate deploy`. */
export function migrateDeploy(databaseUrl: string): void {
  const result = spawnSync(process.execPath, [PRISMA_CLI, "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  }
}
