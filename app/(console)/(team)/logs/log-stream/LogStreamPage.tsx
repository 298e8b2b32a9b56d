"use client";

import { useState } from "react";
import { Container } from "../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../_components/DataTable";
import { PageHeader } from "../../../../_components/PageHeader";
import { QueryResult } from "../../../../_components/QueryResult";
import { useTRPC, useTRPCClient } from "../../../../_trpc/client";
import type { RouterOutputs } from "../../../../_trpc/types";
import { logGroupHref } from "../links";
import { LiveTail } from "../LiveTail";
import { LoadMore, usePagedQuery } from "../paging";
import "../logs.css";

/** Events carry no ID: their place in the stream keys them. */
type LogEvent = RouterOutputs["logs"]["getLogEvents"]["events"][number] & { index: number };

const PAGE_SIZE = 100;

const columns: Column<LogEvent>[] = [
  { header: "Timestamp", cell: (e) => <Timestamp ms={e.timestamp} /> },
  { header: "Message", cell: (e) => <pre className="logs-message">{e.message}</pre> },
];

/** An event's time in UTC, on one line; a phone breaks it after the date to leave the message room. */
function Timestamp({ ms }: { ms: number }) {
  const iso = new Date(ms).toISOString();
  const [date, time] = iso.split("T");
  return (
    <time dateTime={iso} className="logs-time">
      {date}T<wbr />
      {time}
    </time>
  );
}

/** One stream's events, oldest first (GetLogEvents from the head), reading newer pages on demand. */
export function LogStreamPage({ group, stream }: { group: string; stream: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const input = { logGroupName: group, logStreamName: stream, startFromHead: true, limit: PAGE_SIZE };
  const events = usePagedQuery({
    queryKey: [...trpc.logs.getLogEvents.queryKey(input), "pages"],
    fetchPage: (nextToken) => client.logs.getLogEvents.query({ ...input, nextToken }),
    items: (page) => page.events,
    // The forward token always continues: an empty page now may have events later.
    next: (page) => page.nextForwardToken,
  });
  const [upToDate, setUpToDate] = useState(false);
  const count = events.data?.length ?? 0;

  return (
    <>
      <PageHeader
        title={stream}
        breadcrumbs={[
          { label: "CloudWatch", href: "/logs" },
          { label: "Log groups", href: "/logs" },
          { label: group, href: logGroupHref(group) },
          { label: stream },
        ]}
        description={`Log events of the stream in ${group}, oldest first.`}
      />
      <div className="stack-lg">
        <Container title="Log events" counter={events.data?.length} flush>
          <QueryResult query={events} loadingLabel="Loading log events">
            {(rows) => (
              <>
                <DataTable
                  label="Log events"
                  columns={columns}
                  rows={rows.map((e, index) => ({ ...e, index }))}
                  rowKey={(e) => String(e.index)}
                  empty={<EmptyState title="No events">This stream has no events yet.</EmptyState>}
                />
                {upToDate && <p className="container-inset text-secondary" role="status">No newer events yet.</p>}
                <LoadMore
                  label="Load newer events"
                  query={{
                    hasNextPage: events.hasNextPage,
                    isFetchingNextPage: events.isFetchingNextPage,
                    fetchNextPage: async () => {
                      const result = await events.fetchNextPage();
                      setUpToDate((result.data?.length ?? 0) === count);
                    },
                  }}
                />
              </>
            )}
          </QueryResult>
        </Container>
        <LiveTail logGroupName={group} logStreamName={stream} description="New events of this stream, polled every second while started." />
      </div>
    </>
  );
}
