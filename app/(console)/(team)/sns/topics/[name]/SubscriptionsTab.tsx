"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button, ButtonLink } from "../../../../../_components/Button";
import { EmptyState } from "../../../../../_components/DataTable";
import { useTRPC } from "../../../../../_trpc/client";
import { ConfirmSubscriptionModal } from "../../ConfirmSubscriptionModal";
import { createSubscriptionHref, subscriptionIdOf } from "../../links";
import { SubscriptionsTable } from "../../SubscriptionsTable";
import { useTopicSubscriptions } from "../../use-subscriptions";
import type { LoadedTopic } from "../../use-topic";

/** The topic's subscriptions, live: pending ones turn confirmed once their endpoint confirms. */
export function SubscriptionsTab({ topic, canChange }: { topic: LoadedTopic; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const subscriptions = useTopicSubscriptions(topic.arn);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <SubscriptionsTable
        subscriptions={subscriptions}
        rows={subscriptions.data?.Subscriptions ?? []}
        description="Endpoints the topic delivers its messages to. HTTP/S and email endpoints, and other accounts' queues and functions, must confirm first."
        explainPending
        canChange={canChange}
        onRefresh={() => void queryClient.invalidateQueries(trpc.sns.listSubscriptionsByTopic.queryFilter({ TopicArn: topic.arn }))}
        actions={
          <>
            <Button disabled={!canChange} onClick={() => setConfirming(true)}>
              Confirm subscription
            </Button>
            <ButtonLink href={createSubscriptionHref(topic.name)} variant="primary" disabled={!canChange}>
              Create subscription
            </ButtonLink>
          </>
        }
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
        onDeleted={() => setNotice("Subscription deleted.")}
      >
        {notice && (
          <div className="container-inset">
            <Alert type="success">{notice}</Alert>
          </div>
        )}
      </SubscriptionsTable>
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
