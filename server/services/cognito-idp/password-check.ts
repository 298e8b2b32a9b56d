/**
 * The password step every password sign-in shares (InitiateAuth's password flows and the hosted UI):
 * the address and lockout guards, the PreAuthentication trigger, the check itself and its bookkeeping.
 */
import type { Db } from "../../db/client";
import type { CognitoUser, CognitoUserPool } from "../../db/generated/client";
import type { AwsError } from "../../errors";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "../accounts/passwords";
import { CognitoErrors } from "./errors";
import { aroundAuthentication } from "./lifecycle-triggers";
import { checkAddress, checkNotLocked, recordAddressFailure, recordFailure, recordSuccess } from "./sign-in-guard";
import { findUser } from "./store";

export const incorrectPassword = () => CognitoErrors.notAuthorized("Incorrect username or password.");

export async function provePassword(
  db: Db,
  args: {
    pool: CognitoUserPool;
    clientId: string;
    username: string;
    password: string;
    sourceIp?: string;
    /** The error for a user that does not exist (what PreventUserExistenceErrors decides). */
    unknownUser: () => AwsError;
    /** Runs once the user is looked up, before any password check (the client's SECRET_HASH). */
    beforeCheck?: (user: CognitoUser | null) => void;
  },
): Promise<CognitoUser> {
  const { pool, sourceIp } = args;
  await checkAddress(pool.id, sourceIp);
  const user = await findUser(db, pool, args.username);
  args.beforeCheck?.(user);
  if (!user?.passwordHash) {
    // As long as a wrong password takes, so the answer's timing does not tell whether the user exists.
    await verifyPassword(args.password, await DUMMY_PASSWORD_HASH);
    await recordAddressFailure(pool.id, sourceIp);
    throw args.unknownUser();
  }
  checkNotLocked(user);
  await aroundAuthentication("PreAuthentication", pool, user, args.clientId);
  if (!(await verifyPassword(args.password, user.passwordHash))) {
    await Promise.all([recordFailure(db, user), recordAddressFailure(pool.id, sourceIp)]);
    throw incorrectPassword();
  }
  await recordSuccess(db, user);
  return user;
}
