/** The console's SNS addresses, and the ARNs behind them. */
export type TopicTab = "subscriptions" | "publish" | "deliveries" | "policy" | "attributes" | "tags";

export const TOPIC_TABS: readonly TopicTab[] = ["subscriptions", "publish", "deliveries", "policy", "attributes", "tags"];

export function topicHref(name: string, tab?: TopicTab): string {
  return `/sns/topics/${encodeURIComponent(name)}${tab && tab !== "subscriptions" ? `?tab=${tab}` : ""}`;
}

export function topicArn(region: string, accountId: string, name: string): string {
  return `arn:aws:sns:${region}:${accountId}:${name}`;
}

/** The topic's name from its ARN (arn:aws:sns:region:account:name), or from a subscription's (…:name:id). */
export function topicNameFromArn(arn: string): string {
  return arn.split(":")[5] ?? arn;
}

/** What ListSubscriptions answers for a subscription still waiting for its endpoint to confirm. */
export function isPendingArn(arn: string): boolean {
  return !arn.startsWith("arn:");
}

/** A subscription's address: its ARN after the account (`topic:id`), which the page completes with the current team and region. */
export function subscriptionHref(arn: string, created = false): string {
  return `/sns/subscriptions/${encodeURIComponent(arn.split(":").slice(5).join(":"))}${created ? "?created=1" : ""}`;
}

export function subscriptionArn(region: string, accountId: string, id: string): string {
  return `arn:aws:sns:${region}:${accountId}:${id}`;
}

/** The last part of a subscription ARN, the ID the console shows. */
export function subscriptionIdOf(arn: string): string {
  return arn.split(":").at(-1) ?? arn;
}

export function createSubscriptionHref(topicName?: string): string {
  return `/sns/subscriptions/create${topicName ? `?topic=${encodeURIComponent(topicName)}` : ""}`;
}

/** The resource name at the end of an ARN (a queue's or a function's), for links and labels. */
export function resourceNameFromArn(arn: string): string {
  const parts = arn.split(":");
  return parts[2] === "lambda" ? (parts[6] ?? arn) : (parts.slice(5).join(":") || arn);
}
