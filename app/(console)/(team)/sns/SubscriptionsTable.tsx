"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type ReactNode } from "react";
import { Alert } from "../../../_components/Alert";
import { Button, RefreshButton } from "../../../_components/Button";
import { Container } from "../../../_components/Container";
import { DataTable, type Column } from "../../../_components/DataTable";
import { QueryResult } from "../../../_components/QueryResult";
import { useTRPC } from "../../../_trpc/client";
import { isPendingArn, subscriptionHref, subscriptionIdOf, topicHref, topicNameFromArn } from "./links";
import { protocolLabel } from "./protocols";
import { SubscriptionStatus } from "./SubscriptionStatus";
import { DeleteSubscriptionDialog } from "./TopicDialogs";
import { subscriptionKey, type SubscriptionEntry } from "./use-subscriptions";

interface SubscriptionsQuery {
  data: { Subscriptions: SubscriptionEntry[] } | undefined;
  error: unknown;
  isPending: boolean;
  isFetching: boolean;
}

interface SubscriptionsTableProps {
  subscriptions: SubscriptionsQuery;
  /** The rows to list: every subscription, or a search's matches. */
  rows: readonly SubscriptionEntry[];
  description?: string;
  /** A Topic column, for subscriptions of more than one topic. */
  showTopic?: boolean;
  /** Explain, when a pending subscription is selected, why Edit and Delete are off. */
  explainPending?: boolean;
  canChange: boolean;
  onRefresh: () => void;
  /** Buttons after Edit and Delete. */
  actions: ReactNode;
  /** Above the table: a search field, notices. */
  children?: ReactNode;
  /** Shown when there are no rows. */
  empty: ReactNode;
  onDeleted?: () => void;
}

/** Subscriptions with a radio to select one for Edit (on its own page) and Delete. */
export function SubscriptionsTable({ subscriptions, rows, description, showTopic, explainPending, canChange, onRefresh, actions, children, empty, onDeleted }: SubscriptionsTableProps) {
  const router = useRouter();
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SubscriptionEntry | null>(null);
  const radioName = useId();

  const selected = subscriptions.data?.Subscriptions.find((s) => subscriptionKey(s) === selectedKey) ?? null;
  const selectedConfirmed = selected !== null && !isPendingArn(selected.SubscriptionArn);
  // As in the AWS console: subscribing the same endpoint again sends it another confirmation.
  const trpc = useTRPC();
  const requestConfirmation = useMutation(trpc.sns.subscribe.mutationOptions());
  const requested = requestConfirmation.isSuccess ? requestConfirmation.variables : undefined;

  const columns: Column<SubscriptionEntry>[] = [
    {
      header: "Select",
      hideHeader: true,
      // Named by protocol and endpoint: pending subscriptions have no ID yet.
      cell: (s) => (
        <input
          type="radio"
          name={radioName}
          aria-label={`Select ${s.Protocol} subscription ${s.Endpoint}`}
          checked={subscriptionKey(s) === selectedKey}
          onChange={() => setSelectedKey(subscriptionKey(s))}
        />
      ),
    },
    {
      header: "ID",
      nowrap: true,
      cell: (s) =>
        isPendingArn(s.SubscriptionArn) ? (
          <span className="text-secondary">Pending confirmation</span>
        ) : (
          <Link href={subscriptionHref(s.SubscriptionArn)} className="mono">
            {subscriptionIdOf(s.SubscriptionArn)}
          </Link>
        ),
    },
    { header: "Endpoint", cell: (s) => <span className="break-all">{s.Endpoint}</span> },
    { header: "Status", cell: (s) => <SubscriptionStatus pending={isPendingArn(s.SubscriptionArn)} />, nowrap: true },
    { header: "Protocol", cell: (s) => protocolLabel(s.Protocol), nowrap: true },
    ...(showTopic ? [{ header: "Topic", cell: (s: SubscriptionEntry) => <Link href={topicHref(topicNameFromArn(s.TopicArn))}>{topicNameFromArn(s.TopicArn)}</Link> }] : []),
  ];

  return (
    <>
      <Container
        title="Subscriptions"
        counter={subscriptions.data?.Subscriptions.length}
        description={description}
        flush
        actions={
          <>
            <RefreshButton label="Refresh subscriptions" refreshing={subscriptions.isFetching && !subscriptions.isPending} onRefresh={onRefresh} />
            <Button disabled={!selectedConfirmed || !canChange} onClick={() => selected && router.push(subscriptionHref(selected.SubscriptionArn))}>
              Edit
            </Button>
            <Button disabled={!selectedConfirmed || !canChange} onClick={() => setDeleting(selected)}>
              Delete
            </Button>
            <Button
              disabled={!selected || selectedConfirmed || !canChange}
              loading={requestConfirmation.isPending}
              onClick={() => selected && requestConfirmation.mutate({ TopicArn: selected.TopicArn, Protocol: selected.Protocol, Endpoint: selected.Endpoint })}
            >
              Request confirmation
            </Button>
            {actions}
          </>
        }
      >
        {children}
        {requested && (
          <div className="container-inset">
            <Alert type="success">Confirmation requested again for {requested.Endpoint}.</Alert>
          </div>
        )}
        {requestConfirmation.error && (
          <div className="container-inset">
            <Alert type="error" title="Could not request confirmation">
              {requestConfirmation.error.message}
            </Alert>
          </div>
        )}
        {explainPending && selected && !selectedConfirmed && (
          <div className="container-inset">
            <Alert type="info">
              A pending subscription has no ARN yet, so it can&apos;t be edited or deleted: confirm it (Request confirmation sends the endpoint another confirmation), or it expires three days after it was created.
            </Alert>
          </div>
        )}
        <QueryResult query={subscriptions} loadingLabel="Loading subscriptions">
          {() => <DataTable label="Subscriptions" columns={columns} rows={rows} rowKey={subscriptionKey} empty={empty} />}
        </QueryResult>
      </Container>
      <DeleteSubscriptionDialog
        subscription={deleting && { arn: deleting.SubscriptionArn, endpoint: deleting.Endpoint }}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          setSelectedKey(null);
          onDeleted?.();
        }}
      />
    </>
  );
}
