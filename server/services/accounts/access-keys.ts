import type { Db, PrismaClient } from "../../db/client";
import { env } from "../../env";
import { encryptSecret, randomString } from "../../lib/secrets";
import type { AccessKeyStatus } from "../../db/generated/enums";
import type { CallContext } from "../context";
import { AccountErrors } from "./errors";
import { requireRole } from "./roles";

const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** IAM's AccessKeysPerUser quota. */
export const MAX_KEYS_PER_USER = 2;

export function newAccessKeyId(prefix: "AKIA" | "ASIA" = "AKIA"): string {
  return prefix + randomString(16, UPPER_ALNUM);
}

export function newSecretAccessKey(): string {
  return randomString(40, SECRET_ALPHABET);
}

/** Stores a key for a user in a team; the caller decides the ID/secret (bootstrap keys are given by env). */
export async function storeAccessKey(db: Db, args: { accountId: string; userId: string; accessKeyId: string; secretAccessKey: string }) {
  await db.accessKey.create({
    data: {
      accessKeyId: args.accessKeyId,
      accountId: args.accountId,
      userId: args.userId,
      secretEncrypted: encryptSecret(args.secretAccessKey, env().STRATUS_SECRET_KEY),
    },
  });
}

/**
 * CreateAccessKey for the calling console user; the secret is returned once and stored encrypted. The
 * membership row is locked so concurrent creates respect the quota and a concurrent removal wins cleanly.
 */
export async function createAccessKey(db: PrismaClient, ctx: CallContext) {
  requireRole(ctx, "developer", "iam:CreateAccessKey");
  const userId = ctx.principal.consoleUserId!;
  return db.$transaction(async (tx) => {
    const member = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM memberships WHERE account_id = ${ctx.accountId} AND user_id = ${userId}::uuid FOR UPDATE`;
    if (member.length === 0) throw AccountErrors.noSuchUser();
    const existing = await tx.accessKey.count({ where: { accountId: ctx.accountId, userId } });
    if (existing >= MAX_KEYS_PER_USER) throw AccountErrors.tooManyKeys();
    const accessKeyId = newAccessKeyId();
    const secretAccessKey = newSecretAccessKey();
    await storeAccessKey(tx, { accountId: ctx.accountId, userId, accessKeyId, secretAccessKey });
    return { accessKeyId, secretAccessKey };
  });
}

export async function listAccessKeys(db: Db, ctx: CallContext) {
  return db.accessKey.findMany({
    where: { accountId: ctx.accountId, userId: ctx.principal.consoleUserId },
    select: { accessKeyId: true, status: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "asc" },
  });
}

/** The caller's own key in the current team, or NoSuchEntity — keys of other users and teams are invisible. */
function ownKey(ctx: CallContext, accessKeyId: string) {
  return { accessKeyId, accountId: ctx.accountId, userId: ctx.principal.consoleUserId };
}

export async function updateAccessKey(db: Db, ctx: CallContext, accessKeyId: string, status: AccessKeyStatus): Promise<void> {
  requireRole(ctx, "developer", "iam:UpdateAccessKey");
  const { count } = await db.accessKey.updateMany({ where: ownKey(ctx, accessKeyId), data: { status } });
  if (count === 0) throw AccountErrors.noSuchKey(accessKeyId);
}

export async function deleteAccessKey(db: Db, ctx: CallContext, accessKeyId: string): Promise<void> {
  requireRole(ctx, "developer", "iam:DeleteAccessKey");
  const { count } = await db.accessKey.deleteMany({ where: ownKey(ctx, accessKeyId) });
  if (count === 0) throw AccountErrors.noSuchKey(accessKeyId);
}
