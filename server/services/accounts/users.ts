import type { Db } from "../../db/client";
import { AwsError } from "../../errors";
import { AccountErrors } from "./errors";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "./passwords";

export interface SignUpInput {
  email: string;
  name: string;
  password: string;
}

export async function signUp(db: Db, input: SignUpInput): Promise<{ userId: string }> {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw AccountErrors.emailTaken();
  const user = await db.user.create({
    data: { email: input.email, name: input.name, passwordHash: await hashPassword(input.password) },
    select: { id: true },
  });
  return { userId: user.id };
}

/** Lock a user out after this many consecutive failures… */
export const MAX_FAILED_SIGN_INS = 5;
/** …for this long. */
export const LOCKOUT_MS = 15 * 60 * 1000;
/** And refuse an address that failed this often within the lockout window, whatever the email. */
export const MAX_FAILURES_PER_IP = 30;

export class SignInLockedError extends AwsError {
  constructor() {
    super("LockedOut", "Too many failed sign-in attempts. Try again in a few minutes.", 429);
  }
}

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
}

/**
 * Checks email + password with per-user lockout and per-address throttling.
 * Returns null for a wrong email or password (without saying which).
 */
export async function authenticate(
  db: Db,
  { email, password, sourceIp }: { email: string; password: string; sourceIp?: string },
  now = new Date(),
): Promise<AuthenticatedUser | null> {
  const windowStart = new Date(now.getTime() - LOCKOUT_MS);
  if (sourceIp) {
    const ipFailures = await db.signInAttempt.count({ where: { sourceIp, success: false, time: { gte: windowStart } } });
    if (ipFailures >= MAX_FAILURES_PER_IP) throw new SignInLockedError();
  }
  const user = await db.user.findUnique({ where: { email } });
  if (user?.lockedUntil && user.lockedUntil > now) throw new SignInLockedError();

  const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_PASSWORD_HASH));
  await db.signInAttempt.create({ data: { email, sourceIp: sourceIp ?? null, success: ok && !!user, time: now } });
  if (!user) return null;
  if (!ok) {
    const failed = user.failedSignIns + 1;
    await db.user.update({
      where: { id: user.id },
      data: failed >= MAX_FAILED_SIGN_INS ? { failedSignIns: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) } : { failedSignIns: failed },
    });
    return null;
  }
  if (user.failedSignIns > 0 || user.lockedUntil) {
    await db.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
  }
  return { id: user.id, email: user.email, name: user.name };
}
