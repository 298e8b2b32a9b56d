/**
 * GET /oauth2/authorize: to the identity provider the request names, else back to the app at once when
 * the browser's hosted UI session is still good, else the sign-in page.
 */
import type { Db } from "../../../db/client";
import type { CognitoUserPool } from "../../../db/generated/client";
import { checkAuthorizeRequest } from "./authorize-request";
import { federatedSignIn } from "./federation";
import { redirect, type WebRequest, type WebResponse } from "./http";
import { pagePath } from "./pages";
import { sessionOf } from "./session-cookie";
import { finishSignIn } from "./sign-in";

export async function authorize(db: Db, pool: CognitoUserPool, req: WebRequest): Promise<WebResponse> {
  const check = await checkAuthorizeRequest(db, pool, req.query);
  if ("refusal" in check) return check.refusal;
  const federated = await federatedSignIn(db, req, check.request);
  if (federated) return federated;
  const session = await sessionOf(db, pool, req);
  if (session) return finishSignIn(db, check.request, session.user, session.authTime);
  return redirect(pagePath(pool.id, "login", check.request.query));
}
