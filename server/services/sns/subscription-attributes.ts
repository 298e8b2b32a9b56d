/**
 * Subscription attributes: validation of the settable ones and what GetSubscriptionAttributes reports.
 * A filter policy is validated against the scope it will be evaluated in, so changing either re-checks both.
 */
import { parseArn } from "../../lib/arn";
import { DeliveryPolicyError, effectiveDeliveryPolicy, parseSubscriptionDeliveryPolicy, storedPolicies } from "./delivery-policy";
import { SnsErrors } from "./errors";
import { FilterPolicyError, type FilterPolicyScope, parseFilterPolicy } from "./filter-policy";
import type { Protocol } from "./limits";
import type { Subscription, Topic } from "./model";

const RAW_PROTOCOLS = new Set<Protocol>(["sqs", "http", "https"]);
const SETTABLE = new Set(["DeliveryPolicy", "FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy"]);

function scopeOf(attributes: Record<string, string>): FilterPolicyScope {
  return attributes.FilterPolicyScope === "MessageBody" ? "MessageBody" : "MessageAttributes";
}

/**
 * Which call is setting attributes: Subscribe reports a bad one as "Invalid parameter: Attributes Reason:
 * <reason>", SetSubscriptionAttributes as "Invalid parameter: <reason>".
 */
export type AttributesCall = "Subscribe" | "SetSubscriptionAttributes";

function invalid(call: AttributesCall, reason: string) {
  return SnsErrors.invalidParameter(call === "Subscribe" ? `Attributes Reason: ${reason}` : reason);
}

function checkFilterPolicy(call: AttributesCall, policy: string, scope: FilterPolicyScope): void {
  try {
    parseFilterPolicy(policy, scope);
  } catch (error) {
    if (error instanceof FilterPolicyError) throw invalid(call, error.reason);
    throw error;
  }
}

function checkRedrivePolicy(call: AttributesCall, value: string): void {
  let target: unknown;
  try {
    target = (JSON.parse(value) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
  } catch {
    throw invalid(call, "RedrivePolicy: Redrive policy is not a valid JSON");
  }
  if (typeof target !== "string") throw invalid(call, "RedrivePolicy: Redrive policy must contain deadLetterTargetArn");
  if (parseArn(target)?.service !== "sqs") throw invalid(call, `RedrivePolicy: deadLetterTargetArn is an invalid arn: ${target}`);
}

/**
 * Applies `changes` to a subscription's attributes, checking each as AWS does, and returns the new
 * set. An empty value removes an attribute (FilterPolicy "" drops the filter).
 */
export function applySubscriptionAttributes(
  call: AttributesCall,
  protocol: Protocol,
  current: Record<string, string>,
  changes: Record<string, string>,
): Record<string, string> {
  const next = { ...current };
  for (const [name, value] of Object.entries(changes)) {
    if (!SETTABLE.has(name)) throw SnsErrors.invalidParameter("AttributeName");
    switch (name) {
      case "RawMessageDelivery":
        if (value !== "true" && value !== "false") throw invalid(call, `RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
        if (value === "true" && !RAW_PROTOCOLS.has(protocol)) {
          throw invalid(call, `Delivery protocol [${protocol}] does not support raw message delivery.`);
        }
        break;
      case "FilterPolicyScope":
        if (value !== "MessageAttributes" && value !== "MessageBody") {
          throw invalid(call, `FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`);
        }
        break;
      case "DeliveryPolicy":
        if (value === "") break;
        try {
          parseSubscriptionDeliveryPolicy(value);
        } catch (error) {
          if (error instanceof DeliveryPolicyError) throw invalid(call, `DeliveryPolicy: ${error.message}`);
          throw error;
        }
        break;
      case "RedrivePolicy":
        if (value !== "") checkRedrivePolicy(call, value);
        break;
    }
    if (value === "") delete next[name];
    else next[name] = value;
  }
  if (next.FilterPolicy !== undefined) checkFilterPolicy(call, next.FilterPolicy, scopeOf(next));
  return next;
}

/** GetSubscriptionAttributes: the stored attributes plus the ones AWS computes. */
export function describeSubscriptionAttributes(topic: Topic, subscription: Subscription): Record<string, string> {
  const { attributes } = subscription;
  const http = subscription.protocol === "http" || subscription.protocol === "https";
  return {
    ...attributes,
    SubscriptionArn: subscription.arn,
    TopicArn: topic.arn,
    Owner: subscription.owner,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    ConfirmationWasAuthenticated: String(subscription.authenticated),
    PendingConfirmation: String(!subscription.confirmed),
    RawMessageDelivery: attributes.RawMessageDelivery ?? "false",
    ...(attributes.FilterPolicy !== undefined && { FilterPolicyScope: scopeOf(attributes) }),
    ...(http && { EffectiveDeliveryPolicy: effectiveDeliveryPolicy(storedPolicies(topic.attributes, attributes)) }),
  };
}

