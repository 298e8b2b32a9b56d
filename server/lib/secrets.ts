import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** Derives a 32-byte AES key from STRATUS_SECRET_KEY (hex, base64 or any long string). */
function keyBytes(secretKey: string): Buffer {
  return createHash("sha256").update(`stratus-at-rest:${secretKey}`).digest();
}

/** AES-256-GCM; the result is `v1:<iv>:<tag>:<ciphertext>` in base64url. */
export function encryptSecret(plaintext: string, secretKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyBytes(secretKey), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(":");
}

export function decryptSecret(sealed: string, secretKey: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(":");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) throw new Error("Unrecognised sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", keyBytes(secretKey), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

export function sha256Hex(value: string | Buffer): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Random string over an alphabet, without modulo bias. */
export function randomString(length: number, alphabet: string): string {
  const out: string[] = [];
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 256 - (256 % alphabet.length)) out.push(alphabet[byte % alphabet.length]!);
      if (out.length === length) break;
    }
  }
  return out.join("");
}

/** The console's session-signing secret when NEXTAUTH_SECRET is unset: derived, so every machine sharing the key agrees. */
export function deriveSessionSecret(secretKey: string): string {
  return sha256Hex(`stratus-nextauth:${secretKey}`);
}
