"use client";

import { useQuery } from "@tanstack/react-query";
import { LineChart } from "../../../../../_components/LineChart";
import { MetricsPanel } from "../../../../../_components/MetricsPanel";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../_trpc/client";
import { formatBytes } from "../../../sqs/format";

const count = (v: number) => v.toLocaleString("en-US");
const millis = (v: number) => `${v.toLocaleString("en-US")} ms`;

function StreamCharts({ streamName, minutes }: { streamName: string; minutes: number }) {
  const trpc = useTRPC();
  const metrics = useQuery(trpc.kinesis.streamMetrics.queryOptions({ streamName, minutes }, { refetchInterval: 30_000, placeholderData: (previous) => previous }));
  return (
    <QueryResult query={metrics} loadingLabel="Loading metrics">
      {(series) => (
        <div className="chart-grid-layout">
          <LineChart title="Incoming data (bytes)" points={series.map((p) => ({ time: p.minute, value: p.incomingBytes }))} format={formatBytes} />
          <LineChart title="Incoming data (records)" points={series.map((p) => ({ time: p.minute, value: p.incomingRecords }))} format={count} />
          <LineChart title="GetRecords: records read" points={series.map((p) => ({ time: p.minute, value: p.outgoingRecords }))} format={count} />
          <LineChart title="GetRecords: iterator age (max)" points={series.map((p) => ({ time: p.minute, value: p.iteratorAgeMs }))} format={millis} />
          <LineChart title="Write throughput exceeded (records)" points={series.map((p) => ({ time: p.minute, value: p.writeThrottled }))} format={count} />
          <LineChart title="Read throughput exceeded (calls)" points={series.map((p) => ({ time: p.minute, value: p.readThrottled }))} format={count} />
        </div>
      )}
    </QueryResult>
  );
}

/** Per-minute stream metrics, as CloudWatch shows them for Kinesis: incoming data, reads, iterator age, throttling. */
export function MonitoringTab({ streamName }: { streamName: string }) {
  return (
    <MetricsPanel description="Per-minute activity of the stream's producers and GetRecords consumers. Counts reach the charts within a few seconds of the calls.">
      {(minutes) => <StreamCharts streamName={streamName} minutes={minutes} />}
    </MetricsPanel>
  );
}
