/** Whether a subscription's filter policy lets a message through; compiled policies are memoised per policy text. */
import { messageFor, type PublishedMessage } from "./delivery/content";
import { type CompiledFilterPolicy, type FilterPolicyScope, matchesAttributes, matchesBody, parseFilterPolicy } from "./filter-policy";
import { decodedAttributes } from "./message-attributes";
import type { Subscription } from "./model";

const MAX_COMPILED = 1_000;
const compiled = new Map<string, CompiledFilterPolicy>();

function compile(policy: string, scope: FilterPolicyScope): CompiledFilterPolicy {
  const key = `${scope}\n${policy}`;
  let hit = compiled.get(key);
  if (!hit) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    hit = parseFilterPolicy(policy, scope);
    compiled.set(key, hit);
  }
  return hit;
}

export function matchesFilter(subscription: Subscription, message: PublishedMessage): boolean {
  const policy = subscription.attributes.FilterPolicy;
  if (policy === undefined) return true;
  if (subscription.attributes.FilterPolicyScope === "MessageBody") {
    return matchesBody(compile(policy, "MessageBody"), messageFor(message, subscription.protocol));
  }
  return matchesAttributes(compile(policy, "MessageAttributes"), decodedAttributes(message.attributes));
}
