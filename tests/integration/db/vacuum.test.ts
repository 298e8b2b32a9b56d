import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { parseDatabaseUrl } from "../../../server/db/connection";
import { autovacuumIsOff, maintainTables, tablesDue } from "../../../server/db/vacuum";
import { env } from "../../../server/env";

// Scratch tables of this run; the statistics they are judged by are this connection's, flushed on demand.
const tag = randomBytes(4).toString("hex");
const churned = `vacuum_probe_churned_${tag}`;
const grown = `vacuum_probe_grown_${tag}`;
const quiet = `vacuum_probe_quiet_${tag}`;
const client = new pg.Client(parseDatabaseUrl(env().DATABASE_URL));

async function fill(table: string, rows: number): Promise<void> {
  await client.query(`CREATE TABLE ${table} (id int PRIMARY KEY, body text NOT NULL)`);
  await client.query(`INSERT INTO ${table} SELECT g, repeat('x', 100) FROM generate_series(1, $1) g`, [rows]);
}

async function stats(table: string) {
  await client.query("SELECT pg_stat_force_next_flush()");
  await client.query("SELECT pg_stat_clear_snapshot()");
  const { rows } = await client.query<{ dead: number; vacuumed: boolean; analyzed: boolean }>(
    `SELECT n_dead_tup::int AS dead, last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analyzed
       FROM pg_stat_user_tables WHERE relname = $1`,
    [table],
  );
  return rows[0]!;
}

before(async () => {
  await client.connect();
  await fill(churned, 500);
  await client.query(`DELETE FROM ${churned} WHERE id > 100`); // 400 dead rows against 100 live
  await fill(grown, 200); // inserted only: statistics stale, nothing to vacuum
  await fill(quiet, 20); // below every threshold
  await client.query("SELECT pg_stat_force_next_flush()");
});

after(async () => {
  for (const table of [churned, grown, quiet]) await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.end();
});

describe("vacuuming in place of autovacuum", () => {
  it("reads the server's autovacuum setting", async () => {
    const { rows } = await client.query<{ autovacuum: string }>("SHOW autovacuum");
    assert.equal(await autovacuumIsOff(client), rows[0]!.autovacuum === "off");
  });

  it("finds the tables past autovacuum's thresholds: vacuum for dead rows, analyze for changed ones", async () => {
    const due = await tablesDue(client);
    assert.deepEqual(due.find((d) => d.table === churned), { table: churned, action: "vacuum" });
    assert.deepEqual(due.find((d) => d.table === grown), { table: grown, action: "analyze" });
    assert.equal(due.find((d) => d.table === quiet), undefined);
  });

  it("vacuums and analyzes them, after which they are no longer due", async () => {
    const done = await maintainTables(client);
    assert.ok(done.some((d) => d.table === churned && d.action === "vacuum"));
    assert.ok(done.some((d) => d.table === grown && d.action === "analyze"));

    assert.deepEqual(await stats(churned), { dead: 0, vacuumed: true, analyzed: true });
    assert.deepEqual(await stats(grown), { dead: 0, vacuumed: false, analyzed: true });
    assert.deepEqual(await stats(quiet), { dead: 0, vacuumed: false, analyzed: false });
    const stillDue = new Set((await tablesDue(client)).map((d) => d.table));
    assert.ok(!stillDue.has(churned) && !stillDue.has(grown));
  });
});
