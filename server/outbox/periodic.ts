import type { Db, PrismaClient } from "../db/client";
import { env } from "../env";
import { enqueueOutbox } from "./enqueue";
import { UNFINISHED, type AnyJobDefinition } from "./job";

type Every = NonNullable<AnyJobDefinition["every"]>;

async function enqueueRun(tx: Db, job: string, every: Every, delaySeconds: number): Promise<void> {
  await enqueueOutbox<AnyJobDefinition>(tx, {
    accountId: env().STRATUS_ACCOUNT_ID,
    region: env().STRATUS_DEFAULT_REGION,
    job,
    payload: every.payload,
    delaySeconds,
  });
}

/** Enqueues the next run of a periodic job (no-op for others). Call in the transaction that finishes the current run. */
export async function enqueueNextRun(tx: Db, job: AnyJobDefinition): Promise<void> {
  if (job.every) await enqueueRun(tx, job.name, job.every, job.every.seconds);
}

/** Starts each periodic job's chain unless a run is already unfinished; safe when several processes start at once. */
export async function seedPeriodicJobs(db: PrismaClient, jobs: readonly AnyJobDefinition[]): Promise<void> {
  for (const { name, every } of jobs) {
    if (!every) continue;
    await db.$transaction(async (tx) => {
      // Serializes concurrent seeders of this job; released at commit.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`outbox.seed:${name}`}))`;
      const unfinished = await tx.outboxEvent.count({ where: { job: name, status: { in: [...UNFINISHED] } } });
      if (unfinished === 0) await enqueueRun(tx, name, every, 0);
    });
  }
}
