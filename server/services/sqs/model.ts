import type { Prisma } from "../../db/client";

/** The queue settings SQS exposes as attributes (the typed columns of sqs_queues). */
export interface QueueSettings {
  delaySeconds: number;
  maximumMessageSize: number;
  messageRetentionPeriod: number;
  receiveMessageWaitTimeSeconds: number;
  visibilityTimeout: number;
  redrivePolicy: RedrivePolicy | null;
  redriveAllowPolicy: RedriveAllowPolicy | null;
  policy: string | null;
  contentBasedDeduplication: boolean;
  deduplicationScope: DeduplicationScope | null;
  fifoThroughputLimit: FifoThroughputLimit | null;
  kmsMasterKeyId: string | null;
  kmsDataKeyReusePeriodSeconds: number | null;
  sqsManagedSseEnabled: boolean;
}

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export interface RedriveAllowPolicy {
  redrivePermission: "allowAll" | "denyAll" | "byQueue";
  sourceQueueArns?: string[];
}

export type DeduplicationScope = "messageGroup" | "queue";
export type FifoThroughputLimit = "perQueue" | "perMessageGroupId";

/** A queue as the domain works with it. */
export interface Queue extends QueueSettings {
  id: string;
  accountId: string;
  region: string;
  name: string;
  fifo: boolean;
  arn: string;
  tags: Record<string, string>;
  createdAt: Date;
  lastModifiedAt: Date;
  purgeStartedAt: Date | null;
}

export type QueueRow = Prisma.SqsQueueGetPayload<object>;
