/**
 * Topic attributes: which may be set (and on which topic type), how each is validated, and what
 * GetTopicAttributes reports, computed values included.
 */
import { SnsErrors } from "./errors";
import { DEFAULT_HEADER_CONTENT_TYPE, DEFAULT_RETRY_POLICY, DeliveryPolicyError, parseTopicDeliveryPolicy } from "./delivery-policy";
import { parseJsonObject } from "../../lib/json";
import type { Topic } from "./model";
import type { SignatureVersion } from "./signing";

const FEEDBACK_PROTOCOLS = ["Application", "HTTP", "Lambda", "SQS", "Firehose"] as const;
const FEEDBACK_ATTRIBUTES = FEEDBACK_PROTOCOLS.flatMap((p) => [`${p}SuccessFeedbackRoleArn`, `${p}SuccessFeedbackSampleRate`, `${p}FailureFeedbackRoleArn`]);

const FIFO_ONLY = new Set(["ContentBasedDeduplication", "FifoThroughputScope", "ArchivePolicy"]);

const isJsonObject = (value: string) => parseJsonObject(value) !== null;

const oneOf = (...allowed: string[]) => (value: string) => allowed.includes(value);

/** Each settable attribute and its check (true when the value is acceptable). */
const VALIDATORS: Record<string, (value: string) => boolean> = {
  DisplayName: (v) => v.length <= 100,
  Policy: isJsonObject,
  DeliveryPolicy: (v) => {
    try {
      parseTopicDeliveryPolicy(v);
      return true;
    } catch (error) {
      if (error instanceof DeliveryPolicyError) throw SnsErrors.invalidParameter(`DeliveryPolicy: ${error.message}`);
      throw error;
    }
  },
  KmsMasterKeyId: () => true,
  SignatureVersion: oneOf("1", "2"),
  TracingConfig: oneOf("PassThrough", "Active"),
  DataProtectionPolicy: (v) => v === "" || isJsonObject(v),
  ContentBasedDeduplication: oneOf("true", "false"),
  FifoThroughputScope: oneOf("Topic", "MessageGroup"),
  ArchivePolicy: (v) => v === "" || isJsonObject(v),
  ...Object.fromEntries(
    FEEDBACK_ATTRIBUTES.map((name) => [
      name,
      name.endsWith("SampleRate") ? (v: string) => /^\d+$/.test(v) && Number(v) <= 100 : (v: string) => v === "" || /^arn:aws[a-z-]*:iam::\d{12}:role\//.test(v),
    ]),
  ),
};

/** Checks one attribute for a topic of the given type; throws AWS's InvalidParameter otherwise. */
export function validateTopicAttribute(name: string, value: string, fifo: boolean): void {
  const validate = VALIDATORS[name];
  if (!validate) throw SnsErrors.invalidParameter("AttributeName");
  if (FIFO_ONLY.has(name) && !fifo) throw SnsErrors.invalidParameter(`Attributes Reason: ${name} is only valid for FIFO Topics`);
  if (!validate(value)) throw SnsErrors.invalidParameter(`Attributes Reason: Invalid value for attribute ${name}: ${value}`);
}

function defaultTopicPolicy(arn: string, accountId: string): string {
  return JSON.stringify({
    Version: "2008-10-17",
    Id: "__default_policy_ID",
    Statement: [
      {
        Sid: "__default_statement_ID",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: [
          "SNS:GetTopicAttributes",
          "SNS:SetTopicAttributes",
          "SNS:AddPermission",
          "SNS:RemovePermission",
          "SNS:DeleteTopic",
          "SNS:Subscribe",
          "SNS:ListSubscriptionsByTopic",
          "SNS:Publish",
        ],
        Resource: arn,
        Condition: { StringEquals: { "AWS:SourceOwner": accountId } },
      },
    ],
  });
}

/** What a new topic's attributes hold before the caller's: the policy AWS writes and, for FIFO, its defaults. */
export function initialTopicAttributes(arn: string, accountId: string, fifo: boolean): Record<string, string> {
  return {
    Policy: defaultTopicPolicy(arn, accountId),
    ...(fifo && { ContentBasedDeduplication: "false", FifoThroughputScope: "Topic" }),
  };
}

/** The SignatureVersion a topic's messages are signed with (checked to be "1" or "2" when set). */
export function signatureVersionOf(topic: Pick<Topic, "attributes"> | null | undefined): SignatureVersion {
  return topic?.attributes.SignatureVersion === "2" ? "2" : "1";
}

/** A topic's EffectiveDeliveryPolicy when it has no DeliveryPolicy of its own. */
const DEFAULT_EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: DEFAULT_RETRY_POLICY,
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: DEFAULT_HEADER_CONTENT_TYPE },
  },
});

export interface SubscriptionCounts {
  confirmed: number;
  pending: number;
}

/** GetTopicAttributes: the stored attributes plus the ones AWS computes. */
export function describeTopicAttributes(topic: Topic, counts: SubscriptionCounts): Record<string, string> {
  return {
    ...topic.attributes,
    TopicArn: topic.arn,
    Owner: topic.accountId,
    DisplayName: topic.attributes.DisplayName ?? "",
    SubscriptionsConfirmed: String(counts.confirmed),
    SubscriptionsPending: String(counts.pending),
    SubscriptionsDeleted: String(topic.subscriptionsDeleted),
    EffectiveDeliveryPolicy: topic.attributes.DeliveryPolicy ?? DEFAULT_EFFECTIVE_DELIVERY_POLICY,
    ...(topic.fifo && { FifoTopic: "true" }),
  };
}
