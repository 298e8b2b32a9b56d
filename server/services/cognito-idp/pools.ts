/** User pool lifecycle: CreateUserPool, DescribeUserPool, ListUserPools, UpdateUserPool, DeleteUserPool. */
import type { Db, PrismaClient } from "../../db/client";
import type { CognitoUserPool } from "../../db/generated/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { CognitoErrors } from "./errors";
import { newPoolKey } from "./keys";
import { COGNITO_WRITTEN_ATTRIBUTES, newUserPoolId, PoolSettings, SchemaAttribute, type SchemaAttributeInput, STANDARD_ATTRIBUTES, userPoolArn } from "./model";
import { poolSettings, requirePool } from "./store";

type Constraints = Record<string, string | undefined>;

/** Whether constraints given differ from the attribute's own (left out, they are its own). */
const constraintsDiffer = (given: Constraints | undefined, own: Constraints | undefined): boolean =>
  given !== undefined && Object.keys({ ...own, ...given }).some((key) => given[key] !== own?.[key]);

/**
 * A standard attribute redefined by a Schema entry: Required and Mutable may change, its data type may
 * not and it cannot become developer-only (AWS's own message). What Cognito writes itself (`sub`,
 * `identities`) keeps its definition whole; restating it unchanged is accepted.
 */
function standardAttribute(own: SchemaAttribute, given: SchemaAttributeInput): SchemaAttribute {
  if ((given.AttributeDataType !== undefined && given.AttributeDataType !== own.AttributeDataType) || given.DeveloperOnlyAttribute) {
    throw CognitoErrors.invalidParameter(`You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute ${own.Name}`);
  }
  const attribute = { ...own, Required: given.Required ?? own.Required, Mutable: given.Mutable ?? own.Mutable };
  const changed =
    attribute.Required !== own.Required ||
    attribute.Mutable !== own.Mutable ||
    constraintsDiffer(given.StringAttributeConstraints, own.StringAttributeConstraints) ||
    constraintsDiffer(given.NumberAttributeConstraints, own.NumberAttributeConstraints);
  if (COGNITO_WRITTEN_ATTRIBUTES.has(own.Name) && changed) {
    throw CognitoErrors.invalidParameter(`You can not change Mutable, Required or the constraints of standard schema attribute ${own.Name}`);
  }
  return attribute;
}

/** A custom attribute: `custom:` before its name, a data type it must be given, never required. */
function customAttribute(given: SchemaAttributeInput): SchemaAttribute {
  if (given.AttributeDataType === undefined) throw CognitoErrors.invalidParameter("Invalid AttributeDataType input, consider using the provided AttributeDataType enum.");
  if (given.Required) throw CognitoErrors.invalidParameter("Required custom attributes are not supported currently.");
  return SchemaAttribute.parse({ ...given, Name: given.Name.startsWith("custom:") ? given.Name : `custom:${given.Name}` });
}

/** Standard attributes as given (e.g. `email` made required) replace the defaults; the rest become `custom:`. */
function schemaOf(given: SchemaAttributeInput[]): SchemaAttribute[] {
  const standard = new Map(STANDARD_ATTRIBUTES.map((a) => [a.Name, a]));
  const custom: SchemaAttribute[] = [];
  for (const attribute of given) {
    const own = standard.get(attribute.Name);
    if (own) standard.set(attribute.Name, standardAttribute(own, attribute));
    else custom.push(customAttribute(attribute));
  }
  return [...standard.values(), ...custom];
}

export function describePool(pool: CognitoUserPool, estimatedUsers: number) {
  const { SchemaAttributes, ...settings } = poolSettings(pool);
  return {
    Id: pool.id,
    Name: pool.name,
    Arn: userPoolArn(pool.region, pool.accountId, pool.id),
    ...settings,
    SchemaAttributes,
    EstimatedNumberOfUsers: estimatedUsers,
    UserPoolTags: pool.tags as Record<string, string>,
    CreationDate: pool.createdAt,
    LastModifiedDate: pool.updatedAt,
  };
}

export type CreateUserPoolInput = Omit<Partial<PoolSettings>, "SchemaAttributes"> & {
  PoolName: string;
  Schema?: SchemaAttributeInput[];
  UserPoolTags?: Record<string, string>;
};

export async function createUserPool(db: Db, ctx: CallContext, input: CreateUserPoolInput) {
  requireRole(ctx, "developer", "cognito-idp:CreateUserPool");
  const { PoolName, Schema, UserPoolTags, ...rest } = input;
  if (rest.AliasAttributes?.length && rest.UsernameAttributes?.length) {
    throw CognitoErrors.invalidParameter("Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.");
  }
  const settings = PoolSettings.parse({ ...rest, SchemaAttributes: schemaOf(Schema ?? []) });
  const key = newPoolKey();
  const pool = await db.cognitoUserPool.create({
    data: {
      id: newUserPoolId(ctx.region),
      accountId: ctx.accountId,
      region: ctx.region,
      name: PoolName,
      config: settings,
      keyId: key.keyId,
      privateKeyEncrypted: key.privateKeyEncrypted,
      publicJwk: key.publicJwk,
      tags: UserPoolTags ?? {},
    },
  });
  return { UserPool: describePool(pool, 0) };
}

export async function describeUserPool(db: Db, ctx: CallContext, input: { UserPoolId: string }) {
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const users = await db.cognitoUser.count({ where: { userPoolId: pool.id } });
  return { UserPool: describePool(pool, users) };
}

export async function listUserPools(db: Db, ctx: CallContext, input: { MaxResults: number; NextToken?: string }) {
  const pools = await db.cognitoUserPool.findMany({
    where: { accountId: ctx.accountId, region: ctx.region, ...(input.NextToken ? { id: { gt: input.NextToken } } : {}) },
    orderBy: { id: "asc" },
    take: input.MaxResults + 1,
  });
  const page = pools.slice(0, input.MaxResults);
  return {
    UserPools: page.map((p) => ({
      Id: p.id,
      Name: p.name,
      LambdaConfig: poolSettings(p).LambdaConfig,
      CreationDate: p.createdAt,
      LastModifiedDate: p.updatedAt,
    })),
    NextToken: pools.length > input.MaxResults ? page[page.length - 1]!.id : undefined,
  };
}

export async function updateUserPool(db: Db, ctx: CallContext, input: Omit<Partial<PoolSettings>, "SchemaAttributes"> & { UserPoolId: string; UserPoolTags?: Record<string, string> }) {
  requireRole(ctx, "developer", "cognito-idp:UpdateUserPool");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const { UserPoolId: _id, UserPoolTags, ...changes } = input;
  const current = poolSettings(pool);
  // UpdateUserPool resets what it is not given to its default, as AWS documents (except the schema and aliases).
  const settings = PoolSettings.parse({ ...changes, SchemaAttributes: current.SchemaAttributes, AliasAttributes: current.AliasAttributes, UsernameAttributes: current.UsernameAttributes, UsernameConfiguration: current.UsernameConfiguration });
  await db.cognitoUserPool.update({ where: { id: pool.id }, data: { config: settings, updatedAt: new Date(), ...(UserPoolTags ? { tags: UserPoolTags } : {}) } });
  return {};
}

export async function deleteUserPool(db: PrismaClient, ctx: CallContext, input: { UserPoolId: string }) {
  requireRole(ctx, "developer", "cognito-idp:DeleteUserPool");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  if (poolSettings(pool).DeletionProtection === "ACTIVE") {
    throw CognitoErrors.invalidParameter("The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.");
  }
  // Users, clients and groups go with the pool (foreign keys); resource servers and pending codes are removed here.
  await db.$transaction([
    db.cognitoResourceServer.deleteMany({ where: { userPoolId: pool.id } }),
    db.cognitoAuthorizationCode.deleteMany({ where: { userPoolId: pool.id } }),
    db.cognitoRefreshToken.deleteMany({ where: { userPoolId: pool.id } }),
    db.cognitoCode.deleteMany({ where: { userPoolId: pool.id } }),
    db.cognitoUserPool.delete({ where: { id: pool.id } }),
  ]);
  return {};
}

/** Custom attributes added to an existing pool (AddCustomAttributes). */
export async function addCustomAttributes(db: Db, ctx: CallContext, input: { UserPoolId: string; CustomAttributes: SchemaAttributeInput[] }) {
  requireRole(ctx, "developer", "cognito-idp:AddCustomAttributes");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const settings = poolSettings(pool);
  const names = new Set(settings.SchemaAttributes.map((a) => a.Name));
  const added = input.CustomAttributes.map(customAttribute);
  for (const attribute of added) {
    if (names.has(attribute.Name)) throw CognitoErrors.invalidParameter(`${attribute.Name}: Existing attribute already has name ${attribute.Name}.`);
  }
  await db.cognitoUserPool.update({ where: { id: pool.id }, data: { config: { ...settings, SchemaAttributes: [...settings.SchemaAttributes, ...added] }, updatedAt: new Date() } });
  return {};
}
