/** Groups of a pool (precedence, role) and their members. */
import type { Db } from "../../db/client";
import type { CognitoGroup } from "../../db/generated/client";
import { isUniqueViolation } from "../../db/errors";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { CognitoErrors } from "./errors";
import { requirePool, requireUser } from "./store";
import { userShape } from "./users";

function groupShape(group: CognitoGroup) {
  return {
    GroupName: group.groupName,
    UserPoolId: group.userPoolId,
    Description: group.description || undefined,
    RoleArn: group.roleArn ?? undefined,
    Precedence: group.precedence ?? undefined,
    CreationDate: group.createdAt,
    LastModifiedDate: group.updatedAt,
  };
}

async function requireGroup(db: Db, userPoolId: string, groupName: string): Promise<CognitoGroup> {
  const group = await db.cognitoGroup.findUnique({ where: { userPoolId_groupName: { userPoolId, groupName } } });
  if (!group) throw CognitoErrors.resourceNotFound("Group not found.");
  return group;
}

export async function createGroup(db: Db, ctx: CallContext, input: { UserPoolId: string; GroupName: string; Description?: string; RoleArn?: string; Precedence?: number }) {
  requireRole(ctx, "developer", "cognito-idp:CreateGroup");
  await requirePool(db, ctx, input.UserPoolId);
  const group = await db.cognitoGroup
    .create({ data: { userPoolId: input.UserPoolId, groupName: input.GroupName, description: input.Description ?? "", roleArn: input.RoleArn, precedence: input.Precedence } })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? CognitoErrors.groupExists("A group with the name already exists.") : error;
    });
  return { Group: groupShape(group) };
}

export async function getGroup(db: Db, ctx: CallContext, input: { UserPoolId: string; GroupName: string }) {
  await requirePool(db, ctx, input.UserPoolId);
  return { Group: groupShape(await requireGroup(db, input.UserPoolId, input.GroupName)) };
}

export async function listGroups(db: Db, ctx: CallContext, input: { UserPoolId: string; Limit?: number; NextToken?: string }) {
  await requirePool(db, ctx, input.UserPoolId);
  const limit = input.Limit ?? 60;
  const groups = await db.cognitoGroup.findMany({
    where: { userPoolId: input.UserPoolId, ...(input.NextToken ? { groupName: { gt: input.NextToken } } : {}) },
    orderBy: { groupName: "asc" },
    take: limit + 1,
  });
  const page = groups.slice(0, limit);
  return { Groups: page.map(groupShape), NextToken: groups.length > limit ? page[page.length - 1]!.groupName : undefined };
}

export async function updateGroup(db: Db, ctx: CallContext, input: { UserPoolId: string; GroupName: string; Description?: string; RoleArn?: string; Precedence?: number }) {
  requireRole(ctx, "developer", "cognito-idp:UpdateGroup");
  await requirePool(db, ctx, input.UserPoolId);
  const group = await requireGroup(db, input.UserPoolId, input.GroupName);
  const updated = await db.cognitoGroup.update({
    where: { userPoolId_groupName: { userPoolId: group.userPoolId, groupName: group.groupName } },
    data: { description: input.Description ?? group.description, roleArn: input.RoleArn ?? group.roleArn, precedence: input.Precedence ?? group.precedence, updatedAt: new Date() },
  });
  return { Group: groupShape(updated) };
}

export async function deleteGroup(db: Db, ctx: CallContext, input: { UserPoolId: string; GroupName: string }) {
  requireRole(ctx, "developer", "cognito-idp:DeleteGroup");
  await requirePool(db, ctx, input.UserPoolId);
  const group = await requireGroup(db, input.UserPoolId, input.GroupName);
  await db.cognitoGroup.delete({ where: { userPoolId_groupName: { userPoolId: group.userPoolId, groupName: group.groupName } } });
  return {};
}

async function membership(db: Db, ctx: CallContext, input: { UserPoolId: string; Username: string; GroupName: string }) {
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const [user, group] = await Promise.all([requireUser(db, pool, input.Username), requireGroup(db, pool.id, input.GroupName)]);
  return { userPoolId: pool.id, usernameKey: user.usernameKey, groupName: group.groupName };
}

export async function adminAddUserToGroup(db: Db, ctx: CallContext, input: { UserPoolId: string; Username: string; GroupName: string }) {
  requireRole(ctx, "developer", "cognito-idp:AdminAddUserToGroup");
  await db.cognitoUserGroup.createMany({ data: [await membership(db, ctx, input)], skipDuplicates: true });
  return {};
}

export async function adminRemoveUserFromGroup(db: Db, ctx: CallContext, input: { UserPoolId: string; Username: string; GroupName: string }) {
  requireRole(ctx, "developer", "cognito-idp:AdminRemoveUserFromGroup");
  await db.cognitoUserGroup.deleteMany({ where: await membership(db, ctx, input) });
  return {};
}

/** Puts a user in a group, creating the group (with this description) when the pool has none of that name. */
export async function joinGroup(db: Db, userPoolId: string, usernameKey: string, group: { groupName: string; description: string }): Promise<void> {
  await db.cognitoGroup.createMany({ data: [{ userPoolId, ...group }], skipDuplicates: true });
  await db.cognitoUserGroup.createMany({ data: [{ userPoolId, usernameKey, groupName: group.groupName }], skipDuplicates: true });
}

/** A user's groups, lowest precedence first (the order `cognito:groups` lists them in). */
export async function groupsOfUser(db: Db, userPoolId: string, usernameKey: string): Promise<CognitoGroup[]> {
  const rows = await db.cognitoUserGroup.findMany({ where: { userPoolId, usernameKey }, include: { group: true } });
  return rows.map((r) => r.group).sort((a, b) => (a.precedence ?? Number.MAX_SAFE_INTEGER) - (b.precedence ?? Number.MAX_SAFE_INTEGER) || a.groupName.localeCompare(b.groupName));
}

export async function adminListGroupsForUser(db: Db, ctx: CallContext, input: { UserPoolId: string; Username: string; Limit?: number; NextToken?: string }) {
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const user = await requireUser(db, pool, input.Username);
  return { Groups: (await groupsOfUser(db, pool.id, user.usernameKey)).map(groupShape) };
}

export async function listUsersInGroup(db: Db, ctx: CallContext, input: { UserPoolId: string; GroupName: string; Limit?: number; NextToken?: string }) {
  await requirePool(db, ctx, input.UserPoolId);
  await requireGroup(db, input.UserPoolId, input.GroupName);
  const rows = await db.cognitoUserGroup.findMany({ where: { userPoolId: input.UserPoolId, groupName: input.GroupName }, include: { user: true }, orderBy: { usernameKey: "asc" } });
  return { Users: rows.map((r) => userShape(r.user)) };
}
