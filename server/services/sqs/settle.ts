import type { Db } from "../../db/client";
import { pgPool } from "../../db/pool";
import { isAwsError } from "../../errors";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { assertValidBatch, type BatchResult, batchFailure, perEntry } from "./batch";
import { SqsErrors } from "./errors";
import { MAX_VISIBILITY_TIMEOUT } from "./limits";
import { recordQueueMetric } from "./metrics";
import type { Queue } from "./model";
import { decodeReceipt, type Receipt } from "./receipts";
import { resolveQueue } from "./store";
import { queueWakeups } from "./wakeups";

/**
 * Deletes by receipt: only the latest delivery's handle deletes. A stale handle on a standard queue
 * succeeds without deleting (AWS: "the request will succeed, but the message might not be deleted");
 * on a FIFO queue a handle whose visibility window has passed is refused as expired.
 */
async function deleteByReceipts(queue: Queue, receipts: { handle: string; receipt: Receipt }[]): Promise<Set<string>> {
  const { rows } = await pgPool().query<{ id: string }>({
    name: "sqs-delete-messages",
    text: `DELETE FROM sqs_messages m USING unnest($2::bigint[], $3::text[]) AS r(id, token)
            WHERE m.queue_id = $1 AND m.id = r.id AND m.receipt_token = r.token AND (NOT $4 OR m.visible_at > now())
           RETURNING m.id`,
    values: [queue.id, receipts.map((r) => r.receipt.rowId), receipts.map((r) => r.receipt.token), queue.fifo],
  });
  recordQueueMetric(queue.id, "deleted", rows.length);
  // In a FIFO queue a delete can unblock the message's group: waiting receives may now have work.
  if (queue.fifo && rows.length > 0) queueWakeups().notify(queue.id);
  const deleted = new Set(rows.map((r) => String(r.id)));
  if (!queue.fifo) return new Set(receipts.map((r) => r.handle));
  const undeleted = receipts.filter((r) => !deleted.has(r.receipt.rowId));
  if (undeleted.length === 0) return new Set(receipts.map((r) => r.handle));
  const { rows: expired } = await pgPool().query<{ id: string }>("SELECT id FROM sqs_messages WHERE queue_id = $1 AND id = ANY($2::bigint[])", [
    queue.id,
    undeleted.map((r) => r.receipt.rowId),
  ]);
  const stillThere = new Set(expired.map((r) => String(r.id)));
  return new Set(receipts.filter((r) => !stillThere.has(r.receipt.rowId)).map((r) => r.handle));
}

function expiredHandle(handle: string) {
  return SqsErrors.invalidParameter("ReceiptHandle", handle, "The receipt handle has expired.");
}

export async function deleteMessage(db: Db, ctx: CallContext, input: { QueueUrl: string; ReceiptHandle: string }): Promise<void> {
  requireRole(ctx, "developer", "sqs:DeleteMessage");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "DeleteMessage");
  const receipt = decodeReceipt(input.ReceiptHandle, queue.id);
  const ok = await deleteByReceipts(queue, [{ handle: input.ReceiptHandle, receipt }]);
  if (!ok.has(input.ReceiptHandle)) throw expiredHandle(input.ReceiptHandle);
}

export async function deleteMessageBatch(
  db: Db,
  ctx: CallContext,
  input: { QueueUrl: string; Entries: { Id: string; ReceiptHandle: string }[] },
): Promise<BatchResult<{ Id: string }>> {
  requireRole(ctx, "developer", "sqs:DeleteMessage");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "DeleteMessageBatch");
  assertValidBatch(input.Entries, "DeleteMessageBatchRequestEntry");
  const result: BatchResult<{ Id: string }> = { Successful: [], Failed: [] };
  const valid: { id: string; handle: string; receipt: Receipt }[] = [];
  for (const entry of input.Entries) {
    try {
      valid.push({ id: entry.Id, handle: entry.ReceiptHandle, receipt: decodeReceipt(entry.ReceiptHandle, queue.id) });
    } catch (e) {
      if (!isAwsError(e)) throw e;
      result.Failed.push(batchFailure(entry.Id, e));
    }
  }
  const ok = valid.length > 0 ? await deleteByReceipts(queue, valid) : new Set<string>();
  for (const v of valid) {
    if (ok.has(v.handle)) result.Successful.push({ Id: v.id });
    else result.Failed.push(batchFailure(v.id, expiredHandle(v.handle)));
  }
  return result;
}

async function changeVisibility(queue: Queue, handle: string, timeout: number | undefined): Promise<void> {
  if (timeout === undefined) throw SqsErrors.missingParameter("VisibilityTimeout");
  if (!Number.isInteger(timeout) || timeout < 0 || timeout > MAX_VISIBILITY_TIMEOUT) {
    throw SqsErrors.invalidParameter("VisibilityTimeout", timeout, "Must be >= 0 and <= 43200, if provided.");
  }
  const receipt = decodeReceipt(handle, queue.id);
  // The 12-hour limit counts whole seconds since the receive, so the full 12 hours can be set right after it.
  const { rows } = await pgPool().query<{ current: boolean; in_flight: boolean; within_limit: boolean }>({
    name: "sqs-change-visibility",
    text: `WITH target AS (
             SELECT id, receipt_token = $3 AS current, visible_at > now() AS in_flight,
                    floor(extract(epoch FROM now() - COALESCE(last_received_at, now()))) + $4 <= ${MAX_VISIBILITY_TIMEOUT} AS within_limit
               FROM sqs_messages WHERE queue_id = $1 AND id = $2 FOR UPDATE
           ), updated AS (
             UPDATE sqs_messages m SET visible_at = now() + make_interval(secs => $4)
               FROM target t WHERE m.id = t.id AND t.current AND t.in_flight AND t.within_limit
             RETURNING m.id
           )
           SELECT current, in_flight, within_limit FROM target`,
    values: [queue.id, receipt.rowId, receipt.token, timeout],
  });
  const target = rows[0];
  if (!target || !target.current) {
    throw SqsErrors.invalidParameter("ReceiptHandle", handle, "Message does not exist or is not available for visibility timeout change.");
  }
  // A handle whose timeout already ran out (and nobody received the message since) changes nothing, as on AWS:
  // it answers OK here, not the documented MessageNotInflight (LocalStack matched this against AWS in PR #9632).
  if (!target.in_flight) return;
  if (!target.within_limit) {
    throw SqsErrors.invalidParameter("VisibilityTimeout", timeout, `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_TIMEOUT} seconds]`);
  }
  if (timeout === 0) queueWakeups().notify(queue.id);
}

export async function changeMessageVisibility(
  db: Db,
  ctx: CallContext,
  input: { QueueUrl: string; ReceiptHandle: string; VisibilityTimeout: number },
): Promise<void> {
  requireRole(ctx, "developer", "sqs:ChangeMessageVisibility");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "ChangeMessageVisibility");
  await changeVisibility(queue, input.ReceiptHandle, input.VisibilityTimeout);
}

export async function changeMessageVisibilityBatch(
  db: Db,
  ctx: CallContext,
  input: { QueueUrl: string; Entries: { Id: string; ReceiptHandle: string; VisibilityTimeout?: number }[] },
): Promise<BatchResult<{ Id: string }>> {
  requireRole(ctx, "developer", "sqs:ChangeMessageVisibility");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "ChangeMessageVisibilityBatch");
  assertValidBatch(input.Entries, "ChangeMessageVisibilityBatchRequestEntry");
  return perEntry(input.Entries, async (entry) => {
    await changeVisibility(queue, entry.ReceiptHandle, entry.VisibilityTimeout);
    return {};
  });
}
