/**
 * GET /oauth2/idpresponse: where an identity provider sends the browser back. The sealed `state` gives
 * the app's authorization request; the provider's code is exchanged, its ID token checked, the
 * federated user created or updated (or the user the identity is linked to found), PostAuthentication
 * run, and the request finished as a hosted UI sign-in finishes it. What goes wrong with the provider,
 * the user or a trigger goes back to the app as an OAuth error.
 */
import type { Db } from "../../../db/client";
import type { CognitoUserPool } from "../../../db/generated/client";
import { isAwsError } from "../../../errors";
import { OidcError, OidcUnreachable } from "../../../lib/oidc-client";
import { findProvider } from "../identity-providers";
import { aroundAuthentication } from "../lifecycle-triggers";
import { checkAuthorizeRequest, errorResponse, errorToApp } from "./authorize-request";
import { heldByBrowser } from "./csrf";
import { federatedUser } from "./federated-users";
import { openFederationState, supportsProvider } from "./federation";
import type { WebRequest, WebResponse } from "./http";
import { providerClaims } from "./provider-claims";
import { finishSignIn } from "./sign-in";

export async function idpResponse(db: Db, pool: CognitoUserPool, req: WebRequest): Promise<WebResponse> {
  const state = openFederationState(req.query.get("state"));
  // A state this browser was not given could sign it in as someone else (login CSRF).
  if (!state || state.pool !== pool.id || !heldByBrowser(req, state.binding)) return errorResponse(pool, "The sign-in request is invalid or has expired. Please start signing in again.");
  const check = await checkAuthorizeRequest(db, pool, new URLSearchParams(state.query));
  if ("refusal" in check) return check.refusal;
  const { request } = check;

  const refused = req.query.get("error");
  if (refused !== null) return errorToApp(request, refused, req.query.get("error_description") ?? refused);
  const code = req.query.get("code");
  if (!code) return errorToApp(request, "invalid_request", "The identity provider returned no authorization code.");
  const provider = await findProvider(db, pool.id, state.provider);
  if (!provider || !supportsProvider(request.settings, provider.providerName)) return errorToApp(request, "invalid_request", `The identity provider ${state.provider} is not supported by the app client.`);
  try {
    const user = await federatedUser(db, pool, provider, await providerClaims(provider, code, state.nonce), request.client.clientId);
    await aroundAuthentication("PostAuthentication", pool, user, request.client.clientId);
    return await finishSignIn(db, request, user);
  } catch (error) {
    // The provider not answering is not the request's fault: the app may try again later.
    if (error instanceof OidcUnreachable) return errorToApp(request, "temporarily_unavailable", error.message);
    if (error instanceof OidcError || isAwsError(error)) return errorToApp(request, "invalid_request", error.message);
    throw error;
  }
}
