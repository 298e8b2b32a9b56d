"use client";

import { useQuery } from "@tanstack/react-query";
import { LineChart } from "../../../../../_components/LineChart";
import { MetricsPanel } from "../../../../../_components/MetricsPanel";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../_trpc/client";
import { formatAge } from "../../format";

const count = (v: number) => String(v);

function QueueCharts({ url, minutes }: { url: string; minutes: number }) {
  const trpc = useTRPC();
  const metrics = useQuery(trpc.sqs.queueMetrics.queryOptions({ QueueUrl: url, minutes }, { refetchInterval: 30_000, placeholderData: (previous) => previous }));
  return (
    <QueryResult query={metrics} loadingLabel="Loading metrics">
      {(series) => (
        <div className="chart-grid-layout">
          <LineChart title="Messages sent" points={series.map((p) => ({ time: p.minute, value: p.sent }))} format={count} />
          <LineChart title="Messages received" points={series.map((p) => ({ time: p.minute, value: p.received }))} format={count} />
          <LineChart title="Messages deleted" points={series.map((p) => ({ time: p.minute, value: p.deleted }))} format={count} />
          <LineChart title="Approximate age of oldest message" points={series.map((p) => ({ time: p.minute, value: p.oldestAgeSeconds }))} format={formatAge} />
        </div>
      )}
    </QueryResult>
  );
}

/** Per-minute charts: messages sent, received and deleted, and the age of the oldest message. */
export function MonitoringTab({ url }: { url: string }) {
  return (
    <MetricsPanel description="Per-minute activity. Counts reach the charts within a few seconds of the calls.">
      {(minutes) => <QueueCharts url={url} minutes={minutes} />}
    </MetricsPanel>
  );
}
