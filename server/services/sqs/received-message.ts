import { md5OfMessageAttributes, type MessageAttributeValue } from "./md5";
import type { Queue } from "./model";
import { encodeReceipt } from "./receipts";
import { loadAttributes, type StoredAttributes } from "./stored-message";

/** A message row as the receive statements return it. */
export interface MessageRow {
  id: string;
  message_id: string;
  body: string;
  message_attributes: StoredAttributes | null;
  md5_of_body: string;
  trace_header: string | null;
  sender_id: string;
  sent_at: Date;
  receive_count: number;
  first_received_at: Date | null;
  receipt_token: string;
  group_id: string | null;
  deduplication_id: string | null;
  sequence_number: string | null;
  dead_letter_source_arn: string | null;
}

export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: Record<string, MessageAttributeValue>;
}

export interface Selection {
  /** MessageSystemAttributeNames (or the deprecated AttributeNames). */
  systemAttributes: readonly string[];
  /** MessageAttributeNames: names, `All`, `.*` or `prefix.*`. */
  messageAttributes: readonly string[];
}

function systemAttributes(row: MessageRow): Record<string, string> {
  const out: Record<string, string> = {
    SenderId: row.sender_id,
    SentTimestamp: String(row.sent_at.getTime()),
    ApproximateReceiveCount: String(row.receive_count),
    ApproximateFirstReceiveTimestamp: String((row.first_received_at ?? row.sent_at).getTime()),
  };
  if (row.trace_header) out.AWSTraceHeader = row.trace_header;
  if (row.dead_letter_source_arn) out.DeadLetterQueueSourceArn = row.dead_letter_source_arn;
  if (row.group_id) out.MessageGroupId = row.group_id;
  if (row.deduplication_id) out.MessageDeduplicationId = row.deduplication_id;
  if (row.sequence_number) out.SequenceNumber = row.sequence_number;
  return out;
}

function pick<T>(all: Record<string, T>, names: readonly string[], patterns: boolean): Record<string, T> {
  if (names.includes("All") || (patterns && names.includes(".*"))) return all;
  const prefixes = patterns ? names.filter((n) => n.endsWith(".*")).map((n) => n.slice(0, -1)) : [];
  return Object.fromEntries(Object.entries(all).filter(([name]) => names.includes(name) || prefixes.some((p) => name.startsWith(p))));
}

/** Renders a delivered row with the system and message attributes the caller asked for. */
export function toReceivedMessage(queue: Queue, row: MessageRow, selection: Selection): ReceivedMessage {
  const message: ReceivedMessage = {
    MessageId: row.message_id,
    ReceiptHandle: encodeReceipt({ queueId: queue.id, rowId: String(row.id), token: row.receipt_token }),
    MD5OfBody: row.md5_of_body,
    Body: row.body,
  };
  if (selection.systemAttributes.length > 0) {
    const attributes = pick(systemAttributes(row), selection.systemAttributes, false);
    if (Object.keys(attributes).length > 0) message.Attributes = attributes;
  }
  if (selection.messageAttributes.length > 0 && row.message_attributes) {
    const attributes = pick(loadAttributes(row.message_attributes), selection.messageAttributes, true);
    if (Object.keys(attributes).length > 0) {
      // The digest covers only the attributes returned, as AWS computes it (and precedes them in AWS's XML).
      message.MD5OfMessageAttributes = md5OfMessageAttributes(attributes);
      message.MessageAttributes = attributes;
    }
  }
  return message;
}
