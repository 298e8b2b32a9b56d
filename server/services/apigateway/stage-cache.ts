/**
 * Stage caches: responses kept in Redis under the API and stage for the method's TTL. A cache is
 * ephemeral by nature (AWS's is a memory cluster too): losing Redis only means misses. FlushStageCache
 * deletes a stage's entries.
 */
import type { PrismaClient } from "../../db/client";
import { ephemeralRedis } from "../../lib/ephemeral-redis";
import type { CallContext } from "../context";
import { ApigwErrors } from "./errors";
import type { ApigwInput } from "./schemas";
import { findStage } from "./stages";
import { requireApi } from "./store";

const PREFIX = "stratus:apigw:cache";
/** API Gateway does not cache responses larger than this. */
export const MAX_CACHED_BYTES = 1_048_576;

export interface CachedResponse {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

export const stageCachePrefix = (restApiId: string, stage: string) => `${PREFIX}:${restApiId}:${stage}:`;

export async function readCached(key: string): Promise<CachedResponse | undefined> {
  try {
    const stored = await ephemeralRedis().getBuffer(key);
    if (!stored) return undefined;
    const { status, headers, body } = JSON.parse(stored.toString("utf8")) as { status: number; headers: [string, string][]; body: string };
    return { status, headers, body: Buffer.from(body, "base64") };
  } catch {
    return undefined;
  }
}

export async function writeCached(key: string, response: CachedResponse, ttlSeconds: number): Promise<void> {
  if (response.body.length > MAX_CACHED_BYTES) return;
  const stored = JSON.stringify({ status: response.status, headers: response.headers, body: response.body.toString("base64") });
  await ephemeralRedis()
    .set(key, stored, "EX", ttlSeconds)
    .catch(() => undefined);
}

/** Deletes every entry of the stage's cache. */
export async function flushCache(restApiId: string, stage: string): Promise<void> {
  const redis = ephemeralRedis();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${stageCachePrefix(restApiId, stage)}*`, "COUNT", 500);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== "0");
}

export async function flushStageCache(db: PrismaClient, ctx: CallContext, input: ApigwInput<"FlushStageCache">): Promise<void> {
  const api = await requireApi(db, ctx, input.restApiId);
  if (!(await findStage(db, api, input.stageName))) throw ApigwErrors.stageNotFound();
  await flushCache(api.id, input.stageName);
}
