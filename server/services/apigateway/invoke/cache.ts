/**
 * Serving from the stage cache: a method whose stage has a cache cluster and whose setting enables
 * caching answers repeated requests from the cache for its TTL. The key is the method, the request
 * path and the integration's cache key parameters. `Cache-Control: max-age=0` refreshes an entry when
 * the stage lets the caller do so.
 */
import type { Integration, MethodSetting } from "../model";
import { readCached, stageCachePrefix, writeCached } from "../stage-cache";
import type { DeployedApi } from "./deployed";
import { type ApiRequest, headerOf, queryViews } from "./request";
import type { ApiResponse } from "./responses";

export interface CachePlan {
  key: string;
  ttlSeconds: number;
  /** The client asked for a fresh answer and may have one. */
  refresh: boolean;
}

/** A request may not invalidate the cache: the strategy's answer, if it refuses outright. */
export type CacheControlRefusal = { refused: true };

function cacheKeyValue(req: ApiRequest, pathParameters: Record<string, string>, parameter: string): string {
  const [, kind, name] = /^method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.(.+)$/.exec(parameter) ?? [];
  if (kind === "path") return pathParameters[name!] ?? "";
  if (kind === "querystring" || kind === "multivaluequerystring") return queryViews(req).multi[name!]?.join(",") ?? "";
  if (kind === "header" || kind === "multivalueheader") return headerOf(req, name!) ?? "";
  return "";
}

/**
 * How this request uses the cache, or undefined when it does not. `authorized`: the caller signed the
 * request (AWS_IAM), which is what lets it invalidate when the stage requires authorization for that.
 */
export function cachePlan(
  req: ApiRequest,
  api: DeployedApi,
  setting: MethodSetting | undefined,
  integration: Integration,
  pathParameters: Record<string, string>,
  authorized: boolean,
): CachePlan | CacheControlRefusal | undefined {
  if (!api.cacheClusterEnabled || !setting?.cachingEnabled || setting.cacheTtlInSeconds <= 0) return undefined;
  const parameters = integration.cacheKeyParameters.map((parameter) => `${parameter}=${cacheKeyValue(req, pathParameters, parameter)}`);
  const key = `${stageCachePrefix(api.restApiId, api.stage)}${JSON.stringify([req.method, req.target.path, ...parameters])}`;
  const wantsFresh = /(^|,)\s*max-age\s*=\s*0\s*(,|$)/i.test(headerOf(req, "cache-control") ?? "");
  if (!wantsFresh) return { key, ttlSeconds: setting.cacheTtlInSeconds, refresh: false };
  if (!setting.requireAuthorizationForCacheControl || authorized) return { key, ttlSeconds: setting.cacheTtlInSeconds, refresh: true };
  if (setting.unauthorizedCacheControlHeaderStrategy === "FAIL_WITH_403") return { refused: true };
  return { key, ttlSeconds: setting.cacheTtlInSeconds, refresh: false };
}

export async function fromCache(plan: CachePlan): Promise<ApiResponse | undefined> {
  return plan.refresh ? undefined : readCached(plan.key);
}

/** Keeps a successful answer for the plan's TTL. */
export async function keep(plan: CachePlan, response: ApiResponse): Promise<void> {
  if (response.status >= 200 && response.status < 300) await writeCached(plan.key, response, plan.ttlSeconds);
}
