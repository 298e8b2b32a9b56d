import { pgPool } from "../../db/pool";

/**
 * Per-queue, per-minute counters for the console's charts. Counting in the hot path's own statement
 * would make every sender contend for one counter row, so each process adds up locally and flushes
 * into sqs_queue_metrics every few seconds (and on shutdown). Counts are monitoring data, not
 * messages: at worst a crash loses a few seconds of them.
 */
export type QueueMetric = "sent" | "received" | "deleted";

const FLUSH_INTERVAL_MS = 5_000;
const pending = new Map<string, Record<QueueMetric, number>>();
let timer: NodeJS.Timeout | undefined;

function minuteOf(date: Date): string {
  return new Date(Math.floor(date.getTime() / 60_000) * 60_000).toISOString();
}

export function recordQueueMetric(queueId: string, metric: QueueMetric, count: number): void {
  if (count <= 0) return;
  const key = `${queueId}|${minuteOf(new Date())}`;
  const counters = pending.get(key) ?? { sent: 0, received: 0, deleted: 0 };
  counters[metric] += count;
  pending.set(key, counters);
  timer ??= setTimeout(() => void flushQueueMetrics(), FLUSH_INTERVAL_MS).unref();
}

export async function flushQueueMetrics(): Promise<void> {
  timer = undefined;
  if (pending.size === 0) return;
  const batch = [...pending];
  pending.clear();
  await pgPool()
    .query(
      `INSERT INTO sqs_queue_metrics (queue_id, minute, sent, received, deleted)
       SELECT m.queue_id, m.minute, m.sent, m.received, m.deleted
         FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::int[], $5::int[]) AS m(queue_id, minute, sent, received, deleted)
         JOIN sqs_queues q ON q.id = m.queue_id
       ON CONFLICT (queue_id, minute) DO UPDATE
         SET sent = sqs_queue_metrics.sent + EXCLUDED.sent,
             received = sqs_queue_metrics.received + EXCLUDED.received,
             deleted = sqs_queue_metrics.deleted + EXCLUDED.deleted`,
      [
        batch.map(([k]) => k.split("|")[0]),
        batch.map(([k]) => k.split("|")[1]),
        batch.map(([, c]) => c.sent),
        batch.map(([, c]) => c.received),
        batch.map(([, c]) => c.deleted),
      ],
    )
    .catch((error: Error) => console.error("sqs metrics: flush failed:", error.message));
}
