/**
 * Which role an identity's credentials act as. A guest gets the pool's unauthenticated role. A signed-in
 * identity gets what its provider's role mapping resolves (Token: the role its ID token carries from its
 * user pool groups; Rules: the first rule its claims match), else the pool's authenticated role.
 */
import type { CognitoIdentityPool } from "../../db/generated/client";
import { IdentityErrors } from "./errors";
import type { VerifiedLogin } from "./logins";
import { type MappingRule, poolRoleMappings, poolRoles, type RoleMapping } from "./model";
import { mappedClient } from "./providers";

const MATCHES: Record<Exclude<MappingRule["MatchType"], "NotEqual">, (claim: string, value: string) => boolean> = {
  Equals: (claim, value) => claim === value,
  Contains: (claim, value) => claim.includes(value),
  StartsWith: (claim, value) => claim.startsWith(value),
};

/** A multivalued claim (`cognito:groups`) matches when one of its values does; NotEqual, when none equals. */
function ruleMatches(rule: MappingRule, claims: Record<string, unknown>): boolean {
  const claim = claims[rule.Claim];
  if (claim === undefined || claim === null) return false;
  const values = (Array.isArray(claim) ? claim : [claim]).map(String);
  if (rule.MatchType === "NotEqual") return !values.includes(rule.Value);
  const matches = MATCHES[rule.MatchType];
  return values.some((value) => matches(value, rule.Value));
}

/** The token's preferred role, or the one of its roles the caller asked for (CustomRoleArn). */
function tokenRole(claims: Record<string, unknown>, customRoleArn: string | undefined): string | undefined {
  const roles = claims["cognito:roles"];
  const preferred = claims["cognito:preferred_role"];
  if (customRoleArn === undefined) return typeof preferred === "string" ? preferred : undefined;
  if (!Array.isArray(roles) || !roles.includes(customRoleArn)) throw IdentityErrors.notAuthorized(`The login token does not grant the role ${customRoleArn}.`);
  return customRoleArn;
}

/** A user pool login is mapped by its app client (`{provider}:{clientId}`), an OpenID Connect provider's by the provider's name. */
function mapsLogin(key: string, login: VerifiedLogin): boolean {
  if (!login.appClient) return key === login.provider;
  const client = mappedClient(key);
  return client !== null && client.userPoolId === login.appClient.userPoolId && client.clientId === login.appClient.clientId;
}

function mappingOf(pool: CognitoIdentityPool, login: VerifiedLogin): { key: string; mapping: RoleMapping } | undefined {
  const found = Object.entries(poolRoleMappings(pool)).find(([key]) => mapsLogin(key, login));
  return found && { key: found[0], mapping: found[1] };
}

/** The first login whose provider has a role mapping decides; the pool's roles answer the rest. */
export function roleOf(pool: CognitoIdentityPool, logins: VerifiedLogin[], customRoleArn?: string): string {
  for (const login of logins) {
    const mapped = mappingOf(pool, login);
    if (!mapped) continue;
    const { key, mapping } = mapped;
    const role = mapping.Type === "Token" ? tokenRole(login.claims, customRoleArn) : mapping.RulesConfiguration?.Rules.find((rule) => ruleMatches(rule, login.claims))?.RoleARN;
    if (role) return role;
    if (mapping.AmbiguousRoleResolution === "Deny") throw IdentityErrors.notAuthorized(`The role mapping for ${key} resolves no role for this identity, and denies ambiguous ones.`);
    break;
  }
  const roles = poolRoles(pool);
  const role = logins.length > 0 ? roles.authenticated : roles.unauthenticated;
  if (!role) throw IdentityErrors.invalidPoolConfiguration();
  return role;
}
