/**
 * Publishing's durable half. One transaction stores the message, writes every matching queue
 * subscription's copy straight into its queue, records each delivery, and leaves the rest (functions,
 * HTTP/S, email, SMS, push, and queues that could not take the message) to delivery jobs.
 */
import type pg from "pg";
import type { Db } from "../../../db/client";
import { withTransaction } from "../../../db/pool";
import { isAwsError } from "../../../errors";
import { enqueueOutboxWithin } from "../../../outbox/enqueue";
import type { Queue } from "../../sqs/model";
import type { PreparedMessage } from "../../sqs/send";
import { DEDUPLICATION_WINDOW_SECONDS } from "../limits";
import { isRawDelivery, type Subscription } from "../model";
import type { PublishedMessage } from "./content";
import { jobFor } from "./jobs";
import { queueCopy, queueOf, storeCopies } from "./queue-copy";

/** Where one copy of the message goes: a subscription, or the endpoint of a direct publish. */
export interface DeliveryTarget {
  subscription?: Subscription;
  protocol: Subscription["protocol"];
  endpoint: string;
}

interface DirectQueueDelivery {
  target: DeliveryTarget;
  queue: Queue;
  prepared: PreparedMessage;
}

/** The SQS message for a queue subscription, or undefined when the queue cannot take it (a job then fails it properly). */
async function prepareQueueCopy(db: Db, published: PublishedMessage, target: DeliveryTarget): Promise<DirectQueueDelivery | undefined> {
  if (!target.subscription) return undefined;
  const queue = await queueOf(db, target.endpoint);
  if (!queue) return undefined;
  try {
    const prepared = await queueCopy(db, queue, published, { subscriptionArn: target.subscription.arn, raw: isRawDelivery(target.subscription), protocol: "sqs" });
    return { target, queue, prepared };
  } catch (error) {
    if (isAwsError(error)) return undefined;
    throw error;
  }
}

export interface FanOutResult {
  MessageId: string;
  SequenceNumber?: string;
}

/**
 * FIFO topics claim the deduplication ID for five minutes and number the message; a duplicate is
 * accepted but not delivered again, and answers with the original's ID and sequence number.
 */
async function claimFifo(client: pg.PoolClient, topicId: string, published: PublishedMessage): Promise<FanOutResult | undefined> {
  const claim = await client.query<{ message_id: string; sequence_number: string; fresh: boolean }>(
    `WITH seq AS (SELECT (10000000000000000000::numeric + nextval('sns_sequence_numbers'))::text AS n)
     INSERT INTO sns_deduplication (topic_id, deduplication_id, message_id, sequence_number, expires_at)
     SELECT $1, $2, $3, seq.n, now() + make_interval(secs => $4) FROM seq
     ON CONFLICT (topic_id, deduplication_id) DO UPDATE
       SET message_id = EXCLUDED.message_id, sequence_number = EXCLUDED.sequence_number, expires_at = EXCLUDED.expires_at
       WHERE sns_deduplication.expires_at <= now()
     RETURNING message_id, sequence_number`,
    [topicId, published.deduplicationId, published.messageId, DEDUPLICATION_WINDOW_SECONDS],
  );
  if (claim.rowCount === 1) {
    published.sequenceNumber = claim.rows[0]!.sequence_number;
    return undefined;
  }
  const original = await client.query<{ message_id: string; sequence_number: string }>(
    "SELECT message_id, sequence_number FROM sns_deduplication WHERE topic_id = $1 AND deduplication_id = $2",
    [topicId, published.deduplicationId],
  );
  return { MessageId: original.rows[0]!.message_id, SequenceNumber: original.rows[0]!.sequence_number };
}

/**
 * Stores the message and records its deliveries in one statement: those done in this transaction are
 * `delivered`, the rest `pending` for their job. Returns the pending deliveries' IDs.
 */
async function recordPublish(
  client: pg.PoolClient,
  m: PublishedMessage,
  rows: { target: DeliveryTarget; delivered: boolean }[],
): Promise<Map<DeliveryTarget, string>> {
  const result = await client.query<{ id: string; subscription_arn: string | null; endpoint: string }>({
    name: "sns-record-publish",
    text: `WITH message AS (
             INSERT INTO sns_messages (message_id, account_id, region, target, subject, message, structure, attributes,
                                       group_id, deduplication_id, sequence_number, published_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           )
           INSERT INTO sns_deliveries (account_id, region, message_id, topic_arn, subscription_arn, protocol, endpoint, status, attempts, finished_at, created_at)
           SELECT $2, $3, $1, $13, d.subscription_arn, d.protocol, d.endpoint,
                  CASE WHEN d.delivered THEN 'delivered' ELSE 'pending' END,
                  CASE WHEN d.delivered THEN 1 ELSE 0 END,
                  CASE WHEN d.delivered THEN now() END, now()
             FROM unnest($14::text[], $15::text[], $16::text[], $17::bool[]) AS d(subscription_arn, protocol, endpoint, delivered)
           RETURNING id::text, subscription_arn, endpoint`,
    values: [
      m.messageId,
      m.accountId,
      m.region,
      m.target,
      m.subject ?? null,
      m.message,
      m.structure ?? null,
      Object.keys(m.attributes).length > 0 ? JSON.stringify(m.attributes) : null,
      m.groupId ?? null,
      m.deduplicationId ?? null,
      m.sequenceNumber ?? null,
      m.timestamp,
      m.topicArn ?? null,
      rows.map((r) => r.target.subscription?.arn ?? null),
      rows.map((r) => r.target.protocol),
      rows.map((r) => r.target.endpoint),
      rows.map((r) => r.delivered),
    ],
  });
  // Each target is unique within a message by subscription ARN (or, for direct publishes, endpoint).
  const byKey = new Map(rows.map((r) => [r.target.subscription?.arn ?? r.target.endpoint, r.target]));
  const ids = new Map<DeliveryTarget, string>();
  for (const row of result.rows) ids.set(byKey.get(row.subscription_arn ?? row.endpoint)!, row.id);
  return ids;
}

/** Splits the targets into queue copies written at once and deliveries left to jobs. */
async function planDeliveries(db: Db, published: PublishedMessage, targets: DeliveryTarget[]) {
  const direct: DirectQueueDelivery[] = [];
  const deferred: DeliveryTarget[] = [];
  for (const target of targets) {
    const copy = target.protocol === "sqs" ? await prepareQueueCopy(db, published, target) : undefined;
    if (copy) direct.push(copy);
    else deferred.push(target);
  }
  return { direct, deferred };
}

/** Stores and delivers (or schedules delivery of) one published message to its matching targets. */
export async function fanOut(db: Db, published: PublishedMessage, targets: DeliveryTarget[], fifoTopicId?: string): Promise<FanOutResult> {
  // A FIFO topic's envelopes carry the sequence number its claim assigns, so its copies are prepared after the claim.
  const planned = fifoTopicId ? undefined : await planDeliveries(db, published, targets);
  const afterCommit: (() => void)[] = [];
  const duplicate = await withTransaction(async (client) => {
    if (fifoTopicId) {
      const original = await claimFifo(client, fifoTopicId, published);
      if (original) return original;
    }
    const { direct, deferred } = planned ?? (await planDeliveries(db, published, targets));
    if (direct.length > 0) afterCommit.push(await storeCopies(client, direct.map((d) => ({ queue: d.queue, message: d.prepared }))));
    const deliveries = [...direct.map((d) => ({ target: d.target, delivered: true })), ...deferred.map((target) => ({ target, delivered: false }))];
    const ids = await recordPublish(client, published, deliveries);
    await enqueueOutboxWithin(
      client,
      deferred.map((target) => ({ accountId: published.accountId, region: published.region, job: jobFor(target.protocol), payload: { deliveryId: ids.get(target)! } })),
    );
    return undefined;
  });
  if (duplicate) return duplicate;
  for (const run of afterCommit) run();
  return { MessageId: published.messageId, SequenceNumber: published.sequenceNumber };
}
