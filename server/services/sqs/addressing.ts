import { publicGatewayUrl } from "../../env";
import { arn, parseArn } from "../../lib/arn";
import type { CallContext } from "../context";

/**
 * Queue URLs point at the gateway the caller used (or the configured public URL):
 * `<gateway>/<accountId>/<queueName>`. SDKs send later requests to the URL's host, so it must be ours.
 */
export function queueUrl(ctx: Pick<CallContext, "endpoint">, queue: { accountId: string; name: string }): string {
  return `${ctx.endpoint ?? publicGatewayUrl()}/${queue.accountId}/${queue.name}`;
}

export function queueArn(region: string, accountId: string, name: string): string {
  return arn("sqs", region, accountId, name);
}

export interface QueueAddress {
  accountId: string;
  name: string;
}

/**
 * The account and name a queue URL addresses. Like AWS, the host is not checked (any of our
 * hostnames, or an AWS-style `sqs.<region>.amazonaws.com` URL from a copied config, will do);
 * the last path segment names the queue and the one before it the account.
 */
export function parseQueueUrl(url: string): QueueAddress | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const segments = path.split("/").filter(Boolean);
  const name = segments.at(-1);
  const accountId = segments.at(-2);
  if (!name || !accountId || !/^\d{12}$/.test(accountId)) return null;
  return { accountId, name: decodeURIComponent(name) };
}

export function parseQueueArn(value: string): (QueueAddress & { region: string }) | null {
  const parsed = parseArn(value);
  if (!parsed || parsed.service !== "sqs" || !/^\d{12}$/.test(parsed.accountId) || !parsed.resource) return null;
  return { accountId: parsed.accountId, region: parsed.region, name: parsed.resource };
}
