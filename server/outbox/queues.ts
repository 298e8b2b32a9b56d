import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, type AnyJobDefinition } from "./job";

// One BullMQ queue per job name rather than a shared one: each job type gets its own worker
// concurrency, so slow work (Lambda invocations) cannot starve fast work (SNS deliveries), and a
// row's job name alone tells the reconciler where its BullMQ job lives.

/** Redis holds only the row id: Postgres keeps the payload and the truth. */
export interface OutboxJobData {
  outboxId: string;
}

export type OutboxQueues = ReadonlyMap<string, Queue<OutboxJobData>>;

/** BullMQ dedups adds by job id, so a row is queued at most once however often it is relayed. BullMQ rejects `:` in ids. */
export function outboxJobId(outboxId: bigint): string {
  return `outbox-${outboxId}`;
}

/** BullMQ requires `maxRetriesPerRequest: null`: commands wait for a reconnect instead of failing jobs. */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

export function createQueues(jobs: readonly AnyJobDefinition[], connection: Redis, prefix: string): Map<string, Queue<OutboxJobData>> {
  return new Map(
    jobs.map((job) => [
      job.name,
      new Queue<OutboxJobData>(job.name, {
        connection,
        prefix,
        defaultJobOptions: {
          attempts: job.attempts ?? DEFAULT_ATTEMPTS,
          backoff: { type: "exponential", delay: job.backoffMs ?? DEFAULT_BACKOFF_MS },
          // Postgres records outcomes; Redis keeps a little history for debugging only.
          removeOnComplete: { age: 3600, count: 1000 },
          removeOnFail: { age: 24 * 3600 },
        },
      }),
    ]),
  );
}

export function queueFor(queues: OutboxQueues, job: string): Queue<OutboxJobData> {
  const queue = queues.get(job);
  if (!queue) throw new Error(`No queue for outbox job "${job}"`);
  return queue;
}
