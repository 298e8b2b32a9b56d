/**
 * Identity pool lifecycle (CreateIdentityPool, DescribeIdentityPool, ListIdentityPools, UpdateIdentityPool,
 * DeleteIdentityPool) and the roles its identities get (SetIdentityPoolRoles, GetIdentityPoolRoles).
 */
import type { Db } from "../../db/client";
import type { CognitoIdentityPool } from "../../db/generated/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { parseOidcProviderArn } from "../iam/model";
import { roleNameOf } from "../sts/role-sessions";
import { IdentityErrors } from "./errors";
import { newRegionalId, poolRoleMappings, poolRoles, poolSettings, poolShape, PoolSettings, type RoleMappings, type Roles } from "./model";
import { mappedClient, oidcProviderNames, userPoolIdOf } from "./providers";
import { keysetPage, requirePool } from "./store";

export type PoolInput = PoolSettings & { IdentityPoolName: string; IdentityPoolTags?: Record<string, string> };

/** OpenID Connect providers are IAM's, in the pool's own account. */
function checkOidcProviderArns(accountId: string, arns: string[]): void {
  for (const arn of arns) {
    if (parseOidcProviderArn(arn)?.accountId !== accountId) throw IdentityErrors.invalidParameter(`${arn} is not an OpenID Connect provider ARN of this account.`);
  }
}

export async function createIdentityPool(db: Db, ctx: CallContext, input: PoolInput) {
  requireRole(ctx, "developer", "cognito-identity:CreateIdentityPool");
  const { IdentityPoolName, IdentityPoolTags, ...settings } = input;
  checkOidcProviderArns(ctx.accountId, settings.OpenIdConnectProviderARNs);
  const pool = await db.cognitoIdentityPool.create({
    data: {
      id: newRegionalId(ctx.region),
      accountId: ctx.accountId,
      region: ctx.region,
      name: IdentityPoolName,
      config: PoolSettings.parse(settings),
      tags: IdentityPoolTags ?? {},
    },
  });
  return poolShape(pool);
}

export async function describeIdentityPool(db: Db, ctx: CallContext, input: { IdentityPoolId: string }) {
  return poolShape(await requirePool(db, ctx, input.IdentityPoolId));
}

export async function listIdentityPools(db: Db, ctx: CallContext, input: { MaxResults: number; NextToken?: string }) {
  const pools = await db.cognitoIdentityPool.findMany({
    where: { accountId: ctx.accountId, region: ctx.region, ...(input.NextToken ? { id: { gt: input.NextToken } } : {}) },
    orderBy: { id: "asc" },
    take: input.MaxResults + 1,
  });
  const { items, NextToken } = keysetPage(pools, input.MaxResults, (pool) => pool.id);
  return { IdentityPools: items.map((pool) => ({ IdentityPoolId: pool.id, IdentityPoolName: pool.name })), NextToken };
}

/** Replaces every setting, as AWS does (what the input leaves out is cleared); tags change only when given. */
export async function updateIdentityPool(db: Db, ctx: CallContext, input: PoolInput & { IdentityPoolId: string }) {
  requireRole(ctx, "developer", "cognito-identity:UpdateIdentityPool");
  const { IdentityPoolId, IdentityPoolName, IdentityPoolTags, ...settings } = input;
  checkOidcProviderArns(ctx.accountId, settings.OpenIdConnectProviderARNs);
  const pool = await requirePool(db, ctx, IdentityPoolId);
  const updated = await db.cognitoIdentityPool.update({
    where: { id: pool.id },
    data: { name: IdentityPoolName, config: PoolSettings.parse(settings), ...(IdentityPoolTags && { tags: IdentityPoolTags }) },
  });
  return poolShape(updated);
}

export async function deleteIdentityPool(db: Db, ctx: CallContext, input: { IdentityPoolId: string }) {
  requireRole(ctx, "developer", "cognito-identity:DeleteIdentityPool");
  const pool = await requirePool(db, ctx, input.IdentityPoolId);
  await db.cognitoIdentityPool.delete({ where: { id: pool.id } });
  return {};
}

function checkRoleArn(arn: string): void {
  if (!roleNameOf(arn)) throw IdentityErrors.invalidParameter(`${arn} is not a valid role ARN.`);
}

/**
 * Role mappings apply to the pool's user pool app clients and OpenID Connect providers (the logins Stratus
 * verifies): each key must name one, and rule-based mappings need their rules.
 */
function checkRoleMappings(pool: CognitoIdentityPool, mappings: RoleMappings): void {
  const { CognitoIdentityProviders } = poolSettings(pool);
  for (const [key, mapping] of Object.entries(mappings)) {
    const client = mappedClient(key);
    const appClient = client && CognitoIdentityProviders.some((p) => userPoolIdOf(p.ProviderName) === client.userPoolId && p.ClientId === client.clientId);
    if (!appClient && !oidcProviderNames(pool).includes(key)) {
      throw IdentityErrors.invalidParameter(`${key} is not a user pool app client of this identity pool ({ProviderName}:{ClientId}) or one of its OpenID Connect providers.`);
    }
    if (mapping.Type === "Rules" && !mapping.RulesConfiguration) throw IdentityErrors.invalidParameter(`RulesConfiguration is required for role mapping ${key} of type Rules.`);
    for (const rule of mapping.RulesConfiguration?.Rules ?? []) checkRoleArn(rule.RoleARN);
  }
}

export async function setIdentityPoolRoles(db: Db, ctx: CallContext, input: { IdentityPoolId: string; Roles: Roles; RoleMappings?: RoleMappings }) {
  requireRole(ctx, "developer", "cognito-identity:SetIdentityPoolRoles");
  const pool = await requirePool(db, ctx, input.IdentityPoolId);
  for (const arn of Object.values(input.Roles)) if (arn !== undefined) checkRoleArn(arn);
  const roleMappings = input.RoleMappings ?? {};
  checkRoleMappings(pool, roleMappings);
  await db.cognitoIdentityPool.update({ where: { id: pool.id }, data: { roles: input.Roles, roleMappings } });
  return {};
}

export async function getIdentityPoolRoles(db: Db, ctx: CallContext, input: { IdentityPoolId: string }) {
  const pool = await requirePool(db, ctx, input.IdentityPoolId);
  return { IdentityPoolId: pool.id, Roles: poolRoles(pool), RoleMappings: poolRoleMappings(pool) };
}
