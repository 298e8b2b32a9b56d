/** Passwords in the hosted UI: forgotten (a code, then a new password), and temporary ones to replace (NEW_PASSWORD_REQUIRED). */
import type { CognitoUser } from "../../../db/generated/client";
import { isAwsError } from "../../../errors";
import { respondToAuthChallenge } from "../auth";
import { CognitoErrors } from "../errors";
import { CognitoSchemas as S } from "../schemas";
import { confirmForgotPassword, forgotPassword } from "../self-service";
import { openSession, sealSession } from "../sessions";
import { asClient, checked, endUserContext } from "./end-user";
import { attributesFrom, missingAttributeFields, NEW_PASSWORD_ATTRIBUTE_PREFIX, PASSWORD_FIELD, usernameField } from "./fields";
import type { HostedPage, PageCall, View } from "./hosted-page";
import { redirect, type WebResponse } from "./http";
import { forgotPasswordPage as renderForgotPassword, newPasswordPage as renderNewPassword, pagePath, resetPasswordPage } from "./pages";
import { askMfa } from "./mfa-pages";
import { finishSignIn } from "./sign-in";
import { userByKey } from "../store";

/** Sends a reset code (ForgotPassword) and asks for it with the new password. */
export async function startPasswordReset(call: PageCall, username: string, view?: View): Promise<WebResponse> {
  const sent = await forgotPassword(call.db, endUserContext(call.pool), checked(S.ForgotPassword, { ...asClient(call.request.client, username), Username: username }));
  return call.respond((frame) => resetPasswordPage(frame, { username, destination: sent.CodeDeliveryDetails?.Destination }), view);
}

export const forgotPasswordPage: HostedPage = {
  show: (call, view, fields) => call.respond((frame) => renderForgotPassword(frame, usernameField(call.pool, fields.get("username"))), view),
  submit: (call, form) => startPasswordReset(call, form.get("username")?.trim() ?? ""),
};

export const confirmForgotPasswordPage: HostedPage = {
  show: (call, view, fields) => call.respond((frame) => resetPasswordPage(frame, { username: fields.get("username") ?? "" }), view),
  async submit(call, form) {
    const username = form.get("username") ?? "";
    const input = { ...asClient(call.request.client, username), Username: username, ConfirmationCode: form.get("code")?.trim() ?? "", Password: form.get(PASSWORD_FIELD) ?? "" };
    await confirmForgotPassword(call.db, endUserContext(call.pool), checked(S.ConfirmForgotPassword, input));
    return redirect(pagePath(call.pool.id, "login", call.request.query, { notice: "password_reset" }));
  },
};

const challenge = (call: PageCall) => ({ pool: call.pool.id, client: call.request.client.clientId, challenge: "NEW_PASSWORD_REQUIRED" as const });

/** The user a sealed NEW_PASSWORD_REQUIRED session names, or null when it is missing, forged or expired. */
async function challengedUser(call: PageCall, session: string | null): Promise<CognitoUser | null> {
  let usernameKey: string | undefined;
  try {
    usernameKey = openSession(session ?? undefined, challenge(call)).user;
  } catch (error) {
    if (!isAwsError(error)) throw error;
    return null;
  }
  return usernameKey ? userByKey(call.db, call.pool.id, usernameKey) : null;
}

function showNewPassword(call: PageCall, user: CognitoUser, session: string, fields: URLSearchParams, view?: View): WebResponse {
  return call.respond((frame) => renderNewPassword(frame, { session, missing: missingAttributeFields(call.pool, user, fields) }), view);
}

/** Signing in with a temporary password: the new-password page, for as long as the client's auth sessions last. */
export function askNewPassword(call: PageCall, user: CognitoUser): WebResponse {
  const session = sealSession({ ...challenge(call), user: user.usernameKey }, call.request.settings.AuthSessionValidity);
  return showNewPassword(call, user, session, new URLSearchParams());
}

/** Answers the challenge as RespondToAuthChallenge does (the password policy, required attributes), then signs the user in. */
export const newPasswordPage: HostedPage = {
  async show(call, view, fields) {
    const session = fields.get("session") ?? "";
    const user = await challengedUser(call, session);
    if (!user) return redirect(pagePath(call.pool.id, "login", call.request.query, { notice: "expired" }));
    return showNewPassword(call, user, session, fields, view);
  },
  async submit(call, form) {
    const session = form.get("session") ?? "";
    const user = await challengedUser(call, session);
    if (!user) throw CognitoErrors.notAuthorized("Invalid session for the user, session is expired.");
    const { ClientId, SecretHash } = asClient(call.request.client, user.username);
    const attributes = attributesFrom(form, missingAttributeFields(call.pool, user, form), NEW_PASSWORD_ATTRIBUTE_PREFIX);
    const responses: Record<string, string> = {
      USERNAME: user.username,
      NEW_PASSWORD: form.get(PASSWORD_FIELD) ?? "",
      ...(SecretHash ? { SECRET_HASH: SecretHash } : {}),
      ...Object.fromEntries(attributes.map((a) => [`${NEW_PASSWORD_ATTRIBUTE_PREFIX}${a.Name}`, a.Value ?? ""])),
    };
    const answer = await respondToAuthChallenge(call.db, endUserContext(call.pool), checked(S.RespondToAuthChallenge, { ClientId, ChallengeName: "NEW_PASSWORD_REQUIRED", Session: session, ChallengeResponses: responses }));
    if (!answer.AuthenticationResult) return askMfa(call, user, answer);
    // Signed in (the authentication triggers have run); its tokens are not used: the app gets its own from the code or fragment.
    const key = { userPoolId_usernameKey: { userPoolId: call.pool.id, usernameKey: user.usernameKey } };
    return finishSignIn(call.db, call.request, await call.db.cognitoUser.findUniqueOrThrow({ where: key }));
  },
};
