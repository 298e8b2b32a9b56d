/**
 * Authorization codes: issued at the end of a hosted UI sign-in, redeemed once at /oauth2/token within
 * five minutes by the same client with the same redirect URI (and the PKCE verifier, when the request
 * had a challenge). Only their hash is stored.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Db } from "../../../db/client";
import type { CognitoAuthorizationCode, CognitoUser, CognitoUserPoolClient } from "../../../db/generated/client";
import { sha256Hex } from "../../../lib/secrets";
import type { AuthorizeRequest } from "./authorize-request";

const LIFETIME_MS = 5 * 60_000;

export async function issueCode(db: Db, request: AuthorizeRequest, user: CognitoUser, authTime: Date): Promise<string> {
  const code = randomUUID();
  // Codes never redeemed are swept as new ones are made.
  await db.cognitoAuthorizationCode.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await db.cognitoAuthorizationCode.create({
    data: {
      codeHash: sha256Hex(code),
      userPoolId: request.pool.id,
      clientId: request.client.clientId,
      usernameKey: user.usernameKey,
      redirectUri: request.redirectUri,
      scopes: request.scopes,
      codeChallenge: request.codeChallenge ?? null,
      codeChallengeMethod: request.codeChallenge ? "S256" : null,
      nonce: request.nonce ?? null,
      authTime,
      expiresAt: new Date(Date.now() + LIFETIME_MS),
    },
  });
  return code;
}

const s256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

/**
 * The code's grant, or null when it is unknown, already used, expired, another client's, issued for
 * another redirect URI or the verifier does not match. A code is used up by any attempt to redeem it.
 */
export async function redeemCode(
  db: Db,
  client: CognitoUserPoolClient,
  given: { code: string; redirectUri: string | null; verifier: string | null },
): Promise<CognitoAuthorizationCode | null> {
  const where = { codeHash: sha256Hex(given.code) };
  const grant = await db.cognitoAuthorizationCode.findUnique({ where });
  // Only one of two concurrent redemptions deletes the row.
  if (!grant || (await db.cognitoAuthorizationCode.deleteMany({ where })).count === 0) return null;
  if (grant.clientId !== client.clientId || grant.expiresAt <= new Date() || grant.redirectUri !== given.redirectUri) return null;
  if (grant.codeChallenge && (!given.verifier || s256(given.verifier) !== grant.codeChallenge)) return null;
  return grant;
}
