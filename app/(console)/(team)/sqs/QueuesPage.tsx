"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
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
import { DeleteQueueDialog } from "./QueueDialogs";
import { encryptionOf, type Encryption } from "./queue-settings";
import { LIVE_REFRESH_MS, queueHref } from "./use-queue";

type QueueSummary = RouterOutputs["sqs"]["listQueueSummaries"][number];

const ENCRYPTION_SHORT: Record<Encryption, string> = { disabled: "Disabled", "sse-sqs": "SSE-SQS", "sse-kms": "SSE-KMS" };

/** The list's Encryption column: the summaries don't carry it, so each row asks for its two attributes. */
function EncryptionCell({ url }: { url: string }) {
  const trpc = useTRPC();
  const attributes = useQuery(trpc.sqs.getQueueAttributes.queryOptions({ QueueUrl: url, AttributeNames: ["SqsManagedSseEnabled", "KmsMasterKeyId"] }));
  if (!attributes.data) return <span className="text-secondary">{attributes.isError ? "–" : "…"}</span>;
  return <>{ENCRYPTION_SHORT[encryptionOf(attributes.data.Attributes)]}</>;
}

export function QueuesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const queues = useQuery(trpc.sqs.listQueueSummaries.queryOptions(undefined, { refetchInterval: LIVE_REFRESH_MS }));
  const [filter, setFilter] = useState("");
  const [selectedName, setSelectedName] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<QueueSummary | null>(null);
  const radioName = useId();

  const rows = (queues.data ?? []).filter((q) => q.name.toLowerCase().includes(filter.trim().toLowerCase()));
  const selected = queues.data?.find((q) => q.name === selectedName) ?? null;

  const columns: Column<QueueSummary>[] = [
    selectColumn(radioName, (q) => q.name, selectedName, setSelectedName),
    { header: "Name", cell: (q) => <Link href={queueHref(q.name)}>{q.name}</Link> },
    { header: "Type", cell: (q) => q.type, nowrap: true },
    { header: "Created", cell: (q) => formatDateTime(q.createdAt) },
    { header: "Messages available", cell: (q) => <span className="numeric">{q.visible}</span>, wrapHeader: true },
    { header: "Messages in flight", cell: (q) => <span className="numeric">{q.notVisible}</span>, wrapHeader: true },
    { header: "Messages delayed", cell: (q) => <span className="numeric">{q.delayed}</span>, wrapHeader: true },
    { header: "Encryption", cell: (q) => <EncryptionCell url={q.url} />, nowrap: true },
  ];

  const createButton = (label: string) => (
    <ButtonLink href="/sqs/create" variant="primary" disabled={!canChange}>
      {label}
    </ButtonLink>
  );

  return (
    <>
      <PageHeader
        title="Queues"
        breadcrumbs={[{ label: "SQS", href: "/sqs" }, { label: "Queues" }]}
        description="Message queues for decoupling your services: standard queues for throughput, FIFO queues for ordering and exactly-once processing."
        info="Message counts are approximate, as on AWS, and refresh every few seconds. Available messages can be received now; in-flight messages were received and not yet deleted; delayed messages become available after their delay."
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers can look at queues but cannot create, change or delete them. Ask an owner or admin for the developer role.</Alert>}
        <Container
          title="Queues"
          counter={queues.data?.length}
          flush
          actions={
            <>
              <RefreshButton
                label="Refresh queues"
                refreshing={queues.isFetching && !queues.isPending}
                onRefresh={() => void queryClient.invalidateQueries(trpc.sqs.listQueueSummaries.queryFilter())}
              />
              <Button disabled={!selected} onClick={() => selected && router.push(queueHref(selected.name, "send-receive"))}>
                Send and receive messages
              </Button>
              <Button disabled={!selected || !canChange} onClick={() => selected && router.push(queueHref(selected.name, "edit"))}>
                Edit
              </Button>
              <Button disabled={!selected || !canChange} onClick={() => setDeleting(selected)}>
                Delete
              </Button>
              {createButton("Create queue")}
            </>
          }
        >
          <SearchField label="Search queues" placeholder="Search queues by name" value={filter} onChange={setFilter} />
          <QueryResult query={queues} loadingLabel="Loading queues">
            {(all) => (
              <DataTable
                label="Queues"
                columns={columns}
                rows={rows}
                rowKey={(q) => q.name}
                empty={
                  all.length > 0 ? (
                    <EmptyState title="No matches" action={<Button onClick={() => setFilter("")}>Clear filter</Button>}>
                      No queue names contain “{filter}”.
                    </EmptyState>
                  ) : (
                    <EmptyState title="No queues" action={createButton("Create your first queue")}>
                      You don&apos;t have any queues in this region.
                    </EmptyState>
                  )
                }
              />
            )}
          </QueryResult>
        </Container>
      </div>
      <DeleteQueueDialog
        queue={deleting && { name: deleting.name, url: deleting.url }}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          setSelectedName(null);
        }}
      />
    </>
  );
}
