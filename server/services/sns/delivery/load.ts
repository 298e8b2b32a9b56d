/**
 * What a delivery job needs: the delivery, its stored message, and the subscription and topic as they
 * are now — in one round trip on the plain pg pool, as every HTTP/S, function and outbox delivery
 * starts with it (three ORM queries cost several times as much).
 */
import { pgPool } from "../../../db/pool";
import type { Prisma } from "../../../db/client";
import type { Protocol } from "../limits";
import type { MessageAttribute } from "../message-attributes";
import { type Subscription, type Topic, toSubscription, toTopic } from "../model";
import { signatureVersionOf } from "../topic-attributes";
import { subscriptionJson, topicJson } from "../sql";
import type { PublishedMessage } from "./content";

export type DeliveryRow = Prisma.SnsDeliveryGetPayload<object>;

export interface LoadedDelivery {
  delivery: DeliveryRow & { protocol: Protocol };
  message: PublishedMessage;
  /** Null for direct publishes, and when the subscription (or its topic) is gone. */
  subscription: Subscription | null;
  topic: Topic | null;
}

type LoadRow = Omit<DeliveryRow, "id"> & {
  id: string;
  target: string;
  subject: string | null;
  message: string;
  structure: string | null;
  attributes: Record<string, MessageAttribute> | null;
  groupId: string | null;
  deduplicationId: string | null;
  sequenceNumber: string | null;
  publishedAt: Date;
  /** The subscription and its topic, when both still exist. */
  subscription: (Parameters<typeof toSubscription>[1] & { topic: Parameters<typeof toTopic>[0] }) | null;
};

// A subscription ARN ends in its ID (arn:aws:sns:<region>:<account>:<topic>:<id>).
const LOAD = `
  SELECT d.id::text AS id, d.account_id AS "accountId", d.region, d.message_id AS "messageId", d.topic_arn AS "topicArn",
         d.subscription_arn AS "subscriptionArn", d.protocol, d.endpoint, d.status, d.attempts, d.status_code AS "statusCode",
         d.error, d.created_at AS "createdAt", d.finished_at AS "finishedAt",
         m.target, m.subject, m.message, m.structure, m.attributes, m.group_id AS "groupId",
         m.deduplication_id AS "deduplicationId", m.sequence_number AS "sequenceNumber", m.published_at AS "publishedAt",
         CASE WHEN s.id IS NOT NULL THEN ${subscriptionJson("s")}::jsonb || jsonb_build_object('topic', ${topicJson("t")}) END AS subscription
    FROM sns_deliveries d
    JOIN sns_messages m ON m.message_id = d.message_id
    LEFT JOIN sns_subscriptions s ON s.id = split_part(d.subscription_arn, ':', 7)::uuid
    LEFT JOIN sns_topics t ON t.id = s.topic_id
   WHERE d.id = $1`;

export async function loadDelivery(deliveryId: string): Promise<LoadedDelivery | null> {
  const { rows } = await pgPool().query<LoadRow>({ name: "sns-load-delivery", text: LOAD, values: [deliveryId] });
  const row = rows[0];
  if (!row) return null;
  const topic = row.subscription ? toTopic(row.subscription.topic) : null;
  const message: PublishedMessage = {
    messageId: row.messageId,
    accountId: row.accountId,
    region: row.region,
    target: row.target,
    topicArn: row.topicArn ?? undefined,
    subject: row.subject ?? undefined,
    message: row.message,
    structure: row.structure === "json" ? "json" : undefined,
    attributes: row.attributes ?? {},
    groupId: row.groupId ?? undefined,
    deduplicationId: row.deduplicationId ?? undefined,
    sequenceNumber: row.sequenceNumber ?? undefined,
    timestamp: row.publishedAt,
    signatureVersion: signatureVersionOf(topic),
  };
  const delivery: DeliveryRow & { protocol: Protocol } = {
    id: BigInt(row.id),
    accountId: row.accountId,
    region: row.region,
    messageId: row.messageId,
    topicArn: row.topicArn,
    subscriptionArn: row.subscriptionArn,
    protocol: row.protocol as Protocol,
    endpoint: row.endpoint,
    status: row.status,
    attempts: row.attempts,
    statusCode: row.statusCode,
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
  return { delivery, message, subscription: row.subscription && topic ? toSubscription(topic, row.subscription) : null, topic };
}
