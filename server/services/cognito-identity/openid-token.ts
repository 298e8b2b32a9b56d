/**
 * The OpenID Connect tokens GetOpenIdToken hands out and AssumeRoleWithWebIdentity takes: EdDSA JWTs from
 * the issuer `{gateway}/cognito-identity/openid` (whose keys and configuration the gateway publishes), with
 * `aud` the identity pool, `sub` the identity and `amr` how it signed in; valid ten minutes, as on AWS.
 * The key is derived from STRATUS_SECRET_KEY, so every gateway process signs and checks alike without
 * storing one. (The issuer has two path segments so its well-known URLs never meet a user pool's.)
 */
import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject, sign, verify } from "node:crypto";
import { z } from "zod";
import { env, publicGatewayUrl } from "../../env";
import { sha256Hex } from "../../lib/secrets";
import { decodeJwt } from "../cognito-idp/jwt";

export const OPENID_ISSUER_PATH = "/cognito-identity/openid";
export const openIdIssuer = () => `${publicGatewayUrl()}${OPENID_ISSUER_PATH}`;

const LIFETIME_SECONDS = 600;
/** An Ed25519 private key in PKCS#8 DER is this prefix, then its 32-byte seed. */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: { kty: "OKP"; crv: "Ed25519"; x: string; kid: string; alg: "EdDSA"; use: "sig" };
}

let signingKey: SigningKey | undefined;

function key(): SigningKey {
  if (!signingKey) {
    const seed = Buffer.from(hkdfSync("sha256", env().STRATUS_SECRET_KEY, "stratus", "cognito-identity-openid", 32));
    const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
    const publicKey = createPublicKey(privateKey);
    const x = publicKey.export({ format: "jwk" }).x!;
    const keyId = sha256Hex(x).slice(0, 32);
    signingKey = { keyId, privateKey, publicKey, jwk: { kty: "OKP", crv: "Ed25519", x, kid: keyId, alg: "EdDSA", use: "sig" } };
  }
  return signingKey;
}

const OpenIdClaims = z.object({ iss: z.string(), sub: z.string(), aud: z.string(), amr: z.array(z.string()), exp: z.number() });
export type OpenIdClaims = z.output<typeof OpenIdClaims>;

const b64url = (value: string) => Buffer.from(value).toString("base64url");

export function signOpenIdToken(claims: { aud: string; sub: string; amr: string[] }): string {
  const { keyId, privateKey } = key();
  const iat = Math.floor(Date.now() / 1000);
  const head = `${b64url(JSON.stringify({ kid: keyId, typ: "JWT", alg: "EdDSA" }))}.${b64url(JSON.stringify({ iss: openIdIssuer(), ...claims, iat, exp: iat + LIFETIME_SECONDS }))}`;
  return `${head}.${sign(null, Buffer.from(head), privateKey).toString("base64url")}`;
}

/** The claims of a token this issuer signed that has not expired; null for any other token. */
export function verifyOpenIdToken(token: string): OpenIdClaims | null {
  const jwt = decodeJwt(token);
  const { keyId, publicKey } = key();
  if (!jwt || jwt.header.alg !== "EdDSA" || jwt.header.kid !== keyId || !verify(null, Buffer.from(jwt.signingInput), publicKey, jwt.signature)) return null;
  const claims = OpenIdClaims.safeParse(jwt.claims);
  return claims.success && claims.data.iss === openIdIssuer() && claims.data.exp * 1000 > Date.now() ? claims.data : null;
}

export const openIdKeys = () => ({ keys: [key().jwk] });

/** The OpenID configuration standard verifiers discover the keys from. */
export function openIdConfiguration() {
  const issuer = openIdIssuer();
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ["id_token"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["EdDSA"],
  };
}
