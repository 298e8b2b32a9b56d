/** The user an access token belongs to, for the calls end users make with their tokens. */
import type { Db } from "../../db/client";
import type { CognitoUser, CognitoUserPool } from "../../db/generated/client";
import { CognitoErrors } from "./errors";
import { findUser } from "./store";
import { isRevoked, verifyToken } from "./tokens";

export interface SignedIn {
  pool: CognitoUserPool;
  user: CognitoUser;
}

/** The user an access token belongs to, refusing revoked tokens and disabled or deleted users. */
export async function signedInUser(db: Db, accessToken: string): Promise<SignedIn> {
  const verified = await verifyToken(db, accessToken, "access");
  const pool = await db.cognitoUserPool.findUnique({ where: { id: verified.userPoolId } });
  const username = verified.claims.username;
  const user = pool && typeof username === "string" ? await findUser(db, pool, username) : null;
  if (!pool || !user || user.sub !== verified.claims.sub) throw CognitoErrors.notAuthorized("Invalid Access Token");
  if (!user.enabled) throw CognitoErrors.notAuthorized("User is disabled.");
  if (await isRevoked(db, user, verified.claims)) throw CognitoErrors.notAuthorized("Access Token has been revoked");
  return { pool, user };
}

