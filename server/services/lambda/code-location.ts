/**
 * Where GetFunction and GetLayerVersion say the code can be downloaded: like AWS's presigned S3 URL,
 * a gateway URL that needs no SigV4, authorised by an HMAC (keyed by STRATUS_SECRET_KEY) over the
 * package's hash and an expiry ten minutes out.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { env, publicGatewayUrl } from "../../env";
import { LIMITS } from "./limits";

export const CODE_LOCATION_PATH = "/_stratus/lambda/code/{Id}";

function signingKey(): Buffer {
  return createHash("sha256").update(`stratus-lambda-code:${env().STRATUS_SECRET_KEY}`).digest();
}

function signature(id: string, expires: number): string {
  return createHmac("sha256", signingKey()).update(`${id}\n${expires}`).digest("base64url");
}

/** A download URL for the package with this CodeSha256, on the gateway the caller used (or the public one). */
export function codeLocation(sha256: string, endpoint: string | undefined, now = Date.now()): string {
  const id = Buffer.from(sha256, "base64").toString("base64url");
  const expires = Math.floor(now / 1000) + LIMITS.codeLocationSeconds;
  const base = (endpoint ?? publicGatewayUrl()).replace(/\/+$/, "");
  return `${base}${CODE_LOCATION_PATH.replace("{Id}", id)}?Expires=${expires}&Signature=${signature(id, expires)}`;
}

export type CodeLocationCheck = { ok: true; sha256: string } | { ok: false; reason: "expired" | "invalid" };

/** Verifies a code location's id, expiry and signature; `sha256` is the package's CodeSha256. */
export function verifyCodeLocation(id: string, query: URLSearchParams, now = Date.now()): CodeLocationCheck {
  const expires = Number(query.get("Expires"));
  const given = Buffer.from(query.get("Signature") ?? "", "base64url");
  const expected = Buffer.from(signature(id, expires), "base64url");
  if (!Number.isInteger(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  if (expires * 1000 < now) return { ok: false, reason: "expired" };
  return { ok: true, sha256: Buffer.from(id, "base64url").toString("base64") };
}
