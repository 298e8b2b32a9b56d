/** Admin user management: AdminCreateUser, AdminGetUser, AdminDeleteUser, Admin(Enable|Disable)User, passwords, attributes, ListUsers. */
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import type { CognitoUser, CognitoUserPool } from "../../db/generated/client";
import type { CognitoUserStatus } from "../../db/generated/enums";
import { isUniqueViolation } from "../../db/errors";
import { randomString } from "../../lib/secrets";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { attributeList, checkAttributes, checkDeletable, checkRequired, resetVerification, storedAttributes, withoutAttributes, type AttributeType } from "./attributes";
import { CognitoErrors } from "./errors";
import { sendCode } from "./messages";
import { checkPasswordPolicy, storedPassword, temporaryPassword } from "./passwords";
import { preSignUp } from "./lifecycle-triggers";
import { mfaShape } from "./mfa";
import { poolSettings, requirePool, requireUser, usernameKey } from "./store";

export function userShape(user: CognitoUser, only?: string[]) {
  return {
    Username: user.username,
    Attributes: attributeList(user, only),
    UserCreateDate: user.createdAt,
    UserLastModifiedDate: user.updatedAt,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/**
 * With `UsernameAttributes` (sign in by email/phone), the username given is that attribute and the
 * stored username is a generated UUID, as Cognito does.
 */
export function resolveNewUsername(pool: CognitoUserPool, username: string, attributes: Record<string, string>): { username: string; attributes: Record<string, string> } {
  const byAttribute = poolSettings(pool).UsernameAttributes;
  if (!byAttribute?.length) return { username, attributes };
  const isEmail = /^[^\s@]+@[^\s@]+$/.test(username);
  const isPhone = /^\+[1-9]\d{4,14}$/.test(username);
  if (isEmail && byAttribute.includes("email")) return { username: randomUUID(), attributes: { ...attributes, email: username } };
  if (isPhone && byAttribute.includes("phone_number")) return { username: randomUUID(), attributes: { ...attributes, phone_number: username } };
  throw CognitoErrors.invalidParameter(`Username should be ${byAttribute.includes("email") ? "an email" : "a phone number"}.`);
}

/** Stores a new user; a taken username is UsernameExists. */
export interface NewUser {
  username: string;
  status: CognitoUserStatus;
  attributes: Record<string, string>;
  passwordHash: string;
  srpSalt: string;
  srpVerifier: string;
  passwordExpiresAt?: Date;
}

export async function insertUser(db: Db, pool: CognitoUserPool, data: NewUser): Promise<CognitoUser> {
  return db.cognitoUser.create({ data: { ...data, userPoolId: pool.id, usernameKey: usernameKey(pool, data.username), sub: randomUUID() } }).catch((error: unknown) => {
    throw isUniqueViolation(error) ? CognitoErrors.usernameExists() : error;
  });
}

export async function adminCreateUser(
  db: Db,
  ctx: CallContext,
  input: { UserPoolId: string; Username: string; UserAttributes?: AttributeType[]; TemporaryPassword?: string; MessageAction?: "RESEND" | "SUPPRESS"; DesiredDeliveryMediums?: ("EMAIL" | "SMS")[] },
) {
  requireRole(ctx, "developer", "cognito-idp:AdminCreateUser");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const policy = poolSettings(pool).Policies.PasswordPolicy;
  if (input.MessageAction === "RESEND") {
    const user = await requireUser(db, pool, input.Username);
    if (user.status !== "FORCE_CHANGE_PASSWORD") throw CognitoErrors.unsupportedUserState("Resend not possible. User has already been confirmed.");
    return { User: userShape(await resetTemporaryPassword(db, pool, user, input.TemporaryPassword, true)) };
  }
  const given = checkAttributes(pool, input.UserAttributes ?? [], { creating: true });
  const resolved = resolveNewUsername(pool, input.Username, given);
  checkRequired(pool, resolved.attributes);
  const password = input.TemporaryPassword ?? temporaryPassword(policy, (alphabet, n) => randomString(n, alphabet));
  checkPasswordPolicy(password, policy);
  const { username } = resolved;
  const { attributes } = await preSignUp(pool, "PreSignUp_AdminCreateUser", username, resolved.attributes);
  const user = await insertUser(db, pool, {
    username,
    status: "FORCE_CHANGE_PASSWORD",
    attributes,
    ...(await storedPassword(pool.id, username, password)),
    passwordExpiresAt: temporaryExpiry(policy.TemporaryPasswordValidityDays),
  });
  if (input.MessageAction !== "SUPPRESS") await sendInvitation(db, pool, user, password);
  return { User: userShape(user) };
}

const temporaryExpiry = (days: number) => new Date(Date.now() + Math.max(days, 1) * 86_400_000);

/** The invitation Cognito sends with a temporary password, into the team's outbox. */
async function sendInvitation(db: Db, pool: CognitoUserPool, user: CognitoUser, password: string): Promise<void> {
  const attributes = storedAttributes(user);
  const destination = attributes.email ?? attributes.phone_number;
  if (!destination) return;
  await db.snsOutboxItem.create({
    data: {
      accountId: pool.accountId,
      region: pool.region,
      protocol: attributes.email ? "email" : "sms",
      destination,
      subject: attributes.email ? "Your temporary password" : null,
      body: `Your username is ${user.username} and temporary password is ${password}. `,
      messageId: randomUUID(),
    },
  });
}

async function resetTemporaryPassword(db: Db, pool: CognitoUserPool, user: CognitoUser, given: string | undefined, notify: boolean): Promise<CognitoUser> {
  const policy = poolSettings(pool).Policies.PasswordPolicy;
  const password = given ?? temporaryPassword(policy, (alphabet, n) => randomString(n, alphabet));
  checkPasswordPolicy(password, policy);
  const updated = await db.cognitoUser.update({
    where: { userPoolId_usernameKey: { userPoolId: pool.id, usernameKey: user.usernameKey } },
    data: { ...(await storedPassword(pool.id, user.username, password)), status: "FORCE_CHANGE_PASSWORD", passwordExpiresAt: temporaryExpiry(policy.TemporaryPasswordValidityDays), updatedAt: new Date() },
  });
  if (notify) await sendInvitation(db, pool, updated, password);
  return updated;
}

export async function adminGetUser(db: Db, ctx: CallContext, input: { UserPoolId: string; Username: string }) {
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const user = await requireUser(db, pool, input.Username);
  const { Attributes, ...rest } = userShape(user);
  return { ...rest, UserAttributes: Attributes, ...mfaShape(user) };
}

function userKey(pool: CognitoUserPool, user: CognitoUser) {
  return { userPoolId_usernameKey: { userPoolId: pool.id, usernameKey: user.usernameKey } };
}

export async function adminDeleteUser(db: Db, ctx: CallContext, input: { UserPoolId: string; Username: string }) {
  requireRole(ctx, "developer", "cognito-idp:AdminDeleteUser");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const user = await requireUser(db, pool, input.Username);
  await db.cognitoUser.delete({ where: userKey(pool, user) });
  return {};
}

export async function adminSetEnabled(db: Db, ctx: CallContext, input: { UserPoolId: string; Username: string }, enabled: boolean) {
  requireRole(ctx, "developer", enabled ? "cognito-idp:AdminEnableUser" : "cognito-idp:AdminDisableUser");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const user = await requireUser(db, pool, input.Username);
  await db.cognitoUser.update({ where: userKey(pool, user), data: { enabled, updatedAt: new Date() } });
  return {};
}

export async function adminSetUserPassword(db: Db, ctx: CallContext, input: { UserPoolId: string; Username: string; Password: string; Permanent?: boolean }) {
  requireRole(ctx, "developer", "cognito-idp:AdminSetUserPassword");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const user = await requireUser(db, pool, input.Username);
  // A federated user signs in at their identity provider: a password would be a second way in.
  if (user.status === "EXTERNAL_PROVIDER") throw CognitoErrors.invalidParameter("Passwords cannot be set for users of an external identity provider (EXTERNAL_PROVIDER).");
  if (!input.Permanent) {
    await resetTemporaryPassword(db, pool, user, input.Password, false);
    return {};
  }
  checkPasswordPolicy(input.Password, poolSettings(pool).Policies.PasswordPolicy);
  await db.cognitoUser.update({
    where: userKey(pool, user),
    data: { ...(await storedPassword(pool.id, user.username, input.Password)), status: "CONFIRMED", passwordExpiresAt: null, updatedAt: new Date() },
  });
  return {};
}

/** The user must reset their password: RESET_REQUIRED, with a code sent for ConfirmForgotPassword. */
export async function adminResetUserPassword(db: Db, ctx: CallContext, input: { UserPoolId: string; Username: string }) {
  requireRole(ctx, "developer", "cognito-idp:AdminResetUserPassword");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const user = await requireUser(db, pool, input.Username);
  await db.cognitoUser.update({ where: userKey(pool, user), data: { status: "RESET_REQUIRED", updatedAt: new Date() } });
  await sendCode(db, pool, user, "FORGOT_PASSWORD");
  return {};
}

export async function adminConfirmSignUp(db: Db, ctx: CallContext, input: { UserPoolId: string; Username: string }) {
  requireRole(ctx, "developer", "cognito-idp:AdminConfirmSignUp");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const user = await requireUser(db, pool, input.Username);
  if (user.status !== "UNCONFIRMED") throw CognitoErrors.notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  await db.cognitoUser.update({ where: userKey(pool, user), data: { status: "CONFIRMED", updatedAt: new Date() } });
  return {};
}

export async function adminUpdateUserAttributes(db: Db, ctx: CallContext, input: { UserPoolId: string; Username: string; UserAttributes: AttributeType[] }) {
  requireRole(ctx, "developer", "cognito-idp:AdminUpdateUserAttributes");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const user = await requireUser(db, pool, input.Username);
  const changes = checkAttributes(pool, input.UserAttributes, { creating: false });
  await db.cognitoUser.update({ where: userKey(pool, user), data: { attributes: resetVerification(storedAttributes(user), changes), updatedAt: new Date() } });
  return {};
}

export async function adminDeleteUserAttributes(db: Db, ctx: CallContext, input: { UserPoolId: string; Username: string; UserAttributeNames: string[] }) {
  requireRole(ctx, "developer", "cognito-idp:AdminDeleteUserAttributes");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const user = await requireUser(db, pool, input.Username);
  checkDeletable(pool, input.UserAttributeNames);
  await db.cognitoUser.update({ where: userKey(pool, user), data: { attributes: withoutAttributes(user, input.UserAttributeNames), updatedAt: new Date() } });
  return {};
}

/** ListUsers' Filter: `name = "value"` or `name ^= "prefix"` on one of the attributes Cognito allows. */
const FILTER = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/;
const FILTERABLE = new Set(["username", "email", "phone_number", "name", "given_name", "family_name", "preferred_username", "cognito:user_status", "status", "sub"]);

function filterOf(filter: string | undefined): ((user: CognitoUser) => boolean) | undefined {
  if (!filter) return undefined;
  const match = FILTER.exec(filter);
  if (!match || !FILTERABLE.has(match[1]!)) throw CognitoErrors.invalidParameter("Error while parsing filter.");
  const [, name, op, raw] = match;
  const wanted = raw!.replace(/\\(.)/g, "$1");
  const valueOf = (user: CognitoUser): string | undefined => {
    if (name === "username") return user.username;
    if (name === "cognito:user_status") return user.status;
    if (name === "status") return user.enabled ? "Enabled" : "Disabled";
    if (name === "sub") return user.sub;
    return storedAttributes(user)[name!];
  };
  return (user) => {
    const value = valueOf(user);
    return value !== undefined && (op === "=" ? value === wanted : value.startsWith(wanted));
  };
}

export async function listUsers(db: Db, ctx: CallContext, input: { UserPoolId: string; Filter?: string; Limit?: number; PaginationToken?: string; AttributesToGet?: string[] }) {
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const matches = filterOf(input.Filter);
  const limit = input.Limit ?? 60;
  const users = await db.cognitoUser.findMany({
    where: { userPoolId: pool.id, ...(input.PaginationToken ? { usernameKey: { gt: input.PaginationToken } } : {}) },
    orderBy: { usernameKey: "asc" },
  });
  const selected = matches ? users.filter(matches) : users;
  const page = selected.slice(0, limit);
  return { Users: page.map((u) => userShape(u, input.AttributesToGet)), PaginationToken: selected.length > limit ? page[page.length - 1]!.usernameKey : undefined };
}
