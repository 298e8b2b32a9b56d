import { createHash, randomUUID } from "node:crypto";
import type pg from "pg";
import type { Db } from "../../db/client";
import { pgPool, withTransaction } from "../../db/pool";
import { isAwsError, type AwsError } from "../../errors";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { assertValidBatch, type BatchResult, batchFailure } from "./batch";
import { SqsErrors } from "./errors";
import { DEDUPLICATION_WINDOW_SECONDS, MAX_BATCH_BYTES, MAX_DELAY_SECONDS } from "./limits";
import { md5Hex, md5OfMessageAttributes, type MessageAttributeValue } from "./md5";
import { assertValidBody, assertValidToken, type MessageAttributeInput, messageSize, validateMessageAttributes } from "./message-validation";
import { recordQueueMetric } from "./metrics";
import type { Queue } from "./model";
import { storedAttributes } from "./stored-message";
import { resolveQueue } from "./store";
import { queueWakeups } from "./wakeups";

export interface SendEntry {
  MessageBody?: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, MessageAttributeInput>;
  MessageSystemAttributes?: Record<string, MessageAttributeInput>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

export interface SendResult {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  SequenceNumber?: string;
}

export interface PreparedMessage {
  messageId: string;
  body: string;
  attributes: Record<string, MessageAttributeValue>;
  traceHeader?: string;
  delaySeconds: number;
  groupId?: string;
  deduplicationId?: string;
  result: SendResult;
}

/** Only AWSTraceHeader may be sent as a system attribute, as a String. */
function traceHeaderOf(system: Record<string, MessageAttributeInput> | undefined): { value?: string; md5?: string } {
  const entries = Object.entries(system ?? {});
  if (entries.length === 0) return {};
  for (const [name, attr] of entries) {
    if (name !== "AWSTraceHeader") throw SqsErrors.invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    if (attr.DataType !== "String" || !attr.StringValue) {
      throw SqsErrors.invalidParameterValue("Message system attribute 'AWSTraceHeader' must contain a non-empty value of type 'String'.");
    }
  }
  const value = system!.AWSTraceHeader!.StringValue!;
  return { value, md5: md5OfMessageAttributes({ AWSTraceHeader: { DataType: "String", StringValue: value } }) };
}

/**
 * Checks one message against its queue. FIFO group/deduplication requirements are left to the caller,
 * since AWS reports them differently for single sends and batches. `inBatch`: AWS words a too-long batch
 * entry "cannot be validated", a too-long single send "are invalid".
 */
export function prepare(queue: Queue, entry: SendEntry, inBatch = false): PreparedMessage {
  const body = assertValidBody(entry.MessageBody);
  if (entry.DelaySeconds !== undefined) {
    if (queue.fifo && entry.DelaySeconds !== 0) {
      throw SqsErrors.invalidParameter("DelaySeconds", entry.DelaySeconds, "The request include parameter that is not valid for this queue type.");
    }
    if (!Number.isInteger(entry.DelaySeconds) || entry.DelaySeconds < 0 || entry.DelaySeconds > MAX_DELAY_SECONDS) {
      throw SqsErrors.invalidParameter("DelaySeconds", entry.DelaySeconds, `DelaySeconds must be >= 0 and <= ${MAX_DELAY_SECONDS}`);
    }
  }
  if (entry.MessageDeduplicationId !== undefined && !queue.fifo) {
    throw SqsErrors.invalidParameter(
      "MessageDeduplicationId",
      entry.MessageDeduplicationId,
      "The request includes a parameter that is not valid for this queue type.",
    );
  }
  if (entry.MessageGroupId !== undefined) assertValidToken("MessageGroupId", entry.MessageGroupId);
  if (entry.MessageDeduplicationId !== undefined) assertValidToken("MessageDeduplicationId", entry.MessageDeduplicationId);
  const attributes = validateMessageAttributes(entry.MessageAttributes);
  if (messageSize(body, attributes) > queue.maximumMessageSize) {
    const verdict = inBatch ? "cannot be validated" : "are invalid";
    throw SqsErrors.invalidParameterValue(`One or more parameters ${verdict}. Reason: Message must be shorter than ${queue.maximumMessageSize} bytes.`);
  }
  const trace = traceHeaderOf(entry.MessageSystemAttributes);
  const messageId = randomUUID();
  const deduplicationId =
    entry.MessageDeduplicationId ?? (queue.fifo && queue.contentBasedDeduplication ? createHash("sha256").update(body).digest("hex") : undefined);
  return {
    messageId,
    body,
    attributes,
    traceHeader: trace.value,
    delaySeconds: queue.fifo ? queue.delaySeconds : (entry.DelaySeconds ?? queue.delaySeconds),
    groupId: entry.MessageGroupId,
    deduplicationId,
    result: {
      MessageId: messageId,
      MD5OfMessageBody: md5Hex(body),
      MD5OfMessageAttributes: Object.keys(attributes).length > 0 ? md5OfMessageAttributes(attributes) : undefined,
      MD5OfMessageSystemAttributes: trace.md5,
    },
  };
}

const INSERT_MESSAGES = `
  INSERT INTO sqs_messages (queue_id, message_id, body, message_attributes, md5_of_body, md5_of_message_attributes,
                            trace_header, sender_id, sent_at, visible_at, enqueued_at, group_id, deduplication_id, sequence_number)
  SELECT m.queue_id, m.message_id, m.body, m.attributes, m.md5_of_body, m.md5_of_attributes, m.trace_header, $1,
         now(), now() + make_interval(secs => m.delay), now(), m.group_id, m.deduplication_id, m.sequence_number
    FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::jsonb[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[], $11::text[], $12::text[])
      AS m(queue_id, message_id, body, attributes, md5_of_body, md5_of_attributes, trace_header, delay, group_id, deduplication_id, sequence_number)`;

/** A message bound for a queue. */
export interface QueueCopy {
  queue: Queue;
  message: PreparedMessage;
}

/** One statement for any number of messages, to one queue or several. */
async function insertMessages(client: pg.Pool | pg.PoolClient, senderId: string, copies: QueueCopy[]): Promise<void> {
  const column = <T>(pick: (m: PreparedMessage) => T) => copies.map((c) => pick(c.message));
  await client.query({
    name: "sqs-insert-messages",
    text: INSERT_MESSAGES,
    values: [
      senderId,
      copies.map((c) => c.queue.id),
      column((m) => m.messageId),
      column((m) => m.body),
      column((m) => (Object.keys(m.attributes).length > 0 ? JSON.stringify(storedAttributes(m.attributes)) : null)),
      column((m) => m.result.MD5OfMessageBody),
      column((m) => m.result.MD5OfMessageAttributes ?? null),
      column((m) => m.traceHeader ?? null),
      column((m) => m.delaySeconds),
      column((m) => m.groupId ?? null),
      column((m) => m.deduplicationId ?? null),
      column((m) => m.result.SequenceNumber ?? null),
    ],
  });
}

const copiesTo = (queue: Queue, messages: PreparedMessage[]): QueueCopy[] => messages.map((message) => ({ queue, message }));

/**
 * FIFO exactly-once: each deduplication ID is claimed for 5 minutes (per queue, or per group with
 * DeduplicationScope=messageGroup). A duplicate is accepted but not enqueued, and answers with the
 * original message's ID and sequence number. Sequence numbers come from one Postgres sequence, so they
 * increase across every group.
 */
async function sendFifo(client: pg.PoolClient, queue: Queue, senderId: string, messages: PreparedMessage[]): Promise<PreparedMessage[]> {
  const fresh: PreparedMessage[] = [];
  for (const m of messages) {
    const { rows } = await client.query<{ seq: string }>("SELECT (10000000000000000000::numeric + nextval('sqs_sequence_numbers'))::text AS seq");
    const sequenceNumber = rows[0]!.seq;
    const scope = queue.deduplicationScope === "messageGroup" ? m.groupId! : "";
    const claim = await client.query<{ message_id: string; sequence_number: string }>(
      `INSERT INTO sqs_deduplication (queue_id, scope, deduplication_id, message_id, sequence_number, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))
       ON CONFLICT (queue_id, scope, deduplication_id) DO UPDATE
         SET message_id = EXCLUDED.message_id, sequence_number = EXCLUDED.sequence_number, expires_at = EXCLUDED.expires_at
         WHERE sqs_deduplication.expires_at <= now()
       RETURNING message_id, sequence_number`,
      [queue.id, scope, m.deduplicationId, m.messageId, sequenceNumber, DEDUPLICATION_WINDOW_SECONDS],
    );
    if (claim.rowCount === 1) {
      m.result.SequenceNumber = sequenceNumber;
      fresh.push(m);
      continue;
    }
    const original = await client.query<{ message_id: string; sequence_number: string }>(
      "SELECT message_id, sequence_number FROM sqs_deduplication WHERE queue_id = $1 AND scope = $2 AND deduplication_id = $3",
      [queue.id, scope, m.deduplicationId],
    );
    m.result.MessageId = original.rows[0]!.message_id;
    m.result.SequenceNumber = original.rows[0]!.sequence_number;
  }
  if (fresh.length > 0) await insertMessages(client, senderId, copiesTo(queue, fresh));
  return fresh;
}

/** What a committed send still owes: metrics and waking the queue's long polls. */
function afterCommit(queue: Queue, stored: PreparedMessage[]): void {
  if (stored.length === 0) return;
  recordQueueMetric(queue.id, "sent", stored.length);
  if (stored.some((m) => m.delaySeconds === 0)) queueWakeups().notify(queue.id);
}

async function store(ctx: CallContext, queue: Queue, messages: PreparedMessage[]): Promise<void> {
  const senderId = ctx.principal.userId;
  let stored = messages;
  try {
    if (queue.fifo) stored = await withTransaction((client) => sendFifo(client, queue, senderId, messages));
    else await insertMessages(pgPool(), senderId, copiesTo(queue, messages));
  } catch (e) {
    // The queue was deleted after it was looked up.
    if ((e as { code?: string }).code === "23503") throw SqsErrors.queueDoesNotExist();
    throw e;
  }
  afterCommit(queue, stored);
}

/**
 * Stores prepared messages inside another service's transaction (SNS fan-out writes its queue deliveries
 * in the publish transaction): FIFO copies one by one (deduplication), all the others in one statement.
 * Returns what to run once that transaction has committed.
 */
export async function storeWithin(client: pg.PoolClient, senderId: string, copies: QueueCopy[]): Promise<() => void> {
  const standard = copies.filter((c) => !c.queue.fifo);
  if (standard.length > 0) await insertMessages(client, senderId, standard);
  const stored: QueueCopy[] = [...standard];
  for (const copy of copies.filter((c) => c.queue.fifo)) {
    stored.push(...copiesTo(copy.queue, await sendFifo(client, copy.queue, senderId, [copy.message])));
  }
  return () => {
    for (const { queue, message } of stored) afterCommit(queue, [message]);
  };
}

function requireFifoFields(queue: Queue, entry: SendEntry, missingGroup: () => AwsError): void {
  if (!queue.fifo) return;
  if (entry.MessageGroupId === undefined) throw missingGroup();
  if (entry.MessageDeduplicationId === undefined && !queue.contentBasedDeduplication) {
    throw SqsErrors.invalidParameterValue(
      "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
    );
  }
}

export async function sendMessage(db: Db, ctx: CallContext, input: SendEntry & { QueueUrl: string }): Promise<SendResult> {
  requireRole(ctx, "developer", "sqs:SendMessage");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "SendMessage");
  assertValidBody(input.MessageBody);
  requireFifoFields(queue, input, () => SqsErrors.missingParameter("MessageGroupId"));
  const message = prepare(queue, input);
  await store(ctx, queue, [message]);
  return message.result;
}

export async function sendMessageBatch(
  db: Db,
  ctx: CallContext,
  input: { QueueUrl: string; Entries: (SendEntry & { Id: string })[] },
): Promise<BatchResult<SendResult & { Id: string }>> {
  requireRole(ctx, "developer", "sqs:SendMessage");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "SendMessageBatch");
  assertValidBatch(input.Entries, "SendMessageBatchRequestEntry");
  const totalBytes = input.Entries.reduce(
    (sum, e) => sum + messageSize(e.MessageBody ?? "", validateSizeOnly(e.MessageAttributes)),
    0,
  );
  if (totalBytes > MAX_BATCH_BYTES) throw SqsErrors.batchRequestTooLong(MAX_BATCH_BYTES, totalBytes);
  // FIFO group/deduplication problems fail the whole batch, as on AWS.
  for (const entry of input.Entries) {
    requireFifoFields(queue, entry, () => SqsErrors.invalidParameterValue("The request must contain the parameter MessageGroupId."));
  }
  const prepared: { id: string; message: PreparedMessage }[] = [];
  const failed: BatchResult<never>["Failed"] = [];
  for (const entry of input.Entries) {
    try {
      prepared.push({ id: entry.Id, message: prepare(queue, entry, true) });
    } catch (e) {
      if (!isAwsError(e)) throw e;
      failed.push(batchFailure(entry.Id, e));
    }
  }
  if (prepared.length > 0) await store(ctx, queue, prepared.map((p) => p.message));
  return { Successful: prepared.map((p) => ({ Id: p.id, ...p.message.result })), Failed: failed };
}

/** Attribute sizes for the batch total, counted before per-entry validation (which may reject them). */
function validateSizeOnly(attributes: Record<string, MessageAttributeInput> | undefined): Record<string, MessageAttributeValue> {
  return Object.fromEntries(
    Object.entries(attributes ?? {}).map(([name, a]) => [
      name,
      { DataType: a.DataType ?? "", StringValue: a.StringValue, BinaryValue: a.BinaryValue ? Buffer.from(a.BinaryValue) : undefined },
    ]),
  );
}
