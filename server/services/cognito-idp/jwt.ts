/** Compact RS256 JWTs, signed and checked with node:crypto (the pool keys are RSA). */
import { sign, verify, type KeyObject } from "node:crypto";

const b64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export function signJwt(claims: Record<string, unknown>, key: KeyObject, keyId: string): string {
  const head = `${b64url(JSON.stringify({ kid: keyId, alg: "RS256" }))}.${b64url(JSON.stringify(claims))}`;
  return `${head}.${sign("sha256", Buffer.from(head), key).toString("base64url")}`;
}

export interface DecodedJwt {
  header: { kid?: string; alg?: string };
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** Splits and parses a JWT without checking it; null when it is not one. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString()) as DecodedJwt["header"];
    const claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString()) as Record<string, unknown>;
    if (typeof header !== "object" || header === null || typeof claims !== "object" || claims === null) return null;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, "base64url") };
  } catch {
    return null;
  }
}

export function signatureValid(jwt: DecodedJwt, key: KeyObject): boolean {
  return jwt.header.alg === "RS256" && verify("sha256", Buffer.from(jwt.signingInput), key, jwt.signature);
}
