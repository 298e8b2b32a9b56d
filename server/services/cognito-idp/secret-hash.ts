/** SECRET_HASH: clients with a secret prove they hold it with Base64(HMAC-SHA256(secret, username + clientId)). */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { CognitoUserPoolClient } from "../../db/generated/client";
import { env } from "../../env";
import { decryptSecret } from "../../lib/secrets";
import { CognitoErrors } from "./errors";

export function checkSecretHash(client: CognitoUserPoolClient, usernames: string[], provided: string | undefined): void {
  if (!client.secretEncrypted) return;
  const secret = decryptSecret(client.secretEncrypted, env().STRATUS_SECRET_KEY);
  const given = Buffer.from(provided ?? "");
  // Either name the user signed in with works (the alias or the username, as Cognito accepts both).
  const ok = usernames.some((username) => {
    const expected = Buffer.from(createHmac("sha256", secret).update(username + client.clientId).digest("base64"));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!ok) throw CognitoErrors.notAuthorized(`Unable to verify secret hash for client ${client.clientId}`);
}
