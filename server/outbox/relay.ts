import type { PrismaClient } from "../db/client";
import { coalesced } from "../lib/coalesced";
import { OUTBOX_CHANNEL } from "./enqueue";
import { listen } from "./listen";
import type { Logger } from "./log";
import { outboxJobId, queueFor, type OutboxQueues } from "./queues";

export interface RelayOptions {
  db: PrismaClient;
  /** For the dedicated LISTEN connection. */
  databaseUrl: string;
  /** Only rows of these jobs are relayed: a process claims just the work it can run. */
  queues: OutboxQueues;
  /** Only rows of these accounts (see StartWorkersOptions.accountIds); default every account. */
  accountIds?: readonly string[];
  logger: Logger;
  /** Fallback for delayed rows coming due and missed notifications. */
  pollIntervalMs?: number;
  batchSize?: number;
}

interface DueRow {
  id: bigint;
  job: string;
}

/**
 * Moves due `pending` rows into BullMQ, woken by NOTIFY and by a poll. Rows are locked
 * `FOR UPDATE SKIP LOCKED` while their jobs are added, so relays in several processes never
 * claim the same row, and a worker that picks a job up before the row is marked `enqueued`
 * waits on that lock. A crash between adding and committing leaves the row `pending`; relaying
 * it again is harmless because BullMQ dedups by job id.
 */
export function startRelay({ db, databaseUrl, queues, accountIds, logger, pollIntervalMs = 1_000, batchSize = 100 }: RelayOptions): { stop(): Promise<void> } {
  const jobNames = [...queues.keys()];
  const accounts = accountIds ? [...accountIds] : null;
  let stopped = false;

  async function relayBatch(): Promise<number> {
    return db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<DueRow[]>`
          SELECT id, job FROM outbox_events
          WHERE status = 'pending' AND available_at <= timezone('UTC', now()) AND job = ANY(${jobNames})
            AND (${accounts}::text[] IS NULL OR account_id = ANY(${accounts}::text[]))
          ORDER BY id
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        const byJob = new Map<string, DueRow[]>();
        for (const row of rows) {
          const group = byJob.get(row.job);
          if (group) group.push(row);
          else byJob.set(row.job, [row]);
        }
        await Promise.all(
          [...byJob].map(([job, jobRows]) =>
            queueFor(queues, job).addBulk(
              jobRows.map((row) => ({ name: job, data: { outboxId: String(row.id) }, opts: { jobId: outboxJobId(row.id) } })),
            ),
          ),
        );
        await tx.$executeRaw`
          UPDATE outbox_events SET status = 'enqueued', enqueued_at = timezone('UTC', now())
          WHERE id = ANY(${rows.map((row) => row.id)}::bigint[])`;
        return rows.length;
      },
      // Generous, as the batch waits on Redis inside the transaction; if it times out anyway, the
      // rows stay pending and the next batch re-adds them (deduped).
      { timeout: 30_000 },
    );
  }

  async function drain(): Promise<void> {
    while (!stopped && (await relayBatch()) === batchSize);
  }

  const drains = coalesced(drain, (err: unknown) => logger.error("outbox relay: batch failed, retrying on the next wake-up:", err));
  const poll = setInterval(drains.wake, pollIntervalMs);
  const listener = listen(databaseUrl, OUTBOX_CHANNEL, drains.wake, logger);
  return {
    async stop() {
      stopped = true;
      clearInterval(poll);
      await Promise.all([listener.close(), drains.stop()]);
    },
  };
}
