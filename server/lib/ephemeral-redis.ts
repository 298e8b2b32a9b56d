/**
 * The process's Redis connection for ephemeral state (rate buckets, subscription slots). Commands fail
 * fast instead of queueing while Redis is away; callers then let the call through, as nothing durable
 * lives there.
 */
import { Redis } from "ioredis";
import { env } from "../env";

let ephemeral: Redis | undefined;

export function ephemeralRedis(): Redis {
  if (!ephemeral) {
    ephemeral = new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1, commandTimeout: 1_000 });
    ephemeral.on("error", () => undefined);
  }
  return ephemeral;
}
