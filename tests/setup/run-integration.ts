// Prepares the test database, then runs every integration test file with Node's test runner.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import "./env";
import { ensureDatabase, migrateDeploy } from "../../server/db/prepare";

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return findTests(full);
    return name.endsWith(".test.ts") ? [full] : [];
  });
}

const databaseUrl = process.env.DATABASE_URL!;
await ensureDatabase(databaseUrl);
migrateDeploy(databaseUrl);

const requested = process.argv.slice(2);
const files = requested.length > 0 ? requested : findTests("tests/integration").sort();
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--import", "./tests/setup/env.ts", "--test", "--test-concurrency=2", "--test-force-exit", ...files],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
