/**
 * The Logins an end user presents (provider name → ID token), checked against the identity pool's
 * providers: a valid ID token of a configured user pool, issued to a configured app client.
 */
import type { Db } from "../../db/client";
import type { CognitoIdentityPool } from "../../db/generated/client";
import { isRevoked, verifyToken, type VerifiedToken } from "../cognito-idp/tokens";
import { IdentityErrors } from "./errors";
import { poolSettings } from "./model";
import { userPoolIdOf, userPoolProviderName } from "./providers";

export interface VerifiedLogin {
  /** AWS's name of the provider, whichever form the Logins key took. */
  provider: string;
  userPoolId: string;
  clientId: string;
  subject: string;
  claims: Record<string, unknown>;
}

/**
 * Whether the sign-in behind a user pool token no longer stands: its user is gone or disabled, or
 * its tokens were revoked (sign-out, RevokeToken).
 */
export async function signInRevoked(db: Db, token: VerifiedToken): Promise<boolean> {
  const sub = typeof token.claims.sub === "string" ? token.claims.sub : "";
  const user = await db.cognitoUser.findFirst({ where: { userPoolId: token.userPoolId, sub } });
  return !user || !user.enabled || (await isRevoked(db, user, token.claims));
}

async function verifyLogin(db: Db, pool: CognitoIdentityPool, providerName: string, token: string): Promise<VerifiedLogin> {
  const userPoolId = userPoolIdOf(providerName);
  const configured = poolSettings(pool).CognitoIdentityProviders.filter((p) => userPoolIdOf(p.ProviderName) === userPoolId);
  if (!userPoolId || configured.length === 0) throw IdentityErrors.notAuthorized("Token is not from a supported provider of this identity pool.");
  const verified = await verifyToken(db, token, "id", "login token");
  if (verified.userPoolId !== userPoolId) throw IdentityErrors.notAuthorized("Invalid login token. Issuer doesn't match providerName");
  const client = configured.find((p) => p.ClientId === verified.claims.aud);
  if (!client) throw IdentityErrors.notAuthorized("Invalid login token. Incorrect token audience.");
  if (client.ServerSideTokenCheck && (await signInRevoked(db, verified))) throw IdentityErrors.notAuthorized("Invalid login token. Token has been revoked.");
  return { provider: userPoolProviderName(userPoolId), userPoolId, clientId: client.ClientId, subject: String(verified.claims.sub), claims: verified.claims };
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
