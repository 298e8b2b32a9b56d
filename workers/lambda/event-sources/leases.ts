/**
 * Poller slots shared by every workers process through Redis. Slot k of a mapping is a key one process
 * holds at a time; it renews the slots it runs on every pass, so a dead process's slots lapse after
 * LEASE_MS and another process takes them. How many slots a mapping wants (`desired`) is raised by
 * pollers that find a backlog and lowered by ones that go idle; it lapses to 1 when nobody raises it.
 * Leases bound concurrency only: SQS itself never hands one message to two pollers at once.
 */
import type { Redis } from "ioredis";
import { Leases } from "../leases";

const PREFIX = "stratus:lambda:esm";
export const LEASE_MS = 20_000;
/** A backlog keeps a mapping scaled out this long after the last poller that saw it. */
const DESIRED_MS = 60_000;

/** KEYS: desired. ARGV: count, 'raise' | 'lower', ttl ms. Raising refreshes the backlog's lifetime. */
const ADJUST = `
local current = tonumber(redis.call('GET', KEYS[1]) or '1')
local wanted = tonumber(ARGV[1])
if ARGV[2] == 'raise' then
  if wanted > current then redis.call('SET', KEYS[1], wanted, 'PX', ARGV[3]) else redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
elseif wanted < current then
  redis.call('SET', KEYS[1], wanted, 'KEEPTTL')
end
return 0`;

export interface SlotRef {
  uuid: string;
  slot: number;
}

export const slotId = (ref: SlotRef) => `${ref.uuid}/${ref.slot}`;
const slotKey = (ref: SlotRef) => `${PREFIX}:${ref.uuid}:slot:${ref.slot}`;
const desiredKey = (uuid: string) => `${PREFIX}:${uuid}:desired`;

export class SlotLeases {
  readonly #leases: Leases;

  constructor(private readonly redis: Redis) {
    this.#leases = new Leases(redis, LEASE_MS);
  }

  /** Claims or renews `slots`; the ids (slotId) of those this process now holds. */
  async hold(slots: readonly SlotRef[]): Promise<Set<string>> {
    const held = await this.#leases.hold(slots.map(slotKey));
    return new Set(slots.filter((slot) => held.has(slotKey(slot))).map(slotId));
  }

  async release(slots: readonly SlotRef[]): Promise<void> {
    await this.#leases.release(slots.map(slotKey));
  }

  /** How many pollers each mapping wants (1 unless a backlog raised it). */
  async desired(uuids: readonly string[]): Promise<Map<string, number>> {
    const values = uuids.length === 0 ? [] : await this.redis.mget(...uuids.map(desiredKey));
    return new Map(uuids.map((uuid, i) => [uuid, Math.max(1, Number(values[i] ?? 1))]));
  }

  async raiseDesired(uuid: string, count: number): Promise<void> {
    await this.redis.eval(ADJUST, 1, desiredKey(uuid), count, "raise", DESIRED_MS);
  }

  async lowerDesired(uuid: string, count: number): Promise<void> {
    await this.redis.eval(ADJUST, 1, desiredKey(uuid), count, "lower", DESIRED_MS);
  }
}
