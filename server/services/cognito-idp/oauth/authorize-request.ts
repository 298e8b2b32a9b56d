/**
 * An authorization request (`/oauth2/authorize`, and every hosted UI page it leads to, which carry its
 * parameters along): checked as Cognito checks it. Until the client and redirect URI are known good
 * the browser sees an error page; after, errors go back to the app at its redirect URI, as OAuth says.
 */
import { z } from "zod";
import type { Db } from "../../../db/client";
import type { CognitoUserPool, CognitoUserPoolClient } from "../../../db/generated/client";
import type { ClientSettings } from "../model";
import { clientSettings } from "../store";
import { allowsOAuthFlow } from "./clients";
import { htmlResponse, redirect, type WebResponse } from "./http";
import { errorPage } from "./pages";
import { grantScopes, parseScopes } from "./scopes";

const AuthorizeParams = z.object({
  client_id: z.string().min(1),
  redirect_uri: z.string().min(1),
  response_type: z.string().optional(),
  scope: z.string().optional(),
  state: z.string().optional(),
  nonce: z.string().optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.string().optional(),
});

export interface AuthorizeRequest {
  pool: CognitoUserPool;
  client: CognitoUserPoolClient;
  settings: ClientSettings;
  responseType: "code" | "token";
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  /** The request's parameters, carried from page to page of the hosted UI. */
  query: string;
}

export type AuthorizeCheck = { request: AuthorizeRequest } | { refusal: WebResponse };

/** The app's redirect URI with `params` added: in the query, or in the fragment for the implicit flow. */
export function backToApp(redirectUri: string, inFragment: boolean, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  const pairs = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (inFragment) url.hash = new URLSearchParams(pairs).toString();
  else for (const [name, value] of pairs) url.searchParams.append(name, value);
  return url.toString();
}

/** Back to the app with an OAuth error, where its response type puts parameters. */
export const errorToApp = (request: AuthorizeRequest, error: string, description: string): WebResponse =>
  redirect(backToApp(request.redirectUri, request.responseType === "token", { error, error_description: description, state: request.state }));

/** The parameters the hosted UI's own links add; they are not the app's. */
const PAGE_PARAMETERS = ["username", "notice"];

/** An error page: for requests that name no known client or redirect URI, where the browser cannot be sent back. */
export const errorResponse = (pool: CognitoUserPool, detail: string): WebResponse => htmlResponse(400, errorPage(pool.name, detail));

/** The pool's app client of that ID; an error page when there is none. */
export async function clientOfPool(db: Db, pool: CognitoUserPool, clientId: string | null): Promise<CognitoUserPoolClient | WebResponse> {
  const client = clientId ? await db.cognitoUserPoolClient.findUnique({ where: { clientId } }) : null;
  return client?.userPoolId === pool.id ? client : errorResponse(pool, "The app client does not exist in this user pool.");
}

export async function checkAuthorizeRequest(db: Db, pool: CognitoUserPool, query: URLSearchParams): Promise<AuthorizeCheck> {
  const parsed = AuthorizeParams.safeParse(Object.fromEntries(query));
  if (!parsed.success) return { refusal: errorResponse(pool, query.get("client_id") ? "The request has no redirect_uri." : "The request has no client_id.") };
  const params = parsed.data;
  const client = await clientOfPool(db, pool, params.client_id);
  if ("status" in client) return { refusal: client };
  const settings = clientSettings(client);
  // Never redirect anywhere the app did not register: that would hand codes and tokens to a stranger.
  if (!(settings.CallbackURLs ?? []).includes(params.redirect_uri)) return { refusal: errorResponse(pool, "redirect_mismatch: the redirect_uri is not one of the app client's callback URLs.") };

  const responseType = params.response_type;
  const fail = (error: string, description: string): AuthorizeCheck => ({
    refusal: redirect(backToApp(params.redirect_uri, responseType === "token", { error, error_description: description, state: params.state })),
  });
  if (responseType !== "code" && responseType !== "token") return fail("unsupported_response_type", "response_type must be code or token");
  const flow = responseType === "code" ? "code" : "implicit";
  if (!allowsOAuthFlow(settings, flow)) return fail("unauthorized_client", `The client is not allowed the ${flow} flow`);
  const scopes = grantScopes(parseScopes(params.scope), settings.AllowedOAuthScopes ?? []);
  if (!scopes) return fail("invalid_scope", "A requested scope is not allowed for the client");
  if (params.code_challenge !== undefined && params.code_challenge_method !== "S256") return fail("invalid_request", "code_challenge_method must be S256");

  const carried = new URLSearchParams([...query].filter(([name]) => !PAGE_PARAMETERS.includes(name)));
  return {
    request: {
      pool,
      client,
      settings,
      responseType,
      redirectUri: params.redirect_uri,
      scopes,
      state: params.state,
      nonce: params.nonce,
      codeChallenge: responseType === "code" ? params.code_challenge : undefined,
      query: carried.toString(),
    },
  };
}
