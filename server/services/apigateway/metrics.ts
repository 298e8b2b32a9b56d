/** Per-stage, per-minute request metrics (CloudWatch's Count, 4XXError, 5XXError, Latency, IntegrationLatency, cache hits and misses). */
import { z } from "zod";
import type { Db } from "../../db/client";
import { pgPool } from "../../db/pool";
import { MinuteCounters } from "../../lib/minute-counters";
import type { CallContext } from "../context";
import { requireApi } from "./store";

type StageMetric = "count" | "errors4xx" | "errors5xx" | "latencySumMs" | "latencyMaxMs" | "integrationLatencySumMs" | "cacheHits" | "cacheMisses";

const counters = new MinuteCounters<StageMetric>(
  { count: "sum", errors4xx: "sum", errors5xx: "sum", latencySumMs: "sum", latencyMaxMs: "max", integrationLatencySumMs: "sum", cacheHits: "sum", cacheMisses: "sum" },
  async (rows) => {
    const column = (f: StageMetric) => rows.map((r) => r.values[f]);
    const keys = rows.map((r) => JSON.parse(r.key) as [string, string]);
    // The JOIN drops counts of an API deleted meanwhile.
    await pgPool().query(
      `INSERT INTO apigw_stage_metrics (rest_api_id, stage, minute, count, errors_4xx, errors_5xx, latency_sum_ms, latency_max_ms, integration_latency_sum_ms, cache_hits, cache_misses)
       SELECT m.* FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::int[], $6::int[], $7::float8[], $8::float8[], $9::float8[], $10::int[], $11::int[])
              AS m(rest_api_id, stage, minute, count, errors_4xx, errors_5xx, latency_sum_ms, latency_max_ms, integration_latency_sum_ms, cache_hits, cache_misses)
         JOIN apigw_rest_apis a ON a.id = m.rest_api_id
       ON CONFLICT (rest_api_id, stage, minute) DO UPDATE SET
         count = apigw_stage_metrics.count + EXCLUDED.count,
         errors_4xx = apigw_stage_metrics.errors_4xx + EXCLUDED.errors_4xx,
         errors_5xx = apigw_stage_metrics.errors_5xx + EXCLUDED.errors_5xx,
         latency_sum_ms = apigw_stage_metrics.latency_sum_ms + EXCLUDED.latency_sum_ms,
         latency_max_ms = greatest(apigw_stage_metrics.latency_max_ms, EXCLUDED.latency_max_ms),
         integration_latency_sum_ms = apigw_stage_metrics.integration_latency_sum_ms + EXCLUDED.integration_latency_sum_ms,
         cache_hits = apigw_stage_metrics.cache_hits + EXCLUDED.cache_hits,
         cache_misses = apigw_stage_metrics.cache_misses + EXCLUDED.cache_misses`,
      [
        keys.map(([api]) => api),
        keys.map(([, stage]) => stage),
        rows.map((r) => r.minute),
        column("count"),
        column("errors4xx"),
        column("errors5xx"),
        column("latencySumMs"),
        column("latencyMaxMs"),
        column("integrationLatencySumMs"),
        column("cacheHits"),
        column("cacheMisses"),
      ],
    );
  },
  "apigateway",
);

/** One request a stage answered. */
export interface StageRequest {
  status: number;
  latencyMs: number;
  /** Time spent waiting for the integration (0 when the request never reached it). */
  integrationLatencyMs: number;
  cache?: "hit" | "miss";
}

export function recordStageRequest(restApiId: string, stage: string, request: StageRequest): void {
  counters.add(JSON.stringify([restApiId, stage]), {
    count: 1,
    errors4xx: request.status >= 400 && request.status < 500 ? 1 : 0,
    errors5xx: request.status >= 500 ? 1 : 0,
    latencySumMs: request.latencyMs,
    latencyMaxMs: request.latencyMs,
    integrationLatencySumMs: request.integrationLatencyMs,
    cacheHits: request.cache === "hit" ? 1 : 0,
    cacheMisses: request.cache === "miss" ? 1 : 0,
  });
}

export const flushStageMetrics = () => counters.flush();

export interface StageMetricsPoint {
  minute: Date;
  count: number;
  errors4xx: number;
  errors5xx: number;
  /** Averages over the minute's requests (0 when there were none). */
  latencyMs: number;
  latencyMaxMs: number;
  integrationLatencyMs: number;
  cacheHits: number;
  cacheMisses: number;
}

export const StageMetricsInput = z.object({ restApiId: z.string().min(1), stageName: z.string().min(1), minutes: z.number().int().min(5).max(24 * 60).default(60) });

/** The stage's per-minute metrics over the last `minutes`, oldest first, zero-filled. */
export async function stageMetrics(db: Db, ctx: CallContext, input: z.output<typeof StageMetricsInput>): Promise<StageMetricsPoint[]> {
  const api = await requireApi(db, ctx, input.restApiId);
  const since = new Date(Math.floor(Date.now() / 60_000) * 60_000 - (input.minutes - 1) * 60_000);
  const rows = await db.apigwStageMetric.findMany({ where: { restApiId: api.id, stage: input.stageName, minute: { gte: since } }, orderBy: { minute: "asc" } });
  const byMinute = new Map(rows.map((r) => [r.minute.getTime(), r]));
  return Array.from({ length: input.minutes }, (_, i) => {
    const minute = new Date(since.getTime() + i * 60_000);
    const r = byMinute.get(minute.getTime());
    const count = r?.count ?? 0;
    return {
      minute,
      count,
      errors4xx: r?.errors4xx ?? 0,
      errors5xx: r?.errors5xx ?? 0,
      latencyMs: count > 0 ? r!.latencySumMs / count : 0,
      latencyMaxMs: r?.latencyMaxMs ?? 0,
      integrationLatencyMs: count > 0 ? r!.integrationLatencySumMs / count : 0,
      cacheHits: r?.cacheHits ?? 0,
      cacheMisses: r?.cacheMisses ?? 0,
    };
  });
}
