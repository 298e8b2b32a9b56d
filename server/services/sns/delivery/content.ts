/**
 * What a subscriber receives for a published message: the protocol's message (MessageStructure=json
 * gives each protocol its own), wrapped in SNS's signed JSON envelope unless delivery is raw.
 */
import type { Db } from "../../../db/client";
import { randomUUID } from "node:crypto";
import { confirmationEnvelope, lambdaEventRecord, notificationEnvelope } from "../envelope";
import { decodedAttributes, type MessageAttribute } from "../message-attributes";
import type { SignatureVersion } from "../signing";
import { signingCertUrl, signingKey, subscribeUrl, unsubscribeUrl } from "../signing-key";

export interface PublishedMessage {
  messageId: string;
  accountId: string;
  region: string;
  /** The topic, or for direct publishes the platform endpoint or phone number. */
  target: string;
  topicArn?: string;
  subject?: string;
  message: string;
  structure?: "json";
  attributes: Record<string, MessageAttribute>;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  timestamp: Date;
  signatureVersion: SignatureVersion;
}

/**
 * The message for a protocol: its own entry of a MessageStructure=json message, else the default.
 * Entries that are not strings don't count (Publish checked that the default is one).
 */
export function messageFor(published: Pick<PublishedMessage, "message" | "structure">, key: string): string {
  if (published.structure !== "json") return published.message;
  const perProtocol = JSON.parse(published.message) as Record<string, unknown>;
  const own = perProtocol[key];
  return typeof own === "string" ? own : String(perProtocol.default);
}

async function signing(db: Db, version: SignatureVersion) {
  const key = await signingKey(db);
  return { signatureVersion: version, signingCertUrl: signingCertUrl(key), privateKey: key.privateKey };
}

/** What every rendering of a notification for one subscription shares. */
async function notificationInput(db: Db, published: PublishedMessage, subscriptionArn: string, message: string) {
  return {
    ...(await signing(db, published.signatureVersion)),
    messageId: published.messageId,
    topicArn: published.topicArn ?? published.target,
    subject: published.subject,
    message,
    timestamp: published.timestamp,
    unsubscribeUrl: unsubscribeUrl(subscriptionArn),
    messageAttributes: decodedAttributes(published.attributes),
  };
}

/** SNS's envelope, what non-raw SQS, HTTP/S and email-json subscribers parse. */
export async function envelopeFor(db: Db, published: PublishedMessage, subscriptionArn: string, message: string): Promise<Record<string, unknown>> {
  return notificationEnvelope({ ...(await notificationInput(db, published, subscriptionArn, message)), sequenceNumber: published.sequenceNumber });
}

/** The event a subscribed function receives. */
export async function lambdaEventFor(db: Db, published: PublishedMessage, subscriptionArn: string): Promise<Record<string, unknown>> {
  return lambdaEventRecord({ ...(await notificationInput(db, published, subscriptionArn, messageFor(published, "lambda"))), subscriptionArn });
}

export interface BodyOptions {
  subscriptionArn: string;
  /** RawMessageDelivery: the message as published rather than in the envelope. */
  raw: boolean;
  /** Whose message it is when MessageStructure=json gives each protocol its own. */
  protocol: string;
}

/** The body an endpoint receives: the protocol's message, as published (raw) or in SNS's envelope. */
export async function notificationBody(db: Db, published: PublishedMessage, options: BodyOptions): Promise<string> {
  const text = messageFor(published, options.protocol);
  return options.raw ? text : JSON.stringify(await envelopeFor(db, published, options.subscriptionArn, text));
}

/** The SubscriptionConfirmation a pending subscription's endpoint receives. */
export async function confirmationFor(
  db: Db,
  subscription: { topicArn: string; token: string },
  signatureVersion: SignatureVersion,
): Promise<Record<string, unknown>> {
  return confirmationEnvelope({
    ...(await signing(db, signatureVersion)),
    type: "SubscriptionConfirmation",
    messageId: randomUUID(),
    token: subscription.token,
    topicArn: subscription.topicArn,
    subscribeUrl: subscribeUrl(subscription.topicArn, subscription.token),
    timestamp: new Date(),
  });
}
