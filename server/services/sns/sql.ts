/**
 * SQL fragments for the hot paths that read topics and subscriptions on the plain pg pool: each builds the
 * JSON object `toTopic` / `toSubscription` take (camelCase, as Prisma names the columns; no timestamps).
 */
export const topicJson = (t: string) =>
  `json_build_object('id', ${t}.id, 'accountId', ${t}.account_id, 'region', ${t}.region, 'name', ${t}.name, 'fifo', ${t}.fifo,
                     'attributes', ${t}.attributes, 'tags', ${t}.tags, 'subscriptionsDeleted', ${t}.subscriptions_deleted)`;

export const subscriptionJson = (s: string) =>
  `json_build_object('id', ${s}.id, 'topicId', ${s}.topic_id, 'owner', ${s}.owner, 'protocol', ${s}.protocol, 'endpoint', ${s}.endpoint,
                     'confirmed', ${s}.confirmed, 'authenticated', ${s}.authenticated,
                     'authenticateOnUnsubscribe', ${s}.authenticate_on_unsubscribe, 'attributes', ${s}.attributes)`;
