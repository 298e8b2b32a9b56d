import type { z } from "zod";
import type { Db } from "../db/client";

/** What survives JSON.stringify: payloads live in a jsonb column, so Dates, bigints and Maps are rejected at compile time. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** A payload schema: parses stored JSON into whatever the handler wants. */
export type PayloadSchema = z.ZodType<unknown, z.ZodTypeDef, JsonValue>;

/** Statuses of a row whose job has not finished: the only ones a worker may still act on. */
export const UNFINISHED = ["pending", "enqueued"] as const;

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1_000;
export const DEFAULT_TRANSACTION_TIMEOUT_MS = 30_000;

interface JobContext {
  outboxId: bigint;
  accountId: string;
  region: string;
  /** BullMQ's try number, 1 on the first; restarts if Redis lost the job. */
  attempt: number;
}

export interface TransactionalContext extends JobContext {
  /** The transaction that also marks the row done: effects written through it happen exactly once. */
  tx: Db;
}

export interface AtLeastOnceContext extends JobContext {
  db: Db;
}

/** How a job's completion relates to its effects. */
interface ModeContexts {
  /** Runs inside the transaction that marks the row done: for effects in Postgres, which happen exactly once. */
  transactional: TransactionalContext;
  /** The row is marked done after the handler succeeds: for external effects (HTTP), which may repeat. */
  "at-least-once": AtLeastOnceContext;
}

export type JobMode = keyof ModeContexts;

export interface JobDefinition<Name extends string = string, Schema extends PayloadSchema = PayloadSchema, Mode extends JobMode = JobMode> {
  /** Also the BullMQ queue name, so no `:`. Convention: `<service>.<action>`, e.g. `sns.deliver`. */
  name: Name;
  schema: Schema;
  mode: Mode;
  // A method, not a function property: method parameters are bivariant, so a definition with a
  // specific payload type stays assignable to AnyJobDefinition. Workers only pass parsed payloads.
  handler(payload: z.output<Schema>, ctx: ModeContexts[Mode]): Promise<void>;
  /** Tries before the row ends `failed` (default 5), with exponential backoff starting at `backoffMs`. */
  attempts?: number;
  backoffMs?: number;
  /** Jobs of this type run at once per worker process (default WORKER_CONCURRENCY). */
  concurrency?: number;
  /** Transactional jobs: limit per try, during which the row stays locked (default 30 s). */
  transactionTimeoutMs?: number;
  /**
   * Makes the job periodic: a run is seeded when workers start and every finished run (done or
   * failed) enqueues the next one `seconds` later in the same transaction, so exactly one is pending.
   * Periodic runs belong to STRATUS_ACCOUNT_ID in STRATUS_DEFAULT_REGION.
   */
  every?: { seconds: number; payload: z.input<Schema> };
}

export type AnyJobDefinition = JobDefinition<string, PayloadSchema, JobMode>;

/** Identity function that infers the job's name, payload types and mode. */
export function defineJob<Name extends string, Schema extends PayloadSchema, Mode extends JobMode>(
  definition: JobDefinition<Name, Schema, Mode>,
): JobDefinition<Name, Schema, Mode> {
  return definition;
}
