/**
 * Failed password checks lock a user out for a growing while (per user, stored, so every gateway
 * agrees), as Cognito does after repeated failures; a success clears the count.
 */
import type { Db } from "../../db/client";
import type { CognitoUser } from "../../db/generated/client";
import { ephemeralRedis } from "../../lib/ephemeral-redis";
import { CognitoErrors } from "./errors";

const FREE_ATTEMPTS = 5;
const MAX_LOCK_MS = 15 * 60_000;

export function checkNotLocked(user: Pick<CognitoUser, "lockedUntil">): void {
  if (user.lockedUntil && user.lockedUntil > new Date()) throw CognitoErrors.notAuthorized("Password attempts exceeded");
}

export async function recordFailure(db: Db, user: Pick<CognitoUser, "userPoolId" | "usernameKey" | "failedSignIns">): Promise<void> {
  const failures = user.failedSignIns + 1;
  const lockMs = failures > FREE_ATTEMPTS ? Math.min(MAX_LOCK_MS, 1000 * 2 ** (failures - FREE_ATTEMPTS)) : 0;
  await db.cognitoUser.update({
    where: { userPoolId_usernameKey: { userPoolId: user.userPoolId, usernameKey: user.usernameKey } },
    data: { failedSignIns: failures, lockedUntil: lockMs ? new Date(Date.now() + lockMs) : null },
  });
}

export async function recordSuccess(db: Db, user: Pick<CognitoUser, "userPoolId" | "usernameKey" | "failedSignIns">): Promise<void> {
  if (user.failedSignIns === 0) return;
  await db.cognitoUser.update({ where: { userPoolId_usernameKey: { userPoolId: user.userPoolId, usernameKey: user.usernameKey } }, data: { failedSignIns: 0, lockedUntil: null } });
}

/** Failed sign-ins one address may make against one pool per window, whatever usernames it tries. */
const ADDRESS_MAX_FAILURES = 20;
const ADDRESS_WINDOW_SECONDS = 300;

const addressKey = (userPoolId: string, sourceIp: string) => `stratus:cognito:sign-in-failures:${userPoolId}:${sourceIp}`;

/**
 * Refuses an address that failed too often lately (kept in Redis: losing it only forgets the count, so a
 * Redis outage lets sign-ins through rather than locking everyone out).
 */
export async function checkAddress(userPoolId: string, sourceIp: string | undefined): Promise<void> {
  if (!sourceIp) return;
  const failures = Number((await ephemeralRedis().get(addressKey(userPoolId, sourceIp)).catch(() => null)) ?? 0);
  if (failures >= ADDRESS_MAX_FAILURES) throw CognitoErrors.tooManyRequests("Too many failed attempts from this address. Try again later.");
}

export async function recordAddressFailure(userPoolId: string, sourceIp: string | undefined): Promise<void> {
  if (!sourceIp) return;
  const key = addressKey(userPoolId, sourceIp);
  await ephemeralRedis().multi().incr(key).expire(key, ADDRESS_WINDOW_SECONDS, "NX").exec().catch(() => undefined);
}
