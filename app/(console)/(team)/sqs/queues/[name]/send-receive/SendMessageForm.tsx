"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../../../_components/Alert";
import { Button } from "../../../../../../_components/Button";
import { Container } from "../../../../../../_components/Container";
import { FifoMessageFields, fifoIdErrors, NO_FIFO_IDS, type FifoIds } from "../../../../../../_components/FifoMessageFields";
import { FormField } from "../../../../../../_components/FormField";
import { KeyValue, KeyValueGrid } from "../../../../../../_components/KeyValue";
import { MessageAttributesEditor } from "../../../../../../_components/MessageAttributesEditor";
import { errorMessage } from "../../../../../../_lib/errors";
import { byteLength } from "../../../../../../_lib/format";
import { attributesSize, MAX_ATTRIBUTES, toMessageAttributes, type AttributeRow } from "../../../../../../_lib/message-attributes";
import { useFormSubmit } from "../../../../../../_lib/use-form-submit";
import { useTRPC } from "../../../../../../_trpc/client";
import { formatBytes } from "../../../format";
import { parseQuantity, toQuantity, type Quantity } from "../../../quantity";
import { QuantityInput } from "../../../QuantityInput";
import { SPECS } from "../../../queue-settings";
import type { LoadedQueue } from "../../../use-queue";
import { ATTRIBUTE_TYPES, validateAttributes, type AttributeType } from "./message-attributes";

const DELAY_SPEC = { ...SPECS.delaySeconds, label: "Delivery delay" };

export function SendMessageForm({ queue, canSend }: { queue: LoadedQueue; canSend: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fifo = queue.attributes.FifoQueue === "true";
  const contentDedup = queue.attributes.ContentBasedDeduplication === "true";
  const maxSize = Number(queue.attributes.MaximumMessageSize ?? 262_144);
  const initialDelay = () => toQuantity(Number(queue.attributes.DelaySeconds ?? 0), DELAY_SPEC);

  const [body, setBody] = useState("");
  const [fifoIds, setFifoIds] = useState<FifoIds>(NO_FIFO_IDS);
  const [delay, setDelay] = useState<Quantity>(initialDelay);
  const [attributes, setAttributes] = useState<AttributeRow<AttributeType>[]>([]);

  const size = byteLength(body) + attributesSize(attributes);
  const delayParsed = parseQuantity(delay, DELAY_SPEC);
  const errors = {
    body: !body ? "Enter a message body." : size > maxSize ? `The message is ${size.toLocaleString("en-US")} bytes; this queue accepts up to ${formatBytes(maxSize)}.` : undefined,
    ...fifoIdErrors(fifoIds, { fifo, contentDedup, noun: "queue" }),
    delay: !fifo && "error" in delayParsed ? delayParsed.error : undefined,
    attributes: validateAttributes(attributes),
  };
  const valid = !errors.body && !errors.groupId && !errors.dedupId && !errors.delay && Object.keys(errors.attributes).length === 0;
  const { submitted, setSubmitted, handleSubmit } = useFormSubmit(!valid);
  const shown: Partial<typeof errors> & Pick<typeof errors, "attributes"> = submitted ? errors : { attributes: {} };

  const send = useMutation(
    trpc.sqs.sendMessage.mutationOptions({
      onSuccess() {
        setSubmitted(false);
        void queryClient.invalidateQueries(trpc.sqs.getQueueAttributes.queryFilter());
      },
    }),
  );

  const submit = handleSubmit(() =>
    send.mutate({
      QueueUrl: queue.url,
      MessageBody: body,
      MessageAttributes: toMessageAttributes(attributes),
      ...(fifo
        ? { MessageGroupId: fifoIds.groupId, MessageDeduplicationId: fifoIds.dedupId || undefined }
        : { DelaySeconds: "amount" in delayParsed ? delayParsed.amount : undefined }),
    }),
  );

  function clear() {
    setBody("");
    setFifoIds(NO_FIFO_IDS);
    setDelay(initialDelay());
    setAttributes([]);
    setSubmitted(false);
    send.reset();
  }

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
            <FifoMessageFields ids={fifoIds} errors={shown} contentDedup={contentDedup} verb="sent" onChange={setFifoIds} />
          ) : (
            <div className="form-grid">
              <QuantityInput spec={DELAY_SPEC} value={delay} onChange={setDelay} description="How long the message stays hidden before consumers can receive it." error={shown.delay} />
            </div>
          )}

          <MessageAttributesEditor
            types={ATTRIBUTE_TYPES}
            rows={attributes}
            onChange={setAttributes}
            errors={shown.attributes}
            description={`Structured metadata sent with the body: up to ${MAX_ATTRIBUTES} attributes. Binary values are entered as base64.`}
          />
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
