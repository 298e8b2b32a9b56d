/**
 * The state between an auth call and the answer to its challenge travels with the client (Cognito's
 * `Session` and SRP's SECRET_BLOCK): sealed with AES-GCM so it can be neither read nor forged, and
 * good for the client's AuthSessionValidity minutes. Any gateway can pick it up; nothing is stored.
 */
import { z } from "zod";
import { env } from "../../env";
import { decryptSecret, encryptSecret } from "../../lib/secrets";
import { CognitoErrors } from "./errors";

const SessionState = z.object({
  pool: z.string(),
  client: z.string(),
  /** The user's username key; absent for a made-up user (sign-in attempts for unknown users fail at the end, as Cognito's do). */
  user: z.string().optional(),
  challenge: z.enum(["NEW_PASSWORD_REQUIRED", "PASSWORD_VERIFIER", "SOFTWARE_TOKEN_MFA", "SMS_MFA", "MFA_SETUP", "CUSTOM_CHALLENGE"]),
  srp: z.object({ a: z.string(), b: z.string(), B: z.string() }).optional(),
  authTime: z.number().optional(),
  /** CUSTOM_AUTH: the challenges so far, and what the current one's verifier needs (never shown to the client). */
  custom: z
    .object({
      rounds: z.array(z.object({ challengeName: z.string(), challengeResult: z.boolean(), challengeMetadata: z.string().optional() })),
      privateParameters: z.record(z.string(), z.string()),
      metadata: z.string().optional(),
    })
    .optional(),
  expires: z.number(),
});
export type SessionState = z.infer<typeof SessionState>;

/** A sealed session, base64 (SRP clients base64-decode SECRET_BLOCK before signing it). */
export function sealSession(state: Omit<SessionState, "expires">, validityMinutes: number): string {
  const full: SessionState = { ...state, expires: Date.now() + validityMinutes * 60_000 };
  return Buffer.from(encryptSecret(JSON.stringify(full), env().STRATUS_SECRET_KEY)).toString("base64");
}

/**
 * The session's state, or NotAuthorized as Cognito answers for a bad or expired one. Without an
 * expected pool and client (an MFA_SETUP session, which names its own), any pool's session is taken.
 */
export function openSession(sealed: string | undefined, expected: { pool?: string; client?: string; challenge: SessionState["challenge"] }): SessionState {
  const invalid = () => CognitoErrors.notAuthorized("Invalid session for the user, session is expired.");
  if (!sealed) throw CognitoErrors.invalidParameter("Missing required parameter Session");
  let state: SessionState;
  try {
    state = SessionState.parse(JSON.parse(decryptSecret(Buffer.from(sealed, "base64").toString(), env().STRATUS_SECRET_KEY)));
  } catch {
    throw invalid();
  }
  const other = (expected.pool !== undefined && state.pool !== expected.pool) || (expected.client !== undefined && state.client !== expected.client);
  if (state.expires <= Date.now() || other || state.challenge !== expected.challenge) throw invalid();
  return state;
}
