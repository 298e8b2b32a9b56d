/** What the supervisor hands each poller it runs on a slot it holds, and how a poller ends. */
import type { PrismaClient } from "../../../server/db/client";
import type { DecisionSource } from "../../../server/services/iam/role-permission";
import type { Logger } from "../../../server/outbox/log";
import type { MappingRow } from "../../../server/services/lambda/event-source-mappings/model";
import type { LambdaExecutor } from "../executor";

export interface PollerDeps {
  db: PrismaClient;
  executor: LambdaExecutor;
  /** What the functions' execution roles may do (cached; dropped on every IAM change). */
  iam: DecisionSource;
  logger: Logger;
  slot: number;
  /** Aborted when the poller should stop; a batch being invoked is still settled. */
  signal: AbortSignal;
  /** The mapping as last loaded: changes apply from the next batch. */
  mapping(): MappingRow;
  /** The source has a backlog: more pollers would help, up to `cap`. */
  scaleUp(cap: number): void;
}

/** Why a poller stopped: its slot (above the first) found nothing to do, or exceeds the mapping's concurrency. */
export type PollerEnd = "idle" | "over-cap" | "stopped";
