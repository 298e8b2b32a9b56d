"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../../_components/ConfirmDialog";
import { useTRPC } from "../../../_trpc/client";

interface TopicRef {
  name: string;
  arn: string;
}

/** Deleting a topic (and with it its subscriptions), confirmed by typing "delete me" as on AWS. */
export function DeleteTopicDialog({ topic, onClose, onDeleted }: { topic: TopicRef | null; onClose: () => void; onDeleted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.sns.deleteTopic.mutationOptions({
      async onSuccess() {
        await queryClient.invalidateQueries(trpc.sns.listTopicSummaries.queryFilter());
        void queryClient.invalidateQueries(trpc.sns.listSubscriptions.queryFilter());
        void queryClient.invalidateQueries(trpc.dashboard.resourceCounts.queryFilter());
        onDeleted();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={topic !== null}
      title="Delete topic"
      confirmLabel="Delete"
      confirmText="delete me"
      action={remove}
      onClose={onClose}
      onConfirm={() => topic && remove.mutate({ TopicArn: topic.arn })}
    >
      <p>
        Delete <strong>{topic?.name}</strong>? Its subscriptions are deleted with it, and publishers using it will get errors. This cannot be
        undone.
      </p>
    </ConfirmDialog>
  );
}

/** Unsubscribing, confirmed as on AWS. */
export function DeleteSubscriptionDialog({ subscription, onClose, onDeleted }: { subscription: { arn: string; endpoint: string } | null; onClose: () => void; onDeleted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.sns.unsubscribe.mutationOptions({
      async onSuccess() {
        await Promise.all([
          queryClient.invalidateQueries(trpc.sns.listSubscriptionsByTopic.queryFilter()),
          queryClient.invalidateQueries(trpc.sns.listSubscriptions.queryFilter()),
          queryClient.invalidateQueries(trpc.sns.listTopicSummaries.queryFilter()),
          queryClient.invalidateQueries(trpc.sns.getTopicAttributes.queryFilter()),
        ]);
        onDeleted();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={subscription !== null}
      title="Delete subscription"
      confirmLabel="Delete"
      action={remove}
      onClose={onClose}
      onConfirm={() => subscription && remove.mutate({ SubscriptionArn: subscription.arn })}
    >
      <p>
        Delete the subscription of <strong className="break-all">{subscription?.endpoint}</strong>? The endpoint stops receiving the topic&apos;s
        messages at once.
      </p>
    </ConfirmDialog>
  );
}
