/**
 * Per-shard throughput limits as token buckets in Redis, shared by every gateway process: writes 1 MiB
 * and 1,000 records per second, reads 5 calls and 2 MiB per second. Buckets hold one second's worth.
 * They are ephemeral counters: if Redis is unreachable the limits are not enforced (and nothing durable
 * is lost). Tests swap in a limiter with their own clock or rates through `installShardThroughput`.
 */
import type { Redis } from "ioredis";
import { ephemeralRedis } from "../../lib/ephemeral-redis";
import { SHARD_THROUGHPUT, type ThroughputRates } from "./limits";

/** One write to admit: the shard's key and the record's size (data plus partition key). */
export interface ShardWrite {
  shard: string;
  bytes: number;
}

export interface ShardThroughput {
  /** Admits writes in order, each against its shard's allowance (the per-shard rates times `scale`); answers which were admitted. */
  admitWrites(writes: readonly ShardWrite[], scale?: number): Promise<boolean[]>;
  /** Admits a GetRecords call when the shard has a call left this second and has not overdrawn its read bytes. */
  admitRead(shard: string): Promise<boolean>;
  /** Charges bytes a GetRecords call returned; a large read overdraws the bucket and throttles the next calls until it refills. */
  chargeRead(shard: string, bytes: number): Promise<void>;
}

const PREFIX = "stratus:kinesis:throughput";
/** Idle buckets refill completely within a second; Redis may drop them well after that. */
const BUCKET_TTL_MS = 60_000;

/** KEYS: write buckets. ARGV: now ms, records/s, bytes/s, then (KEYS index, bytes) per write. Answers 1/0 per write. */
const ADMIT_WRITES = `
local now, recordRate, byteRate = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local buckets = {}
for i, key in ipairs(KEYS) do
  local b = redis.call('HMGET', key, 'records', 'bytes', 'at')
  local elapsed = math.max(0, now - (tonumber(b[3]) or now)) / 1000
  buckets[i] = {
    math.min(recordRate, (tonumber(b[1]) or recordRate) + elapsed * recordRate),
    math.min(byteRate, (tonumber(b[2]) or byteRate) + elapsed * byteRate),
  }
end
local admitted = {}
for j = 4, #ARGV, 2 do
  local b, size = buckets[tonumber(ARGV[j])], tonumber(ARGV[j + 1])
  if b[1] >= 1 and b[2] >= size then
    b[1] = b[1] - 1
    b[2] = b[2] - size
    admitted[#admitted + 1] = 1
  else
    admitted[#admitted + 1] = 0
  end
end
for i, key in ipairs(KEYS) do
  redis.call('HSET', key, 'records', buckets[i][1], 'bytes', buckets[i][2], 'at', now)
  redis.call('PEXPIRE', key, ${BUCKET_TTL_MS})
end
return admitted`;

/** KEYS[1]: read bucket. ARGV: now ms, calls/s, bytes/s, calls to take (0 or 1), bytes to charge. Answers 1 when admitted. */
const READ = `
local now, callRate, byteRate = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'calls', 'bytes', 'at')
local elapsed = math.max(0, now - (tonumber(b[3]) or now)) / 1000
local calls = math.min(callRate, (tonumber(b[1]) or callRate) + elapsed * callRate)
local bytes = math.min(byteRate, (tonumber(b[2]) or byteRate) + elapsed * byteRate)
local take = tonumber(ARGV[4])
local admitted = 1
if take > 0 then
  if calls >= take and bytes > 0 then calls = calls - take else admitted = 0 end
end
bytes = bytes - tonumber(ARGV[5])
redis.call('HSET', KEYS[1], 'calls', calls, 'bytes', bytes, 'at', now)
redis.call('PEXPIRE', KEYS[1], ${BUCKET_TTL_MS})
return admitted`;

export interface RedisShardThroughputOptions {
  rates?: ThroughputRates;
  /** The clock buckets refill by (epoch ms); tests freeze it. */
  now?: () => number;
  /** Distinguishes independent sets of buckets sharing one Redis (tests). */
  keyPrefix?: string;
}

export class RedisShardThroughput implements ShardThroughput {
  readonly #rates: ThroughputRates;
  readonly #now: () => number;
  readonly #prefix: string;

  constructor(
    private readonly redis: Redis,
    options: RedisShardThroughputOptions = {},
  ) {
    this.#rates = options.rates ?? SHARD_THROUGHPUT;
    this.#now = options.now ?? Date.now;
    this.#prefix = options.keyPrefix ?? PREFIX;
  }

  async admitWrites(writes: readonly ShardWrite[], scale = 1): Promise<boolean[]> {
    if (writes.length === 0) return [];
    const shards = [...new Set(writes.map((w) => w.shard))];
    const args = writes.flatMap((w) => [shards.indexOf(w.shard) + 1, w.bytes]);
    const keys = shards.map((shard) => `${this.#prefix}:w:${shard}`);
    const rates = [this.#rates.writeRecordsPerSecond * scale, this.#rates.writeBytesPerSecond * scale];
    const admitted = await this.redis.eval(ADMIT_WRITES, keys.length, ...keys, this.#now(), ...rates, ...args).catch(() => null);
    // Unreachable Redis: admit everything rather than fail writes over a counter.
    return Array.isArray(admitted) ? admitted.map((a) => a === 1) : writes.map(() => true);
  }

  async admitRead(shard: string): Promise<boolean> {
    return (await this.#read(shard, 1, 0)) !== 0;
  }

  async chargeRead(shard: string, bytes: number): Promise<void> {
    if (bytes > 0) await this.#read(shard, 0, bytes);
  }

  #read(shard: string, calls: number, bytes: number): Promise<unknown> {
    const rates = [this.#rates.readCallsPerSecond, this.#rates.readBytesPerSecond];
    return this.redis.eval(READ, 1, `${this.#prefix}:r:${shard}`, this.#now(), ...rates, calls, bytes).catch(() => 1);
  }
}

let installed: ShardThroughput | undefined;
let redisBuckets: ShardThroughput | undefined;

/** The process's limiter: Redis buckets at AWS's rates, unless a test installed another. */
export function shardThroughput(): ShardThroughput {
  if (installed) return installed;
  redisBuckets ??= new RedisShardThroughput(ephemeralRedis());
  return redisBuckets;
}

/** Installs a limiter in place of the default one (tests); undefined restores the default. */
export function installShardThroughput(limiter: ShardThroughput | undefined): void {
  installed = limiter;
}
