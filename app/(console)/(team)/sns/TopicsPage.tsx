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
import { topicHref } from "./links";
import { SnsNav } from "./SnsNav";
import { DeleteTopicDialog } from "./TopicDialogs";
import { LIVE_REFRESH_MS } from "./use-topic";

type TopicSummary = RouterOutputs["sns"]["listTopicSummaries"][number];

export function TopicsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const topics = useQuery(trpc.sns.listTopicSummaries.queryOptions(undefined, { refetchInterval: LIVE_REFRESH_MS }));
  const [filter, setFilter] = useState("");
  const [selectedName, setSelectedName] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<TopicSummary | null>(null);
  const radioName = useId();

  const needle = filter.trim().toLowerCase();
  const rows = (topics.data ?? []).filter((t) => `${t.name} ${t.displayName}`.toLowerCase().includes(needle));
  const selected = topics.data?.find((t) => t.name === selectedName) ?? null;

  const columns: Column<TopicSummary>[] = [
    selectColumn(radioName, (t) => t.name, selectedName, setSelectedName),
    { header: "Name", cell: (t) => <Link href={topicHref(t.name)}>{t.name}</Link> },
    { header: "Type", cell: (t) => (t.fifo ? "FIFO" : "Standard"), nowrap: true },
    { header: "Display name", cell: (t) => t.displayName || "–" },
    { header: "Confirmed subscriptions", cell: (t) => <span className="numeric">{t.confirmed}</span>, wrapHeader: true },
    { header: "Pending subscriptions", cell: (t) => <span className="numeric">{t.pending}</span>, wrapHeader: true },
    { header: "Created", cell: (t) => formatDateTime(t.createdAt) },
  ];

  const createButton = (label: string) => (
    <ButtonLink href="/sns/create" variant="primary" disabled={!canChange}>
      {label}
    </ButtonLink>
  );

  return (
    <>
      <PageHeader
        title="Topics"
        breadcrumbs={[{ label: "SNS", href: "/sns" }, { label: "Topics" }]}
        description="Topics fan each published message out to their subscriptions: queues, functions, HTTP/S endpoints, email, SMS and mobile push."
        info="Standard topics deliver at least once in no particular order; FIFO topics deliver in order, without duplicates, to FIFO queues. Subscription counts refresh every few seconds."
      />
      <div className="stack-lg">
        <SnsNav />
        {!canChange && <Alert type="info">Viewers can look at topics but cannot create, change, publish to or delete them. Ask an owner or admin for the developer role.</Alert>}
        <Container
          title="Topics"
          counter={topics.data?.length}
          flush
          actions={
            <>
              <RefreshButton
                label="Refresh topics"
                refreshing={topics.isFetching && !topics.isPending}
                onRefresh={() => void queryClient.invalidateQueries(trpc.sns.listTopicSummaries.queryFilter())}
              />
              <Button disabled={!selected || !canChange} onClick={() => selected && router.push(topicHref(selected.name, "publish"))}>
                Publish message
              </Button>
              <Button disabled={!selected || !canChange} onClick={() => selected && router.push(topicHref(selected.name, "attributes"))}>
                Edit
              </Button>
              <Button disabled={!selected || !canChange} onClick={() => setDeleting(selected)}>
                Delete
              </Button>
              {createButton("Create topic")}
            </>
          }
        >
          <SearchField label="Search topics" placeholder="Search topics by name" value={filter} onChange={setFilter} />
          <QueryResult query={topics} loadingLabel="Loading topics">
            {(all) => (
              <DataTable
                label="Topics"
                columns={columns}
                rows={rows}
                rowKey={(t) => t.name}
                empty={
                  all.length > 0 ? (
                    <EmptyState title="No matches" action={<Button onClick={() => setFilter("")}>Clear filter</Button>}>
                      No topic names contain “{filter}”.
                    </EmptyState>
                  ) : (
                    <EmptyState title="No topics" action={createButton("Create your first topic")}>
                      You don&apos;t have any topics in this region.
                    </EmptyState>
                  )
                }
              />
            )}
          </QueryResult>
        </Container>
        <Container
          title="Samples"
          description="A working pipeline in this team, to see the pieces fit together and to copy from."
          actions={<ButtonLink href="/sns/samples/video-fan-out">Create sample: video fan-out</ButtonLink>}
        >
          <p>
            Video fan-out: an upload event published to one topic fans out to three queues (1080p, 720p, 480p), each drained by a function
            through an event source mapping, with a filter policy on the 1080p subscription. The sample&apos;s page shows messages moving
            through it live.
          </p>
        </Container>
      </div>
      <DeleteTopicDialog
        topic={deleting && { name: deleting.name, arn: deleting.arn }}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          setSelectedName(null);
        }}
      />
    </>
  );
}
