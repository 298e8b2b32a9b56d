/**
 * The hosted UI's second factor, after a correct password (and a new one, when it was temporary): the
 * code from an authenticator app or an SMS, or, where the pool requires MFA and the user has no factor,
 * a new authenticator to set up. The user pool's own MFA functions send and check the codes, as they do
 * for RespondToAuthChallenge (its messages, its SMS attempt limit, its session's lifetime). The step
 * between pages is sealed and good only in the browser that proved the password (its CSRF cookie) and
 * for the authorization request it began with; anything else starts over at the sign-in page.
 */
import { z } from "zod";
import type { CognitoUser } from "../../../db/generated/client";
import { type AuthResponse, authTarget } from "../auth-target";
import { answerMfa, associateSoftwareToken, MFA_CHALLENGES, requiredMfa, startMfa, verifySoftwareToken } from "../mfa";
import { CognitoSchemas as S } from "../schemas";
import { browserBinding, heldByBrowser } from "./csrf";
import { checked, endUserContext } from "./end-user";
import type { HostedPage, PageCall, View } from "./hosted-page";
import { redirect, type WebResponse } from "./http";
import { mfaPage as renderMfa, mfaSetupPage, pagePath } from "./pages";
import { seal, unseal } from "./sealed";
import { signedIn } from "./sign-in";

const MfaStep = z.object({
  pool: z.string(),
  client: z.string(),
  /** The browser's CSRF value. */
  binding: z.string(),
  /** The authorization request's parameters. */
  query: z.string(),
  challenge: z.enum(MFA_CHALLENGES),
  /** The user pool's challenge session, which the answer goes with. */
  session: z.string(),
  username: z.string(),
  /** SMS_MFA: where the code went, masked. */
  destination: z.string().optional(),
  /** MFA_SETUP: the new authenticator's secret, shown again after a wrong code (a new one would undo the first). */
  secret: z.string().optional(),
});
type MfaStep = z.output<typeof MfaStep>;

/** The challenge response each code answers. */
const CODE_RESPONSE = { SOFTWARE_TOKEN_MFA: "SOFTWARE_TOKEN_MFA_CODE", SMS_MFA: "SMS_MFA_CODE" } as const;

/** The key URI authenticator apps read (github.com/google/google-authenticator/wiki/Key-Uri-Format), issued by the pool. */
const keyUri = (issuer: string, username: string, secret: string) =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(username)}?${new URLSearchParams({ secret, issuer })}`;

function showStep(call: PageCall, step: MfaStep, sealed: string, view?: View): WebResponse {
  if (step.challenge === "MFA_SETUP") {
    const secret = step.secret ?? "";
    return call.respond((frame) => mfaSetupPage(frame, { step: sealed, secret, uri: keyUri(call.pool.name, step.username, secret) }), view);
  }
  return call.respond((frame) => renderMfa(frame, { step: sealed, destination: step.challenge === "SMS_MFA" ? step.destination : undefined }), view);
}

/** The MFA page for the challenge the user pool answered a password with: its SMS code is sent by then; a new authenticator's secret is made here. */
export async function askMfa(call: PageCall, user: CognitoUser, answer: AuthResponse): Promise<WebResponse> {
  const challenge = MfaStep.shape.challenge.parse(answer.ChallengeName);
  const session = answer.Session ?? "";
  const setup = challenge === "MFA_SETUP" ? await associateSoftwareToken(call.db, endUserContext(call.pool), checked(S.AssociateSoftwareToken, { Session: session })) : undefined;
  const step: MfaStep = {
    pool: call.pool.id,
    client: call.request.client.clientId,
    binding: browserBinding(call.req, call.pool.id).binding,
    query: call.request.query,
    challenge,
    session,
    username: user.username,
    destination: answer.ChallengeParameters.CODE_DELIVERY_DESTINATION,
    secret: setup?.SecretCode,
  };
  return showStep(call, step, seal(step, call.request.settings.AuthSessionValidity * 60));
}

/** After a correct password (the account needing nothing more): the second factor when MFA applies, else signed in. */
export async function passwordProven(call: PageCall, user: CognitoUser): Promise<WebResponse> {
  const challenge = requiredMfa(call.pool, user);
  if (!challenge) return signedIn(call.db, call.request, user);
  return askMfa(call, user, await startMfa(call.db, authTarget(call.pool, call.request.client, call.req.sourceIp), user, challenge));
}

function openStep(call: PageCall, sealed: string | null): MfaStep | null {
  const step = unseal(MfaStep, sealed);
  const ours = step !== null && step.pool === call.pool.id && step.client === call.request.client.clientId && step.query === call.request.query && heldByBrowser(call.req, step.binding);
  return ours ? step : null;
}

const startOver = (call: PageCall) => redirect(pagePath(call.pool.id, "login", call.request.query, { notice: "expired" }));

/** Checks the code as RespondToAuthChallenge does (MFA_SETUP: VerifySoftwareToken first), then signs the user in. */
export const mfaPage: HostedPage = {
  show(call, view, fields) {
    const sealed = fields.get("step");
    const step = openStep(call, sealed);
    return step && sealed ? showStep(call, step, sealed, view) : startOver(call);
  },
  async submit(call, form) {
    const step = openStep(call, form.get("step"));
    if (!step) return startOver(call);
    const code = form.get("code")?.trim() ?? "";
    const target = authTarget(call.pool, call.request.client, call.req.sourceIp);
    if (step.challenge === "MFA_SETUP") {
      await verifySoftwareToken(call.db, endUserContext(call.pool), checked(S.VerifySoftwareToken, { Session: step.session, UserCode: code }));
    }
    const responses = step.challenge === "MFA_SETUP" ? {} : { [CODE_RESPONSE[step.challenge]]: code };
    return signedIn(call.db, call.request, await answerMfa(call.db, target, step.challenge, step.session, responses));
  },
};
