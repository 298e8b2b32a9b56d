/**
 * Cognito's tokens as web identities, the way STS and role trust policies see them: the `Federated`
 * principals that name the token's provider, and the condition keys the token sets (`{provider}:aud`,
 * `{provider}:sub`, and for identity pools `cognito-identity.amazonaws.com:amr`). An IAM OpenID Connect
 * provider's tokens are web identities the same way.
 */
import { oidcProviderArn } from "../iam/model";
import type { RequestContext } from "../iam/policy/request";
import { userPoolProviderNames } from "./providers";

export const COGNITO_IDENTITY = "cognito-identity.amazonaws.com";

export interface WebIdentity {
  /** The provider, as AssumeRoleWithWebIdentity reports it. */
  provider: string;
  subject: string;
  audience: string;
  /** What a trust policy's `Federated` may name to let this identity in (any one of them will do). */
  principals: string[];
  context: RequestContext;
}

interface Claims {
  aud: string;
  sub: string;
  amr?: string[];
}

function keysUnder(names: string[], claims: Claims): RequestContext {
  return Object.fromEntries(
    names.flatMap((name) => [[`${name}:aud`, claims.aud], [`${name}:sub`, claims.sub], ...(claims.amr ? [[`${name}:amr`, claims.amr]] : [])]),
  );
}

/** An identity pool's identity: `aud` is the pool, `sub` the identity, `amr` how it signed in. */
export function identityPoolFederation(claims: Required<Claims>): WebIdentity {
  return { provider: COGNITO_IDENTITY, subject: claims.sub, audience: claims.aud, principals: [COGNITO_IDENTITY], context: keysUnder([COGNITO_IDENTITY], claims) };
}

/**
 * A user pool's ID token (`aud` is the app client). Its provider is an OIDC provider of the role's
 * account, by either of the pool's names; there is no IAM OIDC provider to create first.
 */
export function userPoolFederation(userPoolId: string, claims: Claims, accountId: string): WebIdentity {
  const names = userPoolProviderNames(userPoolId);
  return {
    provider: names[0]!,
    subject: claims.sub,
    audience: claims.aud,
    principals: names.map((name) => oidcProviderArn(accountId, name)),
    context: keysUnder(names, claims),
  };
}

/**
 * An IAM OpenID Connect provider's ID token: the provider's ARN is the `Federated` principal (and what STS
 * reports as the provider); `aud` is the client ID the token is for, `amr` the token's own when it has one.
 */
export function oidcProviderFederation(provider: { accountId: string; name: string }, claims: Claims): WebIdentity {
  const arn = oidcProviderArn(provider.accountId, provider.name);
  return { provider: arn, subject: claims.sub, audience: claims.aud, principals: [arn], context: keysUnder([provider.name], claims) };
}
