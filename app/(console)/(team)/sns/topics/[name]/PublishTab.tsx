"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { FifoMessageFields, fifoIdErrors, NO_FIFO_IDS, type FifoIds } from "../../../../../_components/FifoMessageFields";
import { FormField } from "../../../../../_components/FormField";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { MessageAttributesEditor } from "../../../../../_components/MessageAttributesEditor";
import { RadioGroup } from "../../../../../_components/Tiles";
import { errorMessage } from "../../../../../_lib/errors";
import { byteLength } from "../../../../../_lib/format";
import { attributesSize, MAX_ATTRIBUTES, toMessageAttributes, type AttributeRow } from "../../../../../_lib/message-attributes";
import { useFormSubmit } from "../../../../../_lib/use-form-submit";
import { useTRPC } from "../../../../../_trpc/client";
import { ATTRIBUTE_TYPES, validateAttributes, type AttributeType } from "../../message-attributes";
import type { LoadedTopic } from "../../use-topic";

type Structure = "identical" | "custom";

const MAX_BYTES = 262_144;

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
  const [fifoIds, setFifoIds] = useState<FifoIds>(NO_FIFO_IDS);
  const [attributes, setAttributes] = useState<AttributeRow<AttributeType>[]>([]);

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
    ...fifoIdErrors(fifoIds, { fifo, contentDedup, noun: "topic" }),
    attributes: validateAttributes(attributes),
  };
  const valid = !errors.subject && !errors.body && !errors.groupId && !errors.dedupId && Object.keys(errors.attributes).length === 0;
  const { submitted, setSubmitted, handleSubmit } = useFormSubmit(!valid);
  const shown: Partial<typeof errors> & Pick<typeof errors, "attributes"> = submitted ? errors : { attributes: {} };

  const publish = useMutation(
    trpc.sns.publish.mutationOptions({
      onSuccess() {
        setSubmitted(false);
        void queryClient.invalidateQueries(trpc.sns.listDeliveries.queryFilter());
      },
    }),
  );

  const submit = handleSubmit(() =>
    publish.mutate({
      TopicArn: topic.arn,
      Message: body,
      Subject: subject || undefined,
      MessageStructure: structure === "custom" ? "json" : undefined,
      MessageAttributes: toMessageAttributes(attributes),
      ...(fifo && { MessageGroupId: fifoIds.groupId, MessageDeduplicationId: fifoIds.dedupId || undefined }),
    }),
  );

  function clear() {
    setSubject("");
    setBody("");
    setStructure("identical");
    setFifoIds(NO_FIFO_IDS);
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
          {fifo && <FifoMessageFields ids={fifoIds} errors={shown} contentDedup={contentDedup} verb="published" onChange={setFifoIds} />}
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
          <MessageAttributesEditor
            types={ATTRIBUTE_TYPES}
            rows={attributes}
            onChange={setAttributes}
            errors={shown.attributes}
            description={`Structured metadata subscription filter policies can match: up to ${MAX_ATTRIBUTES} attributes. String.Array values are JSON arrays; binary values are entered as base64.`}
          />
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
