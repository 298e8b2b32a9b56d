/**
 * Publish's lookup on the hot path: the topic and its confirmed subscriptions in one round trip on the
 * plain pg pool (two ORM queries cost several times as much per publish).
 */
import { pgPool } from "../../db/pool";
import type { CallContext } from "../context";
import { SnsErrors } from "./errors";
import { type Subscription, type Topic, toSubscription, toTopic } from "./model";
import { callersTopicRef } from "./store";

interface LookupRow {
  id: string;
  account_id: string;
  region: string;
  name: string;
  fifo: boolean;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  subscriptions_deleted: number;
  created_at: Date;
  subscriptions: { id: string; owner: string; protocol: string; endpoint: string; authenticated: boolean; authenticateOnUnsubscribe: boolean; attributes: Record<string, string> }[];
}

const LOOKUP = `
  SELECT t.id, t.account_id, t.region, t.name, t.fifo, t.attributes, t.tags, t.subscriptions_deleted, t.created_at,
         coalesce(json_agg(json_build_object('id', s.id, 'owner', s.owner, 'protocol', s.protocol, 'endpoint', s.endpoint,
                                             'authenticated', s.authenticated, 'authenticateOnUnsubscribe', s.authenticate_on_unsubscribe,
                                             'attributes', s.attributes))
                  FILTER (WHERE s.id IS NOT NULL), '[]') AS subscriptions
    FROM sns_topics t LEFT JOIN sns_subscriptions s ON s.topic_id = t.id AND s.confirmed
   WHERE t.account_id = $1 AND t.region = $2 AND t.name = $3
   GROUP BY t.id`;

export async function topicForPublish(ctx: Pick<CallContext, "accountId" | "region">, arn: string): Promise<{ topic: Topic; subscriptions: Subscription[] }> {
  const ref = callersTopicRef(ctx, arn);
  if (!ref) throw SnsErrors.topicNotFound();
  const { rows } = await pgPool().query<LookupRow>({ name: "sns-topic-for-publish", text: LOOKUP, values: [ref.accountId, ref.region, ref.name] });
  const row = rows[0];
  if (!row) throw SnsErrors.topicNotFound();
  const topic = toTopic({
    id: row.id,
    accountId: row.account_id,
    region: row.region,
    name: row.name,
    fifo: row.fifo,
    attributes: row.attributes,
    tags: row.tags,
    subscriptionsDeleted: row.subscriptions_deleted,
    createdAt: row.created_at,
  });
  const subscriptions = row.subscriptions.map((s) =>
    toSubscription(topic, { ...s, topicId: topic.id, confirmed: true, confirmationToken: null, tokenExpiresAt: null, createdAt: row.created_at }),
  );
  return { topic, subscriptions };
}
