/**
 * GET /logout: ends the hosted UI session (the cookie), then either back to one of the client's
 * LogoutURLs (`logout_uri`) or, given authorization parameters instead, to the sign-in page.
 */
import type { Db } from "../../../db/client";
import type { CognitoUserPool } from "../../../db/generated/client";
import { clientSettings } from "../store";
import { checkAuthorizeRequest, clientOfPool, errorResponse } from "./authorize-request";
import { redirect, type WebRequest, type WebResponse } from "./http";
import { pagePath } from "./pages";
import { clearedSessionCookie } from "./session-cookie";

export async function logout(db: Db, pool: CognitoUserPool, req: WebRequest): Promise<WebResponse> {
  const cleared = [clearedSessionCookie(pool.id)];
  const logoutUri = req.query.get("logout_uri");
  if (logoutUri === null) {
    const check = await checkAuthorizeRequest(db, pool, req.query);
    if ("refusal" in check) return check.refusal;
    return redirect(pagePath(pool.id, "login", check.request.query), cleared);
  }
  const client = await clientOfPool(db, pool, req.query.get("client_id"));
  if ("status" in client) return client;
  if (!(clientSettings(client).LogoutURLs ?? []).includes(logoutUri)) return errorResponse(pool, "The logout_uri is not one of the app client's sign-out URLs.");
  return redirect(logoutUri, cleared);
}
