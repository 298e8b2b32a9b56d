/** SNS ARNs: topics `arn:aws:sns:<region>:<account>:<name>`, subscriptions `<topic ARN>:<uuid>`. */
import { arn, parseArn } from "../../lib/arn";

export function topicArn(region: string, accountId: string, name: string): string {
  return arn("sns", region, accountId, name);
}

export function subscriptionArn(topic: string, id: string): string {
  return `${topic}:${id}`;
}

export interface TopicRef {
  region: string;
  accountId: string;
  name: string;
}

/** The topic an ARN names, or null when it is not an SNS topic ARN. */
export function parseTopicArn(value: string): TopicRef | null {
  const parsed = parseArn(value);
  if (!parsed || parsed.service !== "sns" || !parsed.resource || parsed.resource.includes(":") || parsed.resource.includes("/")) return null;
  return { region: parsed.region, accountId: parsed.accountId, name: parsed.resource };
}

export interface SubscriptionRef extends TopicRef {
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseSubscriptionArn(value: string): SubscriptionRef | null {
  const parsed = parseArn(value);
  if (!parsed || parsed.service !== "sns") return null;
  const [name, id, ...rest] = parsed.resource.split(":");
  if (!name || !id || rest.length > 0 || !UUID.test(id)) return null;
  return { region: parsed.region, accountId: parsed.accountId, name, id: id.toLowerCase() };
}
