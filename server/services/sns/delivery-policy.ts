// HTTP/S delivery policies (the DeliveryPolicy topic and subscription attributes): validation with AWS's
// messages, the policy in force for a subscription, and the delay before each retry.
import { isJsonObject } from "../../lib/json";

export const BACKOFF_FUNCTIONS = ["linear", "arithmetic", "geometric", "exponential"] as const;
export type BackoffFunction = (typeof BACKOFF_FUNCTIONS)[number];

export interface RetryPolicy {
  readonly minDelayTarget: number;
  readonly maxDelayTarget: number;
  /** All retries, across the four phases. */
  readonly numRetries: number;
  readonly numNoDelayRetries: number;
  readonly numMinDelayRetries: number;
  readonly numMaxDelayRetries: number;
  readonly backoffFunction: BackoffFunction;
}

export interface ThrottlePolicy {
  /** Absent: no throttling. */
  readonly maxReceivesPerSecond?: number;
}

export interface RequestPolicy {
  readonly headerContentType?: string;
}

/** The topic attribute: defaults for the topic's HTTP/S subscriptions. */
export interface TopicDeliveryPolicy {
  readonly http: {
    readonly defaultHealthyRetryPolicy?: RetryPolicy;
    /** When set, the topic's policy applies even to subscriptions that have their own. */
    readonly disableSubscriptionOverrides: boolean;
    readonly defaultThrottlePolicy?: ThrottlePolicy;
    readonly defaultRequestPolicy?: RequestPolicy;
  };
}

/** The subscription attribute. */
export interface SubscriptionDeliveryPolicy {
  readonly healthyRetryPolicy?: RetryPolicy;
  readonly throttlePolicy?: ThrottlePolicy;
  readonly requestPolicy?: RequestPolicy;
}

/** An invalid policy; the message is AWS's text after "Invalid parameter: DeliveryPolicy: ". */
export class DeliveryPolicyError extends Error {
  override name = "DeliveryPolicyError";
}

/**
 * AWS's HTTP/S default, as its docs and every topic's EffectiveDeliveryPolicy state it: 3 retries, 20 seconds
 * apart (all in the backoff phase, min = max = 20, linear). The "3 immediate retries, then backoff phases"
 * schedule in the same docs is the one for AWS-managed endpoints (SQS, Lambda), not HTTP/S.
 */
// In the order AWS writes it in EffectiveDeliveryPolicy.
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  minDelayTarget: 20,
  maxDelayTarget: 20,
  numRetries: 3,
  numMaxDelayRetries: 0,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  backoffFunction: "linear",
});

export const DEFAULT_HEADER_CONTENT_TYPE = "text/plain; charset=UTF-8";

const MAX_RETRIES = 100;
const MAX_DELAY_SECONDS = 3600;

// Media types SNS accepts for headerContentType (parameters such as "; charset=UTF-8" may follow).
const SUPPORTED_CONTENT_TYPES = ["application/json", "application/xml", "text/csv", "text/html", "text/plain", "text/xml"];

const TOPIC_HTTP_MEMBERS = ["defaultHealthyRetryPolicy", "disableSubscriptionOverrides", "defaultThrottlePolicy", "defaultRequestPolicy"];

// GetSubscriptionAttributes returns sicklyRetryPolicy (always null now) and guaranteed, so a policy read back
// from AWS carries them: accept and check them, though neither changes delivery.
const SUBSCRIPTION_MEMBERS = ["healthyRetryPolicy", "sicklyRetryPolicy", "throttlePolicy", "requestPolicy", "guaranteed"];

const RETRY_POLICY_MEMBERS = [
  "minDelayTarget",
  "maxDelayTarget",
  "numRetries",
  "numNoDelayRetries",
  "numMinDelayRetries",
  "numMaxDelayRetries",
  "backoffFunction",
];

export function parseTopicDeliveryPolicy(json: string): TopicDeliveryPolicy {
  const root = jsonObject(parseJson(json), "", ["http"]);
  const http: Record<string, unknown> = present(root.http) === undefined ? {} : jsonObject(root.http, "http", TOPIC_HTTP_MEMBERS);
  const defaultHealthyRetryPolicy = optional(http.defaultHealthyRetryPolicy, "http.defaultHealthyRetryPolicy", parseRetryPolicy);
  const disableSubscriptionOverrides = boolean(http.disableSubscriptionOverrides, "http.disableSubscriptionOverrides") ?? false;
  const defaultThrottlePolicy = optional(http.defaultThrottlePolicy, "http.defaultThrottlePolicy", parseThrottlePolicy);
  const defaultRequestPolicy = optional(http.defaultRequestPolicy, "http.defaultRequestPolicy", parseRequestPolicy);
  // Unset parts are left out rather than present as undefined, so parsed policies compare and serialize cleanly.
  return {
    http: {
      ...(defaultHealthyRetryPolicy && { defaultHealthyRetryPolicy }),
      disableSubscriptionOverrides,
      ...(defaultThrottlePolicy && { defaultThrottlePolicy }),
      ...(defaultRequestPolicy && { defaultRequestPolicy }),
    },
  };
}

export function parseSubscriptionDeliveryPolicy(json: string): SubscriptionDeliveryPolicy {
  const root = jsonObject(parseJson(json), "", SUBSCRIPTION_MEMBERS);
  optional(root.sicklyRetryPolicy, "sicklyRetryPolicy", parseRetryPolicy);
  boolean(root.guaranteed, "guaranteed");
  const healthyRetryPolicy = optional(root.healthyRetryPolicy, "healthyRetryPolicy", parseRetryPolicy);
  const throttlePolicy = optional(root.throttlePolicy, "throttlePolicy", parseThrottlePolicy);
  const requestPolicy = optional(root.requestPolicy, "requestPolicy", parseRequestPolicy);
  return {
    ...(healthyRetryPolicy && { healthyRetryPolicy }),
    ...(throttlePolicy && { throttlePolicy }),
    ...(requestPolicy && { requestPolicy }),
  };
}

/** The retry policy for a subscription: its own, else the topic's, else AWS's default. */
export function effectiveRetryPolicy(topicPolicy?: TopicDeliveryPolicy, subscriptionPolicy?: SubscriptionDeliveryPolicy): RetryPolicy {
  return (
    inForce(topicPolicy, subscriptionPolicy, (http) => http.defaultHealthyRetryPolicy, (own) => own.healthyRetryPolicy) ??
    DEFAULT_RETRY_POLICY
  );
}

/** The throttle in force for a subscription, resolved like the retry policy; undefined means no throttling. */
export function effectiveThrottlePolicy(
  topicPolicy?: TopicDeliveryPolicy,
  subscriptionPolicy?: SubscriptionDeliveryPolicy,
): ThrottlePolicy | undefined {
  return inForce(topicPolicy, subscriptionPolicy, (http) => http.defaultThrottlePolicy, (own) => own.throttlePolicy);
}

/** The Content-Type of HTTP/S notifications for a subscription (confirmations always use the default). */
export function effectiveHeaderContentType(topicPolicy?: TopicDeliveryPolicy, subscriptionPolicy?: SubscriptionDeliveryPolicy): string {
  return (
    inForce(
      topicPolicy,
      subscriptionPolicy,
      (http) => http.defaultRequestPolicy?.headerContentType,
      (own) => own.requestPolicy?.headerContentType,
    ) ?? DEFAULT_HEADER_CONTENT_TYPE
  );
}

// Each part falls back on its own: a subscription that only sets requestPolicy still gets the topic's retries.
function inForce<T>(
  topicPolicy: TopicDeliveryPolicy | undefined,
  subscriptionPolicy: SubscriptionDeliveryPolicy | undefined,
  fromTopic: (http: TopicDeliveryPolicy["http"]) => T | undefined,
  fromSubscription: (own: SubscriptionDeliveryPolicy) => T | undefined,
): T | undefined {
  const overridable = topicPolicy?.http.disableSubscriptionOverrides !== true;
  const own = overridable && subscriptionPolicy ? fromSubscription(subscriptionPolicy) : undefined;
  return own ?? (topicPolicy ? fromTopic(topicPolicy.http) : undefined);
}

/**
 * Seconds to wait before retry number `retry` (1-based; the first delivery attempt is not a retry), or
 * undefined once the policy's retries are spent. The phases run in order: no-delay retries (0 s),
 * pre-backoff retries (minDelayTarget), backoff retries (minDelayTarget rising to maxDelayTarget by the
 * backoff function), post-backoff retries (maxDelayTarget). AWS adds jitter and also gives up an hour after
 * the first attempt whatever the policy says; both belong to the scheduler, not here.
 */
export function retryDelaySeconds(policy: RetryPolicy, retry: number): number | undefined {
  if (!Number.isInteger(retry) || retry < 1) throw new RangeError(`retry must be a positive integer, got ${retry}`);
  if (retry > policy.numRetries) return undefined;
  const preBackoff = policy.numNoDelayRetries + policy.numMinDelayRetries;
  if (retry <= policy.numNoDelayRetries) return 0;
  if (retry <= preBackoff) return policy.minDelayTarget;
  const backoffRetries = policy.numRetries - preBackoff - policy.numMaxDelayRetries;
  const backoffRetry = retry - preBackoff;
  return backoffRetry <= backoffRetries ? backoffDelay(policy, backoffRetry, backoffRetries) : policy.maxDelayTarget;
}

// AWS documents the functions by name and a graph, not by formula. These draw that graph: each starts at
// minDelayTarget on the first backoff retry and reaches maxDelayTarget on the last; linear rises evenly,
// arithmetic along a parabola, geometric and exponential slowly at first and steeply at the end.
function backoffDelay(policy: RetryPolicy, backoffRetry: number, backoffRetries: number): number {
  const { minDelayTarget: min, maxDelayTarget: max } = policy;
  if (backoffRetries === 1) return min;
  const step = backoffRetry - 1;
  const steps = backoffRetries - 1;
  switch (policy.backoffFunction) {
    case "linear":
      return Math.round(min + ((max - min) * step) / steps);
    case "arithmetic":
      return Math.round(min + (max - min) * (step / steps) ** 2);
    case "geometric":
      return Math.round(min - 1 + (max - min + 1) ** (step / steps));
    case "exponential":
      return Math.round(min + ((max - min) * Math.expm1(step)) / Math.expm1(steps));
  }
}

function parseRetryPolicy(value: unknown, path: string): RetryPolicy {
  const object = jsonObject(value, path, RETRY_POLICY_MEMBERS);
  const required = (name: string): number => {
    const number = integer(object[name], `${path}.${name}`);
    if (number === undefined) throw new DeliveryPolicyError(`${path}.${name} must be specified`);
    return number;
  };
  const policy: RetryPolicy = {
    minDelayTarget: required("minDelayTarget"),
    maxDelayTarget: required("maxDelayTarget"),
    numRetries: required("numRetries"),
    numNoDelayRetries: integer(object.numNoDelayRetries, `${path}.numNoDelayRetries`) ?? 0,
    numMinDelayRetries: integer(object.numMinDelayRetries, `${path}.numMinDelayRetries`) ?? 0,
    numMaxDelayRetries: integer(object.numMaxDelayRetries, `${path}.numMaxDelayRetries`) ?? 0,
    backoffFunction: backoffFunction(object.backoffFunction, `${path}.backoffFunction`) ?? "linear",
  };
  atLeast(policy.minDelayTarget, 1, `${path}.minDelayTarget`);
  atMost(policy.maxDelayTarget, MAX_DELAY_SECONDS, `${path}.maxDelayTarget`);
  atLeast(policy.numRetries, 0, `${path}.numRetries`);
  atMost(policy.numRetries, MAX_RETRIES, `${path}.numRetries`);
  atLeast(policy.numNoDelayRetries, 0, `${path}.numNoDelayRetries`);
  atLeast(policy.numMinDelayRetries, 0, `${path}.numMinDelayRetries`);
  atLeast(policy.numMaxDelayRetries, 0, `${path}.numMaxDelayRetries`);
  if (policy.maxDelayTarget < policy.minDelayTarget) {
    throw new DeliveryPolicyError(`${path}.maxDelayTarget must be greater than or equal to minDelayTarget`);
  }
  if (policy.numNoDelayRetries + policy.numMinDelayRetries + policy.numMaxDelayRetries > policy.numRetries) {
    throw new DeliveryPolicyError(
      `${path}.numRetries must be greater than or equal to total of numMinDelayRetries, numNoDelayRetries and numMaxDelayRetries`,
    );
  }
  return policy;
}

function parseThrottlePolicy(value: unknown, path: string): ThrottlePolicy {
  const object = jsonObject(value, path, ["maxReceivesPerSecond"]);
  const maxReceivesPerSecond = integer(object.maxReceivesPerSecond, `${path}.maxReceivesPerSecond`);
  if (maxReceivesPerSecond === undefined) return {};
  atLeast(maxReceivesPerSecond, 1, `${path}.maxReceivesPerSecond`);
  return { maxReceivesPerSecond };
}

function parseRequestPolicy(value: unknown, path: string): RequestPolicy {
  const object = jsonObject(value, path, ["headerContentType"]);
  const headerContentType = present(object.headerContentType);
  if (headerContentType === undefined) return {};
  if (typeof headerContentType !== "string" || !SUPPORTED_CONTENT_TYPES.includes(mediaType(headerContentType))) {
    throw new DeliveryPolicyError(`${path}.headerContentType must be one of: ${SUPPORTED_CONTENT_TYPES.join(", ")}`);
  }
  return { headerContentType };
}

function mediaType(contentType: string): string {
  return contentType.replace(/;.*$/s, "").trim().toLowerCase();
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new DeliveryPolicyError(`failed to parse JSON. ${error instanceof Error ? error.message : String(error)}`);
  }
}

function jsonObject(value: unknown, path: string, members: readonly string[]): Record<string, unknown> {
  if (!isJsonObject(value)) throw new DeliveryPolicyError(`${path ? `${path} ` : ""}must be a JSON object`);
  const unexpected = Object.keys(value).find((key) => !members.includes(key));
  if (unexpected !== undefined) throw new DeliveryPolicyError(`Unexpected JSON member: ${unexpected}`);
  return value;
}

// AWS writes absent members back as null, so null reads as "not set" everywhere.
function present(value: unknown): unknown {
  return value === null ? undefined : value;
}

function optional<T>(value: unknown, path: string, parse: (value: unknown, path: string) => T): T | undefined {
  return present(value) === undefined ? undefined : parse(value, path);
}

function integer(value: unknown, path: string): number | undefined {
  const given = present(value);
  if (given === undefined) return undefined;
  if (typeof given !== "number" || !Number.isInteger(given)) throw new DeliveryPolicyError(`${path} must be an integer`);
  return given;
}

function boolean(value: unknown, path: string): boolean | undefined {
  const given = present(value);
  if (given === undefined) return undefined;
  if (typeof given !== "boolean") throw new DeliveryPolicyError(`${path} must be a boolean`);
  return given;
}

function backoffFunction(value: unknown, path: string): BackoffFunction | undefined {
  const given = present(value);
  if (given === undefined) return undefined;
  const known = BACKOFF_FUNCTIONS.find((name) => name === given);
  if (known === undefined) throw new DeliveryPolicyError(`${path} must be one of: ${BACKOFF_FUNCTIONS.join(", ")}`);
  return known;
}

function atLeast(value: number, minimum: number, path: string): void {
  if (value < minimum) throw new DeliveryPolicyError(`${path} must be greater than or equal to ${minimum}`);
}

function atMost(value: number, maximum: number, path: string): void {
  if (value > maximum) throw new DeliveryPolicyError(`${path} must be less than or equal to ${maximum}`);
}

export interface StoredPolicies {
  topic?: TopicDeliveryPolicy;
  subscription?: SubscriptionDeliveryPolicy;
}

/** The policies in a topic's and a subscription's DeliveryPolicy attributes (validated when they were set). */
export function storedPolicies(topicAttributes: Record<string, string> | undefined, subscriptionAttributes: Record<string, string> | undefined): StoredPolicies {
  return {
    topic: topicAttributes?.DeliveryPolicy ? parseTopicDeliveryPolicy(topicAttributes.DeliveryPolicy) : undefined,
    subscription: subscriptionAttributes?.DeliveryPolicy ? parseSubscriptionDeliveryPolicy(subscriptionAttributes.DeliveryPolicy) : undefined,
  };
}

/** A subscription's EffectiveDeliveryPolicy attribute, in AWS's shape. */
export function effectiveDeliveryPolicy({ topic, subscription }: StoredPolicies): string {
  return JSON.stringify({
    healthyRetryPolicy: effectiveRetryPolicy(topic, subscription),
    sicklyRetryPolicy: null,
    throttlePolicy: effectiveThrottlePolicy(topic, subscription) ?? null,
    requestPolicy: { headerContentType: effectiveHeaderContentType(topic, subscription) },
    guaranteed: false,
  });
}
