/** Read models the console needs beyond the AWS API: the queue list with counts, and metric series. */
import type { Db } from "../../db/client";
import type { CallContext } from "../context";
import { queueUrl } from "./addressing";
import { countMessages } from "./queues";
import { resolveQueue, toQueue } from "./store";

export async function listQueueSummaries(db: Db, ctx: CallContext) {
  const rows = await db.sqsQueue.findMany({ where: { accountId: ctx.accountId, region: ctx.region }, orderBy: { name: "asc" } });
  return Promise.all(
    rows.map(async (row) => {
      const queue = toQueue(row);
      const counts = await countMessages(queue);
      return {
        name: queue.name,
        url: queueUrl(ctx, queue),
        arn: queue.arn,
        type: queue.fifo ? ("FIFO" as const) : ("Standard" as const),
        createdAt: queue.createdAt,
        hasDeadLetterQueue: queue.redrivePolicy !== null,
        ...counts,
      };
    }),
  );
}

/** Per-minute sent/received/deleted counts and oldest-message age over the last `minutes`, oldest first. */
export async function queueMetrics(db: Db, ctx: CallContext, input: { QueueUrl: string; minutes: number }) {
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "GetQueueAttributes");
  const since = new Date(Math.floor(Date.now() / 60_000) * 60_000 - (input.minutes - 1) * 60_000);
  const rows = await db.sqsQueueMetric.findMany({ where: { queueId: queue.id, minute: { gte: since } }, orderBy: { minute: "asc" } });
  const byMinute = new Map(rows.map((r) => [r.minute.getTime(), r]));
  return Array.from({ length: input.minutes }, (_, i) => {
    const minute = new Date(since.getTime() + i * 60_000);
    const r = byMinute.get(minute.getTime());
    return { minute, sent: r?.sent ?? 0, received: r?.received ?? 0, deleted: r?.deleted ?? 0, oldestAgeSeconds: r?.oldestAgeSeconds ?? null };
  });
}
