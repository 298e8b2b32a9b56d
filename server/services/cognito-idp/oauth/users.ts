import type { Db } from "../../../db/client";
import type { CognitoUser } from "../../../db/generated/client";

/** A user by the key codes, sessions and refresh tokens remember them by. */
export const userByKey = (db: Db, userPoolId: string, usernameKey: string): Promise<CognitoUser | null> =>
  db.cognitoUser.findUnique({ where: { userPoolId_usernameKey: { userPoolId, usernameKey } } });
