/**
 * Lambda concurrency across every gateway and worker process: each running invocation holds a lease
 * in Redis sorted sets (scored by when it lapses, so a crashed holder frees its slot by itself).
 * A function with reserved concurrency counts against its reservation only; the others share what
 * the account limit leaves unreserved. Losing Redis loses only these counts, never an invocation.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

const PREFIX = "stratus:lambda:conc";

/** KEYS: function set, unreserved set. ARGV: now ms, lease, lapses at ms, reserved (-1: none), unreserved limit. */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
local reserved = tonumber(ARGV[4])
if reserved >= 0 then
  if redis.call('ZCARD', KEYS[1]) >= reserved then return 'reserved' end
else
  if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return 'account' end
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
  redis.call('PEXPIREAT', KEYS[2], ARGV[3])
end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return 'ok'`;

export type ThrottleReason = "ReservedFunctionConcurrentInvocationLimitExceeded" | "ConcurrentInvocationLimitExceeded";

export interface ConcurrencyScope {
  accountId: string;
  region: string;
  functionName: string;
  /** The function's reserved concurrency; undefined when it draws on the unreserved pool. */
  reserved?: number;
  /** The account limit minus every function's reservation. */
  unreservedLimit: number;
}

export interface Lease {
  release(): Promise<void>;
}

export function isLease(outcome: Lease | { throttled: ThrottleReason }): outcome is Lease {
  return "release" in outcome;
}

const functionKey = (s: Pick<ConcurrencyScope, "accountId" | "region" | "functionName">) => `${PREFIX}:fn:${s.accountId}:${s.region}:${s.functionName}`;
const unreservedKey = (s: Pick<ConcurrencyScope, "accountId" | "region">) => `${PREFIX}:unreserved:${s.accountId}:${s.region}`;

export class ConcurrencyLimiter {
  constructor(private readonly redis: Redis) {}

  /** A lease for one execution lasting at most `holdMs`, or the reason it is throttled. */
  async acquire(scope: ConcurrencyScope, holdMs: number): Promise<Lease | { throttled: ThrottleReason }> {
    const lease = randomUUID();
    const now = Date.now();
    const keys = [functionKey(scope), unreservedKey(scope)];
    const outcome = await this.redis.eval(ACQUIRE, 2, ...keys, now, lease, now + holdMs, scope.reserved ?? -1, scope.unreservedLimit);
    if (outcome === "reserved") return { throttled: "ReservedFunctionConcurrentInvocationLimitExceeded" };
    if (outcome === "account") return { throttled: "ConcurrentInvocationLimitExceeded" };
    return {
      release: async () => {
        await this.redis.multi().zrem(keys[0]!, lease).zrem(keys[1]!, lease).exec();
      },
    };
  }
}
