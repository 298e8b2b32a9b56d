/**
 * POST /oauth2/token: the authorization_code (with PKCE), refresh_token and client_credentials grants,
 * for clients authenticated by HTTP Basic or by `client_id` / `client_secret` in the form. Errors are
 * OAuth's JSON (`{"error": "invalid_grant"}`), 400 except invalid_client (401).
 */
import type { Db } from "../../../db/client";
import type { CognitoUserPool, CognitoUserPoolClient } from "../../../db/generated/client";
import { sha256Hex } from "../../../lib/secrets";
import type { ClientSettings } from "../model";
import { customScopesOf } from "../resource-servers";
import { clientSettings, userByKey } from "../store";
import { type AuthenticationResult, issueTokens } from "../tokens";
import { clientCredentialsToken } from "./client-credentials";
import { secretMatches } from "../secret-hash";
import { allowsOAuthFlow } from "./clients";
import { redeemCode } from "./codes";
import { formOf, header, isForm, jsonResponse, type WebRequest, type WebResponse } from "./http";
import { scopesOfRefreshToken } from "./refresh-tokens";
import { grantScopes, parseScopes } from "./scopes";

class OAuthError extends Error {
  constructor(
    readonly error: "invalid_request" | "invalid_client" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope",
    readonly description: string,
  ) {
    super(description);
  }

  response(): WebResponse {
    const body = { error: this.error, error_description: this.description };
    return this.error === "invalid_client" ? jsonResponse(401, body, { "www-authenticate": 'Basic realm="cognito"' }) : jsonResponse(400, body);
  }
}

/** Form fields are form-encoded in HTTP Basic credentials too (RFC 6749 §2.3.1). */
const formDecode = (value: string) => new URLSearchParams(`v=${value}`).get("v") ?? "";

function credentialsOf(req: WebRequest, form: URLSearchParams): { clientId: string; secret?: string } {
  const authorization = header(req, "authorization");
  if (authorization?.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) throw new OAuthError("invalid_client", "Malformed HTTP Basic credentials");
    return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) || undefined };
  }
  const clientId = form.get("client_id");
  if (!clientId) throw new OAuthError("invalid_client", "The request names no client");
  return { clientId, secret: form.get("client_secret") || undefined };
}

/** The client, if it is this pool's and proves its secret (a client without one must not claim one). */
async function authenticate(db: Db, pool: CognitoUserPool, req: WebRequest, form: URLSearchParams): Promise<CognitoUserPoolClient> {
  const { clientId, secret } = credentialsOf(req, form);
  const client = await db.cognitoUserPoolClient.findUnique({ where: { clientId } });
  const proven = client?.secretEncrypted ? secret !== undefined && secretMatches(client, secret) : secret === undefined;
  if (!client || client.userPoolId !== pool.id || !proven) throw new OAuthError("invalid_client", "Client authentication failed");
  return client;
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw new OAuthError("invalid_request", `${name} is required`);
  return value;
}

/** The ID token only when `openid` was granted (or for InitiateAuth's refresh tokens, which grant no OAuth scopes). */
const tokenResponse = (tokens: AuthenticationResult, scopes: readonly string[] | undefined) =>
  jsonResponse(200, {
    id_token: !scopes || scopes.includes("openid") ? tokens.IdToken : undefined,
    access_token: tokens.AccessToken,
    refresh_token: tokens.RefreshToken,
    expires_in: tokens.ExpiresIn,
    token_type: tokens.TokenType,
  });

interface Grant {
  db: Db;
  pool: CognitoUserPool;
  client: CognitoUserPoolClient;
  settings: ClientSettings;
  form: URLSearchParams;
}

async function authorizationCode({ db, pool, client, settings, form }: Grant): Promise<WebResponse> {
  if (!allowsOAuthFlow(settings, "code")) throw new OAuthError("unauthorized_client", "The client is not allowed the authorization code flow");
  const grant = await redeemCode(db, client, { code: required(form, "code"), redirectUri: form.get("redirect_uri"), verifier: form.get("code_verifier") });
  const user = grant && (await userByKey(db, pool.id, grant.usernameKey));
  if (!grant || !user?.enabled) throw new OAuthError("invalid_grant", "The code is invalid or has expired");
  const tokens = await issueTokens(db, pool, client, user, { authTime: grant.authTime, oauth: { scopes: grant.scopes, nonce: grant.nonce ?? undefined } });
  return tokenResponse(tokens, grant.scopes);
}

/** New ID and access tokens with the scopes the refresh token was granted; the refresh token itself stays. */
async function refreshToken({ db, pool, client, form }: Grant): Promise<WebResponse> {
  const token = required(form, "refresh_token");
  const stored = await db.cognitoRefreshToken.findUnique({ where: { tokenHash: sha256Hex(token) } });
  const user = stored && (await userByKey(db, pool.id, stored.usernameKey));
  const usable = stored && user?.enabled && stored.clientId === client.clientId && !stored.revokedAt && stored.expiresAt > new Date() && stored.createdAt >= user.tokensValidAfter;
  if (!usable) throw new OAuthError("invalid_grant", "Invalid refresh token");
  const scopes = scopesOfRefreshToken(token);
  const tokens = await issueTokens(db, pool, client, user, { authTime: stored.authTime, refresh: { tokenHash: stored.tokenHash }, oauth: scopes && { scopes } });
  return tokenResponse(tokens, scopes);
}

/** The client's own access token, for the custom scopes of the pool's resource servers it is allowed. */
async function clientCredentials({ db, pool, client, settings, form }: Grant): Promise<WebResponse> {
  if (!client.secretEncrypted || !allowsOAuthFlow(settings, "client_credentials")) throw new OAuthError("unauthorized_client", "The client is not allowed the client credentials flow");
  const custom = await customScopesOf(db, pool.id);
  const scopes = grantScopes(parseScopes(form.get("scope")), (settings.AllowedOAuthScopes ?? []).filter((scope) => custom.has(scope)));
  if (!scopes?.length) throw new OAuthError("invalid_scope", "A requested scope is not one of the client's resource server scopes");
  const { accessToken, expiresIn } = clientCredentialsToken(pool, client, scopes);
  return jsonResponse(200, { access_token: accessToken, expires_in: expiresIn, token_type: "Bearer" });
}

const GRANTS = new Map<string, (grant: Grant) => Promise<WebResponse>>([
  ["authorization_code", authorizationCode],
  ["refresh_token", refreshToken],
  ["client_credentials", clientCredentials],
]);

export async function token(db: Db, pool: CognitoUserPool, req: WebRequest): Promise<WebResponse> {
  try {
    if (!isForm(req)) throw new OAuthError("invalid_request", "The body must be application/x-www-form-urlencoded");
    const form = formOf(req);
    const grantType = required(form, "grant_type");
    const run = GRANTS.get(grantType);
    if (!run) throw new OAuthError("unsupported_grant_type", `Unsupported grant_type ${grantType}`);
    const client = await authenticate(db, pool, req, form);
    return await run({ db, pool, client, settings: clientSettings(client), form });
  } catch (error) {
    if (error instanceof OAuthError) return error.response();
    throw error;
  }
}
