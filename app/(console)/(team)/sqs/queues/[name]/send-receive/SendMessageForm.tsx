"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "../../../../../../_components/Alert";
import { Button } from "../../../../../../_components/Button";
import { Container } from "../../../../../../_components/Container";
import { FormField } from "../../../../../../_components/FormField";
import { KeyValue, KeyValueGrid } from "../../../../../../_components/KeyValue";
import { errorMessage } from "../../../../../../_lib/errors";
import { useTRPC } from "../../../../../../_trpc/client";
import { byteLength, formatBytes } from "../../../format";
import { parseQuantity, toQuantity, type Quantity } from "../../../quantity";
import { QuantityInput } from "../../../QuantityInput";
import { SPECS } from "../../../queue-settings";
import type { LoadedQueue } from "../../../use-queue";
import { attributesSize, MAX_ATTRIBUTES, toMessageAttributes, validateAttributes, type AttributeRow, type AttributeType } from "./message-attributes";

const DELAY_SPEC = { ...SPECS.delaySeconds, label: "Delivery delay" };
/** Group and deduplication IDs: 1 to 128 printable ASCII characters, no spaces. */
const TOKEN = /^[\x21-\x7E]{1,128}$/;
const TOKEN_RULE = "Up to 128 characters: letters, digits and punctuation, no spaces.";

export function SendMessageForm({ queue, canSend }: { queue: LoadedQueue; canSend: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fifo = queue.attributes.FifoQueue === "true";
  const contentDedup = queue.attributes.ContentBasedDeduplication === "true";
  const maxSize = Number(queue.attributes.MaximumMessageSize ?? 262_144);
  const initialDelay = () => toQuantity(Number(queue.attributes.DelaySeconds ?? 0), DELAY_SPEC);

  const [body, setBody] = useState("");
  const [groupId, setGroupId] = useState("");
  const [dedupId, setDedupId] = useState("");
  const [delay, setDelay] = useState<Quantity>(initialDelay);
  const [attributes, setAttributes] = useState<AttributeRow[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const attributesId = useId();

  const send = useMutation(
    trpc.sqs.sendMessage.mutationOptions({
      onSuccess() {
        setSubmitted(false);
        void queryClient.invalidateQueries(trpc.sqs.getQueueAttributes.queryFilter());
      },
    }),
  );

  const size = byteLength(body) + attributesSize(attributes);
  const delayParsed = parseQuantity(delay, DELAY_SPEC);
  const errors = {
    body: !body ? "Enter a message body." : size > maxSize ? `The message is ${size.toLocaleString("en-US")} bytes; this queue accepts up to ${formatBytes(maxSize)}.` : undefined,
    groupId: fifo && !TOKEN.test(groupId) ? (groupId ? TOKEN_RULE : "Enter a message group ID: FIFO queues need one.") : undefined,
    dedupId:
      fifo && dedupId && !TOKEN.test(dedupId)
        ? TOKEN_RULE
        : fifo && !dedupId && !contentDedup
          ? "Enter a deduplication ID: this queue has no content-based deduplication."
          : undefined,
    delay: !fifo && "error" in delayParsed ? delayParsed.error : undefined,
    attributes: validateAttributes(attributes),
  };
  const valid = !errors.body && !errors.groupId && !errors.dedupId && !errors.delay && Object.keys(errors.attributes).length === 0;
  const shown: Partial<typeof errors> & Pick<typeof errors, "attributes"> = submitted ? errors : { attributes: {} };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!valid) {
      const form = event.currentTarget;
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    send.mutate({
      QueueUrl: queue.url,
      MessageBody: body,
      MessageAttributes: toMessageAttributes(attributes),
      ...(fifo
        ? { MessageGroupId: groupId, MessageDeduplicationId: dedupId || undefined }
        : { DelaySeconds: "amount" in delayParsed ? delayParsed.amount : undefined }),
    });
  }

  function clear() {
    setBody("");
    setGroupId("");
    setDedupId("");
    setDelay(initialDelay());
    setAttributes([]);
    setSubmitted(false);
    send.reset();
  }

  const updateAttribute = (index: number, change: Partial<AttributeRow>) => setAttributes((rows) => rows.map((r, i) => (i === index ? { ...r, ...change } : r)));

  return (
    <form onSubmit={submit} noValidate aria-label="Send message">
      <Container
        title="Send message"
        description={fifo ? "FIFO queue: messages in a group are delivered in order, and deduplicated for 5 minutes." : undefined}
        actions={
          <>
            <Button onClick={clear}>Clear content</Button>
            <Button type="submit" variant="primary" loading={send.isPending} disabled={!canSend}>
              Send message
            </Button>
          </>
        }
      >
        <fieldset disabled={!canSend} className="stack">
          <FormField label="Message body" description={`Text up to ${formatBytes(maxSize)} with the attributes. JSON, XML or any text.`} error={shown.body}>
            {(control) => (
              <textarea {...control} className="input textarea code-input" rows={6} spellCheck={false} value={body} onChange={(e) => setBody(e.target.value)} />
            )}
          </FormField>
          {fifo ? (
            <div className="form-grid">
              <FormField label="Message group ID" description="Messages with the same group ID are delivered in order." error={shown.groupId}>
                {(control) => <input {...control} className="input" value={groupId} autoComplete="off" onChange={(e) => setGroupId(e.target.value)} />}
              </FormField>
              <FormField
                label="Message deduplication ID"
                description={contentDedup ? "Optional: content-based deduplication uses a hash of the body when empty." : "Messages with the same ID sent within 5 minutes are delivered once."}
                error={shown.dedupId}
              >
                {(control) => <input {...control} className="input" value={dedupId} autoComplete="off" onChange={(e) => setDedupId(e.target.value)} />}
              </FormField>
            </div>
          ) : (
            <div className="form-grid">
              <QuantityInput spec={DELAY_SPEC} value={delay} onChange={setDelay} description="How long the message stays hidden before consumers can receive it." error={shown.delay} />
            </div>
          )}

          <fieldset className="form-field" aria-describedby={`${attributesId}-hint`}>
            <legend className="form-label">Message attributes</legend>
            <p id={`${attributesId}-hint`} className="form-description">
              Structured metadata sent with the body: up to {MAX_ATTRIBUTES} attributes. Binary values are entered as base64.
            </p>
            {attributes.map((row, i) => {
              const error = shown.attributes[i];
              const errorId = `${attributesId}-error-${i}`;
              const invalid = error ? true : undefined;
              return (
                <div key={i} className="attribute-row">
                  <FormField label={`Attribute ${i + 1} name`}>
                    {(control) => (
                      <input
                        {...control}
                        className="input"
                        value={row.name}
                        autoComplete="off"
                        aria-invalid={invalid}
                        aria-describedby={error ? errorId : undefined}
                        onChange={(e) => updateAttribute(i, { name: e.target.value })}
                      />
                    )}
                  </FormField>
                  <FormField label={`Attribute ${i + 1} type`}>
                    {(control) => (
                      <select {...control} className="select" value={row.type} onChange={(e) => updateAttribute(i, { type: e.target.value as AttributeType })}>
                        <option value="String">String</option>
                        <option value="Number">Number</option>
                        <option value="Binary">Binary</option>
                      </select>
                    )}
                  </FormField>
                  <FormField label={`Attribute ${i + 1} value`}>
                    {(control) => (
                      <input
                        {...control}
                        className="input"
                        value={row.value}
                        autoComplete="off"
                        aria-invalid={invalid}
                        aria-describedby={error ? errorId : undefined}
                        onChange={(e) => updateAttribute(i, { value: e.target.value })}
                      />
                    )}
                  </FormField>
                  <div className="form-row-action">
                    <Button aria-label={`Remove attribute ${i + 1}`} onClick={() => setAttributes((rows) => rows.filter((_, j) => j !== i))}>
                      Remove
                    </Button>
                  </div>
                  {error && (
                    <p id={errorId} className="form-error attribute-row-error">
                      {error}
                    </p>
                  )}
                </div>
              );
            })}
            <div>
              <Button disabled={attributes.length >= MAX_ATTRIBUTES} onClick={() => setAttributes((rows) => [...rows, { name: "", type: "String", value: "" }])}>
                Add attribute
              </Button>
            </div>
          </fieldset>
        </fieldset>

        {send.isError && <Alert type="error" title="Couldn't send the message">{errorMessage(send.error)}</Alert>}
        {send.isSuccess && (
          <Alert type="success" title="Your message has been sent and is ready to be received.">
            <KeyValueGrid label="Sent message">
              <KeyValue label="Message ID">
                <code>{send.data.MessageId}</code>
              </KeyValue>
              {send.data.SequenceNumber && (
                <KeyValue label="Sequence number">
                  <code>{send.data.SequenceNumber}</code>
                </KeyValue>
              )}
              <KeyValue label="MD5 of message body">
                <code>{send.data.MD5OfMessageBody}</code>
              </KeyValue>
            </KeyValueGrid>
          </Alert>
        )}
      </Container>
    </form>
  );
}
