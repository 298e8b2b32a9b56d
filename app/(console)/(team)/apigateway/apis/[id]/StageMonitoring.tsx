"use client";

import { useQuery } from "@tanstack/react-query";
import { LineChart } from "../../../../../_components/LineChart";
import { MetricsPanel } from "../../../../../_components/MetricsPanel";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../_trpc/client";

const count = (v: number) => v.toLocaleString("en-US");
const millis = (v: number) => `${v.toLocaleString("en-US", { maximumFractionDigits: 1 })} ms`;

function StageCharts({ restApiId, stageName, minutes }: { restApiId: string; stageName: string; minutes: number }) {
  const trpc = useTRPC();
  const metrics = useQuery(trpc.apigateway.getStageMetrics.queryOptions({ restApiId, stageName, minutes }, { refetchInterval: 30_000, placeholderData: (previous) => previous }));
  return (
    <QueryResult query={metrics} loadingLabel="Loading metrics">
      {(series) => (
        <div className="chart-grid-layout">
          <LineChart title="Count" points={series.map((p) => ({ time: p.minute, value: p.count }))} format={count} />
          <LineChart title="4XXError" points={series.map((p) => ({ time: p.minute, value: p.errors4xx }))} format={count} />
          <LineChart title="5XXError" points={series.map((p) => ({ time: p.minute, value: p.errors5xx }))} format={count} />
          <LineChart title="Latency (average)" points={series.map((p) => ({ time: p.minute, value: p.latencyMs }))} format={millis} />
          <LineChart title="Integration latency (average)" points={series.map((p) => ({ time: p.minute, value: p.integrationLatencyMs }))} format={millis} />
          <LineChart title="Cache hits" points={series.map((p) => ({ time: p.minute, value: p.cacheHits }))} format={count} />
          <LineChart title="Cache misses" points={series.map((p) => ({ time: p.minute, value: p.cacheMisses }))} format={count} />
        </div>
      )}
    </QueryResult>
  );
}

/** Per-minute stage metrics, as CloudWatch shows them for API Gateway: requests, errors, latencies, cache use. */
export function StageMonitoring({ restApiId, stageName }: { restApiId: string; stageName: string }) {
  return (
    <MetricsPanel description="Per-minute requests to this stage. Counts reach the charts within a few seconds of the requests.">
      {(minutes) => <StageCharts restApiId={restApiId} stageName={stageName} minutes={minutes} />}
    </MetricsPanel>
  );
}
