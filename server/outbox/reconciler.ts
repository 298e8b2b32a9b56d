import type { JobState } from "bullmq";
import type { PrismaClient } from "../db/client";
import { notifyRelay } from "./enqueue";
import type { Logger } from "./log";
import { outboxJobId, queueFor, type OutboxQueues } from "./queues";

export interface ReconcilerOptions {
  db: PrismaClient;
  /** Only rows of these jobs are checked. */
  queues: OutboxQueues;
  /** Only rows of these accounts (see StartWorkersOptions.accountIds); default every account. */
  accountIds?: readonly string[];
  logger: Logger;
  intervalMs: number;
  batchSize?: number;
}

interface EnqueuedRow {
  id: bigint;
  job: string;
}

/**
 * BullMQ states in which the job will not run again although its row is unfinished: the worker
 * records the outcome in Postgres before BullMQ settles, so these mean the outcome was never recorded
 * (e.g. the database was unreachable at that moment, or the job stalled too often).
 */
const SETTLED: readonly (JobState | "unknown")[] = ["completed", "failed"];

/**
 * Puts `enqueued` rows back to `pending` when Redis no longer holds a live job for them (flushed,
 * restarted without persistence, or settled without a recorded outcome); the relay then adds them
 * again. Rows are locked `FOR UPDATE SKIP LOCKED`, which skips rows a transactional job is running
 * on, and rows whose job is waiting, delayed or active are left alone, so work in flight is not
 * duplicated. (An at-least-once job running in memory when Redis is flushed can run twice.)
 */
export function startReconciler({ db, queues, accountIds, logger, intervalMs, batchSize = 500 }: ReconcilerOptions): { stop(): Promise<void> } {
  const jobNames = [...queues.keys()];
  const accounts = accountIds ? [...accountIds] : null;

  async function reconcileBatch(afterId: bigint): Promise<{ checked: EnqueuedRow[]; requeued: number }> {
    return db.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<EnqueuedRow[]>`
          SELECT id, job FROM outbox_events
          WHERE status = 'enqueued' AND job = ANY(${jobNames}) AND id > ${afterId}
            AND (${accounts}::text[] IS NULL OR account_id = ANY(${accounts}::text[]))
          ORDER BY id
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED`;
        const lost: bigint[] = [];
        await Promise.all(
          rows.map(async (row) => {
            if (await jobIsLost(row)) lost.push(row.id);
          }),
        );
        if (lost.length > 0) {
          await tx.outboxEvent.updateMany({ where: { id: { in: lost } }, data: { status: "pending", enqueuedAt: null } });
          await notifyRelay(tx);
        }
        return { checked: rows, requeued: lost.length };
      },
      { timeout: 30_000 },
    );
  }

  async function jobIsLost(row: EnqueuedRow): Promise<boolean> {
    const queue = queueFor(queues, row.job);
    const jobId = outboxJobId(row.id);
    const state = await queue.getJobState(jobId);
    if (state === "unknown") return true;
    if (!SETTLED.includes(state)) return false;
    // A settled job would swallow the relay's re-add (same id), so it must go first; 0 means it is locked.
    return (await queue.remove(jobId)) === 1;
  }

  /** Checks every enqueued row once; resolves to how many were put back. */
  async function runOnce(): Promise<number> {
    let requeued = 0;
    let afterId = 0n;
    for (;;) {
      const batch = await reconcileBatch(afterId);
      requeued += batch.requeued;
      const last = batch.checked.at(-1);
      if (!last || batch.checked.length < batchSize) return requeued;
      afterId = last.id;
    }
  }

  let pass: Promise<void> | undefined;
  const timer = setInterval(() => {
    // A pass still running when the next tick comes is not doubled up.
    pass ??= runOnce()
      .then(
        (requeued) => {
          if (requeued > 0) logger.warn(`outbox reconciler: re-queued ${requeued} job(s) Redis no longer holds`);
        },
        (err: unknown) => logger.error("outbox reconciler: pass failed, retrying next interval:", err),
      )
      .finally(() => {
        pass = undefined;
      });
  }, intervalMs);

  return {
    async stop() {
      clearInterval(timer);
      await pass;
    },
  };
}
