/**
 * Redis keys that one process holds at a time: its holder renews them on every pass, and a dead
 * holder's keys lapse after `ttlMs` for another process to take. Workers processes share standing
 * work (provisioned concurrency configs, event source mapping pollers) this way.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** KEYS: leases. ARGV: holder, ttl ms. Takes the free ones and renews our own; returns the 1-based indexes held. */
const HOLD = `
local held = {}
for i, key in ipairs(KEYS) do
  local owner = redis.call('GET', key)
  if not owner or owner == ARGV[1] then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    table.insert(held, i)
  end
end
return held`;

/** KEYS: leases. ARGV: holder. */
const RELEASE = `
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 0`;

export class Leases {
  readonly #holder = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
  ) {}

  /** Claims the free `keys` and renews those this process holds; the keys it now holds. */
  async hold(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const held: unknown = await this.redis.eval(HOLD, keys.length, ...keys, this.#holder, this.ttlMs);
    if (!Array.isArray(held)) throw new Error(`Unexpected reply from the lease script: ${String(held)}`);
    return new Set(held.map((i) => keys[Number(i) - 1]!));
  }

  /** Gives back those of `keys` this process holds. */
  async release(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await this.redis.eval(RELEASE, keys.length, ...keys, this.#holder);
  }
}
