// HTTP/S delivery policies: retry schedules across the four phases and backoff functions, which policy is in
// force for a subscription, and AWS's validation messages.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type BackoffFunction,
  DEFAULT_RETRY_POLICY,
  DeliveryPolicyError,
  effectiveHeaderContentType,
  effectiveRetryPolicy,
  effectiveThrottlePolicy,
  parseSubscriptionDeliveryPolicy,
  parseTopicDeliveryPolicy,
  type RetryPolicy,
  retryDelaySeconds,
} from "../../../server/services/sns/delivery-policy";

function policy(overrides: Partial<RetryPolicy>): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...overrides };
}

/** The delay before every retry, then the first retry past the end (undefined). */
function schedule(retryPolicy: RetryPolicy): (number | undefined)[] {
  return Array.from({ length: retryPolicy.numRetries + 1 }, (_, index) => retryDelaySeconds(retryPolicy, index + 1));
}

describe("retryDelaySeconds", () => {
  it("follows AWS's HTTP/S default: 3 retries, 20 seconds apart", () => {
    assert.deepEqual(schedule(DEFAULT_RETRY_POLICY), [20, 20, 20, undefined]);
  });

  it("steps linearly from the minimum to the maximum delay, as AWS's docs illustrate (20, 30, 40)", () => {
    assert.deepEqual(schedule(policy({ maxDelayTarget: 40 })), [20, 30, 40, undefined]);
  });

  // AWS's backoff graph: 10 retries from 5 to 260 seconds, one curve per function.
  const curves: [BackoffFunction, number[]][] = [
    ["linear", [5, 33, 62, 90, 118, 147, 175, 203, 232, 260]],
    ["arithmetic", [5, 8, 18, 33, 55, 84, 118, 159, 206, 260]],
    ["geometric", [5, 6, 7, 10, 16, 26, 44, 79, 142, 260]],
    ["exponential", [5, 5, 5, 6, 7, 10, 18, 39, 99, 260]],
  ];
  for (const [backoffFunction, delays] of curves) {
    it(`backs off ${backoffFunction}ly from minDelayTarget to maxDelayTarget`, () => {
      const retryPolicy = policy({ minDelayTarget: 5, maxDelayTarget: 260, numRetries: 10, backoffFunction });
      assert.deepEqual(schedule(retryPolicy), [...delays, undefined]);
      assert.deepEqual(
        delays,
        [...delays].sort((a, b) => a - b),
        "never decreasing",
      );
    });
  }

  const layouts: [string, Partial<RetryPolicy>, (number | undefined)[]][] = [
    [
      "AWS's sample policy: 3 immediate, 2 at 1 s, 10 exponential from 1 to 60 s, 35 at 60 s",
      {
        minDelayTarget: 1,
        maxDelayTarget: 60,
        numRetries: 50,
        numNoDelayRetries: 3,
        numMinDelayRetries: 2,
        numMaxDelayRetries: 35,
        backoffFunction: "exponential",
      },
      [0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 4, 9, 23, 60, ...Array<number>(35).fill(60), undefined],
    ],
    [
      "a single backoff retry waits the minimum delay",
      { minDelayTarget: 10, maxDelayTarget: 30, numRetries: 3, numNoDelayRetries: 1, numMinDelayRetries: 1 },
      [0, 10, 10, undefined],
    ],
    [
      "no backoff retries: the post-backoff phase follows the immediate one",
      { minDelayTarget: 5, maxDelayTarget: 50, numRetries: 4, numNoDelayRetries: 2, numMaxDelayRetries: 2 },
      [0, 0, 50, 50, undefined],
    ],
    ["only immediate retries", { numRetries: 2, numNoDelayRetries: 2 }, [0, 0, undefined]],
    ["no retries at all", { numRetries: 0 }, [undefined]],
  ];
  for (const [name, overrides, expected] of layouts) {
    it(`lays out the phases for ${name}`, () => {
      assert.deepEqual(schedule(policy(overrides)), expected);
    });
  }

  it("counts retries from 1", () => {
    assert.throws(() => retryDelaySeconds(DEFAULT_RETRY_POLICY, 0), RangeError);
    assert.throws(() => retryDelaySeconds(DEFAULT_RETRY_POLICY, 1.5), RangeError);
  });
});

describe("parsing", () => {
  it("fills a topic policy's unset retry fields with AWS's defaults", () => {
    assert.deepEqual(
      parseTopicDeliveryPolicy(
        JSON.stringify({
          http: {
            defaultHealthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 6, numRetries: 1 },
            defaultThrottlePolicy: { maxReceivesPerSecond: 10 },
            defaultRequestPolicy: { headerContentType: "application/json" },
          },
        }),
      ),
      {
        http: {
          defaultHealthyRetryPolicy: {
            minDelayTarget: 5,
            maxDelayTarget: 6,
            numRetries: 1,
            numNoDelayRetries: 0,
            numMinDelayRetries: 0,
            numMaxDelayRetries: 0,
            backoffFunction: "linear",
          },
          disableSubscriptionOverrides: false,
          defaultThrottlePolicy: { maxReceivesPerSecond: 10 },
          defaultRequestPolicy: { headerContentType: "application/json" },
        },
      },
    );
    assert.deepEqual(parseTopicDeliveryPolicy("{}"), { http: { disableSubscriptionOverrides: false } });
  });

  it("accepts a subscription policy as GetSubscriptionAttributes returns it, nulls and all", () => {
    assert.deepEqual(
      parseSubscriptionDeliveryPolicy(
        JSON.stringify({
          healthyRetryPolicy: null,
          sicklyRetryPolicy: null,
          throttlePolicy: null,
          requestPolicy: { headerContentType: "text/csv" },
          guaranteed: false,
        }),
      ),
      { requestPolicy: { headerContentType: "text/csv" } },
    );
  });

  const invalid: [string, "topic" | "subscription", unknown, string][] = [
    [
      "a minimum delay under a second",
      "subscription",
      {
        healthyRetryPolicy: {
          numRetries: 0,
          minDelayTarget: 0,
          maxDelayTarget: 0,
          numMinDelayRetries: 0,
          numMaxDelayRetries: 0,
          numNoDelayRetries: 0,
          backoffFunction: "exponential",
        },
      },
      "healthyRetryPolicy.minDelayTarget must be greater than or equal to 1",
    ],
    [
      "more than 100 retries",
      "topic",
      { http: { defaultHealthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 2, numRetries: 101 } } },
      "http.defaultHealthyRetryPolicy.numRetries must be less than or equal to 100",
    ],
    [
      "a member of the other policy shape",
      "topic",
      { http: { throttlePolicy: { maxReceivesPerSecond: 5 } } },
      "Unexpected JSON member: throttlePolicy",
    ],
    ["an unknown top-level member", "subscription", { retryPolicy: {} }, "Unexpected JSON member: retryPolicy"],
    [
      "a maximum delay over an hour",
      "subscription",
      { healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 3601, numRetries: 1 } },
      "healthyRetryPolicy.maxDelayTarget must be less than or equal to 3600",
    ],
    [
      "a maximum delay under the minimum",
      "subscription",
      { healthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 3, numRetries: 1 } },
      "healthyRetryPolicy.maxDelayTarget must be greater than or equal to minDelayTarget",
    ],
    [
      "phases adding up to more than numRetries",
      "subscription",
      { healthyRetryPolicy: { minDelayTarget: 2, maxDelayTarget: 3, numRetries: 20, numNoDelayRetries: 7, numMinDelayRetries: 7, numMaxDelayRetries: 7 } },
      "healthyRetryPolicy.numRetries must be greater than or equal to total of numMinDelayRetries, numNoDelayRetries and numMaxDelayRetries",
    ],
    [
      "a retry policy without numRetries",
      "topic",
      { http: { defaultHealthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 2 } } },
      "http.defaultHealthyRetryPolicy.numRetries must be specified",
    ],
    [
      "a negative phase count",
      "subscription",
      { healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 2, numRetries: 3, numNoDelayRetries: -1 } },
      "healthyRetryPolicy.numNoDelayRetries must be greater than or equal to 0",
    ],
    [
      "a fractional delay",
      "subscription",
      { healthyRetryPolicy: { minDelayTarget: 1.5, maxDelayTarget: 2, numRetries: 3 } },
      "healthyRetryPolicy.minDelayTarget must be an integer",
    ],
    [
      "an unknown backoff function",
      "subscription",
      { healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 2, numRetries: 3, backoffFunction: "cubic" } },
      "healthyRetryPolicy.backoffFunction must be one of: linear, arithmetic, geometric, exponential",
    ],
    [
      "a throttle of zero",
      "topic",
      { http: { defaultThrottlePolicy: { maxReceivesPerSecond: 0 } } },
      "http.defaultThrottlePolicy.maxReceivesPerSecond must be greater than or equal to 1",
    ],
    [
      "an unsupported content type",
      "subscription",
      { requestPolicy: { headerContentType: "image/png" } },
      "requestPolicy.headerContentType must be one of: application/json, application/xml, text/csv, text/html, text/plain, text/xml",
    ],
    [
      "a non-boolean override switch",
      "topic",
      { http: { disableSubscriptionOverrides: "yes" } },
      "http.disableSubscriptionOverrides must be a boolean",
    ],
    ["a policy that is not an object", "subscription", [], "must be a JSON object"],
    ["a retry policy that is not an object", "subscription", { healthyRetryPolicy: 3 }, "healthyRetryPolicy must be a JSON object"],
  ];
  for (const [name, kind, document, message] of invalid) {
    it(`rejects ${name} in a ${kind} policy`, () => {
      const parse = kind === "topic" ? parseTopicDeliveryPolicy : parseSubscriptionDeliveryPolicy;
      assert.throws(() => parse(JSON.stringify(document)), { name: "DeliveryPolicyError", message });
    });
  }

  it("rejects text that is not JSON", () => {
    assert.throws(() => parseSubscriptionDeliveryPolicy("{healthyRetryPolicy"), (error: unknown) => {
      assert.ok(error instanceof DeliveryPolicyError);
      assert.match(error.message, /^failed to parse JSON\. /);
      return true;
    });
  });
});

describe("the policy in force", () => {
  const topicRetries = { minDelayTarget: 10, maxDelayTarget: 10, numRetries: 5 };
  const ownRetries = { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 1 };
  const topic = (disableSubscriptionOverrides: boolean) =>
    parseTopicDeliveryPolicy(
      JSON.stringify({
        http: {
          defaultHealthyRetryPolicy: topicRetries,
          disableSubscriptionOverrides,
          defaultThrottlePolicy: { maxReceivesPerSecond: 5 },
          defaultRequestPolicy: { headerContentType: "application/json" },
        },
      }),
    );
  const subscription = parseSubscriptionDeliveryPolicy(
    JSON.stringify({
      healthyRetryPolicy: ownRetries,
      throttlePolicy: { maxReceivesPerSecond: 50 },
      requestPolicy: { headerContentType: "text/xml; charset=UTF-8" },
    }),
  );

  it("is AWS's default when neither the topic nor the subscription sets one", () => {
    assert.deepEqual(effectiveRetryPolicy(), DEFAULT_RETRY_POLICY);
    assert.equal(effectiveThrottlePolicy(), undefined);
    assert.equal(effectiveHeaderContentType(), "text/plain; charset=UTF-8");
    assert.deepEqual(effectiveRetryPolicy(parseTopicDeliveryPolicy("{}"), parseSubscriptionDeliveryPolicy("{}")), DEFAULT_RETRY_POLICY);
  });

  it("is the subscription's own where it has one, and the topic's elsewhere", () => {
    assert.equal(effectiveRetryPolicy(topic(false), subscription).numRetries, 1);
    assert.deepEqual(effectiveThrottlePolicy(topic(false), subscription), { maxReceivesPerSecond: 50 });
    assert.equal(effectiveHeaderContentType(topic(false), subscription), "text/xml; charset=UTF-8");

    const onlyContentType = parseSubscriptionDeliveryPolicy(JSON.stringify({ requestPolicy: { headerContentType: "text/csv" } }));
    assert.equal(effectiveRetryPolicy(topic(false), onlyContentType).numRetries, 5);
    assert.equal(effectiveHeaderContentType(topic(false), onlyContentType), "text/csv");
    assert.equal(effectiveHeaderContentType(topic(false), parseSubscriptionDeliveryPolicy("{}")), "application/json");
    assert.equal(effectiveRetryPolicy(undefined, subscription).numRetries, 1);
  });

  it("is the topic's for every subscription when the topic disables subscription overrides", () => {
    assert.equal(effectiveRetryPolicy(topic(true), subscription).numRetries, 5);
    assert.deepEqual(effectiveThrottlePolicy(topic(true), subscription), { maxReceivesPerSecond: 5 });
    assert.equal(effectiveHeaderContentType(topic(true), subscription), "application/json");
  });
});
