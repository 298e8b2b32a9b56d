/**
 * State the hosted UI hands the browser (its session cookie, CSRF tokens, a pending sign-in, the scopes
 * inside a refresh token): AES-GCM sealed with the server key, so it can be neither read nor forged,
 * and with an expiry, so nothing needs storing.
 */
import { z } from "zod";
import { env } from "../../../env";
import { decryptSecret, encryptSecret } from "../../../lib/secrets";

const Expiring = z.object({ expires: z.number() });

export function seal<T extends object>(value: T, validitySeconds: number): string {
  const sealed = encryptSecret(JSON.stringify({ ...value, expires: Date.now() + validitySeconds * 1000 }), env().STRATUS_SECRET_KEY);
  return Buffer.from(sealed).toString("base64url");
}

/** The sealed value if it is intact, of the expected shape and not expired; otherwise null. */
export function unseal<S extends z.ZodTypeAny>(schema: S, sealed: string | undefined | null): z.output<S> | null {
  if (!sealed) return null;
  try {
    const raw: unknown = JSON.parse(decryptSecret(Buffer.from(sealed, "base64url").toString(), env().STRATUS_SECRET_KEY));
    const expiring = Expiring.safeParse(raw);
    if (!expiring.success || expiring.data.expires <= Date.now()) return null;
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
