import assert from "node:assert/strict";
import { once } from "node:events";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, test } from "node:test";
import pg from "pg";
import { withDatabase } from "../../../server/db/connection";
import { StartupError } from "../../../server/cli/errors";
import { freePort } from "../../../server/cli/infra/ports";
import { postgresReachable, startEmbeddedPostgres } from "../../../server/cli/infra/postgres";

const dataDir = mkdtempSync(path.join(tmpdir(), "stratus-pg-"));
// When the tests run as root, Postgres runs as the `postgres` user, which must reach its data directory.
chmodSync(dataDir, 0o755);
after(() => rmSync(dataDir, { recursive: true, force: true }));

test("reachability: the test database answers, so does a missing database on that server, a closed port does not", async () => {
  const url = process.env.DATABASE_URL!;
  assert.equal(await postgresReachable(url), true);
  assert.equal(await postgresReachable(withDatabase(url, "stratus_no_such_database")), true);
  assert.equal(await postgresReachable(`postgresql://postgres@127.0.0.1:${await freePort()}/stratus`), false);
});

test("embedded Postgres starts on a free port with its data under <dataDir>/pg, answers queries, and stops", async () => {
  const port = await freePort();
  const server = await startEmbeddedPostgres(dataDir, port, () => {});
  try {
    assert.equal(server.dataDir, path.join(dataDir, "pg"));
    assert.equal(statSync(path.join(dataDir, "pg-password")).mode & 0o777, 0o600);
    const client = new pg.Client({ connectionString: withDatabase(server.url, "postgres") });
    await client.connect();
    try {
      const { rows } = await client.query<{ answer: number }>("SELECT 41 + 1 AS answer");
      assert.equal(rows[0]?.answer, 42);
    } finally {
      await client.end();
    }
  } finally {
    await server.stop();
  }
  assert.equal(await postgresReachable(server.url), false);
});

test("stopping returns when Postgres already exited on its own (a terminal's Ctrl-C reaches it directly)", async () => {
  const server = await startEmbeddedPostgres(dataDir, await freePort(), () => {});
  const pid = Number(readFileSync(path.join(server.dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  process.kill(pid, "SIGINT");
  while (await postgresReachable(server.url)) await sleep(50);
  await sleep(200); // let the exit be reaped and reported
  await server.stop();
});

test("a Postgres that cannot start is reported with its own reason", async () => {
  const squatter = net.createServer().listen(0, "127.0.0.1");
  await once(squatter, "listening");
  const address = squatter.address();
  assert.ok(address && typeof address === "object");
  try {
    await assert.rejects(startEmbeddedPostgres(dataDir, address.port, () => {}), (e) => e instanceof StartupError && /could not (bind|create)/i.test(e.message));
  } finally {
    squatter.close();
  }
});
