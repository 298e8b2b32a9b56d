/**
 * How every hosted UI page is served: the authorization request it belongs to is checked first; GET
 * shows the page; POST checks the form's CSRF token and submits it, and a refusal from the user pool
 * (a wrong code, a weak password…) shows the page again with Cognito's message.
 */
import type { Db } from "../../../db/client";
import type { CognitoUserPool } from "../../../db/generated/client";
import { isAwsError } from "../../../errors";
import { type AuthorizeRequest, checkAuthorizeRequest } from "./authorize-request";
import { csrfToken, csrfValid } from "./csrf";
import { formOf, htmlResponse, isForm, type WebRequest, type WebResponse } from "./http";
import type { PageFrame } from "./pages";

export interface View {
  status: number;
  error?: string;
  notice?: string;
}

export interface PageCall {
  db: Db;
  pool: CognitoUserPool;
  req: WebRequest;
  request: AuthorizeRequest;
  /** A page of this request, with a CSRF token for its form (and the cookie it is bound to, when the browser has none). */
  respond(render: (frame: PageFrame) => string, view?: View): WebResponse;
}

export interface HostedPage {
  /** The page; `fields` are the query's (GET) or the form's (shown again after a refusal). */
  show(call: PageCall, view: View, fields: URLSearchParams): WebResponse | Promise<WebResponse>;
  submit(call: PageCall, form: URLSearchParams): Promise<WebResponse>;
}

/** Notices other pages send the browser on with (fixed texts, so nothing from the URL is echoed). */
const NOTICES = new Map([
  ["confirmed", "Your account has been confirmed. Sign in to continue."],
  ["password_reset", "Your password has been reset. Sign in with your new password."],
  ["signed_up", "Your account has been created. An administrator must confirm it before you can sign in."],
  ["expired", "Your session has expired. Please sign in again."],
]);

export async function servePage(page: HostedPage, db: Db, pool: CognitoUserPool, req: WebRequest, method: "GET" | "POST"): Promise<WebResponse> {
  const check = await checkAuthorizeRequest(db, pool, req.query);
  if ("refusal" in check) return check.refusal;
  const call: PageCall = {
    db,
    pool,
    req,
    request: check.request,
    respond(render, view = { status: 200 }) {
      const csrf = csrfToken(req, pool.id);
      const frame = { poolId: pool.id, poolName: pool.name, query: check.request.query, csrf: csrf.token, error: view.error, notice: view.notice };
      return htmlResponse(view.status, render(frame), csrf.cookies);
    },
  };
  if (method === "GET") return page.show(call, { status: 200, notice: NOTICES.get(req.query.get("notice") ?? "") }, req.query);
  const form = isForm(req) ? formOf(req) : new URLSearchParams();
  if (!csrfValid(req, pool.id, form)) return page.show(call, { status: 403, error: "Your session has expired. Please try again." }, form);
  try {
    return await page.submit(call, form);
  } catch (error) {
    if (!isAwsError(error)) throw error;
    return page.show(call, { status: 400, error: error.message }, form);
  }
}
