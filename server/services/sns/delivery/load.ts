/** What a delivery job needs: the delivery, its stored message, and the subscription and topic as they are now. */
import type { Db } from "../../../db/client";
import type { Prisma } from "../../../db/client";
import { parseSubscriptionArn } from "../arns";
import type { Protocol } from "../limits";
import type { MessageAttribute } from "../message-attributes";
import { type Subscription, type Topic, toSubscription, toTopic } from "../model";
import type { SignatureVersion } from "../signing";
import type { PublishedMessage } from "./content";

export type DeliveryRow = Prisma.SnsDeliveryGetPayload<object>;

export interface LoadedDelivery {
  delivery: DeliveryRow & { protocol: Protocol };
  message: PublishedMessage;
  /** Null for direct publishes, and when the subscription (or its topic) is gone. */
  subscription: Subscription | null;
  topic: Topic | null;
}

export async function loadDelivery(db: Db, deliveryId: string): Promise<LoadedDelivery | null> {
  const delivery = await db.snsDelivery.findUnique({ where: { id: BigInt(deliveryId) } });
  if (!delivery) return null;
  const row = await db.snsMessage.findUnique({ where: { messageId: delivery.messageId } });
  if (!row) return null;
  const ref = delivery.subscriptionArn ? parseSubscriptionArn(delivery.subscriptionArn) : null;
  const subscriptionRow = ref ? await db.snsSubscription.findUnique({ where: { id: ref.id }, include: { topic: true } }) : null;
  const topic = subscriptionRow ? toTopic(subscriptionRow.topic) : null;
  const message: PublishedMessage = {
    messageId: row.messageId,
    accountId: row.accountId,
    region: row.region,
    target: row.target,
    topicArn: delivery.topicArn ?? undefined,
    subject: row.subject ?? undefined,
    message: row.message,
    structure: row.structure === "json" ? "json" : undefined,
    attributes: (row.attributes as Record<string, MessageAttribute> | null) ?? {},
    groupId: row.groupId ?? undefined,
    deduplicationId: row.deduplicationId ?? undefined,
    sequenceNumber: row.sequenceNumber ?? undefined,
    timestamp: row.publishedAt,
    signatureVersion: (topic?.attributes.SignatureVersion as SignatureVersion | undefined) ?? "1",
  };
  return {
    delivery: { ...delivery, protocol: delivery.protocol as Protocol },
    message,
    subscription: subscriptionRow && topic ? toSubscription(topic, subscriptionRow) : null,
    topic,
  };
}
