/** Read models for the console: topic summaries, the delivery status log and the team outbox. */
import type { Db } from "../../db/client";
import type { CallContext } from "../context";
import { requireTopic } from "./store";
import { toTopic } from "./model";

export async function listTopicSummaries(db: Db, ctx: CallContext) {
  const rows = await db.snsTopic.findMany({
    where: { accountId: ctx.accountId, region: ctx.region },
    orderBy: { name: "asc" },
    include: { subscriptions: { select: { confirmed: true } } },
  });
  return rows.map((row) => {
    const topic = toTopic(row);
    return {
      name: topic.name,
      arn: topic.arn,
      fifo: topic.fifo,
      displayName: topic.attributes.DisplayName ?? "",
      confirmed: row.subscriptions.filter((s) => s.confirmed).length,
      pending: row.subscriptions.filter((s) => !s.confirmed).length,
      createdAt: row.createdAt,
    };
  });
}

/** Recent deliveries, newest first: of one topic, or of the whole team. */
export async function listDeliveries(db: Db, ctx: CallContext, input: { TopicArn?: string; limit: number }) {
  if (input.TopicArn) await requireTopic(db, ctx, input.TopicArn);
  const rows = await db.snsDelivery.findMany({
    where: { accountId: ctx.accountId, region: ctx.region, ...(input.TopicArn && { topicArn: input.TopicArn }) },
    orderBy: { id: "desc" },
    take: input.limit,
  });
  return rows.map((r) => ({
    id: String(r.id),
    messageId: r.messageId,
    topicArn: r.topicArn,
    subscriptionArn: r.subscriptionArn,
    protocol: r.protocol,
    endpoint: r.endpoint,
    status: r.status,
    attempts: r.attempts,
    statusCode: r.statusCode,
    error: r.error,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  }));
}

/** What email, SMS and push deliveries would have sent, newest first. */
export async function listOutbox(db: Db, ctx: CallContext, input: { protocol?: string; limit: number }) {
  const rows = await db.snsOutboxItem.findMany({
    where: { accountId: ctx.accountId, region: ctx.region, ...(input.protocol && { protocol: input.protocol }) },
    orderBy: { id: "desc" },
    take: input.limit,
  });
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}
