/**
 * Identity pools as Cognito Identity describes them: the settings kept in `config`, the roles and role
 * mappings, ids (`{region}:{uuid}` for pools and identities alike) and ARNs.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { CognitoIdentity, CognitoIdentityPool } from "../../db/generated/client";

/** Pool and identity ids alike: `us-east-1:8f0c…`. */
export const newRegionalId = (region: string) => `${region}:${randomUUID()}`;
export const identityPoolArn = (region: string, accountId: string, id: string) => `arn:aws:cognito-identity:${region}:${accountId}:identitypool/${id}`;

/** What identity pool roles assume as: AWS names every such session so. */
export const SESSION_NAME = "CognitoIdentityCredentials";

const CognitoIdentityProvider = z.object({
  ProviderName: z.string().min(1).max(128),
  ClientId: z.string().min(1).max(128),
  ServerSideTokenCheck: z.boolean().default(false),
});

/** The pool settings kept in `cognito_identity_pools.config`, as CreateIdentityPool takes them (UpdateIdentityPool replaces them all). */
export const PoolSettings = z.object({
  AllowUnauthenticatedIdentities: z.boolean(),
  AllowClassicFlow: z.boolean().default(false),
  SupportedLoginProviders: z.record(z.string().min(1).max(128), z.string().min(1).max(128)).default({}),
  DeveloperProviderName: z.string().min(1).max(100).optional(),
  OpenIdConnectProviderARNs: z.array(z.string().min(20).max(2048)).default([]),
  CognitoIdentityProviders: z.array(CognitoIdentityProvider).default([]),
  SamlProviderARNs: z.array(z.string().min(20).max(2048)).default([]),
});
export type PoolSettings = z.output<typeof PoolSettings>;

const RoleArn = z.string().min(20).max(2048);

/** SetIdentityPoolRoles' Roles: the two roles AWS knows. */
export const Roles = z.object({ authenticated: RoleArn.optional(), unauthenticated: RoleArn.optional() }).strict();
export type Roles = z.output<typeof Roles>;

export const MappingRule = z.object({
  Claim: z.string().min(1).max(64),
  MatchType: z.enum(["Equals", "Contains", "StartsWith", "NotEqual"]),
  Value: z.string().min(1).max(128),
  RoleARN: RoleArn,
});
export type MappingRule = z.output<typeof MappingRule>;

export const RoleMapping = z.object({
  Type: z.enum(["Token", "Rules"]),
  AmbiguousRoleResolution: z.enum(["AuthenticatedRole", "Deny"]),
  RulesConfiguration: z.object({ Rules: z.array(MappingRule).min(1).max(25) }).optional(),
});
export type RoleMapping = z.output<typeof RoleMapping>;

/** Keyed by provider: `cognito-idp.{region}.amazonaws.com/{userPoolId}:{clientId}` for a user pool app client, the provider's name for an OpenID Connect provider. */
export const RoleMappings = z.record(z.string().min(1).max(128), RoleMapping);
export type RoleMappings = z.output<typeof RoleMappings>;

const Tags = z.record(z.string(), z.string());
/** An identity's linked logins: provider name → the login's subject. */
const Logins = z.record(z.string(), z.string());

export const poolSettings = (pool: Pick<CognitoIdentityPool, "config">): PoolSettings => PoolSettings.parse(pool.config);
export const poolRoles = (pool: Pick<CognitoIdentityPool, "roles">): Roles => Roles.parse(pool.roles);
export const poolRoleMappings = (pool: Pick<CognitoIdentityPool, "roleMappings">): RoleMappings => RoleMappings.parse(pool.roleMappings);
export const linkedLogins = (identity: Pick<CognitoIdentity, "logins">): Record<string, string> => Logins.parse(identity.logins);

export function poolShape(pool: CognitoIdentityPool) {
  return { IdentityPoolId: pool.id, IdentityPoolName: pool.name, ...poolSettings(pool), IdentityPoolTags: Tags.parse(pool.tags) };
}

export function identityShape(identity: CognitoIdentity) {
  return {
    IdentityId: identity.identityId,
    Logins: Object.keys(linkedLogins(identity)),
    CreationDate: identity.createdAt,
    LastModifiedDate: identity.updatedAt,
  };
}
