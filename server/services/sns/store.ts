/** Topic and subscription lookups, always scoped by the caller's account and region. */
import type { Db } from "../../db/client";
import type { CallContext } from "../context";
import { parseSubscriptionArn, parseTopicArn, type TopicRef } from "./arns";
import { SnsErrors } from "./errors";
import { type Subscription, type Topic, toSubscription, toTopic } from "./model";

/**
 * The topic a TopicArn parameter names, checked as AWS checks it: a malformed ARN, or one of another
 * region (topics are regional, so AWS refuses it rather than looking), is InvalidParameter. Null for
 * another account's topic, which the caller cannot see.
 */
export function callersTopicRef(ctx: Pick<CallContext, "accountId" | "region">, arn: string): TopicRef | null {
  const ref = parseTopicArn(arn);
  if (!ref) {
    const elements = arn.split(":").length;
    throw SnsErrors.invalidParameter(elements < 6 ? `TopicArn Reason: An ARN must have at least 6 elements, not ${elements}` : "TopicArn");
  }
  if (ref.region !== ctx.region) throw SnsErrors.invalidParameter("TopicArn");
  return ref.accountId === ctx.accountId ? ref : null;
}

/** The topic a parsed ARN names, of whichever account, or null. */
export async function topicByRef(db: Db, ref: TopicRef): Promise<Topic | null> {
  const row = await db.snsTopic.findUnique({ where: { accountId_region_name: { accountId: ref.accountId, region: ref.region, name: ref.name } } });
  return row && toTopic(row);
}

/** The caller's topic named by `arn`, or null (see callersTopicRef for the errors). */
export async function findTopic(db: Db, ctx: Pick<CallContext, "accountId" | "region">, arn: string): Promise<Topic | null> {
  const ref = callersTopicRef(ctx, arn);
  return ref && topicByRef(db, ref);
}

export async function requireTopic(db: Db, ctx: Pick<CallContext, "accountId" | "region">, arn: string): Promise<Topic> {
  const topic = await findTopic(db, ctx, arn);
  if (!topic) throw SnsErrors.topicNotFound();
  return topic;
}

export async function findSubscription(
  db: Db,
  ctx: Pick<CallContext, "accountId" | "region">,
  arn: string,
): Promise<{ topic: Topic; subscription: Subscription } | null> {
  const ref = parseSubscriptionArn(arn);
  if (!ref) throw SnsErrors.invalidParameter(`SubscriptionArn Reason: An ARN must have at least 6 elements, not ${arn.split(":").length}`);
  if (ref.accountId !== ctx.accountId || ref.region !== ctx.region) return null;
  const row = await db.snsSubscription.findUnique({ where: { id: ref.id }, include: { topic: true } });
  if (!row || row.topic.name !== ref.name || row.topic.accountId !== ref.accountId || row.topic.region !== ref.region) return null;
  const topic = toTopic(row.topic);
  return { topic, subscription: toSubscription(topic, row) };
}

export async function requireSubscription(db: Db, ctx: Pick<CallContext, "accountId" | "region">, arn: string) {
  const found = await findSubscription(db, ctx, arn);
  if (!found) throw SnsErrors.subscriptionNotFound();
  return found;
}
