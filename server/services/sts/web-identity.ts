/**
 * AssumeRoleWithWebIdentity: temporary credentials for a role whose trust policy lets a web identity in,
 * proven by an ID token of an OpenID Connect provider registered in IAM in the role's account, a Stratus
 * user pool's ID token or an identity pool's OpenID token (GetOpenIdToken). The SDK sends it unsigned: the
 * token is the only proof. Identity pools' GetCredentialsForIdentity assumes roles the same way
 * (assumeTrustingRole).
 */
import type { Db } from "../../db/client";
import type { IamOpenIdConnectProvider } from "../../db/generated/client";
import { AwsError, isAwsError } from "../../errors";
import { parseArn } from "../../lib/arn";
import { decodeJwt } from "../cognito-idp/jwt";
import { verifyToken } from "../cognito-idp/tokens";
import { identityPoolFederation, oidcProviderFederation, userPoolFederation, type WebIdentity } from "../cognito-identity/federation";
import { signInRevoked } from "../cognito-identity/logins";
import { openIdIssuer, verifyOpenIdToken } from "../cognito-identity/openid-token";
import { userPoolIdOf } from "../cognito-identity/providers";
import type { CallContext } from "../context";
import { oidcProviderName } from "../iam/model";
import { findOidcProvider, verifyProviderToken } from "../iam/oidc-providers";
import { assumeTrustingRole, checkSessionPolicy, packedPolicySize, type TrustRequest } from "./assume-role";
import { StsErrors } from "./errors";
import { roleNameOf } from "./role-sessions";

const WebIdentityErrors = {
  invalidToken: (message = "The web identity token could not be verified.") => new AwsError("InvalidIdentityTokenException", message, 400, "Sender", "InvalidIdentityToken"),
  idpUnreachable: () =>
    new AwsError(
      "IDPCommunicationErrorException",
      "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements",
      400,
      "Sender",
      "IDPCommunicationError",
    ),
  expiredToken: (now: Date, expiration: Date) =>
    new AwsError(
      "ExpiredTokenException",
      `Token expired: current date/time ${now.toISOString()} must be before the expiration date/time ${expiration.toISOString()}`,
      400,
      "Sender",
      "ExpiredTokenException",
    ),
  rejectedClaim: () =>
    new AwsError("IDPRejectedClaimException", "The user pool no longer accepts this sign-in: its user is disabled or gone, or its tokens were revoked.", 403, "Sender", "IDPRejectedClaim"),
  denied: () => StsErrors.accessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity"),
};

/** A web identity asks for a role as a `Federated` principal, in the account it federates into. */
export const webIdentityTrust = (identity: Pick<WebIdentity, "principals" | "context">, accountId: string): TrustRequest => ({
  principals: identity.principals.map((arn) => ({ arn, accountId })),
  action: "sts:AssumeRoleWithWebIdentity",
  context: identity.context,
});

/**
 * The web identity a token proves. Its expiry is read first, so an expired token says so whoever signed
 * it; the signature and issuer are then checked by the issuer's own rules: an identity pool's, an OpenID
 * Connect provider the role's account registered for the issuer (which wins over a user pool's own rules, as
 * a provider registered for a user pool's issuer is asked to be a generic one), or a user pool's.
 */
async function webIdentityOf(db: Db, token: string, roleAccountId: string): Promise<WebIdentity> {
  const jwt = decodeJwt(token);
  if (!jwt) throw WebIdentityErrors.invalidToken();
  const now = new Date();
  if (typeof jwt.claims.exp === "number" && jwt.claims.exp * 1000 <= now.getTime()) throw WebIdentityErrors.expiredToken(now, new Date(jwt.claims.exp * 1000));
  const issuer = typeof jwt.claims.iss === "string" ? jwt.claims.iss : "";
  if (issuer === openIdIssuer()) {
    const claims = verifyOpenIdToken(token);
    if (!claims) throw WebIdentityErrors.invalidToken();
    return identityPoolFederation(claims);
  }
  if (!issuer) throw WebIdentityErrors.invalidToken();
  const provider = await findOidcProvider(db, roleAccountId, oidcProviderName(issuer));
  if (provider) return oidcProviderIdentity(provider, token);
  if (!userPoolIdOf(issuer)) throw WebIdentityErrors.invalidToken(`No OpenIDConnect provider found in your account for ${issuer}`);
  const verified = await verifyToken(db, token, "id").catch((error: unknown) => {
    throw isAwsError(error) ? WebIdentityErrors.invalidToken() : error;
  });
  if (await signInRevoked(db, verified)) throw WebIdentityErrors.rejectedClaim();
  return userPoolFederation(verified.userPoolId, { aud: String(verified.claims.aud), sub: String(verified.claims.sub) }, roleAccountId);
}

async function oidcProviderIdentity(provider: IamOpenIdConnectProvider, token: string): Promise<WebIdentity> {
  const verified = await verifyProviderToken(provider, token);
  if (verified.ok) {
    const amr = Array.isArray(verified.claims.amr) ? verified.claims.amr.map(String) : undefined;
    return oidcProviderFederation(provider, { aud: verified.audience, sub: verified.subject, amr });
  }
  if (verified.problem === "unreachable") throw WebIdentityErrors.idpUnreachable();
  throw WebIdentityErrors.invalidToken(verified.problem === "audience" ? "Incorrect token audience" : undefined);
}

export interface AssumeRoleWithWebIdentityInput {
  RoleArn: string;
  RoleSessionName: string;
  WebIdentityToken: string;
  DurationSeconds?: number;
  Policy?: string;
}

export async function assumeRoleWithWebIdentity(db: Db, _ctx: CallContext, input: AssumeRoleWithWebIdentityInput) {
  const roleAccountId = roleNameOf(input.RoleArn) ? parseArn(input.RoleArn)?.accountId : undefined;
  if (!roleAccountId) throw StsErrors.validation(`${input.RoleArn} is invalid`);
  if (input.Policy !== undefined) checkSessionPolicy(input.Policy);
  const identity = await webIdentityOf(db, input.WebIdentityToken, roleAccountId);
  const session = await assumeTrustingRole(db, webIdentityTrust(identity, roleAccountId), {
    roleArn: input.RoleArn,
    sessionName: input.RoleSessionName,
    durationSeconds: input.DurationSeconds ?? 3600,
    sessionPolicy: input.Policy,
    context: identity.context,
  });
  if (!session) throw WebIdentityErrors.denied();
  return {
    Credentials: { AccessKeyId: session.accessKeyId, SecretAccessKey: session.secretAccessKey, SessionToken: session.sessionToken, Expiration: session.expiration },
    SubjectFromWebIdentityToken: identity.subject,
    AssumedRoleUser: { AssumedRoleId: session.assumedRoleId, Arn: session.assumedRoleArn },
    Provider: identity.provider,
    Audience: identity.audience,
    PackedPolicySize: input.Policy === undefined ? undefined : packedPolicySize(input.Policy),
  };
}
