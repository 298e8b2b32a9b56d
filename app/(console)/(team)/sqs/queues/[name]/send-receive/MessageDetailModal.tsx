"use client";

import { Alert } from "../../../../../../_components/Alert";
import { Button } from "../../../../../../_components/Button";
import { CopyButton } from "../../../../../../_components/CopyButton";
import { KeyValue, KeyValueGrid } from "../../../../../../_components/KeyValue";
import { Modal } from "../../../../../../_components/Modal";
import { errorMessage } from "../../../../../../_lib/errors";
import { byteLength } from "../../../../../../_lib/format";
import { formatEpoch } from "../../../format";
import { binaryToBase64 } from "./message-attributes";
import type { ReceivedMessage } from "./ReceiveMessages";

interface MessageDetailModalProps {
  message: ReceivedMessage | null;
  fifo: boolean;
  canDelete: boolean;
  deleting: boolean;
  deleteError: unknown;
  onDelete: (message: ReceivedMessage) => void;
  onClose: () => void;
}

/** System attributes shown by name in the details grid; any others are listed after them. */
const KNOWN = ["SentTimestamp", "ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "SenderId", "MessageGroupId", "MessageDeduplicationId", "SequenceNumber", "DeadLetterQueueSourceArn"];

/**
 * One received message. The body is rendered as text (React escapes it), never as HTML, whatever
 * it contains.
 */
export function MessageDetailModal({ message, fifo, canDelete, deleting, deleteError, onDelete, onClose }: MessageDetailModalProps) {
  const attrs = message?.Attributes ?? {};
  const userAttributes = Object.entries(message?.MessageAttributes ?? {}).sort(([x], [y]) => x.localeCompare(y));
  const otherSystem = Object.entries(attrs).filter(([k]) => !KNOWN.includes(k));
  return (
    <Modal
      open={message !== null}
      title="Message details"
      onClose={onClose}
      footer={
        <>
          <Button disabled={!canDelete} loading={deleting} onClick={() => message && onDelete(message)}>
            Delete
          </Button>
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </>
      }
    >
      {message && (
        <>
          <KeyValueGrid label="Message details">
            <KeyValue label="Message ID">
              <code>{message.MessageId}</code>
            </KeyValue>
            <KeyValue label="Sent">{formatEpoch(attrs.SentTimestamp, "ms")}</KeyValue>
            <KeyValue label="First received">{formatEpoch(attrs.ApproximateFirstReceiveTimestamp, "ms")}</KeyValue>
            <KeyValue label="Receive count">{attrs.ApproximateReceiveCount ?? "–"}</KeyValue>
            <KeyValue label="Size">{byteLength(message.Body).toLocaleString("en-US")} bytes</KeyValue>
            <KeyValue label="MD5 of body">
              <code>{message.MD5OfBody}</code>
            </KeyValue>
            <KeyValue label="Sender ID">
              <code className="break-all">{attrs.SenderId ?? "–"}</code>
            </KeyValue>
            {fifo && <KeyValue label="Message group ID">{attrs.MessageGroupId ?? "–"}</KeyValue>}
            {fifo && <KeyValue label="Message deduplication ID">{attrs.MessageDeduplicationId ?? "–"}</KeyValue>}
            {fifo && (
              <KeyValue label="Sequence number">
                <code>{attrs.SequenceNumber ?? "–"}</code>
              </KeyValue>
            )}
            {attrs.DeadLetterQueueSourceArn && (
              <KeyValue label="Dead-letter source queue">
                <code className="break-all">{attrs.DeadLetterQueueSourceArn}</code>
              </KeyValue>
            )}
            {otherSystem.map(([k, v]) => (
              <KeyValue key={k} label={k}>
                <code className="break-all">{v}</code>
              </KeyValue>
            ))}
          </KeyValueGrid>

          <section aria-label="Body" className="message-section">
            <div className="message-section-header">
              <h3 className="message-section-title">Body</h3>
              <CopyButton text={message.Body} label="Copy message body" />
            </div>
            <pre className="message-body" data-testid="message-body">
              {message.Body}
            </pre>
          </section>

          <section aria-label="Message attributes" className="message-section">
            <h3 className="message-section-title">Message attributes</h3>
            {userAttributes.length === 0 ? (
              <p className="text-secondary">This message has no message attributes.</p>
            ) : (
              <div className="table-scroll">
                <table className="table" aria-label="Message attributes">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Type</th>
                      <th scope="col">Value</th>
                    </tr>
                  </thead>
                  <tbody>
                    {userAttributes.map(([name, value]) => (
                      <tr key={name}>
                        <td>{name}</td>
                        <td>{value.DataType}</td>
                        <td className="break-all">{value.BinaryValue !== undefined ? <code>{binaryToBase64(value.BinaryValue)}</code> : value.StringValue}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {deleteError != null && <Alert type="error">{errorMessage(deleteError)}</Alert>}
        </>
      )}
    </Modal>
  );
}
