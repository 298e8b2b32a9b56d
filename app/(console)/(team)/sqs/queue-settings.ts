/**
 * The create/edit queue form's state, its checks (AWS's ranges, so most mistakes never reach the
 * server) and its translation to and from SQS's attribute map.
 */
import type { TagRow } from "../../../_components/TagEditor";
import { validateTags } from "../../../_components/TagEditor";
import { BYTES, DAYS, HOURS, KIB, MINUTES, parseQuantity, SECONDS, toQuantity, type Quantity, type QuantitySpec } from "./quantity";

export const SPECS = {
  visibilityTimeout: { label: "Visibility timeout", units: [SECONDS, MINUTES, HOURS], min: 0, max: 43_200 },
  messageRetentionPeriod: { label: "Message retention period", units: [SECONDS, MINUTES, HOURS, DAYS], min: 60, max: 1_209_600 },
  delaySeconds: { label: "Delivery delay", units: [SECONDS, MINUTES], min: 0, max: 900 },
  maximumMessageSize: { label: "Maximum message size", units: [BYTES, KIB], min: 1024, max: 262_144 },
  receiveWaitTime: { label: "Receive message wait time", units: [SECONDS], min: 0, max: 20 },
  kmsDataKeyReusePeriod: { label: "Data key reuse period", units: [SECONDS, MINUTES, HOURS], min: 60, max: 86_400 },
} satisfies Record<string, QuantitySpec>;

export type QuantityField = keyof typeof SPECS;

export type QueueType = "standard" | "fifo";
export type Encryption = "disabled" | "sse-sqs" | "sse-kms";
export type RedriveAllow = "disabled" | "allowAll" | "byQueue" | "denyAll";
export type DeduplicationScope = "queue" | "messageGroup";
export type FifoThroughputLimit = "perQueue" | "perMessageGroupId";

export interface QueueForm extends Record<QuantityField, Quantity> {
  type: QueueType;
  name: string;
  encryption: Encryption;
  kmsMasterKeyId: string;
  policy: string;
  redriveAllow: RedriveAllow;
  redriveAllowSources: string[];
  deadLetterQueue: boolean;
  deadLetterTargetArn: string;
  maxReceiveCount: string;
  contentBasedDeduplication: boolean;
  deduplicationScope: DeduplicationScope;
  fifoThroughputLimit: FifoThroughputLimit;
  tags: TagRow[];
}

export const DEFAULT_KMS_KEY = "alias/aws/sqs";

export function defaultForm(): QueueForm {
  return {
    type: "standard",
    name: "",
    visibilityTimeout: toQuantity(30, SPECS.visibilityTimeout),
    messageRetentionPeriod: toQuantity(345_600, SPECS.messageRetentionPeriod),
    delaySeconds: toQuantity(0, SPECS.delaySeconds),
    maximumMessageSize: toQuantity(262_144, SPECS.maximumMessageSize),
    receiveWaitTime: toQuantity(0, SPECS.receiveWaitTime),
    kmsDataKeyReusePeriod: toQuantity(300, SPECS.kmsDataKeyReusePeriod),
    encryption: "sse-sqs",
    kmsMasterKeyId: DEFAULT_KMS_KEY,
    policy: "",
    redriveAllow: "disabled",
    redriveAllowSources: [],
    deadLetterQueue: false,
    deadLetterTargetArn: "",
    maxReceiveCount: "10",
    contentBasedDeduplication: false,
    deduplicationScope: "queue",
    fifoThroughputLimit: "perQueue",
    tags: [],
  };
}

function parseJson(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function parseRedrivePolicy(text: string | undefined): { deadLetterTargetArn: string; maxReceiveCount: number } | null {
  const json = parseJson(text);
  if (!json || typeof json.deadLetterTargetArn !== "string") return null;
  return { deadLetterTargetArn: json.deadLetterTargetArn, maxReceiveCount: Number(json.maxReceiveCount) };
}

export function parseRedriveAllowPolicy(text: string | undefined): { redrivePermission: string; sourceQueueArns: string[] } | null {
  const json = parseJson(text);
  if (!json || typeof json.redrivePermission !== "string") return null;
  const arns = Array.isArray(json.sourceQueueArns) ? json.sourceQueueArns.filter((a): a is string => typeof a === "string") : [];
  return { redrivePermission: json.redrivePermission, sourceQueueArns: arns };
}

export function encryptionOf(attributes: Readonly<Record<string, string>>): Encryption {
  if (attributes.KmsMasterKeyId) return "sse-kms";
  return attributes.SqsManagedSseEnabled === "true" ? "sse-sqs" : "disabled";
}

export const ENCRYPTION_LABELS: Record<Encryption, string> = {
  disabled: "Disabled",
  "sse-sqs": "Amazon SQS key (SSE-SQS)",
  "sse-kms": "AWS KMS key (SSE-KMS)",
};

/** The edit form for an existing queue, from GetQueueAttributes(All). */
export function formFromAttributes(name: string, attributes: Readonly<Record<string, string>>): QueueForm {
  const form = defaultForm();
  const num = (key: string, fallback: number) => {
    const n = Number(attributes[key]);
    return Number.isFinite(n) && attributes[key] !== undefined ? n : fallback;
  };
  const redrive = parseRedrivePolicy(attributes.RedrivePolicy);
  const allow = parseRedriveAllowPolicy(attributes.RedriveAllowPolicy);
  const policy = parseJson(attributes.Policy);
  return {
    ...form,
    type: attributes.FifoQueue === "true" ? "fifo" : "standard",
    name,
    visibilityTimeout: toQuantity(num("VisibilityTimeout", 30), SPECS.visibilityTimeout),
    messageRetentionPeriod: toQuantity(num("MessageRetentionPeriod", 345_600), SPECS.messageRetentionPeriod),
    delaySeconds: toQuantity(num("DelaySeconds", 0), SPECS.delaySeconds),
    maximumMessageSize: toQuantity(num("MaximumMessageSize", 262_144), SPECS.maximumMessageSize),
    receiveWaitTime: toQuantity(num("ReceiveMessageWaitTimeSeconds", 0), SPECS.receiveWaitTime),
    kmsDataKeyReusePeriod: toQuantity(num("KmsDataKeyReusePeriodSeconds", 300), SPECS.kmsDataKeyReusePeriod),
    encryption: encryptionOf(attributes),
    kmsMasterKeyId: attributes.KmsMasterKeyId || DEFAULT_KMS_KEY,
    policy: policy ? JSON.stringify(policy, null, 2) : (attributes.Policy ?? ""),
    redriveAllow: allow && ["allowAll", "byQueue", "denyAll"].includes(allow.redrivePermission) ? (allow.redrivePermission as RedriveAllow) : "disabled",
    redriveAllowSources: allow?.sourceQueueArns ?? [],
    deadLetterQueue: redrive !== null,
    deadLetterTargetArn: redrive?.deadLetterTargetArn ?? "",
    maxReceiveCount: redrive ? String(redrive.maxReceiveCount) : form.maxReceiveCount,
    contentBasedDeduplication: attributes.ContentBasedDeduplication === "true",
    deduplicationScope: attributes.DeduplicationScope === "messageGroup" ? "messageGroup" : "queue",
    fifoThroughputLimit: attributes.FifoThroughputLimit === "perMessageGroupId" ? "perMessageGroupId" : "perQueue",
  };
}

export type FormErrors = Partial<Record<keyof QueueForm, string>> & { tagRows?: Record<number, string> };

const NAME = /^[A-Za-z0-9_-]+$/;

export function validateName(name: string, type: QueueType): string | undefined {
  if (!name) return "Enter a queue name.";
  if (name.length > 80) return "A queue name can have up to 80 characters.";
  if (type === "fifo") {
    if (!name.endsWith(".fifo")) return "The name of a FIFO queue must end with the .fifo suffix.";
    if (!NAME.test(name.slice(0, -5))) return "Use only alphanumeric characters, hyphens (-) and underscores (_), then .fifo.";
  } else if (!NAME.test(name)) {
    return name.endsWith(".fifo") ? "Only FIFO queue names can end with .fifo." : "Use only alphanumeric characters, hyphens (-) and underscores (_).";
  }
  return undefined;
}

/** Problems by field; empty when the form can be submitted. */
export function validateForm(form: QueueForm, mode: "create" | "edit"): FormErrors {
  const errors: FormErrors = {};
  if (mode === "create") {
    const nameError = validateName(form.name, form.type);
    if (nameError) errors.name = nameError;
  }
  for (const field of Object.keys(SPECS) as QuantityField[]) {
    if (field === "kmsDataKeyReusePeriod" && form.encryption !== "sse-kms") continue;
    const parsed = parseQuantity(form[field], SPECS[field]);
    if ("error" in parsed) errors[field] = parsed.error;
  }
  if (form.encryption === "sse-kms" && !form.kmsMasterKeyId.trim()) errors.kmsMasterKeyId = "Enter a KMS key ID, alias or ARN.";
  if (form.policy.trim() && !parseJson(form.policy)) errors.policy = "The policy must be a JSON object, e.g. { \"Version\": \"2012-10-17\", \"Statement\": [] }.";
  if (form.redriveAllow === "byQueue" && (form.redriveAllowSources.length < 1 || form.redriveAllowSources.length > 10)) {
    errors.redriveAllowSources = "Choose 1 to 10 source queues.";
  }
  if (form.deadLetterQueue) {
    if (!form.deadLetterTargetArn) errors.deadLetterTargetArn = "Choose a dead-letter queue.";
    const receives = form.maxReceiveCount.trim();
    if (!/^\d+$/.test(receives) || Number(receives) < 1 || Number(receives) > 1000) errors.maxReceiveCount = "Maximum receives must be between 1 and 1000.";
  }
  if (form.type === "fifo" && form.fifoThroughputLimit === "perMessageGroupId" && form.deduplicationScope !== "messageGroup") {
    errors.fifoThroughputLimit = "Per message group ID is allowed only when the deduplication scope is Message group.";
  }
  if (mode === "create") {
    const tagErrors = validateTags(form.tags);
    if (Object.keys(tagErrors.rows).length > 0) errors.tagRows = tagErrors.rows;
    if (tagErrors.list) errors.tags = tagErrors.list;
  }
  return errors;
}

function amount(form: QueueForm, field: QuantityField): string {
  const parsed = parseQuantity(form[field], SPECS[field]);
  return "amount" in parsed ? String(parsed.amount) : form[field].value;
}

/**
 * The attribute map for CreateQueue or SetQueueAttributes. Edits state every setting, so turning a
 * feature off (an empty policy, no dead-letter queue) clears it on the queue.
 */
export function formToAttributes(form: QueueForm, mode: "create" | "edit"): Record<string, string> {
  const attributes: Record<string, string> = {
    VisibilityTimeout: amount(form, "visibilityTimeout"),
    MessageRetentionPeriod: amount(form, "messageRetentionPeriod"),
    DelaySeconds: amount(form, "delaySeconds"),
    MaximumMessageSize: amount(form, "maximumMessageSize"),
    ReceiveMessageWaitTimeSeconds: amount(form, "receiveWaitTime"),
  };
  if (form.encryption === "sse-kms") {
    attributes.SqsManagedSseEnabled = "false";
    attributes.KmsMasterKeyId = form.kmsMasterKeyId.trim();
    attributes.KmsDataKeyReusePeriodSeconds = amount(form, "kmsDataKeyReusePeriod");
  } else {
    attributes.SqsManagedSseEnabled = String(form.encryption === "sse-sqs");
    if (mode === "edit") attributes.KmsMasterKeyId = "";
  }
  const policy = form.policy.trim();
  if (policy || mode === "edit") attributes.Policy = policy ? JSON.stringify(JSON.parse(policy)) : "";
  if (form.deadLetterQueue) {
    attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: form.deadLetterTargetArn, maxReceiveCount: Number(form.maxReceiveCount.trim()) });
  } else if (mode === "edit") {
    attributes.RedrivePolicy = "";
  }
  if (form.redriveAllow === "byQueue") {
    attributes.RedriveAllowPolicy = JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: form.redriveAllowSources });
  } else if (form.redriveAllow !== "disabled") {
    attributes.RedriveAllowPolicy = JSON.stringify({ redrivePermission: form.redriveAllow });
  } else if (mode === "edit") {
    attributes.RedriveAllowPolicy = "";
  }
  if (form.type === "fifo") {
    if (mode === "create") attributes.FifoQueue = "true";
    attributes.ContentBasedDeduplication = String(form.contentBasedDeduplication);
    attributes.DeduplicationScope = form.deduplicationScope;
    attributes.FifoThroughputLimit = form.fifoThroughputLimit;
  }
  return attributes;
}

/** The owner-only policy the AWS console starts a new queue with. */
export function defaultPolicy(accountId: string, region: string, name: string): string {
  return JSON.stringify(
    {
      Version: "2012-10-17",
      Id: "__default_policy_ID",
      Statement: [
        {
          Sid: "__owner_statement",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${accountId}:root` },
          Action: ["SQS:*"],
          Resource: `arn:aws:sqs:${region}:${accountId}:${name || "<queue-name>"}`,
        },
      ],
    },
    null,
    2,
  );
}
