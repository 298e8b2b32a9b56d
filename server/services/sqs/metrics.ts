import { pgPool } from "../../db/pool";
import { MinuteCounters } from "../../lib/minute-counters";

/** Per-queue, per-minute counters for the console's charts (see MinuteCounters), in sqs_queue_metrics. */
export type QueueMetric = "sent" | "received" | "deleted";

const counters = new MinuteCounters<QueueMetric>(
  { sent: "sum", received: "sum", deleted: "sum" },
  async (rows) => {
    await pgPool().query(
      `INSERT INTO sqs_queue_metrics (queue_id, minute, sent, received, deleted)
       SELECT m.queue_id, m.minute, m.sent, m.received, m.deleted
         FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::int[], $5::int[]) AS m(queue_id, minute, sent, received, deleted)
         JOIN sqs_queues q ON q.id = m.queue_id
       ON CONFLICT (queue_id, minute) DO UPDATE
         SET sent = sqs_queue_metrics.sent + EXCLUDED.sent,
             received = sqs_queue_metrics.received + EXCLUDED.received,
             deleted = sqs_queue_metrics.deleted + EXCLUDED.deleted`,
      [rows.map((r) => r.key), rows.map((r) => r.minute), rows.map((r) => r.values.sent), rows.map((r) => r.values.received), rows.map((r) => r.values.deleted)],
    );
  },
  "sqs",
);

export function recordQueueMetric(queueId: string, metric: QueueMetric, count: number): void {
  if (count > 0) counters.add(queueId, { [metric]: count });
}

export const flushQueueMetrics = () => counters.flush();
