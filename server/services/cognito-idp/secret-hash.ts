/**
 * App client secrets: SECRET_HASH, with which clients that have a secret prove they hold it
 * (Base64(HMAC-SHA256(secret, username + clientId))), and the secret itself where a call presents it.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { CognitoUserPoolClient } from "../../db/generated/client";
import { env } from "../../env";
import { decryptSecret } from "../../lib/secrets";
import { CognitoErrors } from "./errors";

export const clientSecretOf = (client: CognitoUserPoolClient): string | undefined =>
  client.secretEncrypted ? decryptSecret(client.secretEncrypted, env().STRATUS_SECRET_KEY) : undefined;

/** Compared in constant time; a client without a secret matches nothing. */
export function secretMatches(client: CognitoUserPoolClient, given: string): boolean {
  const secret = Buffer.from(clientSecretOf(client) ?? "");
  const candidate = Buffer.from(given);
  return secret.length > 0 && secret.length === candidate.length && timingSafeEqual(secret, candidate);
}

export const secretHash = (secret: string, username: string, clientId: string): string => createHmac("sha256", secret).update(username + clientId).digest("base64");

export function checkSecretHash(client: CognitoUserPoolClient, usernames: string[], provided: string | undefined): void {
  const secret = clientSecretOf(client);
  if (secret === undefined) return;
  const given = Buffer.from(provided ?? "");
  // Either name the user signed in with works (the alias or the username, as Cognito accepts both).
  const ok = usernames.some((username) => {
    const expected = Buffer.from(secretHash(secret, username, client.clientId));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!ok) throw CognitoErrors.notAuthorized(`Unable to verify secret hash for client ${client.clientId}`);
}
