/** Each pool's RS256 signing key: made with the pool, kept encrypted, published as a JWK. */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { env } from "../../env";
import { decryptSecret, encryptSecret } from "../../lib/secrets";

export interface PoolKey {
  keyId: string;
  privateKeyEncrypted: string;
  publicJwk: { kty: string; n: string; e: string; alg: string; kid: string; use: string };
}

export function newPoolKey(): PoolKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyId = randomUUID().replaceAll("-", "");
  const jwk = publicKey.export({ format: "jwk" });
  return {
    keyId,
    privateKeyEncrypted: encryptSecret(privateKey.export({ format: "pem", type: "pkcs8" }).toString(), env().STRATUS_SECRET_KEY),
    publicJwk: { kty: "RSA", n: jwk.n!, e: jwk.e!, alg: "RS256", kid: keyId, use: "sig" },
  };
}

/** Decrypting and parsing a key costs more than signing with it: parsed keys are kept per pool key. */
const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();

export function privateKeyOf(key: { keyId: string; privateKeyEncrypted: string }): KeyObject {
  let parsed = privateKeys.get(key.keyId);
  if (!parsed) {
    parsed = createPrivateKey(decryptSecret(key.privateKeyEncrypted, env().STRATUS_SECRET_KEY));
    privateKeys.set(key.keyId, parsed);
  }
  return parsed;
}

export function publicKeyOf(keyId: string, jwk: { kty: string; n: string; e: string }): KeyObject {
  let parsed = publicKeys.get(keyId);
  if (!parsed) {
    parsed = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: "jwk" });
    publicKeys.set(keyId, parsed);
  }
  return parsed;
}
