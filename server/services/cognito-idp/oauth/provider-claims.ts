/**
 * What an OpenID Connect provider says about the user who signed in there: the authorization code
 * exchanged at its token endpoint (client_secret_post), the ID token checked against its keys (jwks_uri),
 * issuer, our client ID and the nonce we sent, and its userInfo (attributes_url) read with the access
 * token. A provider that cannot be reached is OidcUnreachable; anything else it says wrong, OidcError.
 */
import { z } from "zod";
import type { CognitoIdentityProvider } from "../../../db/generated/client";
import { OidcError, OidcUnreachable, verifyIdToken } from "../../../lib/oidc-client";
import { oidcDetailsOf, type OidcDetails, providerSecretOf } from "../identity-providers";
import { idpResponseUrl } from "./federation";

export type Claims = Record<string, unknown>;

const TIMEOUT_MS = 5_000;

const TokenResponse = z.object({ id_token: z.string(), access_token: z.string().optional() });
const UserInfo = z.record(z.string(), z.unknown());

async function call(url: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) }).catch((error: unknown) => {
    throw new OidcUnreachable(`Could not reach ${url}: ${error instanceof Error ? error.message : String(error)}`);
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

async function exchangeCode(provider: CognitoIdentityProvider, details: OidcDetails, code: string) {
  const secret = providerSecretOf(provider);
  const form = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: idpResponseUrl(provider.userPoolId), client_id: details.client_id, ...(secret ? { client_secret: secret } : {}) });
  const { status, body } = await call(details.token_url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: form });
  const refusal = z.object({ error: z.string() }).safeParse(body);
  if (status !== 200) throw new OidcError(`The identity provider's token endpoint refused the code: ${refusal.success ? refusal.data.error : `HTTP ${status}`}`);
  const tokens = TokenResponse.safeParse(body);
  if (!tokens.success) throw new OidcError("The identity provider's token endpoint returned no ID token");
  return tokens.data;
}

async function userInfo(details: OidcDetails & { attributes_url: string }, accessToken: string): Promise<Claims> {
  const { status, body } = await call(details.attributes_url, { method: details.attributes_request_method, headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" } });
  const claims = UserInfo.safeParse(body);
  if (status !== 200 || !claims.success) throw new OidcError(`The identity provider's userInfo endpoint answered HTTP ${status}`);
  return claims.data;
}

/** The user's claims: the verified ID token's, with the provider's userInfo over them (for the same subject). OidcError otherwise. */
export async function providerClaims(provider: CognitoIdentityProvider, code: string, nonce: string): Promise<Claims> {
  const details = oidcDetailsOf(provider);
  const tokens = await exchangeCode(provider, details, code);
  // The keys saved with the provider (given, or discovered when it was saved): sign-in needs no discovery document.
  const claims = await verifyIdToken(tokens.id_token, { issuer: details.oidc_issuer, audience: [details.client_id], nonce, jwksUri: details.jwks_uri });
  const { attributes_url } = details;
  if (!attributes_url || !tokens.access_token) return claims;
  const info = await userInfo({ ...details, attributes_url }, tokens.access_token);
  if (info.sub !== claims.sub) throw new OidcError("The identity provider's userInfo is about another subject than its ID token");
  return { ...claims, ...info };
}
