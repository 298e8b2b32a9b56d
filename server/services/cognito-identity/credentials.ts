/**
 * What an identity is given once its logins are checked: AWS credentials for its role
 * (GetCredentialsForIdentity), or an OpenID token to exchange with STS itself (GetOpenIdToken).
 */
import type { PrismaClient } from "../../db/client";
import type { CognitoIdentity, CognitoIdentityPool } from "../../db/generated/client";
import type { CallContext } from "../context";
import { assumeTrustingRole } from "../sts/assume-role";
import { webIdentityTrust } from "../sts/web-identity";
import { guestsNotAllowed, IdentityErrors } from "./errors";
import { identityPoolFederation } from "./federation";
import { linkLogins } from "./identities";
import { verifyLogins, type VerifiedLogin } from "./logins";
import { linkedLogins, poolSettings, SESSION_NAME } from "./model";
import { signOpenIdToken } from "./openid-token";
import { roleOf } from "./role-mapping";
import { identityWithPool } from "./store";

interface SignIn {
  pool: CognitoIdentityPool;
  identity: CognitoIdentity;
  logins: VerifiedLogin[];
  /** How the identity signed in, as `cognito-identity.amazonaws.com:amr` says it. */
  amr: string[];
}

/**
 * An identity signs in with its logins (new ones are linked to it: a guest who signs in keeps its id), or
 * with none as a guest: an identity with linked logins must present one of them.
 */
async function signIn(db: PrismaClient, input: { IdentityId: string; Logins?: Record<string, string> }): Promise<SignIn> {
  const { pool, ...identity } = await identityWithPool(db, input.IdentityId);
  const logins = await verifyLogins(db, pool, input.Logins ?? {});
  if (logins.length > 0) {
    const amr = ["authenticated", ...logins.flatMap((login) => [login.provider, login.signIn])];
    return { pool, identity: await linkLogins(db, pool, logins, identity.identityId), logins, amr };
  }
  if (Object.keys(linkedLogins(identity)).length > 0) {
    throw IdentityErrors.notAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");
  }
  if (!poolSettings(pool).AllowUnauthenticatedIdentities) throw guestsNotAllowed();
  return { pool, identity, logins, amr: ["unauthenticated"] };
}

export async function getCredentialsForIdentity(db: PrismaClient, _ctx: CallContext, input: { IdentityId: string; Logins?: Record<string, string>; CustomRoleArn?: string }) {
  const { pool, identity, logins, amr } = await signIn(db, input);
  const roleArn = roleOf(pool, logins, input.CustomRoleArn);
  const federation = identityPoolFederation({ aud: pool.id, sub: identity.identityId, amr });
  const session = await assumeTrustingRole(db, webIdentityTrust(federation, pool.accountId), {
    roleArn,
    sessionName: SESSION_NAME,
    durationSeconds: 3600,
    context: federation.context,
  });
  // As on AWS, a role that does not trust the pool reads as the pool's misconfiguration.
  if (!session) throw IdentityErrors.invalidPoolConfiguration();
  return {
    IdentityId: identity.identityId,
    Credentials: { AccessKeyId: session.accessKeyId, SecretKey: session.secretAccessKey, SessionToken: session.sessionToken, Expiration: session.expiration },
  };
}

export async function getOpenIdToken(db: PrismaClient, _ctx: CallContext, input: { IdentityId: string; Logins?: Record<string, string> }) {
  const { pool, identity, amr } = await signIn(db, input);
  return { IdentityId: identity.identityId, Token: signOpenIdToken({ aud: pool.id, sub: identity.identityId, amr }) };
}
