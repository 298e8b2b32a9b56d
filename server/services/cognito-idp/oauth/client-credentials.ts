/**
 * Machine-to-machine access tokens (the client_credentials grant): no user, so the client is the
 * subject, the scopes are its resource servers' custom ones, and there is neither ID nor refresh token.
 */
import { randomUUID } from "node:crypto";
import type { CognitoUserPool, CognitoUserPoolClient } from "../../../db/generated/client";
import { signJwt } from "../jwt";
import { privateKeyOf } from "../keys";
import { tokenLifetimes } from "../model";
import { clientSettings } from "../store";
import { issuerOf } from "../tokens";

export function clientCredentialsToken(pool: CognitoUserPool, client: CognitoUserPoolClient, scopes: readonly string[]): { accessToken: string; expiresIn: number } {
  const expiresIn = tokenLifetimes(clientSettings(client)).access;
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: client.clientId,
    token_use: "access",
    scope: scopes.join(" "),
    auth_time: now,
    iss: issuerOf(pool.id),
    exp: now + expiresIn,
    iat: now,
    version: 2,
    jti: randomUUID(),
    client_id: client.clientId,
  };
  return { accessToken: signJwt(claims, privateKeyOf(pool), pool.keyId), expiresIn };
}
