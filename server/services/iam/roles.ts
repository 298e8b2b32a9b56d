/** IAM roles: the identities sessions act as (STS AssumeRole, function execution roles, API Gateway integrations). */
import type { Db } from "../../db/client";
import type { IamRole } from "../../db/generated/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { announceIamChange } from "./changes";
import { checkDocument, QUOTAS } from "./documents";
import { IamErrors } from "./errors";
import { encodeDocument, mergeTags, nameKey, onDuplicate, page, roleArn, storedTags, uniqueId, type Tag } from "./model";

export function roleShape(role: IamRole) {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: roleArn(role.accountId, role.path, role.roleName),
    CreateDate: role.createdAt,
    AssumeRolePolicyDocument: encodeDocument(role.assumeRolePolicy),
    Description: role.description || undefined,
    MaxSessionDuration: role.maxSessionDuration,
    Tags: storedTags(role.tags),
    RoleLastUsed: role.lastUsedAt ? { LastUsedDate: role.lastUsedAt, Region: "us-east-1" } : {},
  };
}

export async function findRole(db: Db, accountId: string, roleName: string): Promise<IamRole | null> {
  return db.iamRole.findUnique({ where: { accountId_nameKey: { accountId, nameKey: nameKey(roleName) } } });
}

export async function requireExistingRole(db: Db, accountId: string, roleName: string): Promise<IamRole> {
  const role = await findRole(db, accountId, roleName);
  if (!role) throw IamErrors.roleNotFound(roleName);
  return role;
}

export async function createRole(
  db: Db,
  ctx: CallContext,
  input: { RoleName: string; AssumeRolePolicyDocument: string; Path?: string; Description?: string; MaxSessionDuration?: number; Tags?: Tag[] },
) {
  requireRole(ctx, "developer", "iam:CreateRole");
  checkDocument(input.AssumeRolePolicyDocument, "trust", QUOTAS.trust);
  if (await findRole(db, ctx.accountId, input.RoleName)) throw IamErrors.entityAlreadyExists(`Role with name ${input.RoleName} already exists.`);
  const role = await db.iamRole
    .create({
      data: {
        accountId: ctx.accountId,
        nameKey: nameKey(input.RoleName),
        roleName: input.RoleName,
        roleId: uniqueId("AROA"),
        path: input.Path ?? "/",
        assumeRolePolicy: input.AssumeRolePolicyDocument,
        description: input.Description ?? "",
        maxSessionDuration: input.MaxSessionDuration ?? 3600,
        tags: mergeTags([], input.Tags ?? []),
      },
    })
    .catch(onDuplicate(() => IamErrors.entityAlreadyExists(`Role with name ${input.RoleName} already exists.`)));
  await announceIamChange(db, ctx.accountId);
  return { Role: roleShape(role) };
}

export async function getRole(db: Db, ctx: CallContext, input: { RoleName: string }) {
  return { Role: roleShape(await requireExistingRole(db, ctx.accountId, input.RoleName)) };
}

export async function listRoles(db: Db, ctx: CallContext, input: { PathPrefix?: string; Marker?: string; MaxItems?: number }) {
  const roles = await db.iamRole.findMany({
    where: { accountId: ctx.accountId, path: { startsWith: input.PathPrefix ?? "/" } },
    orderBy: { nameKey: "asc" },
  });
  // ListRoles leaves tags and last use out, as AWS does.
  const { items, ...rest } = page(roles, input);
  return { Roles: items.map((role) => ({ ...roleShape(role), Tags: undefined, RoleLastUsed: undefined })), ...rest };
}

export async function updateRole(db: Db, ctx: CallContext, input: { RoleName: string; Description?: string; MaxSessionDuration?: number }) {
  requireRole(ctx, "developer", "iam:UpdateRole");
  const role = await requireExistingRole(db, ctx.accountId, input.RoleName);
  await db.iamRole.update({
    where: { accountId_nameKey: { accountId: ctx.accountId, nameKey: role.nameKey } },
    data: { description: input.Description ?? role.description, maxSessionDuration: input.MaxSessionDuration ?? role.maxSessionDuration },
  });
  return {};
}

export async function updateAssumeRolePolicy(db: Db, ctx: CallContext, input: { RoleName: string; PolicyDocument: string }) {
  requireRole(ctx, "developer", "iam:UpdateAssumeRolePolicy");
  const role = await requireExistingRole(db, ctx.accountId, input.RoleName);
  checkDocument(input.PolicyDocument, "trust", QUOTAS.trust);
  await db.iamRole.update({ where: { accountId_nameKey: { accountId: ctx.accountId, nameKey: role.nameKey } }, data: { assumeRolePolicy: input.PolicyDocument } });
  await announceIamChange(db, ctx.accountId);
}

/** DeleteRole refuses while policies are attached or embedded, as IAM does. */
export async function deleteRole(db: Db, ctx: CallContext, input: { RoleName: string }) {
  requireRole(ctx, "developer", "iam:DeleteRole");
  const role = await requireExistingRole(db, ctx.accountId, input.RoleName);
  const key = { accountId: ctx.accountId, principalType: "role" as const, principalKey: role.nameKey };
  const [attached, inline] = await Promise.all([db.iamPolicyAttachment.count({ where: key }), db.iamInlinePolicy.count({ where: key })]);
  if (attached > 0) throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
  if (inline > 0) throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
  await db.iamRole.delete({ where: { accountId_nameKey: { accountId: ctx.accountId, nameKey: role.nameKey } } });
  await announceIamChange(db, ctx.accountId);
}

export async function tagRole(db: Db, ctx: CallContext, input: { RoleName: string; Tags: Tag[] }) {
  requireRole(ctx, "developer", "iam:TagRole");
  const role = await requireExistingRole(db, ctx.accountId, input.RoleName);
  const tags = mergeTags(storedTags(role.tags), input.Tags);
  if (tags.length > 50) throw IamErrors.limitExceeded("The number of tags has reached the maximum limit.");
  await db.iamRole.update({ where: { accountId_nameKey: { accountId: ctx.accountId, nameKey: role.nameKey } }, data: { tags } });
}

export async function untagRole(db: Db, ctx: CallContext, input: { RoleName: string; TagKeys: string[] }) {
  requireRole(ctx, "developer", "iam:UntagRole");
  const role = await requireExistingRole(db, ctx.accountId, input.RoleName);
  const tags = storedTags(role.tags).filter((tag) => !input.TagKeys.includes(tag.Key));
  await db.iamRole.update({ where: { accountId_nameKey: { accountId: ctx.accountId, nameKey: role.nameKey } }, data: { tags } });
}

export async function listRoleTags(db: Db, ctx: CallContext, input: { RoleName: string; Marker?: string; MaxItems?: number }) {
  const role = await requireExistingRole(db, ctx.accountId, input.RoleName);
  const { items, ...rest } = page(storedTags(role.tags), input);
  return { Tags: items, ...rest };
}
