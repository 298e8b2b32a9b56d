"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { FormField } from "../../../../../_components/FormField";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { LoadingState } from "../../../../../_components/Spinner";
import { errorMessage, isNotFound } from "../../../../../_lib/errors";
import { useTRPC, useTRPCClient } from "../../../../../_trpc/client";
import { FormModal } from "../../../../../_components/FormModal";
import { formatDuration } from "../../format";
import { checkWhole } from "../../function-rules";
import { useRefreshFunction, type FunctionConfiguration } from "../../use-function";

/** Lambda's defaults when a function has no event invoke config: 2 retries, events kept 6 hours. */
const DEFAULT_RETRIES = 2;
const DEFAULT_MAX_AGE = 21_600;
const ARN = /^arn:aws[a-z-]*:(sqs|sns|lambda|events):[a-z0-9-]+:\d{12}:.+$/;

interface AsyncSettings {
  maxAge: number;
  retries: number;
  onSuccess: string;
  onFailure: string;
  deadLetter: string;
}

/** Asynchronous invocation: retries, maximum event age, destinations and the dead-letter queue of $LATEST. */
export function AsyncInvocationSection({ config, canChange }: { config: FunctionConfiguration; canChange: boolean }) {
  const trpc = useTRPC();
  const name = config.FunctionName;
  const invokeConfig = useQuery(trpc.lambda.getFunctionEventInvokeConfig.queryOptions({ FunctionName: name }));
  const [editing, setEditing] = useState(false);
  const missing = isNotFound(invokeConfig.error);
  const current: AsyncSettings | undefined =
    invokeConfig.data || missing
      ? {
          maxAge: invokeConfig.data?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_AGE,
          retries: invokeConfig.data?.MaximumRetryAttempts ?? DEFAULT_RETRIES,
          onSuccess: invokeConfig.data?.DestinationConfig.OnSuccess.Destination ?? "",
          onFailure: invokeConfig.data?.DestinationConfig.OnFailure.Destination ?? "",
          deadLetter: config.DeadLetterConfig?.TargetArn ?? "",
        }
      : undefined;

  return (
    <Container
      title="Asynchronous invocation"
      description="What happens to events queued with InvocationType Event: how long and how often Lambda retries, and where results go."
      actions={
        <Button disabled={!canChange || !current} onClick={() => setEditing(true)}>
          Edit
        </Button>
      }
    >
      {current ? (
        <KeyValueGrid>
          <KeyValue label="Maximum age of event">{formatDuration(current.maxAge)}</KeyValue>
          <KeyValue label="Retry attempts">{current.retries}</KeyValue>
          <KeyValue label="On-success destination">{current.onSuccess ? <code className="break-all">{current.onSuccess}</code> : "None"}</KeyValue>
          <KeyValue label="On-failure destination">{current.onFailure ? <code className="break-all">{current.onFailure}</code> : "None"}</KeyValue>
          <KeyValue label="Dead-letter queue">{current.deadLetter ? <code className="break-all">{current.deadLetter}</code> : "None"}</KeyValue>
        </KeyValueGrid>
      ) : invokeConfig.isPending ? (
        <LoadingState label="Loading asynchronous invocation settings" />
      ) : (
        <Alert type="error">{errorMessage(invokeConfig.error)}</Alert>
      )}
      {editing && current && <AsyncInvocationModal config={config} current={current} onClose={() => setEditing(false)} />}
    </Container>
  );
}

function AsyncInvocationModal({ config, current, onClose }: { config: FunctionConfiguration; current: AsyncSettings; onClose: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const refresh = useRefreshFunction(config.FunctionName);
  const targetsId = useId();
  const queues = useQuery(trpc.sqs.listQueueSummaries.queryOptions());
  const functions = useQuery(trpc.lambda.listFunctionSummaries.queryOptions());
  const [form, setForm] = useState({ ...current, maxAge: String(current.maxAge), retries: String(current.retries) });
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation({
    // Two calls, as the AWS console makes: the event invoke config, then the DLQ (a function setting) if it changed.
    mutationFn: async () => {
      await client.lambda.putFunctionEventInvokeConfig.mutate({
        FunctionName: config.FunctionName,
        MaximumEventAgeInSeconds: Number(form.maxAge),
        MaximumRetryAttempts: Number(form.retries),
        DestinationConfig: {
          OnSuccess: form.onSuccess.trim() ? { Destination: form.onSuccess.trim() } : {},
          OnFailure: form.onFailure.trim() ? { Destination: form.onFailure.trim() } : {},
        },
      });
      if (form.deadLetter.trim() !== current.deadLetter) {
        await client.lambda.updateFunctionConfiguration.mutate({ FunctionName: config.FunctionName, DeadLetterConfig: { TargetArn: form.deadLetter.trim() } });
      }
    },
    async onSuccess() {
      await Promise.all([refresh(), queryClient.invalidateQueries(trpc.lambda.getFunctionEventInvokeConfig.queryFilter({ FunctionName: config.FunctionName }))]);
      onClose();
    },
  });

  const arnError = (value: string) => (value.trim() && !ARN.test(value.trim()) ? "Enter the ARN of an SQS queue, SNS topic, Lambda function or event bus." : undefined);
  const errors = {
    maxAge: checkWhole(form.maxAge, 60, 21_600, "Maximum age of event"),
    onSuccess: arnError(form.onSuccess),
    onFailure: arnError(form.onFailure),
    deadLetter: form.deadLetter.trim() && !/^arn:aws[a-z-]*:(sqs|sns):/.test(form.deadLetter.trim()) ? "Enter the ARN of an SQS queue or an SNS topic." : undefined,
  };
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const targets = [...(queues.data ?? []).map((q) => q.arn), ...(functions.data ?? []).filter((f) => f.FunctionName !== config.FunctionName).map((f) => f.FunctionArn)];
  const arnField = (key: "onSuccess" | "onFailure" | "deadLetter", label: string, description: string) => (
    <FormField label={label} description={description} error={shown[key]}>
      {(control) => (
        <input {...control} className="input" list={targetsId} spellCheck={false} placeholder="None" value={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} />
      )}
    </FormField>
  );

  function submit() {
    setSubmitted(true);
    if (!Object.values(errors).some(Boolean)) save.mutate();
  }

  return (
    <FormModal title="Edit asynchronous invocation" pending={save.isPending} error={save.error} onSubmit={submit} onClose={onClose}>
      <div className="form-grid">
        <FormField label="Maximum age of event (seconds)" description="60 seconds to 6 hours (21600 seconds)." error={shown.maxAge}>
          {(control) => <input {...control} className="input" inputMode="numeric" value={form.maxAge} onChange={(e) => setForm((f) => ({ ...f, maxAge: e.target.value }))} />}
        </FormField>
        <FormField label="Retry attempts" description="How many times Lambda retries a failed event.">
          {(control) => (
            <select {...control} className="select" value={form.retries} onChange={(e) => setForm((f) => ({ ...f, retries: e.target.value }))}>
              {["0", "1", "2"].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      {arnField("onSuccess", "On-success destination", "Where Lambda sends a record of each successful event: a queue, topic, function or event bus ARN.")}
      {arnField("onFailure", "On-failure destination", "Where Lambda sends a record of each event that failed every attempt.")}
      {arnField("deadLetter", "Dead-letter queue", "An SQS queue or SNS topic that gets the event itself after the last failed attempt.")}
      <datalist id={targetsId}>
        {targets.map((arn) => (
          <option key={arn} value={arn} />
        ))}
      </datalist>
    </FormModal>
  );
}
