/** Programmatic IAM users and their long-term access keys. Console users are team members, not IAM users. */
import type { Db, PrismaClient } from "../../db/client";
import type { AccessKeyStatus } from "../../db/generated/enums";
import type { IamUser } from "../../db/generated/client";
import { env } from "../../env";
import { CommonErrors } from "../../errors";
import { encryptSecret } from "../../lib/secrets";
import * as consoleKeys from "../accounts/access-keys";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { announceIamChange } from "./changes";
import { IamErrors } from "./errors";
import { mergeTags, nameKey, onDuplicate, page, storedTags, uniqueId, userArn, type Tag } from "./model";

function userShape(user: IamUser) {
  return { Path: user.path, UserName: user.userName, UserId: user.userId, Arn: userArn(user.accountId, user.path, user.userName), CreateDate: user.createdAt, Tags: storedTags(user.tags) };
}

async function requireUser(db: Db, accountId: string, userName: string): Promise<IamUser> {
  const user = await db.iamUser.findUnique({ where: { accountId_nameKey: { accountId, nameKey: nameKey(userName) } } });
  if (!user) throw IamErrors.userNotFound(userName);
  return user;
}

export async function createUser(db: Db, ctx: CallContext, input: { UserName: string; Path?: string; Tags?: Tag[] }) {
  requireRole(ctx, "developer", "iam:CreateUser");
  const user = await db.iamUser
    .create({
      data: {
        accountId: ctx.accountId,
        nameKey: nameKey(input.UserName),
        userName: input.UserName,
        userId: uniqueId("AIDA"),
        path: input.Path ?? "/",
        tags: mergeTags([], input.Tags ?? []),
      },
    })
    .catch(onDuplicate(() => IamErrors.entityAlreadyExists(`User with name ${input.UserName} already exists.`)));
  return { User: userShape(user) };
}

/** Without a name, the caller: a console user appears as the IAM user their keys act as. */
export async function getUser(db: Db, ctx: CallContext, input: { UserName?: string }) {
  if (input.UserName !== undefined) return { User: userShape(await requireUser(db, ctx.accountId, input.UserName)) };
  const { principal } = ctx;
  if (principal.iam?.type === "user") return { User: userShape(await requireUser(db, ctx.accountId, principal.iam.name)) };
  if (principal.email === undefined) throw CommonErrors.validation("Must specify userName when calling with non-User credentials");
  return { User: { Path: "/", UserName: principal.email, UserId: principal.userId, Arn: principal.arn } };
}

export async function listUsers(db: Db, ctx: CallContext, input: { PathPrefix?: string; Marker?: string; MaxItems?: number }) {
  const users = await db.iamUser.findMany({ where: { accountId: ctx.accountId, path: { startsWith: input.PathPrefix ?? "/" } }, orderBy: { nameKey: "asc" } });
  const { items, ...rest } = page(users, input);
  return { Users: items.map((user) => ({ ...userShape(user), Tags: undefined })), ...rest };
}

/** DeleteUser refuses while the user has keys or policies, as IAM does. */
export async function deleteUser(db: Db, ctx: CallContext, input: { UserName: string }) {
  requireRole(ctx, "developer", "iam:DeleteUser");
  const user = await requireUser(db, ctx.accountId, input.UserName);
  const key = { accountId: ctx.accountId, principalType: "user" as const, principalKey: user.nameKey };
  const [keys, attached, inline] = await Promise.all([
    db.iamAccessKey.count({ where: { accountId: ctx.accountId, nameKey: user.nameKey } }),
    db.iamPolicyAttachment.count({ where: key }),
    db.iamInlinePolicy.count({ where: key }),
  ]);
  if (keys > 0) throw IamErrors.deleteConflict("Cannot delete entity, must delete access keys first.");
  if (attached > 0) throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
  if (inline > 0) throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
  await db.iamUser.delete({ where: { accountId_nameKey: { accountId: ctx.accountId, nameKey: user.nameKey } } });
  await announceIamChange(db, ctx.accountId);
}

/** The user a key operation is about: the named IAM user, or (no name) the calling console user. */
type KeyOwner = { kind: "iam"; user: IamUser } | { kind: "console"; userName: string };

async function keyOwner(db: Db, ctx: CallContext, userName: string | undefined): Promise<KeyOwner> {
  if (userName !== undefined) return { kind: "iam", user: await requireUser(db, ctx.accountId, userName) };
  if (ctx.principal.iam?.type === "user") return { kind: "iam", user: await requireUser(db, ctx.accountId, ctx.principal.iam.name) };
  if (ctx.principal.consoleUserId === undefined || ctx.principal.email === undefined) {
    throw CommonErrors.validation("Must specify userName when calling with non-User credentials");
  }
  return { kind: "console", userName: ctx.principal.email };
}

export async function createAccessKey(db: PrismaClient, ctx: CallContext, input: { UserName?: string }) {
  requireRole(ctx, "developer", "iam:CreateAccessKey");
  const owner = await keyOwner(db, ctx, input.UserName);
  const CreateDate = new Date();
  if (owner.kind === "console") {
    const key = await consoleKeys.createAccessKey(db, ctx);
    return { AccessKey: { UserName: owner.userName, AccessKeyId: key.accessKeyId, Status: "Active", SecretAccessKey: key.secretAccessKey, CreateDate } };
  }
  const { user } = owner;
  const accessKeyId = consoleKeys.newAccessKeyId();
  const secretAccessKey = consoleKeys.newSecretAccessKey();
  await db.$transaction(async (tx) => {
    // The user row is the lock that keeps concurrent creates within the quota.
    await tx.$queryRaw`SELECT 1 FROM iam_users WHERE account_id = ${ctx.accountId} AND name_key = ${user.nameKey} FOR UPDATE`;
    const existing = await tx.iamAccessKey.count({ where: { accountId: ctx.accountId, nameKey: user.nameKey } });
    if (existing >= consoleKeys.MAX_KEYS_PER_USER) throw IamErrors.limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${consoleKeys.MAX_KEYS_PER_USER}`);
    await tx.iamAccessKey.create({
      data: { accessKeyId, accountId: ctx.accountId, nameKey: user.nameKey, secretEncrypted: encryptSecret(secretAccessKey, env().STRATUS_SECRET_KEY), createdAt: CreateDate },
    });
  });
  return { AccessKey: { UserName: user.userName, AccessKeyId: accessKeyId, Status: "Active", SecretAccessKey: secretAccessKey, CreateDate } };
}

export async function listAccessKeys(db: Db, ctx: CallContext, input: { UserName?: string; Marker?: string; MaxItems?: number }) {
  const owner = await keyOwner(db, ctx, input.UserName);
  const keys =
    owner.kind === "console"
      ? (await consoleKeys.listAccessKeys(db, ctx)).map((k) => ({ UserName: owner.userName, AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: k.createdAt }))
      : (await db.iamAccessKey.findMany({ where: { accountId: ctx.accountId, nameKey: owner.user.nameKey }, orderBy: { createdAt: "asc" } })).map((k) => ({
          UserName: owner.user.userName,
          AccessKeyId: k.accessKeyId,
          Status: k.status,
          CreateDate: k.createdAt,
        }));
  const { items, ...rest } = page(keys, input);
  return { AccessKeyMetadata: items, ...rest };
}

const noSuchKey = (accessKeyId: string) => IamErrors.noSuchEntity(`The Access Key with id ${accessKeyId} cannot be found.`);

export async function updateAccessKey(db: Db, ctx: CallContext, input: { UserName?: string; AccessKeyId: string; Status: AccessKeyStatus }) {
  requireRole(ctx, "developer", "iam:UpdateAccessKey");
  const owner = await keyOwner(db, ctx, input.UserName);
  if (owner.kind === "console") return consoleKeys.updateAccessKey(db, ctx, input.AccessKeyId, input.Status);
  const { count } = await db.iamAccessKey.updateMany({ where: { accountId: ctx.accountId, nameKey: owner.user.nameKey, accessKeyId: input.AccessKeyId }, data: { status: input.Status } });
  if (count === 0) throw noSuchKey(input.AccessKeyId);
}

export async function deleteAccessKey(db: Db, ctx: CallContext, input: { UserName?: string; AccessKeyId: string }) {
  requireRole(ctx, "developer", "iam:DeleteAccessKey");
  const owner = await keyOwner(db, ctx, input.UserName);
  if (owner.kind === "console") return consoleKeys.deleteAccessKey(db, ctx, input.AccessKeyId);
  const { count } = await db.iamAccessKey.deleteMany({ where: { accountId: ctx.accountId, nameKey: owner.user.nameKey, accessKeyId: input.AccessKeyId } });
  if (count === 0) throw noSuchKey(input.AccessKeyId);
}
