import type { z } from "zod";
import type { Db } from "../db/client";
import type { Queryable } from "../db/pool";
import type { RegisteredJob } from "../../workers/jobs";
import type { AnyJobDefinition } from "./job";

/** Channel the relay LISTENs on; notifications are delivered only when the writing transaction commits. */
export const OUTBOX_CHANNEL = "stratus_outbox";

/** One variant per job: `job` picks the definition, `payload` must match its schema's input. */
export type OutboxEventInput<Job extends AnyJobDefinition = RegisteredJob> = Job extends AnyJobDefinition
  ? {
      accountId: string;
      region: string;
      job: Job["name"];
      payload: z.input<Job["schema"]>;
      /** Not run before this many seconds after the transaction started. */
      delaySeconds?: number;
    }
  : never;

/** Wakes relays once the current transaction commits (Postgres folds identical notifications). */
export async function notifyRelay(tx: Db): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`;
}

/**
 * Records background work in the caller's transaction: it runs only if that transaction commits.
 * `Job` defaults to the workers' registry; pass a definition explicitly only for jobs served by a
 * custom `startWorkers({ jobs })` (tests). Returns the outbox row id.
 */
export async function enqueueOutbox<Job extends AnyJobDefinition = RegisteredJob>(tx: Db, event: OutboxEventInput<Job>): Promise<bigint> {
  // Times come from the database clock (stored as UTC like Prisma does) so availability is
  // judged against the same clock the relay uses, whatever host enqueued the row.
  const rows = await tx.$queryRaw<{ id: bigint }[]>`
    INSERT INTO outbox_events (account_id, region, job, payload, available_at, created_at)
    VALUES (${event.accountId}, ${event.region}, ${event.job}, ${JSON.stringify(event.payload)}::jsonb,
            timezone('UTC', now()) + make_interval(secs => ${event.delaySeconds ?? 0}),
            timezone('UTC', now()))
    RETURNING id`;
  await notifyRelay(tx);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error("INSERT … RETURNING returned no row");
  return id;
}

/**
 * `enqueueOutbox` for hot paths on a plain pg client (e.g. SNS fan-out inside its publish transaction):
 * one statement for any number of events, plus the relay's wake-up.
 */
export async function enqueueOutboxWithin<Job extends AnyJobDefinition = RegisteredJob>(client: Queryable, events: OutboxEventInput<Job>[]): Promise<void> {
  if (events.length === 0) return;
  await client.query({
    name: "outbox-enqueue-many",
    text: `
      INSERT INTO outbox_events (account_id, region, job, payload, available_at, created_at)
      SELECT e.account_id, e.region, e.job, e.payload, timezone('UTC', now()) + make_interval(secs => e.delay), timezone('UTC', now())
        FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::int[]) AS e(account_id, region, job, payload, delay)`,
    values: [
      events.map((e) => e.accountId),
      events.map((e) => e.region),
      events.map((e) => e.job),
      events.map((e) => JSON.stringify(e.payload)),
      events.map((e) => e.delaySeconds ?? 0),
    ],
  });
  await client.query({ name: "outbox-notify", text: "SELECT pg_notify($1, '')", values: [OUTBOX_CHANNEL] });
}
