"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { RefreshButton } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { QueryResult } from "../../../../../_components/QueryResult";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";
import { DELIVERY_STATUSES, deliveryStatusLabel, DeliveryStatus } from "../../DeliveryStatus";
import { subscriptionHref } from "../../links";
import { protocolLabel } from "../../protocols";
import "../../sns.css";

type Delivery = RouterOutputs["sns"]["listDeliveries"][number];

/** While a delivery is pending its job, the log is read every two seconds; otherwise every five. */
const PENDING_REFRESH_MS = 2_000;
const IDLE_REFRESH_MS = 5_000;

/** The topic's delivery status log: each message to each subscription, newest first, refreshed live. */
export function DeliveryLogTab({ topicArn }: { topicArn: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState("");
  const deliveries = useQuery(
    trpc.sns.listDeliveries.queryOptions(
      { TopicArn: topicArn, limit: 100 },
      { refetchInterval: (query) => (query.state.data?.some((d) => d.status === "pending") ? PENDING_REFRESH_MS : IDLE_REFRESH_MS) },
    ),
  );
  const rows = (deliveries.data ?? []).filter((d) => !status || d.status === status);

  const columns: Column<Delivery>[] = [
    { header: "Time", cell: (d) => formatDateTime(d.createdAt), nowrap: true },
    { header: "Message ID", cell: (d) => <code>{d.messageId}</code>, nowrap: true },
    {
      header: "Endpoint",
      cell: (d) => (
        <>
          {d.subscriptionArn ? (
            <Link href={subscriptionHref(d.subscriptionArn)} className="sns-endpoint">
              {d.endpoint}
            </Link>
          ) : (
            <span className="sns-endpoint">{d.endpoint}</span>
          )}
          <span className="cell-sub">{protocolLabel(d.protocol)}</span>
        </>
      ),
    },
    { header: "Status", cell: (d) => <DeliveryStatus status={d.status} />, nowrap: true },
    {
      header: "Attempts",
      nowrap: true,
      cell: (d) => (
        <>
          <span className="numeric">{d.attempts}</span>
          {d.statusCode !== null && <span className="cell-sub">HTTP {d.statusCode}</span>}
        </>
      ),
    },
    { header: "Error", cell: (d) => (d.error ? <span className="break-all">{d.error}</span> : "–") },
  ];

  return (
    <Container
      title="Delivery status log"
      counter={deliveries.data?.length}
      description="The latest 100 deliveries of this topic's messages to its subscriptions, newest first. Pending deliveries are being retried by the delivery workers."
      flush
      actions={
        <div className="sns-toolbar">
          <FormField label="Status">
            {(control) => (
              <select {...control} className="select select-compact" value={status} onChange={(e) => setStatus(e.target.value)}>
                <option value="">All statuses</option>
                {DELIVERY_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {deliveryStatusLabel(s)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <RefreshButton
            label="Refresh delivery status log"
            refreshing={deliveries.isFetching && !deliveries.isPending}
            onRefresh={() => void queryClient.invalidateQueries(trpc.sns.listDeliveries.queryFilter({ TopicArn: topicArn }))}
          />
        </div>
      }
    >
      <QueryResult query={deliveries} loadingLabel="Loading deliveries">
        {(all) => (
          <DataTable
            label="Deliveries"
            columns={columns}
            rows={rows}
            rowKey={(d) => d.id}
            empty={
              all.length > 0 ? (
                <EmptyState title="No matches">No delivery in the log has this status.</EmptyState>
              ) : (
                <EmptyState title="No deliveries">Messages published to this topic show here, one row for each subscription they were delivered to.</EmptyState>
              )
            }
          />
        )}
      </QueryResult>
    </Container>
  );
}
