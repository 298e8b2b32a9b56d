/**
 * CUSTOM_AUTH: the pool's DefineAuthChallenge trigger decides each step from the challenges so far,
 * CreateAuthChallenge makes the next CUSTOM_CHALLENGE (public parameters to the client, private ones
 * kept sealed in the session), and VerifyAuthChallengeResponse judges the answer.
 */
import type { Db } from "../../db/client";
import type { CognitoUser } from "../../db/generated/client";
import type { AuthResponse, AuthTarget } from "./auth-target";
import { CognitoErrors } from "./errors";
import { openSession, sealSession, type SessionState } from "./sessions";
import { findUser, userByKey } from "./store";
import { runTrigger, triggerAttributes, triggerFunction } from "./triggers";

type Rounds = NonNullable<SessionState["custom"]>["rounds"];

export type CustomStep = { kind: "tokens"; user: CognitoUser } | { kind: "challenge"; response: AuthResponse };

const FAILED = () => CognitoErrors.notAuthorized("Incorrect username or password.");
const MAX_ROUNDS = 5;

const stringRecord = (value: unknown): Record<string, string> =>
  typeof value === "object" && value !== null ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) : {};

async function nextStep(db: Db, t: AuthTarget, user: CognitoUser, rounds: Rounds): Promise<CustomStep> {
  const common = { pool: t.pool, userName: user.username, clientId: t.client.clientId };
  const userAttributes = triggerAttributes(user);
  const decision = await runTrigger({
    ...common,
    trigger: "DefineAuthChallenge",
    source: "DefineAuthChallenge_Authentication",
    request: { userAttributes, session: rounds, userNotFound: false, clientMetadata: {} },
    response: { challengeName: null, issueTokens: false, failAuthentication: false },
  });
  if (decision.failAuthentication === true) throw FAILED();
  if (decision.issueTokens === true) return { kind: "tokens", user };
  if (decision.challengeName !== "CUSTOM_CHALLENGE" || rounds.length >= MAX_ROUNDS) throw FAILED();
  const created = await runTrigger({
    ...common,
    trigger: "CreateAuthChallenge",
    source: "CreateAuthChallenge_Authentication",
    request: { userAttributes, challengeName: "CUSTOM_CHALLENGE", session: rounds, userNotFound: false, clientMetadata: {} },
    response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: null },
  });
  const metadata = typeof created.challengeMetadata === "string" ? created.challengeMetadata : undefined;
  const session = sealSession(
    { pool: t.pool.id, client: t.client.clientId, user: user.usernameKey, challenge: "CUSTOM_CHALLENGE", custom: { rounds, privateParameters: stringRecord(created.privateChallengeParameters), metadata } },
    t.settings.AuthSessionValidity,
  );
  return {
    kind: "challenge",
    response: { ChallengeName: "CUSTOM_CHALLENGE", Session: session, ChallengeParameters: { ...stringRecord(created.publicChallengeParameters), USERNAME: user.username } },
  };
}

export async function startCustomAuth(db: Db, t: AuthTarget, params: Record<string, string>): Promise<CustomStep> {
  if (!triggerFunction(t.pool, "DefineAuthChallenge")) throw CognitoErrors.invalidParameter("Custom auth lambda trigger is not configured for the user pool.");
  const user = await findUser(db, t.pool, params.USERNAME ?? "");
  if (!user) throw t.settings.PreventUserExistenceErrors === "LEGACY" ? CognitoErrors.userNotFound() : FAILED();
  if (!user.enabled) throw CognitoErrors.notAuthorized("User is disabled.");
  return nextStep(db, t, user, []);
}

export async function answerCustomChallenge(db: Db, t: AuthTarget, sealed: string | undefined, responses: Record<string, string>): Promise<CustomStep> {
  const state = openSession(sealed, { pool: t.pool.id, client: t.client.clientId, challenge: "CUSTOM_CHALLENGE" });
  const user = state.user ? await userByKey(db, t.pool.id, state.user) : null;
  if (!user || !state.custom) throw CognitoErrors.notAuthorized("Invalid session for the user, session is expired.");
  const verdict = await runTrigger({
    pool: t.pool,
    trigger: "VerifyAuthChallengeResponse",
    source: "VerifyAuthChallengeResponse_Authentication",
    userName: user.username,
    clientId: t.client.clientId,
    request: { userAttributes: triggerAttributes(user), privateChallengeParameters: state.custom.privateParameters, challengeAnswer: responses.ANSWER ?? "", userNotFound: false, clientMetadata: {} },
    response: { answerCorrect: false },
  });
  const rounds = [...state.custom.rounds, { challengeName: "CUSTOM_CHALLENGE", challengeResult: verdict.answerCorrect === true, challengeMetadata: state.custom.metadata }];
  return nextStep(db, t, user, rounds);
}
