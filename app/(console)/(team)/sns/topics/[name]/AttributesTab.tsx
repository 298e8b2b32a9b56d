"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { Flash } from "../../../../../_components/Flash";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { useTRPC, useTRPCClient } from "../../../../../_trpc/client";
import { compactJson, DEFAULT_TOPIC_DELIVERY_POLICY, jsonObjectError, prettyJson } from "../../json";
import { SIGNATURE_VERSIONS, TRACING_CONFIGS } from "../../topic-settings";
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
      <Container title="All attributes" description="Every attribute as GetTopicAttributes returns it." flush>
        <div className="table-scroll">
          <table className="table table-kv" aria-label="All attributes">
            <thead>
              <tr>
                <th scope="col">Attribute</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(a)
                .sort(([x], [y]) => x.localeCompare(y))
                .map(([key, value]) => (
                  <tr key={key}>
                    <td>
                      <code className="break-all">{key}</code>
                    </td>
                    <td>
                      <code className="break-all">{value}</code>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </Container>
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
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = <K extends keyof EditForm>(key: K, value: EditForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const errors = {
    DisplayName: form.DisplayName.length > 100 ? "Display names can be at most 100 characters." : undefined,
    DeliveryPolicy:
      !form.DeliveryPolicy.trim() && topic.attributes.DeliveryPolicy
        ? "A delivery policy can't be removed: insert the default policy to go back to AWS's defaults."
        : jsonObjectError(form.DeliveryPolicy, "delivery policy"),
  };
  const shown: Partial<typeof errors> = submitted ? errors : {};

  async function save() {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    setSaving(true);
    setError(null);
    try {
      for (const [AttributeName, AttributeValue] of changes(topic, form)) {
        await client.sns.setTopicAttributes.mutate({ TopicArn: topic.arn, AttributeName, AttributeValue });
      }
      await Promise.all([
        queryClient.invalidateQueries(trpc.sns.getTopicAttributes.queryFilter({ TopicArn: topic.arn })),
        queryClient.invalidateQueries(trpc.sns.listTopicSummaries.queryFilter()),
      ]);
      onSaved();
    } catch (e) {
      // Attributes saved before the failure stay saved; reading them again shows where things stand.
      void queryClient.invalidateQueries(trpc.sns.getTopicAttributes.queryFilter({ TopicArn: topic.arn }));
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <FormModal title={`Edit ${topic.name}`} submitLabel="Save changes" pending={saving} error={error} onSubmit={() => void save()} onClose={onClose}>
      <div className="stack">
        <FormField label="Display name" description="Optional. The sender of SMS messages and the subject of email notifications without one." error={shown.DisplayName}>
          {(control) => <input {...control} className="input" value={form.DisplayName} autoComplete="off" onChange={(e) => set("DisplayName", e.target.value)} />}
        </FormField>
        {topic.fifo && (
          <>
            <label className="checkbox">
              <input type="checkbox" checked={form.ContentBasedDeduplication} onChange={(e) => set("ContentBasedDeduplication", e.target.checked)} />
              <span>
                <span className="radio-label">Content-based message deduplication</span>
                <span className="radio-description">Use a SHA-256 hash of the message body as the deduplication ID when a message has none.</span>
              </span>
            </label>
            <FormField label="FIFO throughput scope">
              {(control) => (
                <select {...control} className="select" value={form.FifoThroughputScope} onChange={(e) => set("FifoThroughputScope", e.target.value)}>
                  <option value="Topic">Topic</option>
                  <option value="MessageGroup">Message group</option>
                </select>
              )}
            </FormField>
          </>
        )}
        <div className="form-grid">
          <FormField label="Signature version">
            {(control) => (
              <select {...control} className="select" value={form.SignatureVersion} onChange={(e) => set("SignatureVersion", e.target.value)}>
                {SIGNATURE_VERSIONS.map((v) => (
                  <option key={v.value} value={v.value}>
                    {v.label}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField label="Tracing">
            {(control) => (
              <select {...control} className="select" value={form.TracingConfig} onChange={(e) => set("TracingConfig", e.target.value)}>
                {TRACING_CONFIGS.map((v) => (
                  <option key={v.value} value={v.value}>
                    {v.label}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
        <FormField label="Delivery policy (HTTP/S)" description="Optional. Retries, throttling and content type for HTTP/S subscriptions, as JSON." error={shown.DeliveryPolicy}>
          {(control) => (
            <textarea
              {...control}
              className="input textarea code-input"
              rows={form.DeliveryPolicy ? Math.min(16, form.DeliveryPolicy.split("\n").length + 1) : 4}
              spellCheck={false}
              value={form.DeliveryPolicy}
              placeholder='{ "http": { "defaultHealthyRetryPolicy": { … } } }'
              onChange={(e) => set("DeliveryPolicy", e.target.value)}
            />
          )}
        </FormField>
        <div className="button-row">
          <Button onClick={() => set("DeliveryPolicy", DEFAULT_TOPIC_DELIVERY_POLICY)}>Insert default policy</Button>
        </div>
      </div>
    </FormModal>
  );
}
