/** A subscription's settable attributes as the console's forms edit them. */
import type { FilterPolicyCheck, FilterPolicyScope, FilterPolicyValue } from "./FilterPolicyEditor";
import { compactJson, jsonObjectError, prettyJson } from "./json";
import { DELIVERY_POLICY_PROTOCOLS, RAW_PROTOCOLS } from "./protocols";

export interface SubscriptionSettings {
  raw: boolean;
  filter: FilterPolicyValue;
  deadLetterQueue: boolean;
  deadLetterTargetArn: string;
  deliveryPolicy: string;
}

export const DEFAULT_SETTINGS: SubscriptionSettings = {
  raw: false,
  filter: { enabled: false, scope: "MessageAttributes", policy: "" },
  deadLetterQueue: false,
  deadLetterTargetArn: "",
  deliveryPolicy: "",
};

/** The dead-letter queue ARN of a RedrivePolicy attribute, or "" without one. */
export function deadLetterTargetOf(redrivePolicy: string | undefined): string {
  if (!redrivePolicy) return "";
  try {
    const target = (JSON.parse(redrivePolicy) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
    return typeof target === "string" ? target : "";
  } catch {
    return "";
  }
}

export function settingsFromAttributes(a: Record<string, string>): SubscriptionSettings {
  const dlq = deadLetterTargetOf(a.RedrivePolicy);
  return {
    raw: a.RawMessageDelivery === "true",
    filter: {
      enabled: a.FilterPolicy !== undefined,
      scope: a.FilterPolicyScope === "MessageBody" ? "MessageBody" : "MessageAttributes",
      policy: prettyJson(a.FilterPolicy),
    },
    deadLetterQueue: dlq !== "",
    deadLetterTargetArn: dlq,
    deliveryPolicy: prettyJson(a.DeliveryPolicy),
  };
}

export function validateSettings(settings: SubscriptionSettings, protocol: string, filterCheck: FilterPolicyCheck) {
  return {
    filter: filterCheck.state === "invalid" ? filterCheck.reason : undefined,
    deadLetterTargetArn: settings.deadLetterQueue && !settings.deadLetterTargetArn ? "Choose a queue, or turn the dead-letter queue off." : undefined,
    deliveryPolicy: DELIVERY_POLICY_PROTOCOLS.has(protocol) ? jsonObjectError(settings.deliveryPolicy, "delivery policy") : undefined,
  };
}

const redrivePolicy = (arn: string) => JSON.stringify({ deadLetterTargetArn: arn });

/** Subscribe's Attributes for a new subscription. */
export function settingsToAttributes(settings: SubscriptionSettings, protocol: string): Record<string, string> {
  return {
    ...(settings.raw && RAW_PROTOCOLS.has(protocol) && { RawMessageDelivery: "true" }),
    ...(settings.filter.enabled && { FilterPolicy: compactJson(settings.filter.policy), FilterPolicyScope: settings.filter.scope }),
    ...(settings.deadLetterQueue && settings.deadLetterTargetArn && { RedrivePolicy: redrivePolicy(settings.deadLetterTargetArn) }),
    ...(DELIVERY_POLICY_PROTOCOLS.has(protocol) && settings.deliveryPolicy.trim() && { DeliveryPolicy: compactJson(settings.deliveryPolicy) }),
  };
}

/**
 * SetSubscriptionAttributes calls (one attribute each, as on AWS) that turn `current` into `next`, in an
 * order the server accepts: a policy is checked against the scope in force, so when the scope changes
 * the policy moves first towards message attributes (whose policies are flat) and last towards the body.
 */
export function settingsChanges(current: Record<string, string>, next: SubscriptionSettings, protocol: string): [string, string][] {
  const out: [string, string][] = [];
  if (RAW_PROTOCOLS.has(protocol) && String(next.raw) !== (current.RawMessageDelivery ?? "false")) out.push(["RawMessageDelivery", String(next.raw)]);

  const currentScope: FilterPolicyScope = current.FilterPolicyScope === "MessageBody" ? "MessageBody" : "MessageAttributes";
  if (next.filter.enabled) {
    const policy = compactJson(next.filter.policy);
    const policyChanged = current.FilterPolicy === undefined || policy !== compactJson(current.FilterPolicy);
    const scopeChanged = next.filter.scope !== currentScope;
    const setPolicy: [string, string] = ["FilterPolicy", policy];
    const setScope: [string, string] = ["FilterPolicyScope", next.filter.scope];
    if (next.filter.scope === "MessageBody") {
      if (scopeChanged) out.push(setScope);
      if (policyChanged) out.push(setPolicy);
    } else {
      if (policyChanged) out.push(setPolicy);
      if (scopeChanged) out.push(setScope);
    }
  } else if (current.FilterPolicy !== undefined) {
    out.push(["FilterPolicy", ""]);
  }

  const dlq = deadLetterTargetOf(current.RedrivePolicy);
  if (next.deadLetterQueue && next.deadLetterTargetArn && next.deadLetterTargetArn !== dlq) out.push(["RedrivePolicy", redrivePolicy(next.deadLetterTargetArn)]);
  if (!next.deadLetterQueue && current.RedrivePolicy !== undefined) out.push(["RedrivePolicy", ""]);

  if (DELIVERY_POLICY_PROTOCOLS.has(protocol)) {
    const policy = next.deliveryPolicy.trim() ? compactJson(next.deliveryPolicy) : "";
    if (policy !== (current.DeliveryPolicy ? compactJson(current.DeliveryPolicy) : "")) out.push(["DeliveryPolicy", policy]);
  }
  return out;
}
