"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { FormField } from "../../../../../_components/FormField";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { RadioGroup } from "../../../../../_components/Tiles";
import { errorMessage } from "../../../../../_lib/errors";
import { useTRPC } from "../../../../../_trpc/client";
import { attributesSize, byteLength, toMessageAttributes, validateAttributes, type AttributeRow } from "../../message-attributes";
import { MessageAttributesEditor } from "../../MessageAttributesEditor";
import type { LoadedTopic } from "../../use-topic";

type Structure = "identical" | "custom";

const MAX_BYTES = 262_144;
/** Group and deduplication IDs: 1 to 128 printable ASCII characters, no spaces. */
const TOKEN = /^[\x21-\x7E]{1,128}$/;
const TOKEN_RULE = "Up to 128 characters: letters, digits and punctuation, no spaces.";

/** A starting point for "Custom payload for each delivery protocol": SNS sends each protocol its own text, else "default". */
const CUSTOM_TEMPLATE = JSON.stringify(
  {
    default: "Sample fallback message",
    sqs: "Sample message for Amazon SQS endpoints",
    lambda: "Sample message for AWS Lambda endpoints",
    http: "Sample message for HTTP endpoints",
    https: "Sample message for HTTPS endpoints",
    email: "Sample message for email endpoints",
    "email-json": "Sample message for email-JSON endpoints",
    sms: "Sample message for SMS endpoints",
  },
  null,
  2,
);

function subjectError(subject: string): string | undefined {
  if (!subject) return undefined;
  if (subject.length > 100) return "Subjects can be at most 100 characters.";
  if (!/^[\x21-\x7e][\x20-\x7e]*$/.test(subject)) return "Use ASCII letters, digits and punctuation, starting with one of them; no line breaks.";
  return undefined;
}

function customPayloadError(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return "With a custom payload for each protocol, the message must be a JSON object.";
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return "With a custom payload for each protocol, the message must be a JSON object.";
  if (Object.values(parsed).some((v) => typeof v !== "string")) return "Each protocol's message must be a string.";
  if (!("default" in parsed)) return 'Add a "default" message: SNS sends it to protocols without their own.';
  return undefined;
}

/** Publish: a message with a subject, per-protocol payloads, attributes and, for FIFO topics, a group and deduplication ID. */
export function PublishTab({ topic, canPublish }: { topic: LoadedTopic; canPublish: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fifo = topic.fifo;
  const contentDedup = topic.attributes.ContentBasedDeduplication === "true";
  const [subject, setSubject] = useState("");
  const [structure, setStructure] = useState<Structure>("identical");
  const [body, setBody] = useState("");
  const [groupId, setGroupId] = useState("");
  const [dedupId, setDedupId] = useState("");
  const [attributes, setAttributes] = useState<AttributeRow[]>([]);
  const [submitted, setSubmitted] = useState(false);

  const publish = useMutation(
    trpc.sns.publish.mutationOptions({
      onSuccess() {
        setSubmitted(false);
        void queryClient.invalidateQueries(trpc.sns.listDeliveries.queryFilter());
      },
    }),
  );

  const size = byteLength(body) + attributesSize(attributes);
  const errors = {
    subject: subjectError(subject),
    body: !body
      ? "Enter a message body."
      : size > MAX_BYTES
        ? `The message is ${size.toLocaleString("en-US")} bytes with its attributes; SNS accepts up to 256 KB.`
        : structure === "custom"
          ? customPayloadError(body)
          : undefined,
    groupId: fifo && !TOKEN.test(groupId) ? (groupId ? TOKEN_RULE : "Enter a message group ID: FIFO topics need one.") : undefined,
    dedupId:
      fifo && dedupId && !TOKEN.test(dedupId)
        ? TOKEN_RULE
        : fifo && !dedupId && !contentDedup
          ? "Enter a deduplication ID: this topic has no content-based deduplication."
          : undefined,
    attributes: validateAttributes(attributes),
  };
  const valid = !errors.subject && !errors.body && !errors.groupId && !errors.dedupId && Object.keys(errors.attributes).length === 0;
  const shown: Partial<typeof errors> & Pick<typeof errors, "attributes"> = submitted ? errors : { attributes: {} };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!valid) {
      const form = event.currentTarget;
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    publish.mutate({
      TopicArn: topic.arn,
      Message: body,
      Subject: subject || undefined,
      MessageStructure: structure === "custom" ? "json" : undefined,
      MessageAttributes: toMessageAttributes(attributes),
      ...(fifo && { MessageGroupId: groupId, MessageDeduplicationId: dedupId || undefined }),
    });
  }

  function clear() {
    setSubject("");
    setBody("");
    setStructure("identical");
    setGroupId("");
    setDedupId("");
    setAttributes([]);
    setSubmitted(false);
    publish.reset();
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Publish message" className="stack-lg">
      <fieldset disabled={!canPublish} className="stack-lg">
        <Container title="Message details" description={fifo ? "FIFO topic: messages in a group are delivered in order, and deduplicated for 5 minutes." : undefined}>
          <div className="form-grid">
            <FormField label="Subject" description="Optional. The subject of email notifications, and a field of the JSON notification. Up to 100 ASCII characters." error={shown.subject}>
              {(control) => <input {...control} className="input" value={subject} autoComplete="off" placeholder="Enter a subject" onChange={(e) => setSubject(e.target.value)} />}
            </FormField>
          </div>
          {fifo && (
            <div className="form-grid">
              <FormField label="Message group ID" description="Messages with the same group ID are delivered in order." error={shown.groupId}>
                {(control) => <input {...control} className="input" value={groupId} autoComplete="off" onChange={(e) => setGroupId(e.target.value)} />}
              </FormField>
              <FormField
                label="Message deduplication ID"
                description={contentDedup ? "Optional: content-based deduplication uses a hash of the body when empty." : "Messages with the same ID published within 5 minutes are delivered once."}
                error={shown.dedupId}
              >
                {(control) => <input {...control} className="input" value={dedupId} autoComplete="off" onChange={(e) => setDedupId(e.target.value)} />}
              </FormField>
            </div>
          )}
        </Container>

        <Container title="Message">
          <RadioGroup<Structure>
            legend="Message structure"
            name="message-structure"
            value={structure}
            onChange={setStructure}
            options={[
              { value: "identical", label: "Identical payload for all delivery protocols", description: "Every subscription receives the same message." },
              {
                value: "custom",
                label: "Custom payload for each delivery protocol",
                description: 'A JSON object with a message for each protocol and a "default" for the others (MessageStructure json).',
              },
            ]}
          />
          <FormField
            label="Message body"
            description={structure === "custom" ? 'A JSON object of strings: "default" and, optionally, "sqs", "lambda", "http", "https", "email", "email-json", "sms".' : "Text up to 256 KB with the attributes: JSON, XML or any text."}
            error={shown.body}
          >
            {(control) => (
              <textarea {...control} className="input textarea code-input" rows={8} spellCheck={false} value={body} onChange={(e) => setBody(e.target.value)} />
            )}
          </FormField>
          {structure === "custom" && (
            <div className="button-row">
              <Button onClick={() => setBody(CUSTOM_TEMPLATE)}>Insert JSON template</Button>
            </div>
          )}
        </Container>

        <Container title="Message attributes" description="Attributes travel with the message; subscription filter policies with the message attributes scope match them.">
          <MessageAttributesEditor rows={attributes} onChange={setAttributes} errors={shown.attributes} />
        </Container>
      </fieldset>

      {publish.isError && <Alert type="error" title="Couldn't publish the message">{errorMessage(publish.error)}</Alert>}
      {publish.isSuccess && (
        <Alert type="success" title={`Message published to topic ${topic.name} successfully.`}>
          <KeyValueGrid label="Published message">
            <KeyValue label="Message ID">
              <code data-testid="published-message-id">{publish.data.MessageId}</code>
            </KeyValue>
            {publish.data.SequenceNumber && (
              <KeyValue label="Sequence number">
                <code>{publish.data.SequenceNumber}</code>
              </KeyValue>
            )}
          </KeyValueGrid>
        </Alert>
      )}
      <div className="form-actions">
        <Button variant="link" onClick={clear}>
          Clear
        </Button>
        <Button type="submit" variant="primary" loading={publish.isPending} disabled={!canPublish}>
          Publish message
        </Button>
      </div>
    </form>
  );
}
