"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "../../../_components/Alert";
import { FormField } from "../../../_components/FormField";
import { useTRPC } from "../../../_trpc/client";
import { DeliveryPolicyField } from "./DeliveryPolicyField";
import { resourceNameFromArn } from "./links";
import { RAW_PROTOCOLS } from "./protocols";
import type { SubscriptionSettings } from "./subscription-settings";

/** Raw message delivery: only queues and HTTP/S endpoints can take the message without SNS's JSON envelope. */
export function RawDeliveryField({ protocol, checked, onChange }: { protocol: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const supported = RAW_PROTOCOLS.has(protocol);
  return (
    <label className="checkbox">
      <input type="checkbox" checked={supported && checked} disabled={!supported} onChange={(e) => onChange(e.target.checked)} />
      <span>
        <span className="radio-label">Enable raw message delivery</span>
        <span className="radio-description">
          {supported
            ? "Deliver the message as published, with its attributes as queue message attributes, instead of wrapped in SNS's JSON notification."
            : "Only Amazon SQS, HTTP and HTTPS subscriptions can receive raw messages."}
        </span>
      </span>
    </label>
  );
}

type DeadLetterSettings = Pick<SubscriptionSettings, "deadLetterQueue" | "deadLetterTargetArn">;

interface DeadLetterQueueFieldsProps {
  /** FIFO topics need FIFO dead-letter queues, standard topics standard ones. */
  fifo: boolean;
  settings: DeadLetterSettings;
  error?: string;
  onChange: (change: Partial<DeadLetterSettings>) => void;
}

/** The redrive policy: a queue of this account for messages SNS could not deliver after its retries. */
export function DeadLetterQueueFields({ fifo, settings, error, onChange }: DeadLetterQueueFieldsProps) {
  const { deadLetterQueue: enabled, deadLetterTargetArn: targetArn } = settings;
  const trpc = useTRPC();
  const queues = useQuery(trpc.sqs.listQueueSummaries.queryOptions(undefined, { enabled }));
  const choices = (queues.data ?? []).filter((q) => (q.type === "FIFO") === fifo);
  return (
    <div className="stack">
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => onChange({ deadLetterQueue: e.target.checked })} />
        <span>
          <span className="radio-label">Enable dead-letter queue</span>
          <span className="radio-description">Send messages SNS could not deliver (the endpoint is gone, or every retry failed) to an SQS queue.</span>
        </span>
      </label>
      {enabled && (
        <div className="form-grid">
          <FormField label="Dead-letter queue" description={`A ${fifo ? "FIFO" : "standard"} queue of this account.`} error={error}>
            {(control) => (
              <select {...control} className="select" value={targetArn} onChange={(e) => onChange({ deadLetterTargetArn: e.target.value })}>
                <option value="">Choose a queue</option>
                {/* A policy naming a queue that isn't listed (deleted, another account's) stays selectable so it shows. */}
                {targetArn && !choices.some((q) => q.arn === targetArn) && <option value={targetArn}>{targetArn}</option>}
                {choices.map((q) => (
                  <option key={q.arn} value={q.arn}>
                    {resourceNameFromArn(q.arn)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
      )}
      {enabled && queues.isSuccess && choices.length === 0 && (
        <Alert type="info">There are no {fifo ? "FIFO" : "standard"} queues in this region. Create the dead-letter queue in SQS first.</Alert>
      )}
    </div>
  );
}

/** A subscription's own HTTP/S delivery policy (retries and throttling), overriding the topic's unless the topic forbids it. */
export function SubscriptionDeliveryPolicyField({ value, error, onChange }: { value: string; error?: string; onChange: (value: string) => void }) {
  return (
    <div className="stack">
      <DeliveryPolicyField
        of="subscription"
        label="Delivery policy (JSON)"
        description="Optional. Leave it empty to use the topic's delivery policy."
        value={value}
        error={error}
        onChange={onChange}
      />
    </div>
  );
}
