/**
 * Refresh tokens from the OAuth endpoints carry their granted scopes, sealed inside the opaque token
 * (only its hash is stored), so a refresh grant renews tokens with the same scopes.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { seal, unseal } from "./sealed";

const RefreshGrant = z.object({ nonce: z.string(), scopes: z.array(z.string()) });

export const sealRefreshToken = (scopes: readonly string[], validitySeconds: number): string =>
  seal({ nonce: randomBytes(32).toString("base64url"), scopes }, validitySeconds);

/** The scopes an OAuth refresh token was granted; undefined for one from InitiateAuth (random, sealing nothing). */
export const scopesOfRefreshToken = (token: string): string[] | undefined => unseal(RefreshGrant, token)?.scopes;
