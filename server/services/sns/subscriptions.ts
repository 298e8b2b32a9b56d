/**
 * Subscriptions: Subscribe (with endpoint checks and, for HTTP/S and email, a confirmation that must be
 * answered), ConfirmSubscription, Unsubscribe, List*, Get/SetSubscriptionAttributes.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Db, PrismaClient } from "../../db/client";
import { parseArn } from "../../lib/arn";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { parseSubscriptionArn, parseTopicArn, subscriptionArn } from "./arns";
import { enqueueConfirmation } from "./delivery/enqueue";
import { SnsErrors } from "./errors";
import { CONFIRMATION_TOKEN_TTL_SECONDS, PAGE_SIZE, PROTOCOLS, type Protocol } from "./limits";
import { type Subscription, type Topic, toSubscription, toTopic } from "./model";
import { decodeToken, page } from "./paging";
import { compactPhoneNumber, PHONE_NUMBER } from "./phone-numbers";
import { findPlatformEndpoint } from "./platform";
import { findSubscription, requireSubscription, requireTopic, topicByRef } from "./store";
import { applySubscriptionAttributes, describeSubscriptionAttributes } from "./subscription-attributes";

const PENDING_ARN = "pending confirmation";

function isProtocol(value: string): value is Protocol {
  return (PROTOCOLS as readonly string[]).includes(value);
}

/** Checks the endpoint for the protocol and returns it as stored (SMS numbers without separators). */
async function checkEndpoint(db: Db, ctx: CallContext, topic: Topic, protocol: Protocol, endpoint: string): Promise<string> {
  if (topic.fifo && protocol !== "sqs") throw SnsErrors.invalidParameter(`Invalid protocol type: ${protocol}`);
  switch (protocol) {
    case "sqs": {
      const arn = parseArn(endpoint);
      if (arn?.service !== "sqs" || !arn.resource || arn.resource.includes("/")) throw SnsErrors.invalidParameter("SQS endpoint ARN");
      // AWS repeats the "Invalid parameter: " prefix in this one.
      if (!topic.fifo && arn.resource.endsWith(".fifo")) {
        throw SnsErrors.invalidParameter("Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics");
      }
      return endpoint;
    }
    case "lambda": {
      const arn = parseArn(endpoint);
      if (arn?.service !== "lambda" || !arn.resource.startsWith("function:")) throw SnsErrors.invalidParameter("Lambda endpoint ARN");
      return endpoint;
    }
    case "http":
    case "https": {
      let url: URL | undefined;
      try {
        url = new URL(endpoint);
      } catch {
        url = undefined;
      }
      if (!url || url.protocol !== `${protocol}:` || !url.host) throw SnsErrors.invalidParameter("Endpoint must match the specified protocol");
      return endpoint;
    }
    case "email":
    case "email-json":
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(endpoint)) throw SnsErrors.invalidParameter("Email address");
      return endpoint;
    case "sms": {
      const number = compactPhoneNumber(endpoint);
      // AWS words this one without the "Invalid parameter: " prefix.
      if (!PHONE_NUMBER.test(number)) throw SnsErrors.invalidParameterRaw(`Invalid SMS endpoint: ${endpoint}`);
      return number;
    }
    case "application":
      if (!(await findPlatformEndpoint(db, ctx, endpoint))) throw SnsErrors.invalidParameter("Invalid parameter: Endpoint Reason: Endpoint does not exist");
      return endpoint;
  }
}

/**
 * HTTP/S and email endpoints must confirm; so must another account's queue (the confirmation is sent to
 * it). A function of another account is authorised by its resource policy instead, as on AWS.
 */
function needsConfirmation(ctx: CallContext, protocol: Protocol, endpoint: string): boolean {
  if (protocol === "sqs") return parseArn(endpoint)?.accountId !== ctx.accountId;
  return protocol === "http" || protocol === "https" || protocol === "email" || protocol === "email-json";
}

export async function subscribe(
  db: PrismaClient,
  ctx: CallContext,
  input: { TopicArn: string; Protocol: string; Endpoint?: string; Attributes?: Record<string, string>; ReturnSubscriptionArn?: boolean },
): Promise<{ SubscriptionArn: string }> {
  requireRole(ctx, "developer", "sns:Subscribe");
  const protocol = input.Protocol.toLowerCase();
  if (!isProtocol(protocol)) throw SnsErrors.invalidParameter(`Amazon SNS does not support this protocol string: ${input.Protocol}`);
  const topic = await requireTopic(db, ctx, input.TopicArn);
  if (input.Endpoint === undefined || input.Endpoint === "") throw SnsErrors.invalidParameter("Endpoint Reason: Endpoint is required");
  const endpoint = await checkEndpoint(db, ctx, topic, protocol, input.Endpoint);
  const attributes = applySubscriptionAttributes("Subscribe", protocol, {}, input.Attributes ?? {});

  const existing = await db.snsSubscription.findFirst({ where: { topicId: topic.id, protocol, endpoint } });
  if (existing) {
    const subscription = toSubscription(topic, existing);
    const differs = Object.entries(attributes).some(([k, v]) => subscription.attributes[k] !== v);
    if (differs) throw SnsErrors.invalidParameter("Attributes Reason: Subscription already exists with different attributes");
    // Subscribing a pending endpoint again asks it again (the console's "Request confirmation"), with a fresh token lifetime.
    if (!subscription.confirmed) await requestConfirmationAgain(db, topic, subscription);
    return { SubscriptionArn: subscription.confirmed || input.ReturnSubscriptionArn ? subscription.arn : PENDING_ARN };
  }

  const pending = needsConfirmation(ctx, protocol, endpoint);
  const id = randomUUID();
  await db.$transaction(async (tx) => {
    await tx.snsSubscription.create({
      data: {
        id,
        topicId: topic.id,
        owner: ctx.accountId,
        protocol,
        endpoint,
        confirmed: !pending,
        authenticated: !pending,
        attributes,
        ...(pending && {
          confirmationToken: randomBytes(128).toString("hex"),
          tokenExpiresAt: new Date(Date.now() + CONFIRMATION_TOKEN_TTL_SECONDS * 1000),
        }),
      },
    });
    if (pending) await enqueueConfirmation(tx, topic, { id, protocol });
  });
  const arn = subscriptionArn(topic.arn, id);
  return { SubscriptionArn: !pending || input.ReturnSubscriptionArn ? arn : PENDING_ARN };
}

async function requestConfirmationAgain(db: PrismaClient, topic: Topic, subscription: Subscription): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.snsSubscription.update({ where: { id: subscription.id }, data: { tokenExpiresAt: new Date(Date.now() + CONFIRMATION_TOKEN_TTL_SECONDS * 1000) } });
    await enqueueConfirmation(tx, topic, subscription);
  });
}

/**
 * Confirms with the token a confirmation message carried. Anyone holding the token may confirm (the
 * SubscribeURL is an unsigned link), so the topic's account comes from its ARN, not the caller. `signed`:
 * the ConfirmSubscription call carried a signature (the link does not), which is what makes the
 * confirmation authenticated and lets AuthenticateOnUnsubscribe take effect.
 */
export async function confirmSubscription(
  db: Db,
  input: { TopicArn: string; Token: string; AuthenticateOnUnsubscribe?: string },
  signed: boolean,
): Promise<{ SubscriptionArn: string }> {
  const ref = parseTopicArn(input.TopicArn);
  if (!ref) throw SnsErrors.invalidParameter("Topic");
  const topic = await topicByRef(db, ref);
  const row = await db.snsSubscription.findUnique({ where: { confirmationToken: input.Token } });
  // A topic that does not exist is just one the token does not belong to, as AWS answers it.
  if (!topic || !row || row.topicId !== topic.id || (row.tokenExpiresAt && row.tokenExpiresAt < new Date() && !row.confirmed)) {
    throw SnsErrors.invalidParameter("Token");
  }
  if (!row.confirmed) {
    await db.snsSubscription.update({
      where: { id: row.id },
      data: { confirmed: true, authenticated: signed, authenticateOnUnsubscribe: signed && input.AuthenticateOnUnsubscribe === "true" },
    });
  }
  return { SubscriptionArn: subscriptionArn(topic.arn, row.id) };
}

async function remove(db: PrismaClient, topic: Topic, subscription: Subscription): Promise<void> {
  await db.$transaction([
    db.snsSubscription.deleteMany({ where: { id: subscription.id } }),
    db.snsTopic.updateMany({ where: { id: topic.id }, data: { subscriptionsDeleted: { increment: 1 } } }),
  ]);
}

export async function unsubscribe(db: PrismaClient, ctx: CallContext, input: { SubscriptionArn: string }): Promise<void> {
  requireRole(ctx, "developer", "sns:Unsubscribe");
  // Unsubscribing from a subscription that is already gone succeeds, as on AWS.
  const found = await findSubscription(db, ctx, input.SubscriptionArn);
  if (found) await remove(db, found.topic, found.subscription);
}

/**
 * The UnsubscribeURL in every message: an unsigned link, as on AWS, unless the subscription was
 * confirmed with AuthenticateOnUnsubscribe (then only a signed Unsubscribe may remove it).
 */
export async function unsubscribeByLink(db: PrismaClient, subscriptionArnValue: string): Promise<{ topicArn: string }> {
  const ref = parseSubscriptionArn(subscriptionArnValue);
  if (!ref) throw SnsErrors.invalidParameter("SubscriptionArn");
  const { topic, subscription } = await requireSubscription(db, ref, subscriptionArnValue);
  if (subscription.authenticateOnUnsubscribe) throw SnsErrors.authorization("Unsubscribe requires authentication for this subscription");
  await remove(db, topic, subscription);
  return { topicArn: topic.arn };
}

interface SubscriptionEntry {
  SubscriptionArn: string;
  Owner: string;
  Protocol: string;
  Endpoint: string;
  TopicArn: string;
}

function listEntry(subscription: Subscription): SubscriptionEntry {
  return {
    SubscriptionArn: subscription.confirmed ? subscription.arn : "PendingConfirmation",
    Owner: subscription.owner,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    TopicArn: subscription.topicArn,
  };
}

async function listPage(db: Db, ctx: CallContext, nextToken: string | undefined, topicId?: string) {
  const after = decodeToken(nextToken);
  const rows = await db.snsSubscription.findMany({
    where: {
      topic: { accountId: ctx.accountId, region: ctx.region, ...(topicId && { id: topicId }) },
      ...(after !== undefined && { id: { gt: after } }),
    },
    include: { topic: true },
    orderBy: { id: "asc" },
    take: PAGE_SIZE + 1,
  });
  const { items, NextToken } = page(rows, PAGE_SIZE, (r) => r.id);
  return { Subscriptions: items.map((row) => listEntry(toSubscription(toTopic(row.topic), row))), NextToken };
}

export async function listSubscriptions(db: Db, ctx: CallContext, input: { NextToken?: string }) {
  return listPage(db, ctx, input.NextToken);
}

export async function listSubscriptionsByTopic(db: Db, ctx: CallContext, input: { TopicArn: string; NextToken?: string }) {
  const topic = await requireTopic(db, ctx, input.TopicArn);
  return listPage(db, ctx, input.NextToken, topic.id);
}

export async function getSubscriptionAttributes(db: Db, ctx: CallContext, input: { SubscriptionArn: string }) {
  const { topic, subscription } = await requireSubscription(db, ctx, input.SubscriptionArn);
  return { Attributes: describeSubscriptionAttributes(topic, subscription) };
}

export async function setSubscriptionAttributes(
  db: Db,
  ctx: CallContext,
  input: { SubscriptionArn: string; AttributeName: string; AttributeValue?: string },
): Promise<void> {
  requireRole(ctx, "developer", "sns:SetSubscriptionAttributes");
  const { subscription } = await requireSubscription(db, ctx, input.SubscriptionArn);
  const attributes = applySubscriptionAttributes("SetSubscriptionAttributes", subscription.protocol, subscription.attributes, { [input.AttributeName]: input.AttributeValue ?? "" });
  await db.snsSubscription.update({ where: { id: subscription.id }, data: { attributes } });
}
