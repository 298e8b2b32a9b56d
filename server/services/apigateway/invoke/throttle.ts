/**
 * Throttling: token buckets in Redis, shared by every gateway process, each refilled at its rate per
 * second up to its burst. There is one per stage and method setting, one per usage plan key, and one
 * per account and region across all its APIs, AWS's account-level limit (10,000 rps, burst 5,000;
 * STRATUS_APIGW_ACCOUNT_RATE_LIMIT and STRATUS_APIGW_ACCOUNT_BURST_LIMIT change it). If Redis is
 * unreachable, requests go through: the buckets are counters, nothing durable.
 */
import { env } from "../../../env";
import { ephemeralRedis } from "../../../lib/ephemeral-redis";
import type { MethodSetting } from "../model";

const PREFIX = "stratus:apigw:throttle";

/** KEYS[1]: bucket. ARGV: now ms, rate/s, burst, tokens wanted. Answers how many were taken (as many as there are, up to those wanted). */
const TAKE = `
local now, rate, burst, wanted = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local elapsed = math.max(0, now - (tonumber(b[2]) or now)) / 1000
local tokens = math.min(burst, (tonumber(b[1]) or burst) + elapsed * rate)
local taken = math.min(wanted, math.floor(tokens))
tokens = tokens - taken
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('PEXPIRE', KEYS[1], math.max(1000, math.ceil(burst / math.max(rate, 0.001) * 1000)))
return taken`;

async function take(bucket: string, rate: number, burst: number, wanted: number): Promise<number> {
  try {
    return Number(await ephemeralRedis().eval(TAKE, 1, `${PREFIX}:${bucket}`, Date.now(), rate, burst, wanted));
  } catch {
    return wanted;
  }
}

/** The stage's setting for a method: its own (`~1path/VERB`), else the stage-wide `*​/*` one. */
export function methodSetting(settings: Record<string, MethodSetting>, resourcePath: string, httpMethod: string): { key: string; setting: MethodSetting } | undefined {
  const own = `${resourcePath.replaceAll("/", "~1")}/${httpMethod}`;
  for (const key of [own, "*/*"]) {
    const setting = settings[key];
    if (setting) return { key, setting };
  }
  return undefined;
}

/** Whether the request may go on; false means 429. */
export async function admit(bucket: string, setting: Pick<MethodSetting, "throttlingRateLimit" | "throttlingBurstLimit">): Promise<boolean> {
  const { throttlingRateLimit: rate, throttlingBurstLimit: burst } = setting;
  if (rate < 0 || burst < 0) return true; // -1: throttling turned off for the method
  if (rate === 0 || burst === 0) return false;
  return (await take(bucket, rate, burst, 1)) === 1;
}

/**
 * Account tokens this process took ahead from the account's bucket: one call to Redis serves the
 * requests of a moment rather than each of them. A lease is at most 1% of the burst and lapses after
 * LEASE_MS, so tokens held unspent stay a small share of the account's.
 */
interface AccountLease {
  tokens: number;
  until: number;
  /** The refill under way: requests arriving meanwhile wait for it rather than each taking a lease. */
  refill?: Promise<number>;
}

const leases = new Map<string, AccountLease>();
const LEASE_MS = 1_000;

/** Takes a new lease from the account's bucket: how many tokens it holds (none: the account is throttled). */
function refill(key: string, lease: AccountLease): Promise<number> {
  lease.refill ??= (async () => {
    const { STRATUS_APIGW_ACCOUNT_RATE_LIMIT: rate, STRATUS_APIGW_ACCOUNT_BURST_LIMIT: burst } = env();
    const taken = await take(`account:${key}`, rate, burst, Math.max(1, Math.floor(burst / 100)));
    Object.assign(lease, { tokens: taken, until: Date.now() + LEASE_MS, refill: undefined });
    return taken;
  })();
  return lease.refill;
}

/** Whether the account's APIs in the region may serve another request; false means 429. */
export async function admitForAccount(accountId: string, region: string): Promise<boolean> {
  const key = `${accountId}:${region}`;
  let lease = leases.get(key);
  if (!lease) leases.set(key, (lease = { tokens: 0, until: 0 }));
  for (;;) {
    if (lease.tokens > 0 && lease.until > Date.now()) {
      lease.tokens -= 1;
      return true;
    }
    if ((await refill(key, lease)) === 0) return false;
  }
}
