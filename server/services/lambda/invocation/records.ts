/**
 * Invocation records (one row per invocation that ran) and throttle counts, and the per-minute
 * metrics the console charts from them: Invocations, Errors, Throttles, Duration (avg/p50/p99),
 * ConcurrentExecutions (the most running at once) and AsyncEventAge.
 */
import type { Queryable } from "../../../db/pool";
import type { AlongsideStatement } from "../../logs/append";

export interface InvocationRecord {
  accountId: string;
  region: string;
  functionName: string;
  executedVersion: string;
  requestId: string;
  invocationType: "RequestResponse" | "Event" | "EventSourceMapping";
  functionError?: string;
  errorType?: string;
  enqueuedAt?: Date;
  startedAt: Date;
  durationMs: number;
  billedDurationMs: number;
  initDurationMs?: number;
  memorySize: number;
  maxMemoryUsedMb: number;
  logStreamName: string;
}

/** Columns of lambda_invocations in the order recordInvocations binds them, with their array types. */
const COLUMNS: [column: string, type: string, value: (r: InvocationRecord) => unknown][] = [
  ["account_id", "text", (r) => r.accountId],
  ["region", "text", (r) => r.region],
  ["function_name", "text", (r) => r.functionName],
  ["executed_version", "text", (r) => r.executedVersion],
  ["request_id", "text", (r) => r.requestId],
  ["invocation_type", "text", (r) => r.invocationType],
  ["function_error", "text", (r) => r.functionError ?? null],
  ["error_type", "text", (r) => r.errorType ?? null],
  ["enqueued_at", "timestamptz", (r) => r.enqueuedAt ?? null],
  ["started_at", "timestamptz", (r) => r.startedAt],
  ["duration_ms", "float8", (r) => r.durationMs],
  ["billed_duration_ms", "int", (r) => r.billedDurationMs],
  ["init_duration_ms", "float8", (r) => r.initDurationMs ?? null],
  ["memory_size", "int", (r) => r.memorySize],
  ["max_memory_used_mb", "int", (r) => r.maxMemoryUsedMb],
  ["log_stream_name", "text", (r) => r.logStreamName],
];

/** The INSERT of any number of records, its parameters numbered from `first`. */
const insertInvocations = (first: number) => `INSERT INTO lambda_invocations (${COLUMNS.map(([column]) => column).join(", ")})
  SELECT * FROM unnest(${COLUMNS.map(([, type], i) => `$${first + i}::${type}[]`).join(", ")})`;
const columnValues = (records: readonly InvocationRecord[]) => COLUMNS.map(([, , value]) => records.map(value));

/** Any number of records as a CTE, committed in the statement that appends their log lines (see appendToStreams). */
export function invocationsAlongside(records: readonly InvocationRecord[]): AlongsideStatement {
  return { name: "lambda-invocations", cte: (first) => `recorded AS (${insertInvocations(first)})`, values: columnValues(records) };
}

export async function recordThrottle(db: Queryable, scope: { accountId: string; region: string; functionName: string }): Promise<void> {
  await db.query({
    name: "lambda-record-throttle",
    text: `INSERT INTO lambda_throttle_counts (account_id, region, function_name, minute, count)
           VALUES ($1, $2, $3, date_trunc('minute', now()), 1)
           ON CONFLICT (account_id, region, function_name, minute) DO UPDATE SET count = lambda_throttle_counts.count + 1`,
    values: [scope.accountId, scope.region, scope.functionName],
  });
}

export interface FunctionMetricsPoint {
  minute: string;
  invocations: number;
  errors: number;
  throttles: number;
  durationAvg: number | null;
  durationP50: number | null;
  durationP99: number | null;
  concurrentExecutions: number;
  asyncEventAgeMaxMs: number | null;
}

/** One point per minute of the last `minutes`, oldest first; minutes without activity are zeros. */
export async function functionMetrics(
  db: Queryable,
  scope: { accountId: string; region: string; functionName: string },
  minutes: number,
): Promise<FunctionMetricsPoint[]> {
  const { rows } = await db.query<FunctionMetricsPoint>(
    `WITH span AS (
       SELECT generate_series(date_trunc('minute', now()) - make_interval(mins => $4 - 1), date_trunc('minute', now()), interval '1 minute') AS minute
     ), inv AS (
       SELECT started_at, started_at + make_interval(secs => duration_ms / 1000) AS ended_at, duration_ms, function_error, enqueued_at
         FROM lambda_invocations
        WHERE account_id = $1 AND region = $2 AND function_name = $3
          AND started_at >= date_trunc('minute', now()) - make_interval(mins => $4)
     ), per_minute AS (
       SELECT date_trunc('minute', started_at) AS minute, count(*)::int AS invocations,
              count(*) FILTER (WHERE function_error IS NOT NULL)::int AS errors,
              avg(duration_ms) AS duration_avg,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS duration_p50,
              percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms) AS duration_p99,
              max(extract(epoch FROM started_at - enqueued_at) * 1000) AS async_age
         FROM inv GROUP BY 1
     ), edges AS (
       -- +1 when an invocation starts, -1 when it ends: the running sum is how many ran at once.
       SELECT at, sum(delta) OVER (ORDER BY at, delta) AS running
         FROM (SELECT started_at AS at, 1 AS delta FROM inv UNION ALL SELECT ended_at, -1 FROM inv) e
     ), peak AS (
       SELECT date_trunc('minute', at) AS minute, max(running)::int AS concurrent FROM edges GROUP BY 1
     )
     SELECT to_char(s.minute AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS minute,
            coalesce(p.invocations, 0) AS invocations, coalesce(p.errors, 0) AS errors, coalesce(t.count, 0) AS throttles,
            p.duration_avg AS "durationAvg", p.duration_p50 AS "durationP50", p.duration_p99 AS "durationP99",
            coalesce(k.concurrent, 0) AS "concurrentExecutions", p.async_age AS "asyncEventAgeMaxMs"
       FROM span s
       LEFT JOIN per_minute p ON p.minute = s.minute
       LEFT JOIN peak k ON k.minute = s.minute
       LEFT JOIN lambda_throttle_counts t ON t.account_id = $1 AND t.region = $2 AND t.function_name = $3 AND t.minute = s.minute
      ORDER BY s.minute`,
    [scope.accountId, scope.region, scope.functionName, minutes],
  );
  return rows;
}
