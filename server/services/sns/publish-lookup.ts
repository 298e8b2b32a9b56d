/**
 * Publish's lookup on the hot path: the topic and its confirmed subscriptions in one round trip on the
 * plain pg pool (two ORM queries cost several times as much per publish).
 */
import { pgPool } from "../../db/pool";
import type { CallContext } from "../context";
import { SnsErrors } from "./errors";
import { type Subscription, type Topic, toSubscription, toTopic } from "./model";
import { subscriptionJson, topicJson } from "./sql";
import { callersTopicRef } from "./store";

interface LookupRow {
  topic: Parameters<typeof toTopic>[0];
  subscriptions: Parameters<typeof toSubscription>[1][];
}

const LOOKUP = `
  SELECT ${topicJson("t")} AS topic,
         coalesce(json_agg(${subscriptionJson("s")}) FILTER (WHERE s.id IS NOT NULL), '[]') AS subscriptions
    FROM sns_topics t LEFT JOIN sns_subscriptions s ON s.topic_id = t.id AND s.confirmed
   WHERE t.account_id = $1 AND t.region = $2 AND t.name = $3
   GROUP BY t.id`;

export async function topicForPublish(ctx: Pick<CallContext, "accountId" | "region">, arn: string): Promise<{ topic: Topic; subscriptions: Subscription[] }> {
  const ref = callersTopicRef(ctx, arn);
  if (!ref) throw SnsErrors.topicNotFound();
  const { rows } = await pgPool().query<LookupRow>({ name: "sns-topic-for-publish", text: LOOKUP, values: [ref.accountId, ref.region, ref.name] });
  const row = rows[0];
  if (!row) throw SnsErrors.topicNotFound();
  const topic = toTopic(row.topic);
  return { topic, subscriptions: row.subscriptions.map((s) => toSubscription(topic, s)) };
}
