/**
 * The PreTokenGeneration trigger (event version 1): it may add, override or suppress ID token claims
 * and replace the groups, roles and preferred role both tokens carry. Claims Cognito owns cannot be
 * touched, as AWS documents.
 */
import type { CognitoUser, CognitoUserPool, CognitoUserPoolClient } from "../../db/generated/client";
import { runTrigger, triggerAttributes, triggerFunction } from "./triggers";

/** Claims a trigger can neither change nor remove. */
const RESERVED = new Set(["acr", "amr", "aud", "at_hash", "auth_time", "azp", "cognito:username", "exp", "iat", "identities", "iss", "jti", "nbf", "nonce", "origin_jti", "sub", "token_use"]);

export interface TokenCustomisation {
  groups: string[];
  roles: string[];
  preferredRole?: string;
  addOrOverride: Record<string, unknown>;
  suppress: string[];
}

const strings = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined);
const record = (value: unknown): Record<string, unknown> => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

export async function preTokenGeneration(
  pool: CognitoUserPool,
  client: CognitoUserPoolClient,
  user: CognitoUser,
  source: string,
  current: { groups: string[]; roles: string[] },
): Promise<TokenCustomisation> {
  const unchanged: TokenCustomisation = { ...current, preferredRole: current.roles[0], addOrOverride: {}, suppress: [] };
  if (!triggerFunction(pool, "PreTokenGeneration")) return unchanged;
  const response = await runTrigger({
    pool,
    trigger: "PreTokenGeneration",
    source,
    userName: user.username,
    clientId: client.clientId,
    request: {
      userAttributes: triggerAttributes(user),
      groupConfiguration: { groupsToOverride: current.groups, iamRolesToOverride: current.roles, preferredRole: current.roles[0] ?? null },
      clientMetadata: {},
    },
    response: { claimsOverrideDetails: null },
  });
  const details = record(response.claimsOverrideDetails);
  const groupOverride = record(details.groupOverrideDetails);
  const addOrOverride = Object.fromEntries(Object.entries(record(details.claimsToAddOrOverride)).filter(([name]) => !RESERVED.has(name)));
  return {
    groups: strings(groupOverride.groupsToOverride) ?? current.groups,
    roles: strings(groupOverride.iamRolesToOverride) ?? current.roles,
    preferredRole: typeof groupOverride.preferredRole === "string" ? groupOverride.preferredRole : unchanged.preferredRole,
    addOrOverride,
    suppress: (strings(details.claimsToSuppress) ?? []).filter((name) => !RESERVED.has(name)),
  };
}

export function withoutSuppressed(claims: Record<string, unknown>, suppress: string[]): Record<string, unknown> {
  return suppress.length ? Object.fromEntries(Object.entries(claims).filter(([name]) => !suppress.includes(name))) : claims;
}
