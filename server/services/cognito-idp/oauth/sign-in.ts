/**
 * Signing in through the hosted UI: the password check USER_PASSWORD_AUTH makes (lockout, the
 * authentication triggers, disabled users, the user's state), and the way back to the app with a code
 * or, for the implicit flow, tokens.
 */
import type { Db } from "../../../db/client";
import type { CognitoUser, CognitoUserPool, CognitoUserPoolClient } from "../../../db/generated/client";
import { CognitoErrors } from "../errors";
import { aroundAuthentication } from "../lifecycle-triggers";
import { incorrectPassword, provePassword } from "../password-check";
import { issueTokens } from "../tokens";
import { type AuthorizeRequest, backToApp } from "./authorize-request";
import { issueCode } from "./codes";
import { redirect, type WebResponse } from "./http";
import { sessionCookie } from "./session-cookie";

/** What the user's account needs after a correct password: nothing (a second factor aside), confirming, a temporary password replaced, or a reset. */
export type NextStep = "signed-in" | "confirm" | "new-password" | "reset";

/** Checks the password; the hosted UI never says whether the user exists. */
export async function checkPassword(
  db: Db,
  pool: CognitoUserPool,
  client: CognitoUserPoolClient,
  username: string,
  password: string,
  sourceIp: string | undefined,
): Promise<{ user: CognitoUser; next: NextStep }> {
  const user = await provePassword(db, { pool, clientId: client.clientId, username, password, sourceIp, unknownUser: incorrectPassword });
  if (!user.enabled) throw CognitoErrors.notAuthorized("User is disabled.");
  switch (user.status) {
    case "UNCONFIRMED":
      return { user, next: "confirm" };
    case "RESET_REQUIRED":
      return { user, next: "reset" };
    case "FORCE_CHANGE_PASSWORD":
      if (user.passwordExpiresAt && user.passwordExpiresAt <= new Date()) throw CognitoErrors.notAuthorized("Temporary password has expired and must be reset by an administrator.");
      return { user, next: "new-password" };
  }
  return { user, next: "signed-in" };
}

/** The last step of every hosted sign-in, once the user has passed all the others: PostAuthentication, then back to the app. */
export async function signedIn(db: Db, request: AuthorizeRequest, user: CognitoUser): Promise<WebResponse> {
  await aroundAuthentication("PostAuthentication", request.pool, user, request.client.clientId);
  return finishSignIn(db, request, user);
}

/** Remembers the sign-in (the session cookie) and sends the browser back to the app with a code, or tokens in the fragment. */
export async function finishSignIn(db: Db, request: AuthorizeRequest, user: CognitoUser, authTime = new Date()): Promise<WebResponse> {
  const cookies = [sessionCookie(request.pool, user, authTime)];
  if (request.responseType === "code") {
    const code = await issueCode(db, request, user, authTime);
    return redirect(backToApp(request.redirectUri, false, { code, state: request.state }), cookies);
  }
  const tokens = await issueTokens(db, request.pool, request.client, user, { authTime, oauth: { scopes: request.scopes, nonce: request.nonce } });
  const fragment = {
    id_token: request.scopes.includes("openid") ? tokens.IdToken : undefined,
    access_token: tokens.AccessToken,
    expires_in: String(tokens.ExpiresIn),
    token_type: tokens.TokenType,
    state: request.state,
  };
  return redirect(backToApp(request.redirectUri, true, fragment), cookies);
}
