"use client";

import { useQuery } from "@tanstack/react-query";
import { Alert } from "../../../_components/Alert";
import { Button } from "../../../_components/Button";
import { FormField } from "../../../_components/FormField";
import { useTRPC } from "../../../_trpc/client";
import { DEFAULT_SUBSCRIPTION_DELIVERY_POLICY } from "./json";
import { resourceNameFromArn } from "./links";
import { RAW_PROTOCOLS } from "./protocols";

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

interface DeadLetterQueueFieldsProps {
  /** FIFO topics need FIFO dead-letter queues, standard topics standard ones. */
  fifo: boolean;
  enabled: boolean;
  targetArn: string;
  error?: string;
  onChange: (change: { deadLetterQueue?: boolean; deadLetterTargetArn?: string }) => void;
}

/** The redrive policy: a queue of this account for messages SNS could not deliver after its retries. */
export function DeadLetterQueueFields({ fifo, enabled, targetArn, error, onChange }: DeadLetterQueueFieldsProps) {
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
export function DeliveryPolicyField({ value, error, onChange }: { value: string; error?: string; onChange: (value: string) => void }) {
  return (
    <div className="stack">
      <FormField label="Delivery policy (JSON)" description="Optional. Leave it empty to use the topic's delivery policy." error={error}>
        {(control) => (
          <textarea
            {...control}
            className="input textarea code-input"
            rows={value ? Math.min(16, value.split("\n").length + 1) : 4}
            spellCheck={false}
            value={value}
            placeholder='{ "healthyRetryPolicy": { … } }'
            onChange={(e) => onChange(e.target.value)}
          />
        )}
      </FormField>
      <div className="button-row">
        <Button onClick={() => onChange(DEFAULT_SUBSCRIPTION_DELIVERY_POLICY)}>Insert default policy</Button>
      </div>
    </div>
  );
}
