/**
 * The relying-party side of OpenID Connect: an external provider's discovery document and its ID tokens,
 * checked against the provider's JWKS. User pools federating with an OIDC identity provider and IAM's
 * OpenID Connect providers (web identity federation) both trust tokens this way.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";

export interface OidcDiscovery {
  issuer: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  userinfo_endpoint?: string;
  jwks_uri: string;
}

export class OidcError extends Error {}

const DISCOVERY_TTL_MS = 5 * 60_000;
const discoveries = new Map<string, { at: number; document: Promise<OidcDiscovery> }>();
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

const trimSlash = (url: string) => url.replace(/\/+$/, "");

async function fetchDiscovery(issuer: string): Promise<OidcDiscovery> {
  const url = `${trimSlash(issuer)}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch((error: unknown) => {
    throw new OidcError(`Could not reach ${url}: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (!response.ok) throw new OidcError(`${url} answered HTTP ${response.status}`);
  const document = (await response.json().catch(() => null)) as Partial<OidcDiscovery> | null;
  if (!document || typeof document.jwks_uri !== "string" || typeof document.issuer !== "string") {
    throw new OidcError(`${url} is not an OpenID Connect discovery document`);
  }
  return document as OidcDiscovery;
}

/**
 * The provider's discovery document (`{issuer}/.well-known/openid-configuration`), cached for a few minutes
 * per process; a failed fetch is not cached.
 */
export function discover(issuer: string): Promise<OidcDiscovery> {
  const cached = discoveries.get(issuer);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.document;
  const document = fetchDiscovery(issuer);
  discoveries.set(issuer, { at: Date.now(), document });
  document.catch(() => discoveries.delete(issuer));
  return document;
}

function keySetOf(jwksUri: string) {
  let keySet = keySets.get(jwksUri);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5_000 });
    keySets.set(jwksUri, keySet);
  }
  return keySet;
}

export interface IdTokenCheck {
  /** The issuer the token must name (`iss`); compared without a trailing slash. */
  issuer: string;
  /** When given, `aud` must hold one of these. */
  audience?: string[];
  /** When given, the token's `nonce` must equal it. */
  nonce?: string;
}

/** The claims of an ID token signed by the issuer's keys, unexpired, for the audience; OidcError otherwise. */
export async function verifyIdToken(token: string, check: IdTokenCheck): Promise<JWTPayload> {
  const { jwks_uri, issuer } = await discover(check.issuer);
  if (trimSlash(issuer) !== trimSlash(check.issuer)) throw new OidcError(`The discovery document names issuer ${issuer}, not ${check.issuer}`);
  const { payload } = await jwtVerify(token, keySetOf(jwks_uri), {
    issuer: [issuer, trimSlash(issuer), `${trimSlash(issuer)}/`],
    ...(check.audience ? { audience: check.audience } : {}),
  }).catch((error: unknown) => {
    throw new OidcError(error instanceof Error ? error.message : String(error));
  });
  if (check.nonce !== undefined && payload.nonce !== check.nonce) throw new OidcError("The ID token's nonce does not match the request");
  return payload;
}
