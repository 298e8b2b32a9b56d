"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ButtonLink } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { EmptyState } from "../../../../../_components/DataTable";
import { LineChart, type ChartPoint } from "../../../../../_components/LineChart";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";
import { isNotFound } from "../../../../../_lib/errors";
import { lambdaLogGroup, logGroupHref } from "../../../logs/links";
import { LiveTail } from "../../../logs/LiveTail";
import { LogStreamsTable } from "../../../logs/LogStreamsTable";
import { formatMillis } from "../../format";
import type { FunctionConfiguration } from "../../use-function";
import "../../lambda.css";

type MetricPoint = RouterOutputs["lambda"]["functionMetrics"][number];

const RANGES = [
  { minutes: 60, label: "1h" },
  { minutes: 180, label: "3h" },
  { minutes: 720, label: "12h" },
  { minutes: 1440, label: "1d" },
] as const;

const count = (v: number) => String(Math.round(v * 100) / 100);

/** The per-minute series LineChart draws for one metric. */
function series(points: readonly MetricPoint[], value: (p: MetricPoint) => number | null): ChartPoint[] {
  return points.map((p) => ({ time: new Date(p.minute), value: value(p) }));
}

/** Monitor: per-minute metrics, the function's most recent log streams, and a live tail of its logs. */
export function MonitorTab({ config }: { config: FunctionConfiguration }) {
  const trpc = useTRPC();
  const [minutes, setMinutes] = useState<number>(60);
  const group = config.LoggingConfig.LogGroup || lambdaLogGroup(config.FunctionName);
  const metrics = useQuery(
    trpc.lambda.functionMetrics.queryOptions({ FunctionName: config.FunctionName, minutes }, { refetchInterval: 30_000, placeholderData: (previous) => previous }),
  );
  const streams = useQuery(
    trpc.logs.describeLogStreams.queryOptions({ logGroupName: group, orderBy: "LastEventTime", descending: true, limit: 10 }, { refetchInterval: 15_000 }),
  );

  return (
    <div className="stack-lg">
      <Container
        title="Metrics"
        description="Per-minute figures for all versions and aliases of the function."
        actions={
          <div className="lambda-range" role="group" aria-label="Time range">
            {RANGES.map((r) => (
              <button key={r.minutes} type="button" aria-pressed={minutes === r.minutes} onClick={() => setMinutes(r.minutes)}>
                {r.label}
              </button>
            ))}
          </div>
        }
      >
        <QueryResult query={metrics} loadingLabel="Loading metrics">
          {(points) => (
            <div className="chart-grid-layout">
              <LineChart title="Invocations" points={series(points, (p) => p.invocations)} format={count} />
              <LineChart title="Errors" points={series(points, (p) => p.errors)} format={count} />
              <LineChart title="Throttles" points={series(points, (p) => p.throttles)} format={count} />
              <LineChart title="Concurrent executions" points={series(points, (p) => p.concurrentExecutions)} format={count} />
              <LineChart title="Duration (average)" points={series(points, (p) => p.durationAvg)} format={formatMillis} />
              <LineChart title="Duration (p50)" points={series(points, (p) => p.durationP50)} format={formatMillis} />
              <LineChart title="Duration (p99)" points={series(points, (p) => p.durationP99)} format={formatMillis} />
              <LineChart title="Async event age (maximum)" points={series(points, (p) => p.asyncEventAgeMaxMs)} format={formatMillis} />
            </div>
          )}
        </QueryResult>
      </Container>

      <Container
        title="Recent log streams"
        description={`The newest streams of ${group}: one per execution context.`}
        flush
        actions={<ButtonLink href={logGroupHref(group)}>View CloudWatch logs</ButtonLink>}
      >
        {isNotFound(streams.error) ? (
          <EmptyState title="No logs yet">The log group is created with the function&apos;s first invocation. Run a test to see its logs.</EmptyState>
        ) : (
          <QueryResult query={streams} loadingLabel="Loading log streams">
            {(data) => (
              <LogStreamsTable group={group} streams={data.logStreams} empty={<EmptyState title="No log streams">The function hasn&apos;t logged anything yet.</EmptyState>} />
            )}
          </QueryResult>
        )}
      </Container>

      <LiveTail logGroupName={group} description="New log lines of every execution context of the function, polled every second while started." />
    </div>
  );
}
