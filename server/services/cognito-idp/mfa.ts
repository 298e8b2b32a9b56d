/**
 * Multi-factor sign-in: authenticator apps (AssociateSoftwareToken, VerifySoftwareToken, the
 * SOFTWARE_TOKEN_MFA challenge), SMS codes to the team's outbox (SMS_MFA), the MFA_SETUP challenge of
 * pools where MFA is on, the users' preferences and the pool's MFA configuration.
 */
import { z } from "zod";
import type { Db } from "../../db/client";
import type { CognitoUser, CognitoUserPool } from "../../db/generated/client";
import { env } from "../../env";
import { decryptSecret, encryptSecret } from "../../lib/secrets";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { storedAttributes } from "./attributes";
import type { AuthResponse, AuthTarget } from "./auth-target";
import { CognitoErrors } from "./errors";
import { consumeCode, sendCode } from "./messages";
import { signedInUser } from "./signed-in";
import { openSession, sealSession, type SessionState } from "./sessions";
import { poolSettings, requirePool, requireUser, userByKey } from "./store";
import { newTotpSecret, totpMatches } from "./totp";

const UserMfa = z.object({
  /** The authenticator secret, encrypted; set by AssociateSoftwareToken, usable once verified. */
  totpSecret: z.string().optional(),
  totpVerified: z.boolean().default(false),
  totpEnabled: z.boolean().default(false),
  smsEnabled: z.boolean().default(false),
  preferred: z.enum(["SOFTWARE_TOKEN_MFA", "SMS_MFA"]).nullable().default(null),
});
type UserMfa = z.output<typeof UserMfa>;

export const userMfa = (user: Pick<CognitoUser, "mfa">): UserMfa => UserMfa.parse(user.mfa ?? {});

/** What AdminGetUser/GetUser report of a user's MFA settings. */
export function mfaShape(user: Pick<CognitoUser, "mfa">) {
  const mfa = userMfa(user);
  const list = [...(mfa.smsEnabled ? ["SMS_MFA"] : []), ...(mfa.totpEnabled && mfa.totpVerified ? ["SOFTWARE_TOKEN_MFA"] : [])];
  return { UserMFASettingList: list.length ? list : undefined, PreferredMfaSetting: mfa.preferred ?? undefined };
}

export const MFA_CHALLENGES = ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "MFA_SETUP"] as const;
export type MfaChallenge = (typeof MFA_CHALLENGES)[number];

/** The second factor a sign-in needs, or null (pool MFA off, or optional and the user has none). */
export function requiredMfa(pool: CognitoUserPool, user: CognitoUser): MfaChallenge | null {
  const settings = poolSettings(pool);
  if (settings.MfaConfiguration === "OFF") return null;
  const mfa = userMfa(user);
  const totp = mfa.totpEnabled && mfa.totpVerified;
  const sms = mfa.smsEnabled && Boolean(storedAttributes(user).phone_number);
  if (mfa.preferred === "SOFTWARE_TOKEN_MFA" && totp) return "SOFTWARE_TOKEN_MFA";
  if (mfa.preferred === "SMS_MFA" && sms) return "SMS_MFA";
  if (totp) return "SOFTWARE_TOKEN_MFA";
  if (sms) return "SMS_MFA";
  if (settings.MfaConfiguration === "OPTIONAL") return null;
  // MFA is on and the user has no factor yet: an authenticator must be set up (or SMS to their phone).
  if (settings.SoftwareTokenMfaConfiguration?.Enabled !== false) return "MFA_SETUP";
  return storedAttributes(user).phone_number ? "SMS_MFA" : "MFA_SETUP";
}

/** Answers the password step with the MFA challenge the user must pass. */
export async function startMfa(db: Db, t: AuthTarget, user: CognitoUser, challenge: MfaChallenge): Promise<AuthResponse> {
  const session = sealSession({ pool: t.pool.id, client: t.client.clientId, user: user.usernameKey, challenge }, t.settings.AuthSessionValidity);
  if (challenge === "SMS_MFA") {
    const delivery = await sendCode(db, t.pool, user, "SMS_MFA", "phone_number");
    return {
      ChallengeName: challenge,
      Session: session,
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: "SMS", CODE_DELIVERY_DESTINATION: delivery?.Destination ?? "", USER_ID_FOR_SRP: user.username },
    };
  }
  if (challenge === "MFA_SETUP") return { ChallengeName: challenge, Session: session, ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: user.username } };
  return { ChallengeName: challenge, Session: session, ChallengeParameters: { USER_ID_FOR_SRP: user.username } };
}

const keyOf = (user: CognitoUser) => ({ userPoolId_usernameKey: { userPoolId: user.userPoolId, usernameKey: user.usernameKey } });

async function userOfSession(db: Db, state: SessionState): Promise<CognitoUser> {
  const user = state.user ? await userByKey(db, state.pool, state.user) : null;
  if (!user) throw CognitoErrors.notAuthorized("Invalid session for the user, session is expired.");
  return user;
}

/** Checks the answer to an MFA challenge; returns the user, whose tokens the caller then issues. */
export async function answerMfa(db: Db, t: AuthTarget, challenge: MfaChallenge, session: string | undefined, responses: Record<string, string>): Promise<CognitoUser> {
  const state = openSession(session, { pool: t.pool.id, client: t.client.clientId, challenge });
  const user = await userOfSession(db, state);
  if (challenge === "SMS_MFA") {
    await consumeCode(db, t.pool, user.usernameKey, "SMS_MFA", responses.SMS_MFA_CODE ?? "").catch(() => {
      throw CognitoErrors.codeMismatch("Invalid code or auth state for the user.");
    });
    return user;
  }
  if (challenge === "SOFTWARE_TOKEN_MFA") {
    const mfa = userMfa(user);
    const code = responses.SOFTWARE_TOKEN_MFA_CODE ?? "";
    if (!mfa.totpSecret || !totpMatches(decryptSecret(mfa.totpSecret, env().STRATUS_SECRET_KEY), code)) throw CognitoErrors.codeMismatch("Invalid code received for user");
    return user;
  }
  // MFA_SETUP is answered once VerifySoftwareToken (with this session) has verified an authenticator.
  if (!(userMfa(user).totpVerified)) throw CognitoErrors.invalidParameter("MFA_SETUP requires a verified software token: call AssociateSoftwareToken and VerifySoftwareToken with the session first.");
  return user;
}

/** Who an AssociateSoftwareToken / VerifySoftwareToken call is for: a signed-in user, or a user in the MFA_SETUP challenge. */
async function setupSubject(db: Db, input: { AccessToken?: string; Session?: string }): Promise<{ user: CognitoUser; state?: SessionState }> {
  if (input.AccessToken) return { user: (await signedInUser(db, input.AccessToken)).user };
  if (!input.Session) throw CognitoErrors.invalidParameter("Either AccessToken or Session must be provided.");
  // An MFA_SETUP session names its own pool and client.
  const state = openSession(input.Session, { challenge: "MFA_SETUP" });
  return { user: await userOfSession(db, state), state };
}

export async function associateSoftwareToken(db: Db, _ctx: CallContext, input: { AccessToken?: string; Session?: string }) {
  const subject = await setupSubject(db, input);
  const secret = newTotpSecret();
  const mfa = { ...userMfa(subject.user), totpSecret: encryptSecret(secret, env().STRATUS_SECRET_KEY), totpVerified: false };
  await db.cognitoUser.update({ where: keyOf(subject.user), data: { mfa } });
  return { SecretCode: secret, Session: input.Session };
}

export async function verifySoftwareToken(db: Db, _ctx: CallContext, input: { AccessToken?: string; Session?: string; UserCode: string; FriendlyDeviceName?: string }) {
  const { user } = await setupSubject(db, input);
  const mfa = userMfa(user);
  if (!mfa.totpSecret || !totpMatches(decryptSecret(mfa.totpSecret, env().STRATUS_SECRET_KEY), input.UserCode)) {
    throw CognitoErrors.enableSoftwareTokenMfa("Code mismatch");
  }
  // A verified authenticator is enabled at once, as Cognito does for a new TOTP device.
  await db.cognitoUser.update({ where: keyOf(user), data: { mfa: { ...mfa, totpVerified: true, totpEnabled: true } } });
  return { Status: "SUCCESS", Session: input.Session };
}

interface MfaPreference {
  SMSMfaSettings?: { Enabled?: boolean; PreferredMfa?: boolean };
  SoftwareTokenMfaSettings?: { Enabled?: boolean; PreferredMfa?: boolean };
}

async function applyPreference(db: Db, user: CognitoUser, input: MfaPreference): Promise<void> {
  const mfa = userMfa(user);
  const totp = input.SoftwareTokenMfaSettings;
  const sms = input.SMSMfaSettings;
  if (totp?.Enabled && !mfa.totpVerified) throw CognitoErrors.invalidParameter("User has not verified software token mfa");
  const next: UserMfa = {
    ...mfa,
    totpEnabled: totp?.Enabled ?? mfa.totpEnabled,
    smsEnabled: sms?.Enabled ?? mfa.smsEnabled,
    preferred: totp?.PreferredMfa ? "SOFTWARE_TOKEN_MFA" : sms?.PreferredMfa ? "SMS_MFA" : mfa.preferred,
  };
  if (next.preferred === "SOFTWARE_TOKEN_MFA" && !next.totpEnabled) next.preferred = null;
  if (next.preferred === "SMS_MFA" && !next.smsEnabled) next.preferred = null;
  await db.cognitoUser.update({ where: keyOf(user), data: { mfa: next } });
}

export async function setUserMfaPreference(db: Db, _ctx: CallContext, input: MfaPreference & { AccessToken: string }) {
  await applyPreference(db, (await signedInUser(db, input.AccessToken)).user, input);
  return {};
}

export async function adminSetUserMfaPreference(db: Db, ctx: CallContext, input: MfaPreference & { UserPoolId: string; Username: string }) {
  requireRole(ctx, "developer", "cognito-idp:AdminSetUserMFAPreference");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  await applyPreference(db, await requireUser(db, pool, input.Username), input);
  return {};
}

export async function setUserPoolMfaConfig(
  db: Db,
  ctx: CallContext,
  input: { UserPoolId: string; MfaConfiguration?: "OFF" | "ON" | "OPTIONAL"; SoftwareTokenMfaConfiguration?: { Enabled: boolean } },
) {
  requireRole(ctx, "developer", "cognito-idp:SetUserPoolMfaConfig");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const settings = poolSettings(pool);
  const next = {
    ...settings,
    MfaConfiguration: input.MfaConfiguration ?? settings.MfaConfiguration,
    SoftwareTokenMfaConfiguration: input.SoftwareTokenMfaConfiguration ?? settings.SoftwareTokenMfaConfiguration,
  };
  await db.cognitoUserPool.update({ where: { id: pool.id }, data: { config: next, updatedAt: new Date() } });
  return { MfaConfiguration: next.MfaConfiguration, SoftwareTokenMfaConfiguration: next.SoftwareTokenMfaConfiguration };
}

export async function getUserPoolMfaConfig(db: Db, ctx: CallContext, input: { UserPoolId: string }) {
  const settings = poolSettings(await requirePool(db, ctx, input.UserPoolId));
  return { MfaConfiguration: settings.MfaConfiguration, SoftwareTokenMfaConfiguration: settings.SoftwareTokenMfaConfiguration ?? { Enabled: false } };
}

