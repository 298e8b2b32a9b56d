"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button, ButtonLink, RefreshButton } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../_trpc/client";
import { ConfirmSubscriptionModal } from "../../ConfirmSubscriptionModal";
import { createSubscriptionHref, isPendingArn, subscriptionHref, subscriptionIdOf } from "../../links";
import { protocolLabel } from "../../protocols";
import { SubscriptionStatus } from "../../SubscriptionStatus";
import { DeleteSubscriptionDialog } from "../../TopicDialogs";
import { subscriptionKey, useTopicSubscriptions, type SubscriptionEntry } from "../../use-subscriptions";
import type { LoadedTopic } from "../../use-topic";

/** The topic's subscriptions, live: pending ones turn confirmed once their endpoint confirms. */
export function SubscriptionsTab({ topic, canChange }: { topic: LoadedTopic; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const subscriptions = useTopicSubscriptions(topic.arn);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SubscriptionEntry | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const radioName = useId();

  const rows = subscriptions.data?.Subscriptions ?? [];
  const selected = rows.find((s) => subscriptionKey(s) === selectedKey) ?? null;
  const selectedConfirmed = selected !== null && !isPendingArn(selected.SubscriptionArn);

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
  ];

  return (
    <>
      <Container
        title="Subscriptions"
        counter={subscriptions.data?.Subscriptions.length}
        description="Endpoints the topic delivers its messages to. HTTP/S and email endpoints, and other accounts' queues and functions, must confirm first."
        flush
        actions={
          <>
            <RefreshButton
              label="Refresh subscriptions"
              refreshing={subscriptions.isFetching && !subscriptions.isPending}
              onRefresh={() => void queryClient.invalidateQueries(trpc.sns.listSubscriptionsByTopic.queryFilter({ TopicArn: topic.arn }))}
            />
            <Button disabled={!selectedConfirmed || !canChange} onClick={() => selected && router.push(subscriptionHref(selected.SubscriptionArn))}>
              Edit
            </Button>
            <Button disabled={!selectedConfirmed || !canChange} onClick={() => setDeleting(selected)}>
              Delete
            </Button>
            <Button disabled={!canChange} onClick={() => setConfirming(true)}>
              Confirm subscription
            </Button>
            <ButtonLink href={createSubscriptionHref(topic.name)} variant="primary" disabled={!canChange}>
              Create subscription
            </ButtonLink>
          </>
        }
      >
        {notice && (
          <div className="container-inset">
            <Alert type="success">{notice}</Alert>
          </div>
        )}
        {selected && !selectedConfirmed && (
          <div className="container-inset">
            <Alert type="info">
              A pending subscription has no ARN yet, so it can&apos;t be edited or deleted: confirm it, or it expires three days after it was created.
            </Alert>
          </div>
        )}
        <QueryResult query={subscriptions} loadingLabel="Loading subscriptions">
          {() => (
            <DataTable
              label="Subscriptions"
              columns={columns}
              rows={rows}
              rowKey={subscriptionKey}
              empty={
                <EmptyState
                  title="No subscriptions"
                  action={
                    <ButtonLink href={createSubscriptionHref(topic.name)} disabled={!canChange}>
                      Create subscription
                    </ButtonLink>
                  }
                >
                  This topic doesn&apos;t have any subscriptions: messages published to it go nowhere.
                </EmptyState>
              }
            />
          )}
        </QueryResult>
      </Container>
      <DeleteSubscriptionDialog
        subscription={deleting && { arn: deleting.SubscriptionArn, endpoint: deleting.Endpoint }}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          setSelectedKey(null);
          setNotice("Subscription deleted.");
        }}
      />
      {confirming && (
        <ConfirmSubscriptionModal
          topicArn={topic.arn}
          onClose={() => setConfirming(false)}
          onConfirmed={(arn) => {
            setConfirming(false);
            setNotice(`Subscription ${subscriptionIdOf(arn)} confirmed.`);
          }}
        />
      )}
    </>
  );
}
