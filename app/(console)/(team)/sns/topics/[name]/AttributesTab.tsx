"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { AllAttributes } from "../../../../../_components/AllAttributes";
import { Button } from "../../../../../_components/Button";
import { ChoiceSelect } from "../../../../../_components/ChoiceSelect";
import { Container } from "../../../../../_components/Container";
import { Flash } from "../../../../../_components/Flash";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { useTRPC, useTRPCClient } from "../../../../../_trpc/client";
import { ContentDeduplicationField } from "../../ContentDeduplicationField";
import { DeliveryPolicyField } from "../../DeliveryPolicyField";
import { compactJson, jsonObjectError, prettyJson } from "../../json";
import { FIFO_THROUGHPUT_SCOPES, SIGNATURE_VERSIONS, TRACING_CONFIGS } from "../../topic-settings";
import { useAttributeSave } from "../../use-attribute-save";
import type { LoadedTopic } from "../../use-topic";

/** The topic's settings, every attribute GetTopicAttributes reports, and the edit dialog. */
export function AttributesTab({ topic, canChange }: { topic: LoadedTopic; canChange: boolean }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const a = topic.attributes;
  return (
    <div className="stack-lg">
      <Container
        title="Configuration"
        actions={
          <Button
            disabled={!canChange}
            onClick={() => {
              setSaved(null);
              setEditing(true);
            }}
          >
            Edit
          </Button>
        }
      >
        <div className="stack">
          <Flash message={saved} onDismiss={() => setSaved(null)} />
          <KeyValueGrid label="Configuration">
            <KeyValue label="Display name">{a.DisplayName || "–"}</KeyValue>
            <KeyValue label="Signature version">{SIGNATURE_VERSIONS.find((v) => v.value === (a.SignatureVersion ?? "1"))?.label ?? a.SignatureVersion}</KeyValue>
            <KeyValue label="Tracing">{TRACING_CONFIGS.find((v) => v.value === (a.TracingConfig ?? "PassThrough"))?.label ?? a.TracingConfig}</KeyValue>
            <KeyValue label="Delivery policy (HTTP/S)">{a.DeliveryPolicy ? "Custom" : "Default"}</KeyValue>
            {topic.fifo && <KeyValue label="Content-based message deduplication">{a.ContentBasedDeduplication === "true" ? "Enabled" : "Disabled"}</KeyValue>}
            {topic.fifo && <KeyValue label="FIFO throughput scope">{a.FifoThroughputScope === "MessageGroup" ? "Message group" : "Topic"}</KeyValue>}
          </KeyValueGrid>
        </div>
      </Container>
      <AllAttributes action="GetTopicAttributes" attributes={a} />
      {editing && (
        <EditTopicModal
          topic={topic}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(`Topic ${topic.name} updated successfully.`);
          }}
        />
      )}
    </div>
  );
}

interface EditForm {
  DisplayName: string;
  DeliveryPolicy: string;
  SignatureVersion: string;
  TracingConfig: string;
  ContentBasedDeduplication: boolean;
  FifoThroughputScope: string;
}

function initialForm(topic: LoadedTopic): EditForm {
  const a = topic.attributes;
  return {
    DisplayName: a.DisplayName ?? "",
    DeliveryPolicy: prettyJson(a.DeliveryPolicy),
    SignatureVersion: a.SignatureVersion ?? "1",
    TracingConfig: a.TracingConfig ?? "PassThrough",
    ContentBasedDeduplication: a.ContentBasedDeduplication === "true",
    FifoThroughputScope: a.FifoThroughputScope ?? "Topic",
  };
}

/** The attributes the form changed, as SetTopicAttributes takes them (one call each, as on AWS). */
function changes(topic: LoadedTopic, form: EditForm): [string, string][] {
  const a = topic.attributes;
  const out: [string, string][] = [];
  if (form.DisplayName !== (a.DisplayName ?? "")) out.push(["DisplayName", form.DisplayName]);
  if (form.DeliveryPolicy.trim() && compactJson(form.DeliveryPolicy) !== compactJson(a.DeliveryPolicy ?? "")) out.push(["DeliveryPolicy", compactJson(form.DeliveryPolicy)]);
  if (form.SignatureVersion !== (a.SignatureVersion ?? "1")) out.push(["SignatureVersion", form.SignatureVersion]);
  if (form.TracingConfig !== (a.TracingConfig ?? "PassThrough")) out.push(["TracingConfig", form.TracingConfig]);
  if (topic.fifo && String(form.ContentBasedDeduplication) !== (a.ContentBasedDeduplication ?? "false")) out.push(["ContentBasedDeduplication", String(form.ContentBasedDeduplication)]);
  if (topic.fifo && form.FifoThroughputScope !== (a.FifoThroughputScope ?? "Topic")) out.push(["FifoThroughputScope", form.FifoThroughputScope]);
  return out;
}

function EditTopicModal({ topic, onClose, onSaved }: { topic: LoadedTopic; onClose: () => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => initialForm(topic));
  const set = <K extends keyof EditForm>(key: K, value: EditForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const errors = {
    DisplayName: form.DisplayName.length > 100 ? "Display names can be at most 100 characters." : undefined,
    DeliveryPolicy:
      !form.DeliveryPolicy.trim() && topic.attributes.DeliveryPolicy
        ? "A delivery policy can't be removed: insert the default policy to go back to AWS's defaults."
        : jsonObjectError(form.DeliveryPolicy, "delivery policy"),
  };
  const { shown, saving, error, save } = useAttributeSave({
    errors,
    changes: () => changes(topic, form),
    setAttribute: (AttributeName, AttributeValue) => client.sns.setTopicAttributes.mutate({ TopicArn: topic.arn, AttributeName, AttributeValue }),
    refresh: () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.sns.getTopicAttributes.queryFilter({ TopicArn: topic.arn })),
        queryClient.invalidateQueries(trpc.sns.listTopicSummaries.queryFilter()),
      ]),
    onSaved,
  });

  return (
    <FormModal title={`Edit ${topic.name}`} submitLabel="Save changes" pending={saving} error={error} onSubmit={() => void save()} onClose={onClose}>
      <div className="stack">
        <FormField label="Display name" description="Optional. The sender of SMS messages and the subject of email notifications without one." error={shown.DisplayName}>
          {(control) => <input {...control} className="input" value={form.DisplayName} autoComplete="off" onChange={(e) => set("DisplayName", e.target.value)} />}
        </FormField>
        {topic.fifo && (
          <>
            <ContentDeduplicationField checked={form.ContentBasedDeduplication} onChange={(checked) => set("ContentBasedDeduplication", checked)} />
            <ChoiceSelect label="FIFO throughput scope" choices={FIFO_THROUGHPUT_SCOPES} value={form.FifoThroughputScope} onChange={(scope) => set("FifoThroughputScope", scope)} />
          </>
        )}
        <div className="form-grid">
          <ChoiceSelect label="Signature version" choices={SIGNATURE_VERSIONS} value={form.SignatureVersion} onChange={(version) => set("SignatureVersion", version)} />
          <ChoiceSelect label="Tracing" choices={TRACING_CONFIGS} value={form.TracingConfig} onChange={(config) => set("TracingConfig", config)} />
        </div>
        <DeliveryPolicyField
          of="topic"
          label="Delivery policy (HTTP/S)"
          description="Optional. Retries, throttling and content type for HTTP/S subscriptions, as JSON."
          value={form.DeliveryPolicy}
          error={shown.DeliveryPolicy}
          onChange={(policy) => set("DeliveryPolicy", policy)}
        />
      </div>
    </FormModal>
  );
}
