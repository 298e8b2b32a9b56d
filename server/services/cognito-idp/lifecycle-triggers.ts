/** The triggers around a user's life: PreSignUp (SignUp, AdminCreateUser, a federated user's first sign-in) and PostConfirmation. */
import type { CognitoUser, CognitoUserPool } from "../../db/generated/client";
import type { AttributeType } from "./attributes";
import { runTrigger, triggerAttributes } from "./triggers";

/** The PreSignUp trigger's decision: refuse (it throws), or confirm the user and verify their email/phone. */
export async function preSignUp(
  pool: CognitoUserPool,
  source: "PreSignUp_SignUp" | "PreSignUp_AdminCreateUser" | "PreSignUp_ExternalProvider",
  username: string,
  attributes: Record<string, string>,
  extra: { clientId?: string; validationData?: AttributeType[]; clientMetadata?: Record<string, string> } = {},
): Promise<{ confirmed: boolean; attributes: Record<string, string> }> {
  const asMap = (list?: AttributeType[]) => Object.fromEntries((list ?? []).map((a) => [a.Name, a.Value ?? ""]));
  const response = await runTrigger({
    pool,
    trigger: "PreSignUp",
    source,
    userName: username,
    clientId: extra.clientId,
    request: { userAttributes: attributes, validationData: asMap(extra.validationData), clientMetadata: extra.clientMetadata ?? {} },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  });
  const verified = {
    ...(response.autoVerifyEmail === true && attributes.email ? { email_verified: "true" } : {}),
    ...(response.autoVerifyPhone === true && attributes.phone_number ? { phone_number_verified: "true" } : {}),
  };
  return { confirmed: response.autoConfirmUser === true, attributes: { ...attributes, ...verified } };
}

/** PostConfirmation runs after a user is confirmed; its failure fails the call (the confirmation stays). */
export async function postConfirmation(pool: CognitoUserPool, user: CognitoUser, source: "PostConfirmation_ConfirmSignUp" | "PostConfirmation_ConfirmForgotPassword", clientId: string) {
  await runTrigger({ pool, trigger: "PostConfirmation", source, userName: user.username, clientId, request: { userAttributes: triggerAttributes(user), clientMetadata: {} } });
}

/** PreAuthentication may refuse a sign-in before the password is checked; PostAuthentication runs after it succeeds. */
export async function aroundAuthentication(phase: "PreAuthentication" | "PostAuthentication", pool: CognitoUserPool, user: CognitoUser, clientId: string): Promise<void> {
  await runTrigger({
    pool,
    trigger: phase,
    source: `${phase}_Authentication`,
    userName: user.username,
    clientId,
    request: { userAttributes: triggerAttributes(user), ...(phase === "PreAuthentication" ? { validationData: {}, userNotFound: false } : { newDeviceUsed: false }), clientMetadata: {} },
  });
}
