/**
 * ID, access and refresh tokens as Cognito issues them: RS256 JWTs with the pool's `kid`, issuer
 * `{gateway}/{userPoolId}` (whose JWKS the gateway serves), lifetimes from the app client; refresh
 * tokens are opaque and only their hash is stored.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import type { CognitoUser, CognitoUserPool, CognitoUserPoolClient } from "../../db/generated/client";
import { publicGatewayUrl } from "../../env";
import { sha256Hex } from "../../lib/secrets";
import { storedAttributes } from "./attributes";
import { CognitoErrors } from "./errors";
import { groupsOfUser } from "./groups";
import { identitiesIn } from "./identities";
import { decodeJwt, signatureValid, signJwt } from "./jwt";
import { privateKeyOf, publicKeyOf } from "./keys";
import { tokenLifetimes } from "./model";
import { sealRefreshToken } from "./oauth/refresh-tokens";
import { attributesForScopes, SIGNIN_SCOPE, STANDARD_SCOPES } from "./oauth/scopes";
import { clientSettings, poolKeys } from "./store";
import { preTokenGeneration, withoutSuppressed } from "./token-customisation";

export const issuerOf = (userPoolId: string) => `${publicGatewayUrl()}/${userPoolId}`;

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: "Bearer";
}

const BOOLEAN_CLAIMS = new Set(["email_verified", "phone_number_verified"]);

/**
 * A user's `identities` attribute (stored as Cognito stores it, a JSON string) as ID tokens carry it: an
 * array of the linked provider users, every value but `issuer: null` a string.
 */
function identitiesClaim(stored: string | undefined): Record<string, unknown> {
  const identities = identitiesIn(stored);
  if (identities.length === 0) return {};
  return { identities: identities.map((identity) => Object.fromEntries(Object.entries(identity).map(([name, value]) => [name, value === null ? null : String(value)]))) };
}

/**
 * The user's attributes as ID token claims (booleans as booleans, as Cognito writes them), as far as
 * the scopes allow; `identities` whatever the scopes.
 */
function attributeClaims(user: CognitoUser, scopes?: readonly string[]): Record<string, unknown> {
  const { identities, ...stored } = storedAttributes(user);
  const attributes = scopes ? attributesForScopes(stored, scopes) : stored;
  return { ...Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, BOOLEAN_CLAIMS.has(name) ? value === "true" : value])), ...identitiesClaim(identities) };
}

/** What the OAuth endpoints grant: the scopes (the access token's `scope`), and the ID token's `nonce`. */
export interface OAuthGrant {
  scopes: readonly string[];
  nonce?: string;
}

/**
 * Signs a new ID and access token pair for `user` via `client`; with `refresh` unset a new refresh
 * token is issued too (REFRESH_TOKEN_AUTH passes the one being used, and gets none back). Without
 * `oauth` the tokens are InitiateAuth's (scope `aws.cognito.signin.user.admin`, every attribute).
 */
export async function issueTokens(
  db: Db,
  pool: CognitoUserPool,
  client: CognitoUserPoolClient,
  user: CognitoUser,
  opts: { authTime?: Date; refresh?: { tokenHash: string }; oauth?: OAuthGrant } = {},
): Promise<AuthenticationResult> {
  const lifetimes = tokenLifetimes(clientSettings(client));
  const now = Math.floor(Date.now() / 1000);
  const authTime = Math.floor((opts.authTime ?? new Date()).getTime() / 1000);
  let refreshToken: string | undefined;
  let originJti = opts.refresh?.tokenHash;
  if (!originJti) {
    refreshToken = opts.oauth ? sealRefreshToken(opts.oauth.scopes, lifetimes.refresh) : randomBytes(96).toString("base64url");
    originJti = sha256Hex(refreshToken);
    await db.cognitoRefreshToken.create({
      data: { tokenHash: originJti, userPoolId: pool.id, usernameKey: user.usernameKey, clientId: client.clientId, authTime: new Date(authTime * 1000), expiresAt: new Date((now + lifetimes.refresh) * 1000) },
    });
  }
  const groups = await groupsOfUser(db, pool.id, user.usernameKey);
  const source = opts.refresh ? "TokenGeneration_RefreshTokens" : opts.oauth ? "TokenGeneration_HostedAuth" : "TokenGeneration_Authentication";
  const custom = await preTokenGeneration(pool, client, user, source, {
    groups: groups.map((g) => g.groupName),
    roles: groups.flatMap((g) => (g.roleArn ? [g.roleArn] : [])),
  });
  const groupClaims: Record<string, unknown> = custom.groups.length ? { "cognito:groups": custom.groups } : {};
  const { roles } = custom;
  const eventId = randomUUID();
  const common = { sub: user.sub, iss: issuerOf(pool.id), origin_jti: originJti, event_id: eventId, auth_time: authTime, iat: now };
  const key = privateKeyOf(pool);
  const idToken = signJwt(
    {
      ...common,
      ...groupClaims,
      ...(roles.length ? { "cognito:roles": roles } : {}),
      ...(custom.preferredRole ? { "cognito:preferred_role": custom.preferredRole } : {}),
      ...withoutSuppressed({ ...attributeClaims(user, opts.oauth?.scopes), ...custom.addOrOverride }, custom.suppress),
      ...(opts.oauth?.nonce ? { nonce: opts.oauth.nonce } : {}),
      "cognito:username": user.username,
      aud: client.clientId,
      token_use: "id",
      exp: now + lifetimes.id,
      jti: randomUUID(),
    },
    key,
    pool.keyId,
  );
  const accessToken = signJwt(
    { ...common, ...groupClaims, client_id: client.clientId, token_use: "access", scope: opts.oauth?.scopes.join(" ") ?? SIGNIN_SCOPE, exp: now + lifetimes.access, jti: randomUUID(), username: user.username },
    key,
    pool.keyId,
  );
  return { AccessToken: accessToken, IdToken: idToken, RefreshToken: refreshToken, ExpiresIn: lifetimes.access, TokenType: "Bearer" };
}

export interface VerifiedToken {
  userPoolId: string;
  accountId: string;
  region: string;
  claims: Record<string, unknown>;
}

/** The pool an issuer names, with its public key (cached). */
async function poolKey(db: Db, userPoolId: string) {
  return poolKeys.get(userPoolId, async () => {
    const pool = await db.cognitoUserPool.findUnique({ where: { id: userPoolId }, select: { keyId: true, publicJwk: true, accountId: true, region: true } });
    return pool;
  });
}

/**
 * Checks a token's signature, issuer, expiry and use; `label` words the errors (Cognito says
 * "Invalid Access Token" / "Access Token has expired"). Revocation is the caller's to check.
 */
export async function verifyToken(db: Db, token: string, use: "access" | "id", label = "Access Token"): Promise<VerifiedToken> {
  const invalid = () => CognitoErrors.notAuthorized(`Invalid ${label}`);
  const jwt = decodeJwt(token);
  const iss = typeof jwt?.claims.iss === "string" ? jwt.claims.iss : "";
  const userPoolId = iss.slice(iss.lastIndexOf("/") + 1);
  if (!jwt || iss !== issuerOf(userPoolId)) throw invalid();
  const pool = await poolKey(db, userPoolId);
  if (!pool || jwt.header.kid !== pool.keyId || !signatureValid(jwt, publicKeyOf(pool.keyId, pool.publicJwk as { kty: string; n: string; e: string }))) throw invalid();
  if (jwt.claims.token_use !== use) throw invalid();
  if (typeof jwt.claims.exp !== "number" || jwt.claims.exp * 1000 <= Date.now()) throw CognitoErrors.notAuthorized(`${label} has expired`);
  return { userPoolId, accountId: pool.accountId, region: pool.region, claims: jwt.claims };
}

/** Whether tokens derived from this sign-in were revoked (RevokeToken, GlobalSignOut, user changes). */
export async function isRevoked(db: Db, user: Pick<CognitoUser, "tokensValidAfter">, claims: Record<string, unknown>): Promise<boolean> {
  const issuedAt = typeof claims.iat === "number" ? claims.iat : 0;
  if (issuedAt * 1000 < user.tokensValidAfter.getTime() - 999) return true;
  if (typeof claims.origin_jti !== "string") return false;
  const refresh = await db.cognitoRefreshToken.findUnique({ where: { tokenHash: claims.origin_jti }, select: { revokedAt: true } });
  return refresh?.revokedAt != null;
}

/** The public keys of a pool as `{ keys: [JWK] }`, or null for an unknown pool. */
export async function jwks(db: Db, userPoolId: string): Promise<{ keys: unknown[] } | null> {
  const pool = await poolKey(db, userPoolId);
  return pool ? { keys: [pool.publicJwk] } : null;
}

/**
 * The OpenID configuration standard verifiers (jose, aws-jwt-verify) discover the JWKS from, and OIDC
 * clients the hosted UI's endpoints (served under the issuer: Stratus has no per-pool domains).
 */
export function openidConfiguration(userPoolId: string) {
  const issuer = issuerOf(userPoolId);
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    authorization_endpoint: `${issuer}/oauth2/authorize`,
    token_endpoint: `${issuer}/oauth2/token`,
    userinfo_endpoint: `${issuer}/oauth2/userInfo`,
    end_session_endpoint: `${issuer}/logout`,
    response_types_supported: ["code", "token"],
    grant_types_supported: ["authorization_code", "implicit", "refresh_token", "client_credentials"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    code_challenge_methods_supported: ["S256"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: STANDARD_SCOPES,
  };
}
