"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../_components/Alert";
import { Button, ButtonLink } from "../../../_components/Button";
import { Container } from "../../../_components/Container";
import { FormField } from "../../../_components/FormField";
import { TagEditor } from "../../../_components/TagEditor";
import { RadioGroup, Tiles } from "../../../_components/Tiles";
import { useConsole } from "../../../_console/ConsoleContext";
import { useCurrentTeam } from "../../../_console/TeamGate";
import { errorMessage } from "../../../_lib/errors";
import { useFormSubmit } from "../../../_lib/use-form-submit";
import { useTRPC } from "../../../_trpc/client";
import { QuantityInput } from "./QuantityInput";
import {
  defaultPolicy,
  SPECS,
  validateForm,
  type DeduplicationScope,
  type Encryption,
  type FifoThroughputLimit,
  type FormErrors,
  type QuantityField,
  type QueueForm as QueueFormState,
  type QueueType,
  type RedriveAllow,
} from "./queue-settings";

interface QueueFormProps {
  mode: "create" | "edit";
  initial: QueueFormState;
  /** The edited queue's ARN, left out of its own dead-letter and source choices. */
  selfArn?: string;
  submitLabel: string;
  pending: boolean;
  /** The server's answer to the last submit, shown above the buttons. */
  error: unknown;
  canChange: boolean;
  cancelHref: string;
  onSubmit: (form: QueueFormState) => void;
}

const TYPE_OPTIONS = [
  {
    value: "standard",
    label: "Standard",
    description: "At-least-once delivery, message ordering isn't preserved. Nearly unlimited throughput.",
  },
  {
    value: "fifo",
    label: "FIFO",
    description: "First-in-first-out delivery, message ordering is preserved, exactly-once processing.",
  },
] as const;

const QUANTITY_DESCRIPTIONS: Partial<Record<QuantityField, string>> = {
  visibilityTimeout: "How long a received message stays hidden from other consumers.",
  messageRetentionPeriod: "How long the queue keeps a message that isn't deleted.",
  delaySeconds: "How long a new message stays hidden before it can be received.",
  maximumMessageSize: "The largest message, body and attributes, the queue accepts.",
  receiveWaitTime: "How long receive calls wait for messages (long polling) by default.",
};

/** The create/edit queue form: every attribute SQS has, checked before it is sent. */
export function QueueForm({ mode, initial, selfArn, submitLabel, pending, error, canChange, cancelHref, onSubmit }: QueueFormProps) {
  const trpc = useTRPC();
  const team = useCurrentTeam();
  const { region } = useConsole();
  const queues = useQuery(trpc.sqs.listQueueSummaries.queryOptions());
  const [form, setForm] = useState(initial);
  const problems = validateForm(form, mode);
  const { submitted, setSubmitted, handleSubmit } = useFormSubmit(Object.keys(problems).length > 0);

  const errors: FormErrors = submitted ? problems : {};
  const set = <K extends keyof QueueFormState>(key: K, value: QueueFormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const fifo = form.type === "fifo";
  const otherQueues = (queues.data ?? []).filter((q) => q.arn !== selfArn && q.name !== form.name);
  const deadLetterChoices = otherQueues.filter((q) => (q.type === "FIFO") === fifo);

  function changeType(type: QueueType) {
    setForm((f) => {
      // The .fifo suffix follows the type, as the name rules require.
      let name = f.name;
      if (type === "fifo" && name && !name.endsWith(".fifo")) name = `${name}.fifo`;
      if (type === "standard" && name.endsWith(".fifo")) name = name.slice(0, -5);
      return { ...f, type, name, deadLetterTargetArn: "" };
    });
  }

  const submit = handleSubmit(() => onSubmit(form));

  const quantity = (field: QuantityField) => (
    <QuantityInput
      spec={SPECS[field]}
      value={form[field]}
      onChange={(v) => set(field, v)}
      description={QUANTITY_DESCRIPTIONS[field]}
      error={errors[field]}
    />
  );

  return (
    <form onSubmit={submit} className="form" noValidate aria-label={mode === "create" ? "Create queue" : "Edit queue"}>
      <fieldset disabled={!canChange} className="stack-lg">
        <Container title="Details">
          <Tiles
            legend="Type"
            description={mode === "edit" ? "You can't change the queue type after you create a queue." : "Choose the queue type for your application or cloud infrastructure."}
            name="queue-type"
            value={form.type}
            options={TYPE_OPTIONS}
            onChange={changeType}
            disabled={mode === "edit"}
          />
          <FormField
            label="Name"
            description={
              fifo
                ? "Up to 80 characters: alphanumeric characters, hyphens (-) and underscores (_), ending in .fifo. Case-sensitive."
                : "Up to 80 characters: alphanumeric characters, hyphens (-) and underscores (_). Case-sensitive."
            }
            error={errors.name}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                value={form.name}
                readOnly={mode === "edit"}
                disabled={mode === "edit"}
                autoComplete="off"
                spellCheck={false}
                placeholder={fifo ? "MyQueue.fifo" : "MyQueue"}
                onChange={(e) => set("name", e.target.value.trim())}
              />
            )}
          </FormField>
        </Container>

        <Container title="Configuration" description="Set the visibility timeout, message retention period and other attributes.">
          <div className="form-grid">
            {quantity("visibilityTimeout")}
            {quantity("messageRetentionPeriod")}
            {quantity("delaySeconds")}
            {quantity("maximumMessageSize")}
            {quantity("receiveWaitTime")}
          </div>
          {fifo && (
            <div className="stack">
              <h3 className="subheading">FIFO queue settings</h3>
              <label className="checkbox">
                <input type="checkbox" checked={form.contentBasedDeduplication} onChange={(e) => set("contentBasedDeduplication", e.target.checked)} />
                <span>
                  <span className="radio-label">Content-based deduplication</span>
                  <span className="radio-description">Use a SHA-256 hash of the message body as the deduplication ID when a message has none.</span>
                </span>
              </label>
              <div className="form-grid">
                <FormField label="Deduplication scope" description="Whether deduplication applies to the whole queue or to each message group.">
                  {(control) => (
                    <select {...control} className="select" value={form.deduplicationScope} onChange={(e) => set("deduplicationScope", e.target.value as DeduplicationScope)}>
                      <option value="queue">Queue</option>
                      <option value="messageGroup">Message group</option>
                    </select>
                  )}
                </FormField>
                <FormField
                  label="FIFO throughput limit"
                  description="Per message group ID enables high throughput; it needs the Message group deduplication scope."
                  error={errors.fifoThroughputLimit}
                >
                  {(control) => (
                    <select {...control} className="select" value={form.fifoThroughputLimit} onChange={(e) => set("fifoThroughputLimit", e.target.value as FifoThroughputLimit)}>
                      <option value="perQueue">Per queue</option>
                      <option value="perMessageGroupId">Per message group ID</option>
                    </select>
                  )}
                </FormField>
              </div>
            </div>
          )}
        </Container>

        <Container title="Encryption" description="Server-side encryption protects the contents of messages at rest.">
          <RadioGroup<Encryption>
            legend="Server-side encryption"
            name="encryption"
            value={form.encryption}
            onChange={(v) => set("encryption", v)}
            options={[
              { value: "disabled", label: "Disabled", description: "Messages are stored without server-side encryption." },
              { value: "sse-sqs", label: "Amazon SQS key (SSE-SQS)", description: "An encryption key that SQS creates, manages and uses for you." },
              { value: "sse-kms", label: "AWS KMS key (SSE-KMS)", description: "A key managed in AWS Key Management Service." },
            ]}
          />
          {form.encryption === "sse-kms" && (
            <div className="form-grid">
              <FormField label="KMS key" description="Key ID, alias or ARN. The AWS managed key is alias/aws/sqs." error={errors.kmsMasterKeyId}>
                {(control) => (
                  <input {...control} className="input" value={form.kmsMasterKeyId} spellCheck={false} onChange={(e) => set("kmsMasterKeyId", e.target.value)} />
                )}
              </FormField>
              <QuantityInput
                spec={SPECS.kmsDataKeyReusePeriod}
                value={form.kmsDataKeyReusePeriod}
                onChange={(v) => set("kmsDataKeyReusePeriod", v)}
                description="How long SQS reuses a data key before calling KMS again."
                error={errors.kmsDataKeyReusePeriod}
              />
            </div>
          )}
        </Container>

        <Container
          title="Access policy"
          description="Who besides this account can access the queue. Leave it empty to allow only this account's users and keys."
          info="A JSON resource policy, as on AWS: statements allow other accounts' principals SQS actions on this queue. Actions AWS never allows across accounts stay denied."
        >
          <FormField label="Access policy (JSON)" description="Optional. A JSON policy document." error={errors.policy}>
            {(control) => (
              <textarea
                {...control}
                className="input textarea code-input"
                rows={form.policy ? Math.min(20, form.policy.split("\n").length + 1) : 4}
                spellCheck={false}
                value={form.policy}
                placeholder='{ "Version": "2012-10-17", "Statement": [ … ] }'
                onChange={(e) => set("policy", e.target.value)}
              />
            )}
          </FormField>
          <div className="button-row">
            <Button onClick={() => set("policy", defaultPolicy(team.accountId, region, form.name))}>Insert owner-only policy</Button>
            <Button
              disabled={!form.policy.trim()}
              onClick={() => {
                try {
                  set("policy", JSON.stringify(JSON.parse(form.policy), null, 2));
                } catch {
                  setSubmitted(true);
                }
              }}
            >
              Format JSON
            </Button>
          </div>
        </Container>

        <Container title="Redrive allow policy" description="Which source queues may use this queue as their dead-letter queue.">
          <RadioGroup<RedriveAllow>
            legend="Redrive permission"
            name="redrive-allow"
            value={form.redriveAllow}
            onChange={(v) => set("redriveAllow", v)}
            options={[
              { value: "disabled", label: "Disabled", description: "No policy: any queue in this account may use this queue as its dead-letter queue." },
              { value: "allowAll", label: "Allow all", description: "Any source queue may use this queue as its dead-letter queue." },
              { value: "byQueue", label: "By queue", description: "Only the source queues you choose (up to 10)." },
              { value: "denyAll", label: "Deny all", description: "No queue may use this queue as its dead-letter queue." },
            ]}
          />
          {form.redriveAllow === "byQueue" && (
            <fieldset className="form-field">
              <legend className="form-label">Source queues</legend>
              {otherQueues.length === 0 && <p className="form-description">There are no other queues in this region yet.</p>}
              <div className="checkbox-list">
                {otherQueues.map((q) => (
                  <label key={q.arn} className="checkbox">
                    <input
                      type="checkbox"
                      checked={form.redriveAllowSources.includes(q.arn)}
                      onChange={(e) =>
                        set("redriveAllowSources", e.target.checked ? [...form.redriveAllowSources, q.arn] : form.redriveAllowSources.filter((a) => a !== q.arn))
                      }
                    />
                    <span>{q.name}</span>
                  </label>
                ))}
              </div>
              {errors.redriveAllowSources && <p className="form-error">{errors.redriveAllowSources}</p>}
            </fieldset>
          )}
        </Container>

        <Container
          title="Dead-letter queue"
          description="Send messages that consumers fail to process to another queue, after a number of receives."
          info="The dead-letter queue must be a queue of the same type (standard or FIFO) in this account and region, and its redrive allow policy must accept this queue."
        >
          <RadioGroup<"disabled" | "enabled">
            legend="Dead-letter queue"
            name="dead-letter-queue"
            value={form.deadLetterQueue ? "enabled" : "disabled"}
            onChange={(v) => set("deadLetterQueue", v === "enabled")}
            options={[
              { value: "disabled", label: "Disabled", description: "Messages stay in this queue until they are deleted or expire." },
              { value: "enabled", label: "Enabled", description: "Move messages received too often to a dead-letter queue." },
            ]}
          />
          {form.deadLetterQueue && (
            <div className="form-grid">
              <FormField
                label="Choose queue"
                description={`A ${fifo ? "FIFO" : "standard"} queue to receive undeliverable messages.`}
                error={errors.deadLetterTargetArn}
              >
                {(control) => (
                  <select {...control} className="select" value={form.deadLetterTargetArn} onChange={(e) => set("deadLetterTargetArn", e.target.value)}>
                    <option value="">Choose a queue</option>
                    {/* A policy naming a queue that isn't listed (deleted, say) stays selectable so it shows. */}
                    {form.deadLetterTargetArn && !deadLetterChoices.some((q) => q.arn === form.deadLetterTargetArn) && (
                      <option value={form.deadLetterTargetArn}>{form.deadLetterTargetArn}</option>
                    )}
                    {deadLetterChoices.map((q) => (
                      <option key={q.arn} value={q.arn}>
                        {q.name}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <FormField
                label="Maximum receives"
                description="Receives before a message moves to the dead-letter queue."
                constraint="Between 1 and 1000."
                error={errors.maxReceiveCount}
              >
                {(control) => (
                  <input {...control} className="input" inputMode="numeric" value={form.maxReceiveCount} onChange={(e) => set("maxReceiveCount", e.target.value)} />
                )}
              </FormField>
            </div>
          )}
          {form.deadLetterQueue && deadLetterChoices.length === 0 && queues.isSuccess && (
            <Alert type="info">There are no other {fifo ? "FIFO" : "standard"} queues in this region. Create the dead-letter queue first.</Alert>
          )}
        </Container>

        {mode === "create" && (
          <Container title="Tags" description="A tag is a label you assign to a queue: a key and an optional value.">
            <TagEditor rows={form.tags} onChange={(tags) => set("tags", tags)} errors={errors.tagRows || errors.tags ? { rows: errors.tagRows ?? {}, list: errors.tags } : undefined} />
          </Container>
        )}
      </fieldset>

      {submitted && Object.keys(errors).length > 0 && <Alert type="error">Some fields need attention. Check the messages under them.</Alert>}
      {error != null && <Alert type="error" title={mode === "create" ? "Couldn't create the queue" : "Couldn't save the queue"}>{errorMessage(error)}</Alert>}
      <div className="form-actions">
        <ButtonLink href={cancelHref} variant="link">
          Cancel
        </ButtonLink>
        <Button type="submit" variant="primary" loading={pending} disabled={!canChange}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
