import type { Db } from "../../db/client";
import { ExpiringCache } from "../../lib/expiring-cache";
import { evaluateResourcePolicy } from "../iam/resource-policy";
import type { CallContext } from "../context";
import { parseQueueUrl, queueArn } from "./addressing";
import { SqsErrors } from "./errors";
import type { DeduplicationScope, FifoThroughputLimit, Queue, QueueRow, RedriveAllowPolicy, RedrivePolicy } from "./model";

export function toQueue(row: QueueRow): Queue {
  return {
    id: row.id,
    accountId: row.accountId,
    region: row.region,
    name: row.name,
    fifo: row.fifo,
    arn: queueArn(row.region, row.accountId, row.name),
    delaySeconds: row.delaySeconds,
    maximumMessageSize: row.maximumMessageSize,
    messageRetentionPeriod: row.messageRetentionPeriod,
    receiveMessageWaitTimeSeconds: row.receiveMessageWaitTimeSeconds,
    visibilityTimeout: row.visibilityTimeout,
    redrivePolicy: (row.redrivePolicy as RedrivePolicy | null) ?? null,
    redriveAllowPolicy: (row.redriveAllowPolicy as RedriveAllowPolicy | null) ?? null,
    policy: row.policy,
    contentBasedDeduplication: row.contentBasedDeduplication,
    deduplicationScope: row.deduplicationScope as DeduplicationScope | null,
    fifoThroughputLimit: row.fifoThroughputLimit as FifoThroughputLimit | null,
    kmsMasterKeyId: row.kmsMasterKeyId,
    kmsDataKeyReusePeriodSeconds: row.kmsDataKeyReusePeriodSeconds,
    sqsManagedSseEnabled: row.sqsManagedSseEnabled,
    tags: row.tags as Record<string, string>,
    createdAt: row.createdAt,
    lastModifiedAt: row.lastModifiedAt,
    purgeStartedAt: row.purgeStartedAt,
  };
}

/**
 * Queue lookups on the message hot path are cached for a second. AWS documents that attribute
 * changes take up to 60 s to propagate, so this stays well inside what SQS users expect; changes
 * made through this process drop their entry at once. Deleted queues are caught by the foreign key.
 */
const cache = new ExpiringCache<Queue | null>(1_000);
const cacheKey = (accountId: string, region: string, name: string) => `${accountId}/${region}/${name}`;

export function forgetQueue(queue: Pick<Queue, "accountId" | "region" | "name">): void {
  cache.delete(cacheKey(queue.accountId, queue.region, queue.name));
}

export async function findQueue(db: Db, accountId: string, region: string, name: string): Promise<Queue | null> {
  const key = cacheKey(accountId, region, name);
  const queue = await cache.get(key, async () => {
    const row = await db.sqsQueue.findUnique({ where: { accountId_region_name: { accountId, region, name } } });
    return row && toQueue(row);
  });
  // A missing queue is not remembered: it may be created any moment.
  if (!queue) cache.delete(key);
  return queue;
}

/** Operations AWS never allows across accounts, whatever the queue policy says. */
const OWNER_ONLY = new Set([
  "AddPermission",
  "CreateQueue",
  "DeleteQueue",
  "ListQueues",
  "ListQueueTags",
  "RemovePermission",
  "SetQueueAttributes",
  "TagQueue",
  "UntagQueue",
]);

/** Batch operations are authorised as their single-message action. */
const POLICY_ACTION: Record<string, string> = {
  SendMessageBatch: "SendMessage",
  DeleteMessageBatch: "DeleteMessage",
  ChangeMessageVisibilityBatch: "ChangeMessageVisibility",
};

/**
 * The queue a request addresses, in the caller's region. A queue of another account is reachable only
 * when its policy allows the caller the action (AddPermission / the Policy attribute).
 */
export async function resolveQueueInAccount(db: Db, ctx: CallContext, accountId: string, name: string, operation: string): Promise<Queue> {
  const queue = await findQueue(db, accountId, ctx.region, name);
  if (accountId === ctx.accountId) {
    if (!queue) throw SqsErrors.queueDoesNotExist();
    return queue;
  }
  const action = POLICY_ACTION[operation] ?? operation;
  const resourceArn = queueArn(ctx.region, accountId, name);
  const allowed =
    queue &&
    !OWNER_ONLY.has(operation) &&
    evaluateResourcePolicy(queue.policy, {
      accountId: ctx.accountId,
      principalArn: ctx.principal.arn,
      action: `sqs:${action}`,
      resourceArn,
    }) === "allow";
  if (!allowed) throw SqsErrors.accessDenied(ctx.principal.arn, action, resourceArn);
  return queue;
}

export async function resolveQueue(db: Db, ctx: CallContext, url: string, operation: string): Promise<Queue> {
  const address = parseQueueUrl(url);
  if (!address) throw SqsErrors.queueDoesNotExist();
  return resolveQueueInAccount(db, ctx, address.accountId, address.name, operation);
}
