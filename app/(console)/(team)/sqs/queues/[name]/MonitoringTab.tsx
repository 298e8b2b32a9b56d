"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Container } from "../../../../../_components/Container";
import { FormField } from "../../../../../_components/FormField";
import { LineChart } from "../../../../../_components/LineChart";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../_trpc/client";
import { formatAge } from "../../format";

const RANGES = [
  { minutes: 60, label: "1 hour" },
  { minutes: 180, label: "3 hours" },
  { minutes: 720, label: "12 hours" },
  { minutes: 1440, label: "1 day" },
];

/** Per-minute charts: messages sent, received and deleted, and the age of the oldest message. */
export function MonitoringTab({ url }: { url: string }) {
  const trpc = useTRPC();
  const [minutes, setMinutes] = useState(60);
  const metrics = useQuery(trpc.sqs.queueMetrics.queryOptions({ QueueUrl: url, minutes }, { refetchInterval: 30_000, placeholderData: (previous) => previous }));
  const count = (v: number) => String(v);

  return (
    <Container
      title="Monitoring"
      description="Per-minute activity. Counts reach the charts within a few seconds of the calls."
      actions={
        <FormField label="Time range">
          {(control) => (
            <select {...control} className="select select-compact" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
              {RANGES.map((r) => (
                <option key={r.minutes} value={r.minutes}>
                  {r.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
      }
    >
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
    </Container>
  );
}
