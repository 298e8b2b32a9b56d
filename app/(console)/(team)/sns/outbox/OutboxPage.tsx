"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { RefreshButton } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../_components/DataTable";
import { FormField } from "../../../../_components/FormField";
import { PageHeader } from "../../../../_components/PageHeader";
import { QueryResult } from "../../../../_components/QueryResult";
import { formatDateTime } from "../../../../_lib/format";
import { useTRPC } from "../../../../_trpc/client";
import type { RouterOutputs } from "../../../../_trpc/types";
import { topicHref, topicNameFromArn } from "../links";
import { protocolLabel } from "../protocols";
import { SnsNav } from "../SnsNav";
import "../sns.css";
import { LIVE_REFRESH_MS } from "../use-topic";
import { OutboxMessageModal } from "./OutboxMessageModal";

export type OutboxItem = RouterOutputs["sns"]["listOutbox"][number];
type OutboxProtocol = "email" | "email-json" | "sms" | "application";

const FILTERS: { value: OutboxProtocol | ""; label: string }[] = [
  { value: "", label: "All protocols" },
  { value: "email", label: "Email" },
  { value: "email-json", label: "Email-JSON" },
  { value: "sms", label: "SMS" },
  { value: "application", label: "Mobile push" },
];

/**
 * What SNS would have sent by email, SMS and mobile push: those deliveries land here instead of leaving
 * the machine. Bodies are shown as text, never as HTML.
 */
export function OutboxPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [protocol, setProtocol] = useState<OutboxProtocol | "">("");
  const [viewing, setViewing] = useState<OutboxItem | null>(null);
  const items = useQuery(trpc.sns.listOutbox.queryOptions({ protocol: protocol || undefined, limit: 100 }, { refetchInterval: LIVE_REFRESH_MS }));

  const columns: Column<OutboxItem>[] = [
    { header: "Time", cell: (i) => formatDateTime(i.createdAt), nowrap: true },
    { header: "Protocol", cell: (i) => protocolLabel(i.protocol), nowrap: true },
    { header: "Destination", cell: (i) => i.destination, nowrap: true },
    { header: "Subject", cell: (i) => i.subject || "–" },
    {
      header: "Message",
      cell: (i) => (
        <button type="button" className="link-button" aria-label={`View message ${i.id} to ${i.destination}`} onClick={() => setViewing(i)}>
          <span className="sns-preview">{i.body.slice(0, 200)}</span>
        </button>
      ),
    },
    { header: "Topic", cell: (i) => (i.topicArn ? <Link href={topicHref(topicNameFromArn(i.topicArn))}>{topicNameFromArn(i.topicArn)}</Link> : "–") },
  ];

  return (
    <>
      <PageHeader
        title="Outbox"
        breadcrumbs={[{ label: "SNS", href: "/sns" }, { label: "Outbox" }]}
        description="Email, SMS and mobile push notifications land here instead of leaving the machine: what each recipient would have received."
        info="Subscription confirmations for email endpoints arrive here too. Follow the SubscribeURL in the message (or use Confirm subscription) to confirm, as the recipient would."
      />
      <div className="stack-lg">
        <SnsNav />
        <Container
          title="Messages"
          counter={items.data?.length}
          description="The latest 100 messages, newest first, refreshed every few seconds."
          flush
          actions={
            <div className="sns-toolbar">
              <FormField label="Protocol">
                {(control) => (
                  <select {...control} className="select select-compact" value={protocol} onChange={(e) => setProtocol(e.target.value as OutboxProtocol | "")}>
                    {FILTERS.map((f) => (
                      <option key={f.value} value={f.value}>
                        {f.label}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <RefreshButton
                label="Refresh outbox"
                refreshing={items.isFetching && !items.isPending}
                onRefresh={() => void queryClient.invalidateQueries(trpc.sns.listOutbox.queryFilter())}
              />
            </div>
          }
        >
          <QueryResult query={items} loadingLabel="Loading outbox">
            {(rows) => (
              <DataTable
                label="Outbox messages"
                columns={columns}
                rows={rows}
                rowKey={(i) => i.id}
                empty={
                  <EmptyState title="No messages">
                    {protocol ? `Nothing was sent by ${protocolLabel(protocol)} yet.` : "Messages to email, SMS and mobile push subscriptions show here."}
                  </EmptyState>
                }
              />
            )}
          </QueryResult>
        </Container>
      </div>
      <OutboxMessageModal item={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
