"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC } from "../../../../../_trpc/client";
import { queueNameFromArn } from "../../../sqs/use-queue";
import { checkWhole } from "../../function-rules";
import { REPORT_BATCH_ITEM_FAILURES, type Trigger } from "./use-triggers";

interface TriggerForm {
  queueArn: string;
  batchSize: string;
  batchingWindow: string;
  reportFailures: boolean;
  maximumConcurrency: string;
  /** One JSON pattern a line. */
  filters: string;
  enabled: boolean;
}

function initialForm(trigger: Trigger | null): TriggerForm {
  return {
    queueArn: trigger?.EventSourceArn ?? "",
    batchSize: String(trigger?.BatchSize ?? 10),
    batchingWindow: String(trigger?.MaximumBatchingWindowInSeconds ?? 0),
    reportFailures: trigger?.FunctionResponseTypes.includes(REPORT_BATCH_ITEM_FAILURES) ?? false,
    maximumConcurrency: trigger?.ScalingConfig ? String(trigger.ScalingConfig.MaximumConcurrency) : "",
    filters: (trigger?.FilterCriteria?.Filters ?? []).map((f) => f.Pattern).join("\n"),
    enabled: trigger ? trigger.State !== "Disabled" && trigger.State !== "Disabling" : true,
  };
}

const filterLines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

function checkFilters(text: string): string | undefined {
  const lines = filterLines(text);
  if (lines.length > 5) return "Add up to 5 filter patterns.";
  for (const line of lines) {
    let pattern: unknown;
    try {
      pattern = JSON.parse(line);
    } catch {
      return `Each line must be a JSON object: ${line}`;
    }
    if (typeof pattern !== "object" || pattern === null || Array.isArray(pattern)) return `Each line must be a JSON object: ${line}`;
  }
  return undefined;
}

function validate(form: TriggerForm) {
  return {
    queueArn: form.queueArn ? undefined : "Choose an SQS queue.",
    batchSize: checkWhole(form.batchSize, 1, 10_000, "Batch size"),
    batchingWindow: checkWhole(form.batchingWindow, 0, 300, "Batching window"),
    maximumConcurrency: form.maximumConcurrency.trim() === "" ? undefined : checkWhole(form.maximumConcurrency, 2, 1000, "Maximum concurrency"),
    filters: checkFilters(form.filters),
  };
}

interface TriggerModalProps {
  name: string;
  /** The trigger to edit; null adds one. */
  trigger: Trigger | null;
  onClose: () => void;
  onSaved: (queueName: string, created: boolean) => void;
}

/** CreateEventSourceMapping / UpdateEventSourceMapping for an SQS queue of this account and region. */
export function TriggerModal({ name, trigger, onClose, onSaved }: TriggerModalProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queues = useQuery(trpc.sqs.listQueueSummaries.queryOptions(undefined, { enabled: trigger === null }));
  const creating = trigger === null;
  const [form, setForm] = useState(() => initialForm(trigger));
  const [submitted, setSubmitted] = useState(false);
  const errors = validate(form);
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const set = (change: Partial<TriggerForm>) => setForm((f) => ({ ...f, ...change }));

  async function saved(queueArn: string) {
    await queryClient.invalidateQueries(trpc.lambda.listEventSourceMappings.queryFilter());
    onSaved(queueNameFromArn(queueArn), creating);
  }
  const create = useMutation(trpc.lambda.createEventSourceMapping.mutationOptions({ onSuccess: (data) => saved(data.EventSourceArn) }));
  const update = useMutation(trpc.lambda.updateEventSourceMapping.mutationOptions({ onSuccess: (data) => saved(data.EventSourceArn) }));
  const save = creating ? create : update;

  function submit() {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    const settings = {
      Enabled: form.enabled,
      BatchSize: Number(form.batchSize),
      MaximumBatchingWindowInSeconds: Number(form.batchingWindow),
      FunctionResponseTypes: form.reportFailures ? [REPORT_BATCH_ITEM_FAILURES] : [],
      // Empty objects remove a concurrency cap or filters an edit took out.
      ScalingConfig: form.maximumConcurrency.trim() === "" ? {} : { MaximumConcurrency: Number(form.maximumConcurrency) },
      FilterCriteria: { Filters: filterLines(form.filters).map((Pattern) => ({ Pattern })) },
    };
    if (creating) create.mutate({ FunctionName: name, EventSourceArn: form.queueArn, ...settings });
    else update.mutate({ UUID: trigger.UUID, ...settings });
  }

  return (
    <FormModal
      title={creating ? "Add trigger" : `Edit trigger ${queueNameFromArn(trigger.EventSourceArn)}`}
      submitLabel={creating ? "Add" : "Save"}
      pending={save.isPending}
      error={save.error}
      onSubmit={submit}
      onClose={onClose}
    >
      {creating && (
        <FormField
          label="SQS queue"
          description={queues.isPending ? "Loading queues…" : "Lambda polls the queue and invokes the function with batches of its messages."}
          error={shown.queueArn}
        >
          {(control) => (
            <select {...control} className="select" value={form.queueArn} onChange={(e) => set({ queueArn: e.target.value })}>
              <option value="">Choose a queue</option>
              {(queues.data ?? []).map((q) => (
                <option key={q.arn} value={q.arn}>
                  {q.name}
                  {q.type === "FIFO" ? " (FIFO)" : ""}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      <div className="form-grid">
        <FormField label="Batch size" constraint="1 to 10,000 (FIFO queues: 10). Above 10 needs a batching window." error={shown.batchSize}>
          {(control) => <input {...control} className="input" inputMode="numeric" value={form.batchSize} onChange={(e) => set({ batchSize: e.target.value })} />}
        </FormField>
        <FormField label="Batch window (seconds)" constraint="0 to 300: how long to gather records before invoking." error={shown.batchingWindow}>
          {(control) => <input {...control} className="input" inputMode="numeric" value={form.batchingWindow} onChange={(e) => set({ batchingWindow: e.target.value })} />}
        </FormField>
      </div>
      <FormField label="Maximum concurrency" description="Optional. How many concurrent invocations the queue may start, 2 to 1,000." error={shown.maximumConcurrency}>
        {(control) => (
          <input
            {...control}
            className="input"
            inputMode="numeric"
            placeholder="No limit"
            value={form.maximumConcurrency}
            onChange={(e) => set({ maximumConcurrency: e.target.value })}
          />
        )}
      </FormField>
      <FormField label="Filter criteria" description='Optional. One JSON pattern a line, e.g. {"body": {"type": ["order"]}}. Messages no pattern matches are deleted.' error={shown.filters}>
        {(control) => (
          <textarea {...control} className="input textarea code-input" rows={3} spellCheck={false} value={form.filters} onChange={(e) => set({ filters: e.target.value })} />
        )}
      </FormField>
      <label className="checkbox">
        <input type="checkbox" checked={form.reportFailures} onChange={(e) => set({ reportFailures: e.target.checked })} />
        <span>
          <span className="radio-label">Report batch item failures</span>
          <span className="radio-description">The function returns the messages that failed (batchItemFailures); only those are retried.</span>
        </span>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        <span>
          <span className="radio-label">Activate trigger</span>
          <span className="radio-description">Clear to save the trigger disabled: the queue is not polled until you enable it.</span>
        </span>
      </label>
    </FormModal>
  );
}
