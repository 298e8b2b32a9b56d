/**
 * The hosted UI's sign-in session: a sealed cookie scoped to the pool's path, so a second authorization
 * request within the hour goes straight back to the app. A global sign-out, or the user being disabled
 * or deleted, ends it.
 */
import { z } from "zod";
import type { Db } from "../../../db/client";
import type { CognitoUser, CognitoUserPool } from "../../../db/generated/client";
import { cookieOf, setCookie, type WebRequest } from "./http";
import { seal, unseal } from "./sealed";
import { userByKey } from "../store";

const COOKIE = "cognito";
/** How long Cognito's hosted UI remembers a sign-in. */
const SESSION_SECONDS = 3600;

const HostedSession = z.object({ pool: z.string(), user: z.string(), authTime: z.number() });

export const sessionCookie = (pool: CognitoUserPool, user: CognitoUser, authTime: Date): string =>
  setCookie(COOKIE, seal({ pool: pool.id, user: user.usernameKey, authTime: authTime.getTime() }, SESSION_SECONDS), `/${pool.id}`, SESSION_SECONDS);

export const clearedSessionCookie = (poolId: string): string => setCookie(COOKIE, "", `/${poolId}`, 0);

export interface SignedInSession {
  user: CognitoUser;
  authTime: Date;
}

export async function sessionOf(db: Db, pool: CognitoUserPool, req: Pick<WebRequest, "headers">): Promise<SignedInSession | null> {
  const session = unseal(HostedSession, cookieOf(req, COOKIE));
  if (!session || session.pool !== pool.id) return null;
  const user = await userByKey(db, pool.id, session.user);
  const signedIn = user?.status === "CONFIRMED" || user?.status === "EXTERNAL_PROVIDER";
  if (!user?.enabled || !signedIn || user.tokensValidAfter.getTime() > session.authTime) return null;
  return { user, authTime: new Date(session.authTime) };
}
