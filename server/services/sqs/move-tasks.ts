import { randomUUID } from "node:crypto";
import type { Db, PrismaClient } from "../../db/client";
import { enqueueOutbox } from "../../outbox/enqueue";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { parseQueueArn } from "./addressing";
import { SqsErrors } from "./errors";
import type { Queue } from "./model";
import { findQueue, toQueue } from "./store";

export const MOVE_JOB = "sqs.move-messages" as const;
/** Without MaxNumberOfMessagesPerSecond, moves go at this pace (AWS: "system optimized"). */
export const DEFAULT_MOVE_RATE = 500;
const MAX_MOVE_RATE = 500;

export type MoveTaskStatus = "RUNNING" | "COMPLETED" | "CANCELLING" | "CANCELLED" | "FAILED";

/** TaskHandle as AWS forms it: base64 of {"taskId", "sourceArn"}. */
function encodeHandle(taskId: string, sourceArn: string): string {
  return Buffer.from(JSON.stringify({ taskId, sourceArn })).toString("base64");
}

function decodeHandle(handle: string): { taskId: string; sourceArn: string } {
  try {
    const parsed = JSON.parse(Buffer.from(handle, "base64").toString("utf8")) as { taskId?: unknown; sourceArn?: unknown };
    if (typeof parsed.taskId === "string" && typeof parsed.sourceArn === "string") return { taskId: parsed.taskId, sourceArn: parsed.sourceArn };
  } catch {
    // fall through
  }
  throw SqsErrors.invalidParameterValue("Value for parameter TaskHandle is invalid.");
}

async function queueByArn(db: Db, ctx: CallContext, value: string, parameter: "SourceArn" | "DestinationArn"): Promise<Queue> {
  const address = parseQueueArn(value);
  const queue = address && address.accountId === ctx.accountId && address.region === ctx.region ? await findQueue(db, address.accountId, address.region, address.name) : null;
  if (!queue) throw SqsErrors.resourceNotFound(`The resource that you specified for the ${parameter} parameter doesn't exist.`);
  return queue;
}

export async function startMessageMoveTask(
  db: PrismaClient,
  ctx: CallContext,
  input: { SourceArn: string; DestinationArn?: string; MaxNumberOfMessagesPerSecond?: number },
): Promise<{ TaskHandle: string }> {
  requireRole(ctx, "developer", "sqs:StartMessageMoveTask");
  const source = await queueByArn(db, ctx, input.SourceArn, "SourceArn");
  const rate = input.MaxNumberOfMessagesPerSecond;
  if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > MAX_MOVE_RATE)) {
    throw SqsErrors.invalidParameter("MaxNumberOfMessagesPerSecond", rate, `Must be between 1 and ${MAX_MOVE_RATE}, if provided.`);
  }
  const isDeadLetterQueue = await db.sqsQueue.count({
    where: { accountId: source.accountId, region: source.region, redrivePolicy: { path: ["deadLetterTargetArn"], equals: source.arn } },
  });
  if (isDeadLetterQueue === 0) throw SqsErrors.invalidParameterValue("Source queue must be configured as a Dead Letter Queue.");
  if (input.DestinationArn) await queueByArn(db, ctx, input.DestinationArn, "DestinationArn");

  const taskId = randomUUID();
  const taskHandle = encodeHandle(taskId, source.arn);
  await db.$transaction(async (tx) => {
    // Serialise starts per source so two concurrent calls cannot both find no running task.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${source.id}, 1))`;
    const running = await tx.sqsMessageMoveTask.count({ where: { sourceArn: source.arn, accountId: ctx.accountId, status: { in: ["RUNNING", "CANCELLING"] } } });
    if (running > 0) {
      throw SqsErrors.invalidParameterValue("There is already a task running. Only one active task is allowed for a source queue arn at a given time.");
    }
    const toMove = await tx.sqsMessage.count({ where: { queueId: source.id } });
    await tx.sqsMessageMoveTask.create({
      data: {
        taskHandle,
        accountId: ctx.accountId,
        region: ctx.region,
        sourceArn: source.arn,
        destinationArn: input.DestinationArn ?? null,
        maxNumberOfMessagesPerSecond: rate ?? null,
        status: "RUNNING",
        approximateNumberOfMessagesToMove: toMove,
      },
    });
    await enqueueOutbox(tx, { accountId: ctx.accountId, region: ctx.region, job: MOVE_JOB, payload: { taskHandle } });
  });
  return { TaskHandle: taskHandle };
}

export async function listMessageMoveTasks(db: Db, ctx: CallContext, input: { SourceArn: string; MaxResults?: number }) {
  const source = await queueByArn(db, ctx, input.SourceArn, "SourceArn");
  const max = input.MaxResults ?? 1;
  if (!Number.isInteger(max) || max < 1 || max > 10) throw SqsErrors.invalidParameter("MaxResults", max, "Must be between 1 and 10, if provided.");
  const tasks = await db.sqsMessageMoveTask.findMany({
    where: { accountId: ctx.accountId, region: ctx.region, sourceArn: source.arn },
    orderBy: { startedAt: "desc" },
    take: max,
  });
  return {
    Results: tasks.map((t) => ({
      ...(t.status === "RUNNING" ? { TaskHandle: t.taskHandle } : {}),
      Status: t.status,
      SourceArn: t.sourceArn,
      ...(t.destinationArn ? { DestinationArn: t.destinationArn } : {}),
      ...(t.maxNumberOfMessagesPerSecond ? { MaxNumberOfMessagesPerSecond: t.maxNumberOfMessagesPerSecond } : {}),
      ApproximateNumberOfMessagesMoved: Number(t.approximateNumberOfMessagesMoved),
      ApproximateNumberOfMessagesToMove: Number(t.approximateNumberOfMessagesToMove ?? 0),
      ...(t.failureReason ? { FailureReason: t.failureReason } : {}),
      StartedTimestamp: t.startedAt.getTime(),
    })),
  };
}

export async function cancelMessageMoveTask(db: Db, ctx: CallContext, input: { TaskHandle: string }) {
  requireRole(ctx, "developer", "sqs:CancelMessageMoveTask");
  const { sourceArn } = decodeHandle(input.TaskHandle);
  await queueByArn(db, ctx, sourceArn, "SourceArn");
  const task = await db.sqsMessageMoveTask.findFirst({ where: { taskHandle: input.TaskHandle, accountId: ctx.accountId } });
  if (!task) throw SqsErrors.resourceNotFound("Task does not exist.");
  const updated = await db.sqsMessageMoveTask.updateMany({ where: { taskHandle: task.taskHandle, status: "RUNNING" }, data: { status: "CANCELLING" } });
  if (updated.count === 0) throw SqsErrors.invalidParameterValue("Only active tasks can be cancelled.");
  return { ApproximateNumberOfMessagesMoved: Number(task.approximateNumberOfMessagesMoved) };
}

interface MoveRow {
  dead_letter_source_arn: string | null;
}

/**
 * One step of a move task (run by the `sqs.move-messages` job inside its transaction): moves up to a
 * second's worth of messages from the source to the destination — or back to each message's original
 * source — as new receives (count reset), then schedules the next step.
 */
export async function moveMessagesStep(tx: Db, taskHandle: string): Promise<void> {
  const task = await tx.sqsMessageMoveTask.findUnique({ where: { taskHandle } });
  if (!task || (task.status !== "RUNNING" && task.status !== "CANCELLING")) return;
  const finish = async (status: MoveTaskStatus, failureReason?: string) => {
    await tx.sqsMessageMoveTask.update({ where: { taskHandle }, data: { status, failureReason: failureReason ?? null, finishedAt: new Date() } });
  };
  if (task.status === "CANCELLING") return finish("CANCELLED");

  const sourceAddress = parseQueueArn(task.sourceArn)!;
  const sourceRow = await tx.sqsQueue.findUnique({
    where: { accountId_region_name: { accountId: sourceAddress.accountId, region: sourceAddress.region, name: sourceAddress.name } },
  });
  if (!sourceRow) return finish("FAILED", "AWS.SimpleQueueService.NonExistentQueue");
  const source = toQueue(sourceRow);
  const batch = task.maxNumberOfMessagesPerSecond ?? DEFAULT_MOVE_RATE;

  const candidates = await tx.$queryRaw<(MoveRow & { id: bigint })[]>`
    SELECT id, dead_letter_source_arn FROM sqs_messages WHERE queue_id = ${source.id}::uuid ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
  if (candidates.length === 0) return finish("COMPLETED");

  // Resolve each destination once; a message whose destination is gone fails the task, as on AWS.
  const destinations = new Map<string, string | null>();
  for (const arn of new Set(candidates.map((c) => task.destinationArn ?? c.dead_letter_source_arn ?? ""))) {
    const address = parseQueueArn(arn);
    const row = address
      ? await tx.sqsQueue.findUnique({ where: { accountId_region_name: { accountId: address.accountId, region: address.region, name: address.name } } })
      : null;
    destinations.set(arn, row?.id ?? null);
  }
  if ([...destinations.values()].some((id) => id === null)) return finish("FAILED", "AWS.SimpleQueueService.NonExistentQueue");

  let moved = 0;
  for (const [arn, destinationId] of destinations) {
    const ids = candidates.filter((c) => (task.destinationArn ?? c.dead_letter_source_arn ?? "") === arn).map((c) => c.id);
    moved += await tx.$executeRaw`
      WITH moving AS (DELETE FROM sqs_messages WHERE id = ANY(${ids}::bigint[]) RETURNING *)
      INSERT INTO sqs_messages (queue_id, message_id, body, message_attributes, md5_of_body, md5_of_message_attributes, trace_header,
                                sender_id, sent_at, visible_at, enqueued_at, group_id, deduplication_id, sequence_number)
      SELECT ${destinationId}::uuid, message_id, body, message_attributes, md5_of_body, md5_of_message_attributes, trace_header,
             sender_id, sent_at, now(), now(), group_id, deduplication_id, sequence_number
        FROM moving`;
  }
  await tx.sqsMessageMoveTask.update({ where: { taskHandle }, data: { approximateNumberOfMessagesMoved: { increment: moved } } });
  // The next step is durable work of its own, a second later: the rate limit, and no long-held job.
  await enqueueOutbox(tx, { accountId: task.accountId, region: task.region, job: MOVE_JOB, payload: { taskHandle }, delaySeconds: 1 });
}
