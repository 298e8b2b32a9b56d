/**
 * GET or POST /oauth2/userInfo: the signed-in user's claims for an access token granted `openid` (as far
 * as its other scopes allow), with the attribute values as strings, as Cognito answers; RFC 6750
 * errors (401 with WWW-Authenticate) for a missing, bad or revoked token.
 */
import type { Db } from "../../../db/client";
import type { CognitoUserPool } from "../../../db/generated/client";
import { isAwsError } from "../../../errors";
import { storedAttributes } from "../attributes";
import { decodeJwt } from "../jwt";
import { type SignedIn, signedInUser } from "../signed-in";
import { header, jsonResponse, type WebRequest, type WebResponse } from "./http";
import { attributesForScopes, parseScopes } from "./scopes";

function refused(status: 401 | 403, error: "invalid_request" | "invalid_token" | "insufficient_scope", description: string): WebResponse {
  const challenge = `Bearer error="${error}", error_description="${description.replaceAll('"', "'")}"`;
  return jsonResponse(status, { error, error_description: description }, { "www-authenticate": challenge });
}

export async function userInfo(db: Db, pool: CognitoUserPool, req: WebRequest): Promise<WebResponse> {
  const match = /^Bearer\s+(\S+)$/i.exec(header(req, "authorization") ?? "");
  if (!match) return refused(401, "invalid_request", "Missing bearer access token");
  const token = match[1]!;
  let signedIn: SignedIn;
  try {
    signedIn = await signedInUser(db, token);
  } catch (error) {
    if (!isAwsError(error)) throw error;
    return refused(401, "invalid_token", error.message);
  }
  if (signedIn.pool.id !== pool.id) return refused(401, "invalid_token", "Access Token is for another user pool");
  // signedInUser has checked the token: its claims can be read as they are.
  const scopes = parseScopes(String(decodeJwt(token)?.claims.scope ?? ""));
  if (!scopes.includes("openid")) return refused(403, "insufficient_scope", "Access Token does not have the openid scope");
  const { user } = signedIn;
  return jsonResponse(200, { sub: user.sub, ...attributesForScopes(storedAttributes(user), scopes), username: user.username });
}
