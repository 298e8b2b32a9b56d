import type { Prisma } from "../../db/client";
import { subscriptionArn, topicArn } from "./arns";
import type { Protocol } from "./limits";

export type TopicRow = Prisma.SnsTopicGetPayload<object>;
export type SubscriptionRow = Prisma.SnsSubscriptionGetPayload<object>;

export interface Topic {
  id: string;
  accountId: string;
  region: string;
  name: string;
  arn: string;
  fifo: boolean;
  /** Settable attributes by AWS name. */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  subscriptionsDeleted: number;
}

export interface Subscription {
  id: string;
  arn: string;
  topicArn: string;
  owner: string;
  protocol: Protocol;
  endpoint: string;
  confirmed: boolean;
  /** ConfirmationWasAuthenticated: confirmed by the signed Subscribe itself (no token was needed) or a signed ConfirmSubscription. */
  authenticated: boolean;
  /** Only a signed Unsubscribe may remove it (ConfirmSubscription's AuthenticateOnUnsubscribe), not the UnsubscribeURL. */
  authenticateOnUnsubscribe: boolean;
  attributes: Record<string, string>;
}

/** From a row, or the parts of one a query selected (timestamps are not part of the model). */
export function toTopic(row: Omit<TopicRow, "createdAt">): Topic {
  return {
    id: row.id,
    accountId: row.accountId,
    region: row.region,
    name: row.name,
    arn: topicArn(row.region, row.accountId, row.name),
    fifo: row.fifo,
    attributes: row.attributes as Record<string, string>,
    tags: row.tags as Record<string, string>,
    subscriptionsDeleted: row.subscriptionsDeleted,
  };
}

export function toSubscription(topic: Pick<Topic, "arn">, row: Omit<SubscriptionRow, "createdAt" | "tokenExpiresAt" | "confirmationToken">): Subscription {
  return {
    id: row.id,
    arn: subscriptionArn(topic.arn, row.id),
    topicArn: topic.arn,
    owner: row.owner,
    protocol: row.protocol as Protocol,
    endpoint: row.endpoint,
    confirmed: row.confirmed,
    authenticated: row.authenticated,
    authenticateOnUnsubscribe: row.authenticateOnUnsubscribe,
    attributes: row.attributes as Record<string, string>,
  };
}

/** Whether a subscription wants the message as published rather than in SNS's JSON envelope. */
export function isRawDelivery(subscription: Pick<Subscription, "attributes"> | null): boolean {
  return subscription?.attributes.RawMessageDelivery === "true";
}
