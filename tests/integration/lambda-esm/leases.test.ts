// The Redis slot leases that let several workers processes share mappings' pollers (two holders stand for two processes).
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, describe, test } from "node:test";
import { Redis } from "ioredis";
import { env } from "../../../server/env";
import { SlotLeases, slotId } from "../../../workers/lambda/event-sources/leases";

const redis = new Redis(env().REDIS_URL);
after(() => redis.quit());

describe("poller slot leases", () => {
  test("a slot has one holder at a time, who renews it; released, another process takes it", async () => {
    const [a, b] = [new SlotLeases(redis), new SlotLeases(redis)];
    const uuid = randomUUID();
    const slot0 = { uuid, slot: 0 };
    const slot1 = { uuid, slot: 1 };
    assert.deepEqual(await a.hold([slot0]), new Set([slotId(slot0)]));
    assert.deepEqual(await b.hold([slot0, slot1]), new Set([slotId(slot1)]));
    assert.deepEqual(await a.hold([slot0, slot1]), new Set([slotId(slot0)]));
    await b.release([slot0, slot1]); // not b's to release: slot 0 stays a's
    assert.deepEqual(await b.hold([slot0]), new Set());
    await a.release([slot0]);
    assert.deepEqual(await b.hold([slot0]), new Set([slotId(slot0)]));
    await b.release([slot0, slot1]);
  });

  test("how many pollers a mapping wants: 1, raised by a backlog, lowered by idle pollers", async () => {
    const leases = new SlotLeases(redis);
    const [busy, quiet] = [randomUUID(), randomUUID()];
    assert.deepEqual(await leases.desired([busy, quiet]), new Map([[busy, 1], [quiet, 1]]));
    await leases.raiseDesired(busy, 3);
    await leases.raiseDesired(busy, 2);
    assert.equal((await leases.desired([busy])).get(busy), 3);
    await leases.lowerDesired(busy, 2);
    await leases.lowerDesired(busy, 4);
    assert.equal((await leases.desired([busy])).get(busy), 2);
  });
});
