import assert from "node:assert/strict";
import { existsSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { Redis } from "ioredis";
import { freePort } from "../../../server/cli/infra/ports";
import { redisReachable, startRedisServer } from "../../../server/cli/infra/redis";

const dataDir = mkdtempSync(path.join(tmpdir(), "stratus-redis-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

test("reachability: the test Redis answers, a closed port does not", async () => {
  assert.equal(await redisReachable(process.env.REDIS_URL!), true);
  assert.equal(await redisReachable(`redis://127.0.0.1:${await freePort()}`), false);
});

test("starts redis-server on a free port with AOF under <dataDir>/redis, and stops it", async () => {
  const port = await freePort();
  const redis = await startRedisServer(dataDir, port, () => {});
  assert.equal(redis.url, `redis://127.0.0.1:${port}`);
  assert.equal(redis.dataDir, path.join(dataDir, "redis"));
  const client = new Redis(redis.url);
  try {
    assert.deepEqual(await client.config("GET", "appendonly"), ["appendonly", "yes"]);
    assert.deepEqual(await client.config("GET", "dir"), ["dir", realpathSync(redis.dataDir)]);
    await client.set("k", "v");
  } finally {
    client.disconnect();
  }
  await redis.stop();
  assert.equal(await redisReachable(redis.url), false);
  assert.ok(existsSync(path.join(redis.dataDir, "appendonlydir")), "the AOF was written");
});
