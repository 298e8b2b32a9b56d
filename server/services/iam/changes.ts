/**
 * Gateways cache who may do what (policy sets, team enforcement) for a moment; every IAM change
 * announces itself after it commits: on this channel for other processes, and at once to this one,
 * so a call right after AttachRolePolicy already sees the policy.
 */
import { EventEmitter } from "node:events";
import type { Db } from "../../db/client";

export const IAM_CHANGED_CHANNEL = "stratus_iam_changed";

export const localIamChanges = new EventEmitter();

export async function announceIamChange(db: Db, accountId: string): Promise<void> {
  localIamChanges.emit("change", accountId);
  await db.$executeRaw`SELECT pg_notify(${IAM_CHANGED_CHANNEL}, ${accountId})`;
}
