/**
 * Gateways keep what invocations need of a deployed API (its stage and deployment) for a moment; every
 * change to an API announces itself on this channel as its transaction commits, so they drop it at once.
 */
import { EventEmitter } from "node:events";
import type { Db } from "../../db/client";

export const APIS_CHANGED_CHANNEL = "stratus_apigw_apis_changed";

/** Inside the change's transaction: Postgres delivers the notification only if it commits. */
export async function announceApiChanged(tx: Db, restApiId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${APIS_CHANGED_CHANNEL}, ${restApiId})`;
}

/**
 * The same news within this process, emitted once the change has committed: a gateway serving the
 * call that changed an API must not answer the caller's next request from what it had before, which
 * the notification (delivered a moment later) cannot promise.
 */
export const localApiChanges = new EventEmitter<{ changed: [restApiId: string] }>();
