"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../_components/Button";
import { Container } from "../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../_components/DataTable";
import { PageHeader } from "../../../_components/PageHeader";
import { QueryResult } from "../../../_components/QueryResult";
import { StatusIndicator } from "../../../_components/StatusIndicator";
import { formatDateTime } from "../../../_lib/format";
import { useTRPC } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";
import { AuditFilters, type AuditFilter } from "./AuditFilters";

type AuditEvent = RouterOutputs["audit"]["list"]["items"][number];

const PAGE_SIZE = 50;

const COLUMNS: Column<AuditEvent>[] = [
  { header: "Event time", cell: (e) => formatDateTime(e.time), nowrap: true },
  { header: "Action", cell: (e) => <code>{e.action}</code>, nowrap: true },
  {
    header: "Result",
    nowrap: true,
    cell: (e) =>
      e.success ? <StatusIndicator type="success">Succeeded</StatusIndicator> : <StatusIndicator type="error">{e.errorCode ?? "Failed"}</StatusIndicator>,
  },
  {
    header: "User",
    cell: (e) => (
      <>
        {e.userEmail ?? "—"}
        {e.accessKeyId && <span className="cell-sub">Key <code>{e.accessKeyId}</code></span>}
      </>
    ),
  },
  {
    header: "Source",
    nowrap: true,
    cell: (e) => (
      <>
        {e.source}
        {e.sourceIp && <span className="cell-sub">{e.sourceIp}</span>}
      </>
    ),
  },
  { header: "Resource", cell: (e) => (e.resourceArn ? <code className="arn">{e.resourceArn}</code> : "—") },
  { header: "Region", cell: (e) => e.region ?? "—", nowrap: true },
  { header: "Request ID", cell: (e) => <code>{e.requestId}</code>, nowrap: true },
];

export function AuditLog() {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<AuditFilter>({});
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ ...filter, limit: PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const loaded = events.data?.pages.reduce((n, p) => n + p.items.length, 0);
  const filtered = Object.values(filter).some((v) => v !== undefined);

  return (
    <>
      <PageHeader
        title="Audit log"
        breadcrumbs={[{ label: "Audit log" }]}
        description="Every change made in this team, from the console, tRPC or the AWS APIs. Reads are not recorded."
        info="Events are listed newest first. Failed attempts are recorded too, with the error code the caller received."
      />
      <Container title="Events" counter={loaded} flush>
        <div className="container-inset">
          <AuditFilters onApply={setFilter} />
        </div>
        <QueryResult query={events} loadingLabel="Loading events">
          {(data) => (
            <DataTable
              label="Events"
              columns={COLUMNS}
              rows={data.pages.flatMap((p) => p.items)}
              rowKey={(e) => e.id}
              empty={
                <EmptyState title={filtered ? "No matching events" : "No events yet"}>
                  {filtered ? "Try other filters, or clear them." : "Changes made in this team will appear here."}
                </EmptyState>
              }
            />
          )}
        </QueryResult>
        {events.hasNextPage && (
          <div className="load-more">
            <Button loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
              Load more
            </Button>
          </div>
        )}
      </Container>
    </>
  );
}
