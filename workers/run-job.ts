import { UnrecoverableError, type Job, type Processor } from "bullmq";
import type { Db, PrismaClient } from "../server/db/client";
import { DEFAULT_TRANSACTION_TIMEOUT_MS, UNFINISHED, type AnyJobDefinition, type JsonValue } from "../server/outbox/job";
import { enqueueNextRun } from "../server/outbox/periodic";
import type { OutboxJobData } from "../server/outbox/queues";

/** How long a transactional job may wait for a pooled connection when all are busy. */
const CONNECTION_WAIT_MS = 10_000;

interface UnfinishedRow {
  accountId: string;
  region: string;
  payload: JsonValue;
}

/**
 * The BullMQ processor for one job definition. A row already done or failed is skipped, so a job
 * relayed twice does nothing the second time. Every failure is written to the row (attempts,
 * lastError) before it is rethrown to BullMQ, which retries it; the last one also marks it failed.
 */
export function outboxProcessor(job: AnyJobDefinition, db: PrismaClient): Processor<OutboxJobData> {
  return async (bullJob: Job<OutboxJobData>) => {
    const outboxId = BigInt(bullJob.data.outboxId);
    const attempt = bullJob.attemptsMade + 1;
    try {
      await (job.mode === "transactional" ? runTransactional(job, db, outboxId, attempt) : runAtLeastOnce(job, db, outboxId, attempt));
    } catch (err) {
      const final = err instanceof UnrecoverableError || attempt >= (bullJob.opts.attempts ?? 1);
      await recordFailure(db, job, outboxId, err, final);
      throw err;
    }
  };
}

async function runTransactional(job: AnyJobDefinition, db: PrismaClient, outboxId: bigint, attempt: number): Promise<void> {
  await db.$transaction(
    async (tx) => {
      // Held until commit: a second delivery of this row waits here, then finds it done.
      const [row] = await tx.$queryRaw<UnfinishedRow[]>`
        SELECT account_id AS "accountId", region, payload FROM outbox_events
        WHERE id = ${outboxId} AND status = ANY(${[...UNFINISHED]}::"OutboxStatus"[])
        FOR UPDATE`;
      if (!row) return;
      await job.handler(parsePayload(job, row.payload), { tx, outboxId, accountId: row.accountId, region: row.region, attempt });
      await markDone(tx, job, outboxId);
    },
    { timeout: job.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS, maxWait: CONNECTION_WAIT_MS },
  );
}

async function runAtLeastOnce(job: AnyJobDefinition, db: PrismaClient, outboxId: bigint, attempt: number): Promise<void> {
  const [row] = await db.$queryRaw<UnfinishedRow[]>`
    SELECT account_id AS "accountId", region, payload FROM outbox_events
    WHERE id = ${outboxId} AND status = ANY(${[...UNFINISHED]}::"OutboxStatus"[])`;
  if (!row) return;
  await job.handler(parsePayload(job, row.payload), { db, outboxId, accountId: row.accountId, region: row.region, attempt });
  // Only a periodic job's next run must commit with it.
  if (job.every) await db.$transaction((tx) => markDone(tx, job, outboxId));
  else await markDone(db, job, outboxId);
}

function parsePayload(job: AnyJobDefinition, payload: unknown): unknown {
  const parsed = job.schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(payload)"}: ${issue.message}`);
  // Retrying cannot fix a payload.
  throw new UnrecoverableError(`Invalid payload for ${job.name}: ${issues.join("; ")}`);
}

/**
 * Only an unfinished row changes, so a duplicate delivery that got this far cannot finish it twice.
 * Raw SQL: every job ends here, and a model query costs a query compilation each time.
 */
async function markDone(tx: Db, job: AnyJobDefinition, outboxId: bigint): Promise<void> {
  const count = await tx.$executeRaw`
    UPDATE outbox_events SET status = 'done', attempts = attempts + 1, finished_at = timezone('UTC', now())
    WHERE id = ${outboxId} AND status = ANY(${[...UNFINISHED]}::"OutboxStatus"[])`;
  if (count === 1) await enqueueNextRun(tx, job);
}

async function recordFailure(db: PrismaClient, job: AnyJobDefinition, outboxId: bigint, err: unknown, final: boolean): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const { count } = await tx.outboxEvent.updateMany({
        where: { id: outboxId, status: { in: [...UNFINISHED] } },
        data: { attempts: { increment: 1 }, lastError: String(err), ...(final && { status: "failed", finishedAt: new Date() }) },
      });
      if (final && count === 1) await enqueueNextRun(tx, job);
    });
  } catch (recordErr) {
    // Both matter: the job's error, and that the row does not show it. Not unrecoverable any more:
    // the job runs again (by BullMQ, or after its last attempt by the reconciler) and records then.
    throw new AggregateError([err, recordErr], `${job.name} failed and recording the failure failed too`);
  }
}
