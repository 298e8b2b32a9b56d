import { parseQueueArn } from "./addressing";
import { parseJsonObject } from "../../lib/json";
import { SqsErrors } from "./errors";
import {
  MAX_DELAY_SECONDS,
  MAX_MESSAGE_SIZE,
  MAX_RECEIVE_COUNT_LIMIT,
  MAX_VISIBILITY_TIMEOUT,
  MAX_WAIT_TIME_SECONDS,
  MIN_MESSAGE_SIZE_SETTING,
} from "./limits";
import type { DeduplicationScope, FifoThroughputLimit, Queue, QueueSettings, RedriveAllowPolicy, RedrivePolicy } from "./model";

export const DEFAULT_SETTINGS: QueueSettings = {
  delaySeconds: 0,
  maximumMessageSize: MAX_MESSAGE_SIZE,
  messageRetentionPeriod: 345_600,
  receiveMessageWaitTimeSeconds: 0,
  visibilityTimeout: 30,
  redrivePolicy: null,
  redriveAllowPolicy: null,
  policy: null,
  contentBasedDeduplication: false,
  deduplicationScope: null,
  fifoThroughputLimit: null,
  kmsMasterKeyId: null,
  kmsDataKeyReusePeriodSeconds: null,
  sqsManagedSseEnabled: true,
};

const INTEGER_RANGES = {
  DelaySeconds: ["delaySeconds", 0, MAX_DELAY_SECONDS],
  MaximumMessageSize: ["maximumMessageSize", MIN_MESSAGE_SIZE_SETTING, MAX_MESSAGE_SIZE],
  MessageRetentionPeriod: ["messageRetentionPeriod", 60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: ["receiveMessageWaitTimeSeconds", 0, MAX_WAIT_TIME_SECONDS],
  VisibilityTimeout: ["visibilityTimeout", 0, MAX_VISIBILITY_TIMEOUT],
  KmsDataKeyReusePeriodSeconds: ["kmsDataKeyReusePeriodSeconds", 60, 86_400],
} as const satisfies Record<string, readonly [keyof QueueSettings, number, number]>;

const FIFO_ONLY = new Set(["ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"]);

/** Attributes GetQueueAttributes can name, beyond the settable ones. */
const READ_ONLY = [
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible",
  "ApproximateNumberOfMessagesDelayed",
  "CreatedTimestamp",
  "LastModifiedTimestamp",
  "QueueArn",
] as const;
const SETTABLE = [
  "DelaySeconds",
  "MaximumMessageSize",
  "MessageRetentionPeriod",
  "Policy",
  "ReceiveMessageWaitTimeSeconds",
  "RedrivePolicy",
  "RedriveAllowPolicy",
  "VisibilityTimeout",
  "KmsMasterKeyId",
  "KmsDataKeyReusePeriodSeconds",
  "SqsManagedSseEnabled",
  "FifoQueue",
  "ContentBasedDeduplication",
  "DeduplicationScope",
  "FifoThroughputLimit",
] as const;
export const ALL_ATTRIBUTE_NAMES: readonly string[] = [...READ_ONLY, ...SETTABLE];

function parseInteger(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw SqsErrors.invalidAttributeValue(name);
  const n = Number(value);
  if (n < min || n > max) throw SqsErrors.invalidAttributeValue(name);
  return n;
}

function parseBoolean(name: string, value: string): boolean {
  const lower = value.toLowerCase();
  if (lower !== "true" && lower !== "false") throw SqsErrors.invalidAttributeValue(name);
  return lower === "true";
}

function parseRedrivePolicy(value: string): RedrivePolicy {
  const invalid = (reason: string) => SqsErrors.invalidParameter("RedrivePolicy", value, reason);
  const json = parseJsonObject(value);
  if (!json) throw invalid("Redrive policy is not a valid JSON map.");
  const target = json.deadLetterTargetArn;
  if (target === undefined) throw invalid("Missing required parameter deadLetterTargetArn.");
  if (typeof target !== "string" || !parseQueueArn(target)) throw invalid("Invalid value for deadLetterTargetArn.");
  const raw = json.maxReceiveCount;
  if (raw === undefined) throw invalid("Missing required parameter maxReceiveCount.");
  const count = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_RECEIVE_COUNT_LIMIT) {
    throw invalid(`Invalid value for maxReceiveCount: ${String(raw)}, valid values are from 1 to 1000 both inclusive.`);
  }
  return { deadLetterTargetArn: target, maxReceiveCount: count };
}

function parseRedriveAllowPolicy(value: string): RedriveAllowPolicy {
  const invalid = (reason: string) => SqsErrors.invalidParameter("RedriveAllowPolicy", value, reason);
  const json = parseJsonObject(value);
  if (!json) throw invalid("Redrive allow policy is not a valid JSON map.");
  const permission = json.redrivePermission;
  if (permission !== "allowAll" && permission !== "denyAll" && permission !== "byQueue") {
    throw invalid("Invalid value for redrivePermission.");
  }
  const arns = json.sourceQueueArns;
  if (permission !== "byQueue") {
    if (arns !== undefined) throw invalid("Only specify sourceQueueArns when redrivePermission is set to byQueue.");
    return { redrivePermission: permission };
  }
  if (!Array.isArray(arns) || arns.length === 0 || arns.length > 10 || !arns.every((a) => typeof a === "string" && parseQueueArn(a))) {
    throw invalid("sourceQueueArns must hold 1 to 10 queue ARNs when redrivePermission is byQueue.");
  }
  return { redrivePermission: permission, sourceQueueArns: arns as string[] };
}

function parseEnum<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((a) => a === value);
  if (!match) throw SqsErrors.invalidAttributeValue(name);
  return match;
}

/**
 * Validates a CreateQueue/SetQueueAttributes attribute map against the queue type and returns the
 * settings it changes. `FifoQueue` is handled by the caller at creation; on an existing queue it may
 * only restate the type.
 */
export function parseQueueAttributes(attributes: Readonly<Record<string, string>>, fifo: boolean): Partial<QueueSettings> {
  const changes: Partial<QueueSettings> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (FIFO_ONLY.has(name) && !fifo) {
      if (name === "ContentBasedDeduplication") throw SqsErrors.unknownAttribute(name);
      throw SqsErrors.invalidAttributeName(`You can specify the ${name} only when FifoQueue is set to true.`);
    }
    if (name in INTEGER_RANGES) {
      const [key, min, max] = INTEGER_RANGES[name as keyof typeof INTEGER_RANGES];
      Object.assign(changes, { [key]: parseInteger(name, value, min, max) });
      continue;
    }
    switch (name) {
      case "FifoQueue":
        if (!fifo) throw SqsErrors.unknownAttribute(name);
        if (!parseBoolean(name, value)) throw SqsErrors.invalidAttributeValue(name, "Modifying queue type is not supported.");
        break;
      case "Policy":
        if (value !== "" && !parseJsonObject(value)) throw SqsErrors.invalidAttributeValue(name);
        changes.policy = value === "" ? null : value;
        break;
      case "RedrivePolicy":
        changes.redrivePolicy = value === "" ? null : parseRedrivePolicy(value);
        break;
      case "RedriveAllowPolicy":
        changes.redriveAllowPolicy = value === "" ? null : parseRedriveAllowPolicy(value);
        break;
      case "KmsMasterKeyId":
        changes.kmsMasterKeyId = value === "" ? null : value;
        break;
      case "SqsManagedSseEnabled":
        changes.sqsManagedSseEnabled = parseBoolean(name, value);
        break;
      case "ContentBasedDeduplication":
        changes.contentBasedDeduplication = parseBoolean(name, value);
        break;
      case "DeduplicationScope":
        changes.deduplicationScope = parseEnum<DeduplicationScope>(name, value, ["messageGroup", "queue"]);
        break;
      case "FifoThroughputLimit":
        changes.fifoThroughputLimit = parseEnum<FifoThroughputLimit>(name, value, ["perQueue", "perMessageGroupId"]);
        break;
      default:
        throw SqsErrors.unknownAttribute(name);
    }
  }
  if (changes.kmsMasterKeyId && changes.sqsManagedSseEnabled) {
    throw SqsErrors.invalidAttributeName(
      "You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.",
    );
  }
  // Choosing KMS turns SQS-managed encryption off, and back (AWS keeps exactly one of them on).
  if (changes.kmsMasterKeyId) changes.sqsManagedSseEnabled = false;
  if (changes.sqsManagedSseEnabled) changes.kmsMasterKeyId = null;
  return changes;
}

/** Checks that only make sense on the settings as they will be after a change. */
export function assertConsistentSettings(settings: QueueSettings): void {
  // An unset scope is AWS's default, `queue`.
  if (settings.fifoThroughputLimit === "perMessageGroupId" && (settings.deduplicationScope ?? "queue") === "queue") {
    throw SqsErrors.invalidAttributeValue(
      "FifoThroughputLimit",
      "The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.",
    );
  }
}

export interface MessageCounts {
  visible: number;
  notVisible: number;
  delayed: number;
}

const seconds = (d: Date) => String(Math.floor(d.getTime() / 1000));

/**
 * The settable attributes' effective values as AWS renders them (strings, booleans lowercase, defaults
 * applied; unset policies and keys absent), including the data key reuse period AWS only shows with KMS.
 */
export function renderSettings(queue: Queue): Record<string, string> {
  const out: Record<string, string> = {
    DelaySeconds: String(queue.delaySeconds),
    MaximumMessageSize: String(queue.maximumMessageSize),
    MessageRetentionPeriod: String(queue.messageRetentionPeriod),
    ReceiveMessageWaitTimeSeconds: String(queue.receiveMessageWaitTimeSeconds),
    VisibilityTimeout: String(queue.visibilityTimeout),
    SqsManagedSseEnabled: String(queue.sqsManagedSseEnabled),
  };
  if (queue.policy) out.Policy = queue.policy;
  // Rebuilt key by key: jsonb does not keep the stored key order, and AWS renders them in this one.
  if (queue.redrivePolicy) {
    const { deadLetterTargetArn, maxReceiveCount } = queue.redrivePolicy;
    out.RedrivePolicy = JSON.stringify({ deadLetterTargetArn, maxReceiveCount });
  }
  if (queue.redriveAllowPolicy) {
    const { redrivePermission, sourceQueueArns } = queue.redriveAllowPolicy;
    out.RedriveAllowPolicy = JSON.stringify({ redrivePermission, sourceQueueArns });
  }
  if (queue.kmsMasterKeyId) out.KmsMasterKeyId = queue.kmsMasterKeyId;
  out.KmsDataKeyReusePeriodSeconds = String(queue.kmsDataKeyReusePeriodSeconds ?? 300);
  if (queue.fifo) {
    out.FifoQueue = "true";
    out.ContentBasedDeduplication = String(queue.contentBasedDeduplication);
    out.DeduplicationScope = queue.deduplicationScope ?? "queue";
    out.FifoThroughputLimit = queue.fifoThroughputLimit ?? "perQueue";
  }
  return out;
}

/** Every attribute value of a queue, as GetQueueAttributes renders it. */
export function renderQueueAttributes(queue: Queue, counts: MessageCounts): Record<string, string> {
  const { KmsDataKeyReusePeriodSeconds, ...settings } = renderSettings(queue);
  return {
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.notVisible),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: seconds(queue.createdAt),
    LastModifiedTimestamp: seconds(queue.lastModifiedAt),
    QueueArn: queue.arn,
    ...settings,
    ...(queue.kmsMasterKeyId ? { KmsDataKeyReusePeriodSeconds } : {}),
  };
}
