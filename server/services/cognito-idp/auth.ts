/**
 * Sign-in: InitiateAuth / AdminInitiateAuth and RespondToAuthChallenge / AdminRespondToAuthChallenge,
 * with the password (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH), SRP (USER_SRP_AUTH →
 * PASSWORD_VERIFIER) and refresh-token flows, and the NEW_PASSWORD_REQUIRED challenge.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client";
import type { CognitoUser } from "../../db/generated/client";
import type { CallContext } from "../context";
import { checkAttributes, checkRequired, storedAttributes } from "./attributes";
import { CognitoErrors } from "./errors";
import { allowsFlow, poolNameOf } from "./model";
import { checkPasswordPolicy, storedPassword } from "./passwords";
import { checkSecretHash } from "./secret-hash";
import { openSession, sealSession, type SessionState } from "./sessions";
import { checkAddress, checkNotLocked, recordAddressFailure, recordFailure, recordSuccess } from "./sign-in-guard";
import { isValidSrpTimestamp, srpChallenge, srpVerifier, verifyPasswordClaim } from "./srp";
import { clientById, findUser, poolSettings, requireClient, requirePool, userByKey } from "./store";
import { issueTokens } from "./tokens";
import { scopesOfRefreshToken } from "./oauth/refresh-tokens";
import { answerCustomChallenge, type CustomStep, startCustomAuth } from "./custom-auth";
import { aroundAuthentication } from "./lifecycle-triggers";
import { incorrectPassword, provePassword } from "./password-check";
import { answerMfa, requiredMfa, startMfa } from "./mfa";
import { type AuthResponse, type AuthTarget, authTarget } from "./auth-target";
import { sha256Hex } from "../../lib/secrets";

type Params = Record<string, string>;

const INCORRECT = incorrectPassword;

/** An unknown user reads as a wrong password unless the client opted into existence errors (LEGACY). */
const unknownUser = (target: AuthTarget) => (target.settings.PreventUserExistenceErrors === "LEGACY" ? CognitoErrors.userNotFound() : INCORRECT());

const required = (params: Params, name: string): string => {
  const value = params[name];
  if (!value) throw CognitoErrors.invalidParameter(`Missing required parameter ${name}`);
  return value;
};

function requireFlow(t: AuthTarget, flow: Parameters<typeof allowsFlow>[1]): void {
  if (!allowsFlow(t.settings, flow)) {
    throw CognitoErrors.invalidParameter(flow === "USER_PASSWORD_AUTH" ? "USER_PASSWORD_AUTH flow not enabled for this client" : "Auth flow not enabled for this client");
  }
}

/** After the password is proven: the user's state decides between a challenge and tokens. */
async function afterPassword(db: Db, t: AuthTarget, user: CognitoUser): Promise<AuthResponse> {
  if (!user.enabled) throw CognitoErrors.notAuthorized("User is disabled.");
  if (user.status === "UNCONFIRMED") throw CognitoErrors.userNotConfirmed();
  if (user.status === "RESET_REQUIRED") throw CognitoErrors.passwordResetRequired();
  if (user.status === "FORCE_CHANGE_PASSWORD") {
    if (user.passwordExpiresAt && user.passwordExpiresAt <= new Date()) {
      throw CognitoErrors.notAuthorized("Temporary password has expired and must be reset by an administrator.");
    }
    const attributes = storedAttributes(user);
    const missing = poolSettings(t.pool).SchemaAttributes.filter((a) => a.Required && a.Name !== "sub" && !attributes[a.Name]).map((a) => `userAttributes.${a.Name}`);
    return {
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      Session: sealSession({ pool: t.pool.id, client: t.client.clientId, user: user.usernameKey, challenge: "NEW_PASSWORD_REQUIRED" }, t.settings.AuthSessionValidity),
      ChallengeParameters: { USER_ID_FOR_SRP: user.username, requiredAttributes: JSON.stringify(missing), userAttributes: JSON.stringify(attributes) },
    };
  }
  const mfa = requiredMfa(t.pool, user);
  if (mfa) return startMfa(db, t, user, mfa);
  return signedIn(db, t, user);
}

/** A custom auth step: the next challenge, or (all answered) the user signs in; custom auth replaces MFA. */
function customResponse(db: Db, t: AuthTarget, step: CustomStep): Promise<AuthResponse> {
  return step.kind === "challenge" ? Promise.resolve(step.response) : signedIn(db, t, step.user);
}

/** The last step of every sign-in: PostAuthentication, then the tokens. */
async function signedIn(db: Db, t: AuthTarget, user: CognitoUser): Promise<AuthResponse> {
  await aroundAuthentication("PostAuthentication", t.pool, user, t.client.clientId);
  return { ChallengeParameters: {}, AuthenticationResult: await issueTokens(db, t.pool, t.client, user) };
}

async function passwordAuth(db: Db, t: AuthTarget, params: Params): Promise<AuthResponse> {
  const username = required(params, "USERNAME");
  const user = await provePassword(db, {
    pool: t.pool,
    clientId: t.client.clientId,
    username,
    password: required(params, "PASSWORD"),
    sourceIp: t.sourceIp,
    unknownUser: () => unknownUser(t),
    beforeCheck: (found) => {
      checkSecretHash(t.client, [username, ...(found ? [found.username] : [])], params.SECRET_HASH);
      // A federated user has no password here: they sign in at their identity provider.
      if (found?.status === "EXTERNAL_PROVIDER") throw INCORRECT();
    },
  });
  return afterPassword(db, t, user);
}

/** USER_SRP_AUTH: the PASSWORD_VERIFIER challenge. An unknown user gets a convincing one too, and fails at the proof. */
async function srpAuth(db: Db, t: AuthTarget, params: Params): Promise<AuthResponse> {
  const username = required(params, "USERNAME");
  const srpA = required(params, "SRP_A");
  const user = await findUser(db, t.pool, username);
  checkSecretHash(t.client, [username, ...(user ? [user.username] : [])], params.SECRET_HASH);
  if (!user && t.settings.PreventUserExistenceErrors === "LEGACY") throw CognitoErrors.userNotFound();
  const userId = user?.username ?? username;
  const { salt, verifier } = user?.srpSalt && user.srpVerifier ? { salt: user.srpSalt, verifier: user.srpVerifier } : srpVerifier(poolNameOf(t.pool.id), userId, randomBytes(16).toString("hex"));
  let challenge: { b: string; srpB: string };
  try {
    challenge = srpChallenge(verifier, srpA);
  } catch {
    throw CognitoErrors.invalidParameter("SRP_A is invalid");
  }
  const secretBlock = sealSession(
    { pool: t.pool.id, client: t.client.clientId, user: user?.usernameKey, challenge: "PASSWORD_VERIFIER", srp: { a: srpA, b: challenge.b, B: challenge.srpB } },
    t.settings.AuthSessionValidity,
  );
  return {
    ChallengeName: "PASSWORD_VERIFIER",
    ChallengeParameters: { SALT: salt, SRP_B: challenge.srpB, SECRET_BLOCK: secretBlock, USERNAME: userId, USER_ID_FOR_SRP: userId },
  };
}

async function refreshAuth(db: Db, t: AuthTarget, params: Params): Promise<AuthResponse> {
  const token = required(params, "REFRESH_TOKEN");
  const stored = await db.cognitoRefreshToken.findUnique({ where: { tokenHash: sha256Hex(token) } });
  if (!stored || stored.clientId !== t.client.clientId || stored.userPoolId !== t.pool.id) throw CognitoErrors.notAuthorized("Invalid Refresh Token");
  if (stored.revokedAt) throw CognitoErrors.notAuthorized("Refresh Token has been revoked");
  if (stored.expiresAt <= new Date()) throw CognitoErrors.notAuthorized("Refresh Token has expired");
  const user = await userByKey(db, t.pool.id, stored.usernameKey);
  if (!user) throw CognitoErrors.notAuthorized("Invalid Refresh Token");
  if (t.client.secretEncrypted) checkSecretHash(t.client, [user.username, user.sub, params.USERNAME ?? ""], params.SECRET_HASH);
  if (!user.enabled) throw CognitoErrors.notAuthorized("User is disabled.");
  if (stored.createdAt < user.tokensValidAfter) throw CognitoErrors.notAuthorized("Refresh Token has been revoked");
  // A refresh token from the OAuth endpoints renews with the scopes it was granted.
  const scopes = scopesOfRefreshToken(token);
  return {
    ChallengeParameters: {},
    AuthenticationResult: await issueTokens(db, t.pool, t.client, user, { authTime: stored.authTime, refresh: { tokenHash: stored.tokenHash }, ...(scopes && { oauth: { scopes } }) }),
  };
}

function runFlow(db: Db, t: AuthTarget, flow: string, params: Params, admin: boolean): Promise<AuthResponse> {
  switch (flow) {
    case "USER_PASSWORD_AUTH":
      requireFlow(t, "USER_PASSWORD_AUTH");
      return passwordAuth(db, t, params);
    case "ADMIN_USER_PASSWORD_AUTH":
    case "ADMIN_NO_SRP_AUTH":
      if (!admin) break;
      requireFlow(t, "ADMIN_USER_PASSWORD_AUTH");
      return passwordAuth(db, t, params);
    case "USER_SRP_AUTH":
      requireFlow(t, "USER_SRP_AUTH");
      return srpAuth(db, t, params);
    case "REFRESH_TOKEN_AUTH":
    case "REFRESH_TOKEN":
      return refreshAuth(db, t, params);
    case "CUSTOM_AUTH":
      requireFlow(t, "CUSTOM_AUTH");
      checkSecretHash(t.client, [params.USERNAME ?? ""], params.SECRET_HASH);
      return startCustomAuth(db, t, params).then((step) => customResponse(db, t, step));
  }
  throw CognitoErrors.invalidParameter(`Initiate Auth method not supported.`);
}

export async function initiateAuth(db: Db, ctx: CallContext, input: { AuthFlow: string; ClientId: string; AuthParameters?: Params }) {
  const { pool, client } = await clientById(db, input.ClientId);
  return runFlow(db, authTarget(pool, client, ctx.sourceIp), input.AuthFlow, input.AuthParameters ?? {}, false);
}

export async function adminInitiateAuth(db: Db, ctx: CallContext, input: { UserPoolId: string; ClientId: string; AuthFlow: string; AuthParameters?: Params }) {
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const client = await requireClient(db, pool.id, input.ClientId);
  return runFlow(db, authTarget(pool, client, ctx.sourceIp), input.AuthFlow, input.AuthParameters ?? {}, true);
}

async function userOf(db: Db, t: AuthTarget, state: SessionState): Promise<CognitoUser | null> {
  return state.user ? userByKey(db, t.pool.id, state.user) : null;
}

async function answerPasswordVerifier(db: Db, t: AuthTarget, responses: Params): Promise<AuthResponse> {
  const state = openSession(required(responses, "PASSWORD_CLAIM_SECRET_BLOCK"), { pool: t.pool.id, client: t.client.clientId, challenge: "PASSWORD_VERIFIER" });
  const user = await userOf(db, t, state);
  checkSecretHash(t.client, [responses.USERNAME ?? "", ...(user ? [user.username] : [])], responses.SECRET_HASH);
  const timestamp = required(responses, "TIMESTAMP");
  if (!isValidSrpTimestamp(timestamp)) throw CognitoErrors.notAuthorized("Invalid timestamp");
  await checkAddress(t.pool.id, t.sourceIp);
  if (!user?.srpVerifier || !state.srp) {
    await recordAddressFailure(t.pool.id, t.sourceIp);
    throw INCORRECT();
  }
  checkNotLocked(user);
  await aroundAuthentication("PreAuthentication", t.pool, user, t.client.clientId);
  const proven = verifyPasswordClaim({
    poolName: poolNameOf(t.pool.id),
    userIdForSrp: user.username,
    verifier: user.srpVerifier,
    srpA: state.srp.a,
    b: state.srp.b,
    srpB: state.srp.B,
    secretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK!,
    timestamp,
    signature: required(responses, "PASSWORD_CLAIM_SIGNATURE"),
  });
  if (!proven) {
    await Promise.all([recordFailure(db, user), recordAddressFailure(t.pool.id, t.sourceIp)]);
    throw INCORRECT();
  }
  await recordSuccess(db, user);
  return afterPassword(db, t, user);
}

async function answerNewPassword(db: Db, t: AuthTarget, session: string | undefined, responses: Params): Promise<AuthResponse> {
  const state = openSession(session, { pool: t.pool.id, client: t.client.clientId, challenge: "NEW_PASSWORD_REQUIRED" });
  const user = await userOf(db, t, state);
  if (!user || user.status !== "FORCE_CHANGE_PASSWORD") throw CognitoErrors.notAuthorized("Invalid session for the user, session is expired.");
  checkSecretHash(t.client, [responses.USERNAME ?? "", user.username], responses.SECRET_HASH);
  const password = required(responses, "NEW_PASSWORD");
  checkPasswordPolicy(password, poolSettings(t.pool).Policies.PasswordPolicy);
  const given = Object.entries(responses)
    .filter(([name]) => name.startsWith("userAttributes."))
    .map(([name, Value]) => ({ Name: name.slice("userAttributes.".length), Value }));
  const attributes = { ...storedAttributes(user), ...checkAttributes(t.pool, given, { creating: true }) };
  checkRequired(t.pool, attributes);
  const updated = await db.cognitoUser.update({
    where: { userPoolId_usernameKey: { userPoolId: t.pool.id, usernameKey: user.usernameKey } },
    data: { ...(await storedPassword(t.pool.id, user.username, password)), attributes, status: "CONFIRMED", passwordExpiresAt: null, updatedAt: new Date() },
  });
  return afterPassword(db, t, updated);
}

function answer(db: Db, t: AuthTarget, input: { ChallengeName: string; Session?: string; ChallengeResponses?: Params }): Promise<AuthResponse> {
  const responses = input.ChallengeResponses ?? {};
  switch (input.ChallengeName) {
    case "PASSWORD_VERIFIER":
      return answerPasswordVerifier(db, t, responses);
    case "NEW_PASSWORD_REQUIRED":
      return answerNewPassword(db, t, input.Session, responses);
    case "CUSTOM_CHALLENGE":
      return answerCustomChallenge(db, t, input.Session, responses).then((step) => customResponse(db, t, step));
    case "SOFTWARE_TOKEN_MFA":
    case "SMS_MFA":
    case "MFA_SETUP":
      return answerMfa(db, t, input.ChallengeName, input.Session, responses).then((user) => signedIn(db, t, user));
  }
  throw CognitoErrors.invalidParameter(`Unsupported challenge: ${input.ChallengeName}`);
}

export async function respondToAuthChallenge(db: Db, ctx: CallContext, input: { ClientId: string; ChallengeName: string; Session?: string; ChallengeResponses?: Params }) {
  const { pool, client } = await clientById(db, input.ClientId);
  return answer(db, authTarget(pool, client, ctx.sourceIp), input);
}

export async function adminRespondToAuthChallenge(
  db: Db,
  ctx: CallContext,
  input: { UserPoolId: string; ClientId: string; ChallengeName: string; Session?: string; ChallengeResponses?: Params },
) {
  const pool = await requirePool(db, ctx, input.UserPoolId);
  return answer(db, authTarget(pool, await requireClient(db, pool.id, input.ClientId), ctx.sourceIp), input);
}
