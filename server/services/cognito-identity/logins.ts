/**
 * The Logins an end user presents (provider name → ID token), checked against the identity pool's
 * providers: a valid ID token of a configured user pool, issued to a configured app client; or an ID token
 * of a configured IAM OpenID Connect provider, issued to one of its client IDs.
 */
import type { Db } from "../../db/client";
import type { CognitoIdentityPool } from "../../db/generated/client";
import { isRevoked, verifyToken, type VerifiedToken } from "../cognito-idp/tokens";
import { findOidcProvider, verifyProviderToken } from "../iam/oidc-providers";
import { IdentityErrors } from "./errors";
import { poolSettings } from "./model";
import { configuredOidcProvider, userPoolIdOf, userPoolProviderName } from "./providers";

export interface VerifiedLogin {
  /** AWS's name of the provider, whichever form the Logins key took. */
  provider: string;
  /** The user pool app client the token was issued to; none for an OpenID Connect provider's token. */
  appClient?: { userPoolId: string; clientId: string };
  subject: string;
  /** How the identity signed in with this login, as `cognito-identity.amazonaws.com:amr` lists it after the provider. */
  signIn: string;
  claims: Record<string, unknown>;
}

const unsupported = () => IdentityErrors.notAuthorized("Token is not from a supported provider of this identity pool.");

/**
 * Whether the sign-in behind a user pool token no longer stands: its user is gone or disabled, or
 * its tokens were revoked (sign-out, RevokeToken).
 */
export async function signInRevoked(db: Db, token: VerifiedToken): Promise<boolean> {
  const sub = typeof token.claims.sub === "string" ? token.claims.sub : "";
  const user = await db.cognitoUser.findFirst({ where: { userPoolId: token.userPoolId, sub } });
  return !user || !user.enabled || (await isRevoked(db, user, token.claims));
}

async function verifyUserPoolLogin(db: Db, pool: CognitoIdentityPool, providerName: string, token: string): Promise<VerifiedLogin> {
  const userPoolId = userPoolIdOf(providerName);
  const configured = poolSettings(pool).CognitoIdentityProviders.filter((p) => userPoolIdOf(p.ProviderName) === userPoolId);
  if (!userPoolId || configured.length === 0) throw unsupported();
  const verified = await verifyToken(db, token, "id", "login token");
  if (verified.userPoolId !== userPoolId) throw IdentityErrors.notAuthorized("Invalid login token. Issuer doesn't match providerName");
  const client = configured.find((p) => p.ClientId === verified.claims.aud);
  if (!client) throw IdentityErrors.notAuthorized("Invalid login token. Incorrect token audience.");
  if (client.ServerSideTokenCheck && (await signInRevoked(db, verified))) throw IdentityErrors.notAuthorized("Invalid login token. Token has been revoked.");
  const provider = userPoolProviderName(userPoolId);
  const subject = String(verified.claims.sub);
  return { provider, appClient: { userPoolId, clientId: client.ClientId }, subject, signIn: `${provider}:CognitoSignIn:${subject}`, claims: verified.claims };
}

/** A login of an OpenID Connect provider the pool lists (by ARN): the provider in IAM, in the pool's account, checks it. */
async function verifyOidcLogin(db: Db, pool: CognitoIdentityPool, providerName: string, token: string): Promise<VerifiedLogin> {
  const provider = await findOidcProvider(db, pool.accountId, providerName);
  if (!provider) throw unsupported();
  const verified = await verifyProviderToken(provider, token);
  if (!verified.ok) {
    if (verified.problem === "unreachable") throw IdentityErrors.externalService(`The identity provider ${providerName} could not be reached: ${verified.detail}`);
    if (verified.problem === "issuer") throw IdentityErrors.notAuthorized("Invalid login token. Issuer doesn't match providerName");
    if (verified.problem === "audience") throw IdentityErrors.notAuthorized("Invalid login token. Incorrect token audience.");
    throw IdentityErrors.notAuthorized("Invalid login token. Couldn't verify signed token.");
  }
  return { provider: providerName, subject: verified.subject, signIn: `${providerName}:OAuth:${verified.subject}`, claims: verified.claims };
}

function verifyLogin(db: Db, pool: CognitoIdentityPool, providerName: string, token: string): Promise<VerifiedLogin> {
  const oidcProvider = configuredOidcProvider(pool, providerName);
  return oidcProvider ? verifyOidcLogin(db, pool, oidcProvider, token) : verifyUserPoolLogin(db, pool, providerName, token);
}

/** Every login verified; an empty list for a guest. */
export async function verifyLogins(db: Db, pool: CognitoIdentityPool, logins: Record<string, string>): Promise<VerifiedLogin[]> {
  const verified = await Promise.all(Object.entries(logins).map(([provider, token]) => verifyLogin(db, pool, provider, token)));
  // Both names of one pool may be given: they must then be the same user.
  const subjects = new Map<string, string>();
  for (const login of verified) {
    if ((subjects.get(login.provider) ?? login.subject) !== login.subject) throw IdentityErrors.invalidParameter(`Logins name two users of ${login.provider}.`);
    subjects.set(login.provider, login.subject);
  }
  return verified;
}
