/**
 * The hosted UI and OAuth 2.0 endpoints of every pool, under its issuer path (`/{UserPoolId}/…`, as
 * Stratus has no per-pool domains): Cognito's `/oauth2/authorize`, `/oauth2/token`, `/oauth2/userInfo`,
 * `/logout`, `/oauth2/idpresponse` (identity providers' way back), and the pages `/login`, `/signup`,
 * `/confirm`, `/forgotPassword`, `/confirmForgotPassword`, `/newPassword` and `/mfa`.
 */
import type { Db } from "../../../db/client";
import type { CognitoUserPool } from "../../../db/generated/client";
import { authorize } from "./authorize";
import { type HostedPage, servePage } from "./hosted-page";
import { htmlResponse, type WebRequest, type WebResponse } from "./http";
import { idpResponse } from "./idp-response";
import { loginPage } from "./login-page";
import { logout } from "./logout";
import { mfaPage } from "./mfa-pages";
import { errorPage, type HostedPageName } from "./pages";
import { confirmForgotPasswordPage, forgotPasswordPage, newPasswordPage } from "./password-pages";
import { confirmSignUpPage, signUpPage } from "./sign-up-pages";
import { token } from "./token-endpoint";
import { userInfo } from "./user-info";

type Method = "GET" | "POST";
type Handler = (db: Db, pool: CognitoUserPool, req: WebRequest) => Promise<WebResponse>;

export interface OAuthRoute {
  method: Method;
  /** URI template, as the gateway's routes are written. */
  path: string;
  handle(db: Db, req: WebRequest): Promise<WebResponse>;
}

const PAGES: Record<HostedPageName, HostedPage> = {
  login: loginPage,
  signup: signUpPage,
  confirm: confirmSignUpPage,
  forgotPassword: forgotPasswordPage,
  confirmForgotPassword: confirmForgotPasswordPage,
  newPassword: newPasswordPage,
  mfa: mfaPage,
};

const pageHandlers = Object.entries(PAGES).flatMap(([name, page]) =>
  (["GET", "POST"] as const).map((method): [Method, string, Handler] => [method, `/${name}`, (db, pool, req) => servePage(page, db, pool, req, method)]),
);

const HANDLERS: [Method, string, Handler][] = [
  ["GET", "/oauth2/authorize", authorize],
  ["GET", "/oauth2/idpresponse", idpResponse],
  ["POST", "/oauth2/token", token],
  ["GET", "/oauth2/userInfo", userInfo],
  ["POST", "/oauth2/userInfo", userInfo],
  ["GET", "/logout", logout],
  ...pageHandlers,
];

export const OAUTH_ROUTES: OAuthRoute[] = HANDLERS.map(([method, path, handler]) => ({
  method,
  path: `/{UserPoolId}${path}`,
  async handle(db, req) {
    const pool = await db.cognitoUserPool.findUnique({ where: { id: req.pathParams.UserPoolId ?? "" } });
    return pool ? handler(db, pool, req) : htmlResponse(404, errorPage("Amazon Cognito", "The user pool does not exist."));
  },
}));
