"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../_components/Alert";
import { Button, ButtonLink, RefreshButton } from "../../../_components/Button";
import { Container } from "../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../_components/DataTable";
import { PageHeader } from "../../../_components/PageHeader";
import { QueryResult } from "../../../_components/QueryResult";
import { SearchField } from "../../../_components/SearchField";
import { useCurrentTeam } from "../../../_console/TeamGate";
import { formatDateTime } from "../../../_lib/format";
import { useTRPC } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";
import { DeleteStreamDialog } from "./DeleteStreamDialog";
import { streamHref } from "./links";
import { formatRetention, modeLabel } from "./stream-settings";
import { ResourceStatus } from "./ResourceStatus";
import { useRefreshStreams } from "./use-stream";

type StreamSummary = RouterOutputs["kinesis"]["listStreamSummaries"][number];

export function StreamsPage() {
  const trpc = useTRPC();
  const refresh = useRefreshStreams();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const streams = useQuery(trpc.kinesis.listStreamSummaries.queryOptions());
  const [filter, setFilter] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const radioName = useId();

  const needle = filter.trim().toLowerCase();
  const rows = (streams.data ?? []).filter((s) => s.name.toLowerCase().includes(needle));

  const columns: Column<StreamSummary>[] = [
    selectColumn(radioName, (s) => s.name, selected, setSelected),
    { header: "Name", cell: (s) => <Link href={streamHref(s.name)}>{s.name}</Link> },
    { header: "Status", cell: (s) => <ResourceStatus status={s.status} />, nowrap: true },
    { header: "Capacity mode", cell: (s) => modeLabel(s.mode), nowrap: true },
    { header: "Open shards", cell: (s) => <span className="numeric">{s.openShards}</span> },
    { header: "Data retention", cell: (s) => formatRetention(s.retentionHours), nowrap: true },
    { header: "Created", cell: (s) => formatDateTime(s.createdAt) },
  ];

  const createButton = (label: string) => (
    <ButtonLink href="/kinesis/create" variant="primary" disabled={!canChange}>
      {label}
    </ButtonLink>
  );

  return (
    <>
      <PageHeader
        title="Data streams"
        breadcrumbs={[{ label: "Kinesis", href: "/kinesis" }, { label: "Data streams" }]}
        description="Data streams take in records from producers and keep them, in order per shard, for consumers to read for the retention period."
        info="Each shard takes in up to 1 MiB/s and 1,000 records/s and serves 2 MiB/s. Records with the same partition key go to the same shard, in the order they were written."
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers can look at streams and watch their records but cannot create, change, write to or delete them. Ask an owner or admin for the developer role.</Alert>}
        <Container
          title="Data streams"
          counter={streams.data?.length}
          flush
          actions={
            <>
              <RefreshButton label="Refresh data streams" refreshing={streams.isFetching && !streams.isPending} onRefresh={() => void refresh()} />
              <Button disabled={!selected || !canChange} onClick={() => setDeleting(selected)}>
                Delete
              </Button>
              {createButton("Create data stream")}
            </>
          }
        >
          <SearchField label="Search data streams" placeholder="Search data streams by name" value={filter} onChange={setFilter} />
          <QueryResult query={streams} loadingLabel="Loading data streams">
            {(all) => (
              <DataTable
                label="Data streams"
                columns={columns}
                rows={rows}
                rowKey={(s) => s.name}
                empty={
                  all.length > 0 ? (
                    <EmptyState title="No matches" action={<Button onClick={() => setFilter("")}>Clear filter</Button>}>
                      No stream names contain “{filter}”.
                    </EmptyState>
                  ) : (
                    <EmptyState title="No data streams" action={createButton("Create your first data stream")}>
                      You don&apos;t have any data streams in this region.
                    </EmptyState>
                  )
                }
              />
            )}
          </QueryResult>
        </Container>
      </div>
      <DeleteStreamDialog
        stream={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          setSelected(null);
        }}
      />
    </>
  );
}
