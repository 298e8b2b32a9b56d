/**
 * The user pool workloads, set up the same way on any endpoint with the admin API of
 * `@aws-sdk/client-cognito-identity-provider`: a pool, an app client with the password, SRP and refresh
 * flows, and confirmed users with a permanent password. End users then sign in unsigned, with the
 * password (InitiateAuth USER_PASSWORD_AUTH) or by SRP through amazon-cognito-identity-js, and their ID
 * tokens are verified in this process against the pool's JWKS with jose and aws-jwt-verify.
 */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  InitiateAuthCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import { JwtRsaVerifier } from "aws-jwt-verify";
import type { Jwks } from "aws-jwt-verify/jwk";
import { createLocalJWKSet, decodeJwt, type JSONWebKeySet, jwtVerify } from "jose";
import { warnNotDeleted } from "../lib/cli";
import type { Target } from "../lib/servers";
import { oneAtATime, signedConfig, type Timed, unsignedConfig } from "./measure";

/** Meets the default password policy (length 8, upper and lower case, a number, a symbol). */
export const PASSWORD = "Bench-password-1";

export interface BenchPool {
  target: Target;
  admin: CognitoIdentityProviderClient;
  /** Unsigned, as an app's end users call. */
  endUser: CognitoIdentityProviderClient;
  userPoolId: string;
  clientId: string;
  /** One user per concurrent client, so no two clients sign the same user in at once. */
  usernames: string[];
  /** amazon-cognito-identity-js's view of the pool, for SRP. */
  srpPool: CognitoUserPool;
}

export async function createBenchPool(target: Target, runId: string, users: number): Promise<BenchPool> {
  const admin = new CognitoIdentityProviderClient(signedConfig(target));
  const { UserPool } = await admin.send(new CreateUserPoolCommand({ PoolName: `bench-auth-${runId}` }));
  const userPoolId = UserPool!.Id!;
  const { UserPoolClient } = await admin.send(
    new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: "bench", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
  );
  const clientId = UserPoolClient!.ClientId!;
  const usernames = Array.from({ length: users }, (_, i) => `bench-user-${i}`);
  for (const Username of usernames) {
    await admin.send(new AdminCreateUserCommand({ UserPoolId: userPoolId, Username, MessageAction: "SUPPRESS" }));
    await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username, Password: PASSWORD, Permanent: true }));
  }
  return {
    target,
    admin,
    endUser: new CognitoIdentityProviderClient(unsignedConfig(target)),
    userPoolId,
    clientId,
    usernames,
    srpPool: new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint: target.endpoint }),
  };
}

export async function deleteBenchPool(p: BenchPool): Promise<void> {
  await p.admin.send(new DeleteUserPoolCommand({ UserPoolId: p.userPoolId })).catch(warnNotDeleted(p.userPoolId));
  p.admin.destroy();
  p.endUser.destroy();
}

const userOf = (p: BenchPool, client: number) => p.usernames[client % p.usernames.length]!;

/** InitiateAuth USER_PASSWORD_AUTH as user `client`; resolves to the ID token. */
export async function passwordSignIn(p: BenchPool, client: number, password = PASSWORD): Promise<string> {
  const out = await p.endUser.send(new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: p.clientId, AuthParameters: { USERNAME: userOf(p, client), PASSWORD: password } }));
  const token = out.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`InitiateAuth answered no tokens (ChallengeName ${out.ChallengeName})`);
  return token;
}

/**
 * USER_SRP_AUTH as browser apps sign in: amazon-cognito-identity-js sends InitiateAuth with SRP_A, then
 * answers the PASSWORD_VERIFIER challenge (its SRP math runs in this process); resolves to the ID token.
 */
export function srpSignIn(p: BenchPool, client: number, password = PASSWORD): Promise<string> {
  const username = userOf(p, client);
  const user = new CognitoUser({ Username: username, Pool: p.srpPool });
  user.setAuthenticationFlowType("USER_SRP_AUTH");
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => resolve(session.getIdToken().getJwtToken()),
      onFailure: reject,
      newPasswordRequired: () => reject(new Error("unexpected NEW_PASSWORD_REQUIRED challenge")),
    });
  });
}

/**
 * Whether a sign-in with a wrong password is refused: the check that a server really verifies the
 * password (or the SRP proof). Undefined if it is; what happened if not.
 */
export async function wrongPasswordAccepted(signIn: (p: BenchPool, client: number, password: string) => Promise<string>, p: BenchPool): Promise<string | undefined> {
  // One failure locks nobody out (only a sixth in a row would), and the user's next sign-in clears the count.
  return signIn(p, p.usernames.length - 1, "Wrong-password-1").then(
    () => "a wrong password signed in",
    () => undefined,
  );
}

export interface JwtResult {
  jwksUri: string;
  jose: Timed;
  awsJwtVerify: Timed;
}

/**
 * Fetches the pool's JWKS once, then verifies `idToken` over and over in this process with jose
 * (createLocalJWKSet + jwtVerify) and with aws-jwt-verify (JwtRsaVerifier with the JWKS cached), the
 * issuer being the token's own `iss`. A token either verifier refuses is an error, not a figure.
 */
export async function jwtVerification(p: BenchPool, idToken: string, opts: { warmup: number; count: number }): Promise<JwtResult> {
  const jwksUri = `${p.target.endpoint}/${p.userPoolId}/.well-known/jwks.json`;
  const res = await fetch(jwksUri);
  if (!res.ok) throw new Error(`GET ${jwksUri} answered HTTP ${res.status}`);
  const jwks = (await res.json()) as JSONWebKeySet & Jwks;
  const issuer = decodeJwt(idToken).iss!;
  const keySet = createLocalJWKSet(jwks);
  const verifier = JwtRsaVerifier.create({ issuer, audience: null, jwksUri });
  verifier.cacheJwks(jwks);
  // Once each first, so a refusal fails the workload with its reason.
  await jwtVerify(idToken, keySet, { issuer });
  await verifier.verify(idToken);
  return {
    jwksUri,
    jose: await oneAtATime(() => jwtVerify(idToken, keySet, { issuer }), opts),
    awsJwtVerify: await oneAtATime(() => verifier.verify(idToken), opts),
  };
}

/** Stratus's password check alone, in this process: the scrypt KDF every USER_PASSWORD_AUTH sign-in runs (server/services/accounts/passwords.ts). */
export async function scryptCheck(count: number): Promise<Timed> {
  // Imported here: server/env must only be read once startRun has pointed the process at the bench database.
  const { hashPassword, verifyPassword } = await import("../../server/services/accounts/passwords");
  const hash = await hashPassword(PASSWORD);
  return oneAtATime(() => verifyPassword(PASSWORD, hash), { warmup: 1, count });
}
