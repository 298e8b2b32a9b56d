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

/** The provider could not be asked (its discovery document or key set did not come): not the token's fault. */
export class OidcUnreachable extends OidcError {}

const DISCOVERY_TTL_MS = 5 * 60_000;
const discoveries = new Map<string, { at: number; document: Promise<OidcDiscovery> }>();
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

const trimSlash = (url: string) => url.replace(/\/+$/, "");
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function fetchDiscovery(issuer: string): Promise<OidcDiscovery> {
  const url = `${trimSlash(issuer)}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch((error: unknown) => {
    throw new OidcUnreachable(`Could not reach ${url}: ${messageOf(error)}`);
  });
  if (!response.ok) throw new OidcUnreachable(`${url} answered HTTP ${response.status}`);
  const document = (await response.json().catch(() => null)) as Partial<OidcDiscovery> | null;
  if (!document || typeof document.jwks_uri !== "string" || typeof document.issuer !== "string") {
    throw new OidcUnreachable(`${url} is not an OpenID Connect discovery document`);
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

/** The key set at `jwksUri`, fetched first when it is not fresh so that failing to get it is OidcUnreachable, not a bad token. */
async function keySetOf(jwksUri: string) {
  if (!URL.canParse(jwksUri)) throw new OidcUnreachable(`The key set's address ${jwksUri} is not a URL`);
  let keySet = keySets.get(jwksUri);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5_000 });
    keySets.set(jwksUri, keySet);
  }
  if (!keySet.fresh) {
    await keySet.reload().catch((error: unknown) => {
      throw new OidcUnreachable(`Could not fetch the key set at ${jwksUri}: ${messageOf(error)}`);
    });
  }
  return keySet;
}

/** The key set the issuer's discovery document names, once the document is checked to be the issuer's. */
async function discoveredKeys(issuer: string): Promise<string> {
  const document = await discover(issuer);
  if (trimSlash(document.issuer) !== trimSlash(issuer)) throw new OidcError(`The discovery document names issuer ${document.issuer}, not ${issuer}`);
  return document.jwks_uri;
}

export interface IdTokenCheck {
  /** The issuer the token must name (`iss`); compared without a trailing slash. */
  issuer: string;
  /** When given, `aud` must hold one of these. */
  audience?: string[];
  /** When given, the token's `nonce` must equal it. */
  nonce?: string;
  /** The provider's key set, when it is known (e.g. configured): the issuer's discovery document is then not asked. */
  jwksUri?: string;
}

/**
 * The claims of an ID token signed by the issuer's keys, unexpired, for the audience; OidcUnreachable when the
 * issuer's discovery document or keys cannot be had, OidcError for any other reason to refuse it.
 */
export async function verifyIdToken(token: string, check: IdTokenCheck): Promise<JWTPayload> {
  const keySet = await keySetOf(check.jwksUri ?? (await discoveredKeys(check.issuer)));
  const issuer = trimSlash(check.issuer);
  const { payload } = await jwtVerify(token, keySet, {
    issuer: [issuer, `${issuer}/`],
    ...(check.audience ? { audience: check.audience } : {}),
  }).catch((error: unknown) => {
    throw new OidcError(messageOf(error));
  });
  if (check.nonce !== undefined && payload.nonce !== check.nonce) throw new OidcError("The ID token's nonce does not match the request");
  return payload;
}
