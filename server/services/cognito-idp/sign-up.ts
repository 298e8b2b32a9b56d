/** Self-service sign-up: SignUp, ConfirmSignUp, ResendConfirmationCode (codes go to the team's outbox). */
import type { Db } from "../../db/client";
import type { CognitoUser, CognitoUserPool } from "../../db/generated/client";
import type { CallContext } from "../context";
import { checkAttributes, checkRequired, storedAttributes, type AttributeType } from "./attributes";
import { CognitoErrors } from "./errors";
import { consumeCode, sendCode } from "./messages";
import { checkPasswordPolicy, storedPassword } from "./passwords";
import { checkSecretHash } from "./secret-hash";
import { clientById, findUser, poolSettings } from "./store";
import { postConfirmation, preSignUp } from "./lifecycle-triggers";
import { insertUser, resolveNewUsername } from "./users";

/** The attribute a sign-up code verifies: the first auto-verified one the user has. */
function verifiedChannel(pool: CognitoUserPool, user: Pick<CognitoUser, "attributes">): "email" | "phone_number" | undefined {
  const attributes = storedAttributes(user);
  return poolSettings(pool).AutoVerifiedAttributes.find((a) => attributes[a]);
}

export async function signUp(
  db: Db,
  _ctx: CallContext,
  input: {
    ClientId: string;
    SecretHash?: string;
    Username: string;
    Password: string;
    UserAttributes?: AttributeType[];
    ValidationData?: AttributeType[];
    ClientMetadata?: Record<string, string>;
  },
) {
  const { pool, client } = await clientById(db, input.ClientId);
  checkSecretHash(client, [input.Username], input.SecretHash);
  const settings = poolSettings(pool);
  if (settings.AdminCreateUserConfig.AllowAdminCreateUserOnly) throw CognitoErrors.notAuthorized("SignUp is not permitted for this user pool");
  checkPasswordPolicy(input.Password, settings.Policies.PasswordPolicy);
  const given = checkAttributes(pool, input.UserAttributes ?? [], { creating: true });
  const { username, attributes } = resolveNewUsername(pool, input.Username, given);
  checkRequired(pool, attributes);
  if (await findUser(db, pool, input.Username)) throw CognitoErrors.usernameExists();
  const decided = await preSignUp(pool, "PreSignUp_SignUp", username, attributes, { clientId: client.clientId, validationData: input.ValidationData, clientMetadata: input.ClientMetadata });
  const user = await insertUser(db, pool, {
    username,
    status: decided.confirmed ? "CONFIRMED" : "UNCONFIRMED",
    attributes: decided.attributes,
    ...(await storedPassword(pool.id, username, input.Password)),
  });
  if (decided.confirmed) return { UserConfirmed: true, UserSub: user.sub };
  const channel = verifiedChannel(pool, user);
  const delivery = channel ? await sendCode(db, pool, user, "SIGN_UP", channel) : undefined;
  return { UserConfirmed: false, CodeDeliveryDetails: delivery, UserSub: user.sub };
}

export async function confirmSignUp(db: Db, _ctx: CallContext, input: { ClientId: string; SecretHash?: string; Username: string; ConfirmationCode: string }) {
  const { pool, client } = await clientById(db, input.ClientId);
  const user = await findUser(db, pool, input.Username);
  checkSecretHash(client, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
  if (!user) throw CognitoErrors.userNotFound("Username/client id combination not found.");
  if (user.status !== "UNCONFIRMED") throw CognitoErrors.notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  await consumeCode(db, pool, user.usernameKey, "SIGN_UP", input.ConfirmationCode);
  const channel = verifiedChannel(pool, user);
  const attributes = channel ? { ...storedAttributes(user), [`${channel}_verified`]: "true" } : storedAttributes(user);
  const confirmed = await db.cognitoUser.update({
    where: { userPoolId_usernameKey: { userPoolId: pool.id, usernameKey: user.usernameKey } },
    data: { status: "CONFIRMED", attributes, updatedAt: new Date() },
  });
  await postConfirmation(pool, confirmed, "PostConfirmation_ConfirmSignUp", client.clientId);
  return {};
}

export async function resendConfirmationCode(db: Db, _ctx: CallContext, input: { ClientId: string; SecretHash?: string; Username: string }) {
  const { pool, client } = await clientById(db, input.ClientId);
  const user = await findUser(db, pool, input.Username);
  checkSecretHash(client, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
  if (!user) throw CognitoErrors.userNotFound("Username/client id combination not found.");
  if (user.status !== "UNCONFIRMED") throw CognitoErrors.invalidParameter("User is already confirmed.");
  const channel = verifiedChannel(pool, user);
  if (!channel) throw CognitoErrors.invalidParameter("Auto verification not turned on.");
  return { CodeDeliveryDetails: await sendCode(db, pool, user, "SIGN_UP", channel, "CustomMessage_ResendCode") };
}
