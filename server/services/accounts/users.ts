import type { Db } from "../../db/client";
import { AwsError } from "../../errors";
import { isUniqueViolation } from "../../db/errors";
import { AccountErrors } from "./errors";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "./passwords";

export interface SignUpInput {
  email: string;
  name: string;
  password: string;
}

export async function signUp(db: Db, input: SignUpInput): Promise<{ userId: string }> {
  try {
    const user = await db.user.create({
      data: { email: input.email, name: input.name, passwordHash: await hashPassword(input.password) },
      select: { id: true },
    });
    return { userId: user.id };
  } catch (e) {
    if (isUniqueViolation(e)) throw AccountErrors.emailTaken();
    throw e;
  }
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
 * Checks email + password with per-user lockout and, when the source address can be trusted,
 * per-address throttling. Returns null for a wrong email or password (without saying which).
 * Each attempt is counted before the password is checked, so parallel guesses cannot outrun the lockout.
 */
export async function authenticate(
  db: Db,
  { email, password, sourceIp }: { email: string; password: string; sourceIp?: string },
  now = new Date(),
): Promise<AuthenticatedUser | null> {
  if (sourceIp) {
    const windowStart = new Date(now.getTime() - LOCKOUT_MS);
    const ipFailures = await db.signInAttempt.count({ where: { sourceIp, success: false, time: { gte: windowStart } } });
    if (ipFailures >= MAX_FAILURES_PER_IP) throw new SignInLockedError();
  }
  // Claim the attempt before checking the password: the claim that reaches the limit engages the lock, so
  // parallel guesses cannot outrun it. An expired lock restarts the count.
  const lockUntil = new Date(now.getTime() + LOCKOUT_MS);
  const claimed = await db.$queryRaw<{ id: string; email: string; name: string; password_hash: string }[]>`
    UPDATE users
       SET failed_sign_ins = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_sign_ins + 1 END,
           locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_sign_ins + 1 END) >= ${MAX_FAILED_SIGN_INS}
                               THEN ${lockUntil}::timestamp ELSE NULL END
     WHERE email = ${email} AND (locked_until IS NULL OR locked_until <= ${now}::timestamp)
    RETURNING id, email, name, password_hash`;
  const user = claimed[0];
  if (!user && (await db.user.count({ where: { email } })) > 0) throw new SignInLockedError();

  const ok = await verifyPassword(password, user?.password_hash ?? (await DUMMY_PASSWORD_HASH));
  await db.signInAttempt.create({ data: { email, sourceIp: sourceIp ?? null, success: ok && !!user, time: now } });
  if (!user) return null;
  if (!ok) return null;
  await db.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
  return { id: user.id, email: user.email, name: user.name };
}
