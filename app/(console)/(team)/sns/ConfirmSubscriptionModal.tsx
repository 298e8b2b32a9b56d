"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "../../../_components/FormField";
import { FormModal } from "../../../_components/FormModal";
import { useTRPC } from "../../../_trpc/client";
import { parseConfirmation } from "./confirmation";

/** ConfirmSubscription with the SubscribeURL (or token) of a confirmation message, as the AWS console's "Confirm subscription". */
export function ConfirmSubscriptionModal({ topicArn, onClose, onConfirmed }: { topicArn: string; onClose: () => void; onConfirmed: (subscriptionArn: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [link, setLink] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const request = parseConfirmation(link, topicArn);
  const error = submitted && !request ? "Enter the SubscribeURL from the confirmation message, or its token." : undefined;
  const confirm = useMutation(
    trpc.sns.confirmSubscription.mutationOptions({
      async onSuccess(data) {
        await Promise.all([
          queryClient.invalidateQueries(trpc.sns.listSubscriptionsByTopic.queryFilter()),
          queryClient.invalidateQueries(trpc.sns.listSubscriptions.queryFilter()),
          queryClient.invalidateQueries(trpc.sns.getTopicAttributes.queryFilter()),
          queryClient.invalidateQueries(trpc.sns.listTopicSummaries.queryFilter()),
        ]);
        onConfirmed(data.SubscriptionArn);
      },
    }),
  );
  return (
    <FormModal
      title="Confirm subscription"
      submitLabel="Confirm subscription"
      pending={confirm.isPending}
      error={confirm.error}
      onSubmit={() => {
        setSubmitted(true);
        if (request) confirm.mutate({ TopicArn: request.topicArn, Token: request.token });
      }}
      onClose={onClose}
    >
      <FormField
        label="Subscription confirmation URL"
        description="The SubscribeURL of the confirmation message the endpoint received (HTTP/S requests, email in the SNS outbox), or its token."
        error={error}
      >
        {(control) => (
          <input {...control} className="input" value={link} autoComplete="off" spellCheck={false} placeholder="http://…/?Action=ConfirmSubscription&…" onChange={(e) => setLink(e.target.value)} />
        )}
      </FormField>
    </FormModal>
  );
}
