/**
 * How an identity pool's providers are named. A Cognito user pool: `cognito-idp.{region}.amazonaws.com/{userPoolId}`
 * as on AWS, or by the pool's Stratus issuer (`{gateway}/{userPoolId}`, with or without its scheme). Both
 * name the same pool; logins are linked under AWS's name, so either form finds the same identity. An IAM
 * OpenID Connect provider: its URL without the scheme, the name its ARN ends with.
 */
import type { CognitoIdentityPool } from "../../db/generated/client";
import { regionOf } from "../cognito-idp/model";
import { issuerOf } from "../cognito-idp/tokens";
import { publicGatewayUrl } from "../../env";
import { oidcProviderName as withoutScheme, parseOidcProviderArn } from "../iam/model";
import { poolSettings } from "./model";

const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const AWS_NAME = /^cognito-idp\.([a-z0-9-]+)\.amazonaws\.com\/([^/]+)$/;

export const userPoolProviderName = (userPoolId: string) => `cognito-idp.${regionOf(userPoolId)}.amazonaws.com/${userPoolId}`;

/** Both names of a user pool as a provider: AWS's, then its issuer's (as trust policies and condition keys may write it). */
export const userPoolProviderNames = (userPoolId: string) => [userPoolProviderName(userPoolId), withoutScheme(issuerOf(userPoolId))];

/** The user pool a provider name names, or null when it names none. */
export function userPoolIdOf(providerName: string): string | null {
  const aws = AWS_NAME.exec(providerName);
  const issuerBase = `${withoutScheme(publicGatewayUrl())}/`;
  const bare = withoutScheme(providerName);
  const id = aws ? aws[2]! : bare.startsWith(issuerBase) ? bare.slice(issuerBase.length) : "";
  if (!USER_POOL_ID.test(id) || (aws && aws[1] !== regionOf(id))) return null;
  return id;
}

/** A role mapping's key for a user pool app client: `{providerName}:{clientId}` (the provider name may hold a port's colon). */
export function mappedClient(key: string): { userPoolId: string; clientId: string } | null {
  const colon = key.lastIndexOf(":");
  const userPoolId = colon > 0 ? userPoolIdOf(key.slice(0, colon)) : null;
  return userPoolId ? { userPoolId, clientId: key.slice(colon + 1) } : null;
}

/** The names of the OpenID Connect providers the pool lists (ARNs of other accounts' providers name none). */
export function oidcProviderNames(pool: Pick<CognitoIdentityPool, "accountId" | "config">): string[] {
  return poolSettings(pool).OpenIdConnectProviderARNs.flatMap((arn) => {
    const parsed = parseOidcProviderArn(arn);
    return parsed && parsed.accountId === pool.accountId ? [parsed.name] : [];
  });
}

/** The name of the pool's OpenID Connect provider a Logins key names (with or without the URL's scheme); null when none. */
export function configuredOidcProvider(pool: Pick<CognitoIdentityPool, "accountId" | "config">, key: string): string | null {
  const name = withoutScheme(key);
  return oidcProviderNames(pool).includes(name) ? name : null;
}
