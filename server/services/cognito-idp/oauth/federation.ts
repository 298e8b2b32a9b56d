/**
 * Signing in through an external OpenID Connect provider, the first leg: /oauth2/authorize with
 * `identity_provider` (or `idp_identifier`) sends the browser to the provider's authorization endpoint.
 * The `state` it carries seals the app's authorization request, binds it to this browser and holds the
 * nonce the provider's ID token must carry back to /oauth2/idpresponse.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../../db/client";
import type { CognitoIdentityProvider } from "../../../db/generated/client";
import { COGNITO_PROVIDER, findProvider, oidcDetailsOf, providerByIdentifier } from "../identity-providers";
import type { ClientSettings } from "../model";
import { issuerOf } from "../tokens";
import { type AuthorizeRequest, errorToApp } from "./authorize-request";
import { browserBinding } from "./csrf";
import { redirect, type WebRequest, type WebResponse } from "./http";
import { seal, unseal } from "./sealed";

const FederationState = z.object({ pool: z.string(), provider: z.string(), query: z.string(), nonce: z.string(), binding: z.string() });
export type FederationState = z.output<typeof FederationState>;

/** As long as the hosted UI's own forms stay good: the user may take a while at the provider. */
const STATE_SECONDS = 3600;

export const openFederationState = (state: string | null): FederationState | null => unseal(FederationState, state);

/** Where providers send the browser back: the pool's hosted UI, which is served under its issuer. */
export const idpResponseUrl = (poolId: string): string => `${issuerOf(poolId)}/oauth2/idpresponse`;

/**
 * Whether the client lets users sign in with the pool's own usernames and passwords: one that never named
 * providers does; one whose list is empty (its last provider deleted, or given so) offers no sign-in.
 */
export const allowsCognitoSignIn = (settings: ClientSettings): boolean => settings.SupportedIdentityProviders?.includes(COGNITO_PROVIDER) ?? true;

export const supportsProvider = (settings: ClientSettings, providerName: string): boolean => (settings.SupportedIdentityProviders ?? []).includes(providerName);

/** The identity providers the app client offers, each with the authorization request that signs in through it. */
export async function providerLinks(db: Db, request: AuthorizeRequest): Promise<{ name: string; href: string }[]> {
  const names = (request.settings.SupportedIdentityProviders ?? []).filter((name) => name !== COGNITO_PROVIDER);
  if (names.length === 0) return [];
  const providers = await db.cognitoIdentityProvider.findMany({ where: { userPoolId: request.pool.id, providerName: { in: names } }, orderBy: { providerName: "asc" } });
  return providers.map((provider) => {
    const query = new URLSearchParams(request.query);
    query.set("identity_provider", provider.providerName);
    return { name: provider.providerName, href: `/${request.pool.id}/oauth2/authorize?${query.toString()}` };
  });
}

function redirectToProvider(req: WebRequest, request: AuthorizeRequest, provider: CognitoIdentityProvider): WebResponse {
  const details = oidcDetailsOf(provider);
  const nonce = randomBytes(32).toString("base64url");
  const { binding, cookies } = browserBinding(req, request.pool.id);
  const state = seal({ pool: request.pool.id, provider: provider.providerName, query: request.query, nonce, binding }, STATE_SECONDS);
  const url = new URL(details.authorize_url);
  const params = { response_type: "code", client_id: details.client_id, redirect_uri: idpResponseUrl(request.pool.id), scope: details.authorize_scopes, state, nonce };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return redirect(url.toString(), cookies);
}

/**
 * The redirect to the identity provider an authorization request names, or null when it names none
 * (or COGNITO, the pool's own sign-in). A provider the pool lacks or the client does not support goes
 * back to the app as invalid_request.
 */
export async function federatedSignIn(db: Db, req: WebRequest, request: AuthorizeRequest): Promise<WebResponse | null> {
  const name = req.query.get("identity_provider");
  const identifier = req.query.get("idp_identifier");
  if (name === COGNITO_PROVIDER || (name === null && identifier === null)) return null;
  const provider = name !== null ? await findProvider(db, request.pool.id, name) : await providerByIdentifier(db, request.pool.id, identifier!);
  if (!provider || !supportsProvider(request.settings, provider.providerName)) {
    return errorToApp(request, "invalid_request", `The identity provider ${name ?? identifier} is not supported by the app client.`);
  }
  return redirectToProvider(req, request, provider);
}
