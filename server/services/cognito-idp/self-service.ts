/**
 * What a signed-in user does with their access token (GetUser, UpdateUserAttributes, DeleteUserAttributes, ChangePassword,
 * attribute verification, GlobalSignOut, DeleteUser), RevokeToken, and the forgot-password flow.
 */
import type { Db, PrismaClient } from "../../db/client";
import type { CognitoUser, CognitoUserPool } from "../../db/generated/client";
import { sha256Hex } from "../../lib/secrets";
import { verifyPassword } from "../accounts/passwords";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { attributeList, checkAttributes, checkDeletable, nonMutable, resetVerification, storedAttributes, withoutAttributes, type AttributeType } from "./attributes";
import { CognitoErrors } from "./errors";
import { consumeCode, sendCode } from "./messages";
import { checkPasswordPolicy, storedPassword } from "./passwords";
import { checkSecretHash, secretMatches } from "./secret-hash";
import { checkNotLocked, recordFailure, recordSuccess } from "./sign-in-guard";
import { clientById, clientSettings, findUser, poolSettings, requirePool, requireUser } from "./store";
import { postConfirmation } from "./lifecycle-triggers";
import { mfaShape } from "./mfa";
import { signedInUser, type SignedIn } from "./signed-in";

const keyOf = (s: SignedIn) => ({ userPoolId_usernameKey: { userPoolId: s.pool.id, usernameKey: s.user.usernameKey } });

export async function getUser(db: Db, _ctx: CallContext, input: { AccessToken: string }) {
  const { user } = await signedInUser(db, input.AccessToken);
  return { Username: user.username, UserAttributes: attributeList(user), ...mfaShape(user) };
}

export async function updateUserAttributes(db: Db, _ctx: CallContext, input: { AccessToken: string; UserAttributes: AttributeType[] }) {
  const signedIn = await signedInUser(db, input.AccessToken);
  const changes = checkAttributes(signedIn.pool, input.UserAttributes, { creating: false });
  for (const name of ["email_verified", "phone_number_verified"]) {
    if (changes[name] !== undefined) throw nonMutable(name);
  }
  const attributes = resetVerification(storedAttributes(signedIn.user), changes);
  const updated = await db.cognitoUser.update({ where: keyOf(signedIn), data: { attributes, updatedAt: new Date() } });
  // A changed email or phone number that the pool verifies gets a code.
  const deliveries = [];
  for (const channel of poolSettings(signedIn.pool).AutoVerifiedAttributes) {
    if (changes[channel] !== undefined && changes[channel] !== storedAttributes(signedIn.user)[channel]) {
      const sent = await sendCode(db, signedIn.pool, updated, `VERIFY_${channel}`, channel, "CustomMessage_UpdateUserAttribute");
      if (sent) deliveries.push(sent);
    }
  }
  return { CodeDeliveryDetailsList: deliveries };
}

export async function deleteUserAttributes(db: Db, _ctx: CallContext, input: { AccessToken: string; UserAttributeNames: string[] }) {
  const signedIn = await signedInUser(db, input.AccessToken);
  checkDeletable(signedIn.pool, input.UserAttributeNames);
  await db.cognitoUser.update({ where: keyOf(signedIn), data: { attributes: withoutAttributes(signedIn.user, input.UserAttributeNames), updatedAt: new Date() } });
  return {};
}

export async function changePassword(db: Db, _ctx: CallContext, input: { AccessToken: string; PreviousPassword: string; ProposedPassword: string }) {
  const signedIn = await signedInUser(db, input.AccessToken);
  const { user, pool } = signedIn;
  checkNotLocked(user);
  if (!user.passwordHash || !(await verifyPassword(input.PreviousPassword, user.passwordHash))) {
    await recordFailure(db, user);
    throw CognitoErrors.notAuthorized("Incorrect username or password.");
  }
  await recordSuccess(db, user);
  checkPasswordPolicy(input.ProposedPassword, poolSettings(pool).Policies.PasswordPolicy);
  await db.cognitoUser.update({ where: keyOf(signedIn), data: { ...(await storedPassword(pool.id, user.username, input.ProposedPassword)), updatedAt: new Date() } });
  return {};
}

export async function getUserAttributeVerificationCode(db: Db, _ctx: CallContext, input: { AccessToken: string; AttributeName: string }) {
  const { pool, user } = await signedInUser(db, input.AccessToken);
  if (input.AttributeName !== "email" && input.AttributeName !== "phone_number") throw CognitoErrors.invalidParameter("Invalid attribute name: only email and phone_number can be verified.");
  const delivery = await sendCode(db, pool, user, `VERIFY_${input.AttributeName}`, input.AttributeName);
  if (!delivery) throw CognitoErrors.invalidParameter(`The user has no ${input.AttributeName} to verify.`);
  return { CodeDeliveryDetails: delivery };
}

export async function verifyUserAttribute(db: Db, _ctx: CallContext, input: { AccessToken: string; AttributeName: string; Code: string }) {
  const signedIn = await signedInUser(db, input.AccessToken);
  await consumeCode(db, signedIn.pool, signedIn.user.usernameKey, `VERIFY_${input.AttributeName}`, input.Code);
  const attributes = { ...storedAttributes(signedIn.user), [`${input.AttributeName}_verified`]: "true" };
  await db.cognitoUser.update({ where: keyOf(signedIn), data: { attributes, updatedAt: new Date() } });
  return {};
}

/** Every token issued to the user so far stops working (access tokens at once, refresh tokens too). */
async function signOutEverywhere(db: PrismaClient, pool: CognitoUserPool, user: CognitoUser): Promise<void> {
  const now = new Date();
  await db.$transaction([
    db.cognitoUser.update({ where: { userPoolId_usernameKey: { userPoolId: pool.id, usernameKey: user.usernameKey } }, data: { tokensValidAfter: now } }),
    db.cognitoRefreshToken.updateMany({ where: { userPoolId: pool.id, usernameKey: user.usernameKey, revokedAt: null }, data: { revokedAt: now } }),
  ]);
}

export async function globalSignOut(db: PrismaClient, _ctx: CallContext, input: { AccessToken: string }) {
  const { pool, user } = await signedInUser(db, input.AccessToken);
  await signOutEverywhere(db, pool, user);
  return {};
}

export async function adminUserGlobalSignOut(db: PrismaClient, ctx: CallContext, input: { UserPoolId: string; Username: string }) {
  requireRole(ctx, "developer", "cognito-idp:AdminUserGlobalSignOut");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  await signOutEverywhere(db, pool, await requireUser(db, pool, input.Username));
  return {};
}

export async function deleteUser(db: Db, _ctx: CallContext, input: { AccessToken: string }) {
  const signedIn = await signedInUser(db, input.AccessToken);
  await db.cognitoUser.delete({ where: keyOf(signedIn) });
  return {};
}

/** RevokeToken: the refresh token and the access tokens issued from it stop working. */
export async function revokeToken(db: Db, _ctx: CallContext, input: { Token: string; ClientId: string; ClientSecret?: string }) {
  const { client } = await clientById(db, input.ClientId);
  if (client.secretEncrypted && !secretMatches(client, input.ClientSecret ?? "")) {
    throw CognitoErrors.notAuthorized(`Client ${client.clientId} is not authorized to revoke tokens`);
  }
  if (!clientSettings(client).EnableTokenRevocation) throw CognitoErrors.unsupportedOperation("Token revocation is not enabled for this client.");
  const stored = await db.cognitoRefreshToken.findUnique({ where: { tokenHash: sha256Hex(input.Token) } });
  if (stored && stored.clientId !== client.clientId) throw CognitoErrors.notAuthorized("Invalid token");
  if (stored && !stored.revokedAt) await db.cognitoRefreshToken.update({ where: { tokenHash: stored.tokenHash }, data: { revokedAt: new Date() } });
  return {};
}

export async function forgotPassword(db: Db, _ctx: CallContext, input: { ClientId: string; SecretHash?: string; Username: string }) {
  const { pool, client } = await clientById(db, input.ClientId);
  const user = await findUser(db, pool, input.Username);
  checkSecretHash(client, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
  const recovery = poolSettings(pool).AccountRecoverySetting?.RecoveryMechanisms ?? [];
  if (recovery.length === 1 && recovery[0]!.Name === "admin_only") throw CognitoErrors.notAuthorized("Cannot reset password for the user as there is no registered/verified email or phone_number");
  if (!user) {
    // Don't reveal that the user does not exist: answer as if a code went out.
    if (clientSettings(client).PreventUserExistenceErrors === "ENABLED") return { CodeDeliveryDetails: { Destination: "u***@e***", DeliveryMedium: "EMAIL", AttributeName: "email" } };
    throw CognitoErrors.userNotFound();
  }
  const attributes = storedAttributes(user);
  const channel = attributes.email_verified === "true" ? "email" : attributes.phone_number_verified === "true" ? "phone_number" : undefined;
  if (!channel && user.status !== "RESET_REQUIRED") throw CognitoErrors.invalidParameter("Cannot reset password for the user as there is no registered/verified email or phone_number");
  return { CodeDeliveryDetails: await sendCode(db, pool, user, "FORGOT_PASSWORD", channel) };
}

export async function confirmForgotPassword(db: Db, _ctx: CallContext, input: { ClientId: string; SecretHash?: string; Username: string; ConfirmationCode: string; Password: string }) {
  const { pool, client } = await clientById(db, input.ClientId);
  const user = await findUser(db, pool, input.Username);
  checkSecretHash(client, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
  if (!user) throw clientSettings(client).PreventUserExistenceErrors === "ENABLED" ? CognitoErrors.codeMismatch() : CognitoErrors.userNotFound();
  checkPasswordPolicy(input.Password, poolSettings(pool).Policies.PasswordPolicy);
  await consumeCode(db, pool, user.usernameKey, "FORGOT_PASSWORD", input.ConfirmationCode);
  const updated = await db.cognitoUser.update({
    where: { userPoolId_usernameKey: { userPoolId: pool.id, usernameKey: user.usernameKey } },
    data: { ...(await storedPassword(pool.id, user.username, input.Password)), status: user.status === "UNCONFIRMED" ? "UNCONFIRMED" : "CONFIRMED", failedSignIns: 0, lockedUntil: null, updatedAt: new Date() },
  });
  await postConfirmation(pool, updated, "PostConfirmation_ConfirmForgotPassword", client.clientId);
  return {};
}
