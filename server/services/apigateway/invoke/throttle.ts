/**
 * Stage and method throttling: a token bucket per API, stage and method setting in Redis, shared by every
 * gateway process, refilled at `throttlingRateLimit` per second up to `throttlingBurstLimit`. Only methods
 * whose stage sets throttling are metered (the account-level default of 10,000 rps is not enforced). If
 * Redis is unreachable, requests go through: the buckets are counters, nothing durable.
 */
import { ephemeralRedis } from "../../../lib/ephemeral-redis";
import type { MethodSetting } from "../model";

const PREFIX = "stratus:apigw:throttle";

/** KEYS[1]: bucket. ARGV: now ms, rate/s, burst. Answers 1 when a token was taken. */
const TAKE = `
local now, rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local elapsed = math.max(0, now - (tonumber(b[2]) or now)) / 1000
local tokens = math.min(burst, (tonumber(b[1]) or burst) + elapsed * rate)
local taken = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
redis.call('PEXPIRE', KEYS[1], math.max(1000, math.ceil(burst / math.max(rate, 0.001) * 1000)))
return taken`;

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
  try {
    return (await ephemeralRedis().eval(TAKE, 1, `${PREFIX}:${bucket}`, Date.now(), rate, burst)) === 1;
  } catch {
    return true;
  }
}
