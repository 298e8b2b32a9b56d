/**
 * Signing up through the hosted UI, and confirming the account with the code from the outbox. A user
 * who proved their password (by signing up, or signing in unconfirmed) is signed in once confirmed:
 * the confirm form carries that proof, sealed.
 */
import { z } from "zod";
import type { CognitoUser } from "../../../db/generated/client";
import { isAwsError } from "../../../errors";
import { CognitoErrors } from "../errors";
import type { CodeDeliveryDetails } from "../messages";
import { CognitoSchemas as S } from "../schemas";
import { confirmSignUp, resendConfirmationCode, signUp } from "../sign-up";
import { findUser } from "../store";
import { asClient, checked, endUserContext } from "./end-user";
import { attributesFrom, PASSWORD_FIELD, signUpFields, signUpUsername } from "./fields";
import type { HostedPage, PageCall, View } from "./hosted-page";
import { redirect, type WebResponse } from "./http";
import { passwordProven } from "./mfa-pages";
import { confirmPage, pagePath, signUpPage as renderSignUp } from "./pages";
import { seal, unseal } from "./sealed";

const ProvenUser = z.object({ pool: z.string(), client: z.string(), user: z.string() });
const PROOF_SECONDS = 3600;

function showConfirm(call: PageCall, username: string, opts: { destination?: string; proof?: string | null }, view?: View): WebResponse {
  return call.respond((frame) => confirmPage(frame, { username, destination: opts.destination, pending: opts.proof ?? undefined }), view);
}

/** The confirm page for a user who has just proved their password. */
function confirmProvenUser(call: PageCall, username: string, user: Pick<CognitoUser, "usernameKey">, delivery: CodeDeliveryDetails | undefined): WebResponse {
  const proof = seal({ pool: call.pool.id, client: call.request.client.clientId, user: user.usernameKey }, PROOF_SECONDS);
  return showConfirm(call, username, { destination: delivery?.Destination, proof });
}

/** Signing in an unconfirmed user: a new code, and the confirm page (Cognito's hosted UI does the same). */
export async function confirmBeforeSignIn(call: PageCall, username: string, user: CognitoUser): Promise<WebResponse> {
  const resent = await resendConfirmationCode(call.db, endUserContext(call.pool), { ...asClient(call.request.client, user.username), Username: user.username }).catch((error: unknown) => {
    // A pool that verifies nothing sends no code: only an administrator can confirm the user.
    throw isAwsError(error) ? CognitoErrors.userNotConfirmed() : error;
  });
  return confirmProvenUser(call, username, user, resent.CodeDeliveryDetails);
}

export const signUpPage: HostedPage = {
  show: (call, view, fields) => call.respond((frame) => renderSignUp(frame, signUpFields(call.pool, fields)), view),
  async submit(call, form) {
    const { db, pool, request } = call;
    const username = signUpUsername(pool, form);
    const input = { ...asClient(request.client, username), Username: username, Password: form.get(PASSWORD_FIELD) ?? "", UserAttributes: attributesFrom(form, signUpFields(pool, form)) };
    const out = await signUp(db, endUserContext(pool), checked(S.SignUp, input));
    const user = await findUser(db, pool, username);
    // A PreSignUp trigger may confirm the user at once; a pool that verifies nothing leaves it to an administrator.
    if (user && out.UserConfirmed) return passwordProven(call, user);
    if (!user || !out.CodeDeliveryDetails) return redirect(pagePath(pool.id, "login", request.query, { notice: "signed_up" }));
    return confirmProvenUser(call, username, user, out.CodeDeliveryDetails);
  },
};

export const confirmSignUpPage: HostedPage = {
  show: (call, view, fields) => showConfirm(call, fields.get("username") ?? "", { proof: fields.get("pending") }, view),
  async submit(call, form) {
    const { db, pool, request } = call;
    const username = form.get("username") ?? "";
    const client = asClient(request.client, username);
    if (form.has("resend")) {
      const resent = await resendConfirmationCode(db, endUserContext(pool), checked(S.ResendConfirmationCode, { ...client, Username: username }));
      return showConfirm(call, username, { destination: resent.CodeDeliveryDetails?.Destination, proof: form.get("pending") }, { status: 200, notice: "We have sent you a new code." });
    }
    await confirmSignUp(db, endUserContext(pool), checked(S.ConfirmSignUp, { ...client, Username: username, ConfirmationCode: form.get("code")?.trim() ?? "" }));
    const proof = unseal(ProvenUser, form.get("pending"));
    const user = await findUser(db, pool, username);
    if (user && proof?.pool === pool.id && proof.client === request.client.clientId && proof.user === user.usernameKey) return passwordProven(call, user);
    return redirect(pagePath(pool.id, "login", request.query, { notice: "confirmed" }));
  },
};
