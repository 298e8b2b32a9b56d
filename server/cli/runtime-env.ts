import type { Env } from "../env";
import { deriveSessionSecret } from "../lib/secrets";

/**
 * The variables this CLI settles for itself and its children: the Postgres/Redis it resolved, the
 * secret key (possibly read from its file), and next-auth settings derived from it when unset, so every
 * machine sharing STRATUS_SECRET_KEY signs sessions alike.
 */
export function runtimeEnv(
  env: Env,
  resolved: { databaseUrl: string; redisUrl: string; dev: boolean },
  source: Record<string, string | undefined> = process.env,
) {
  return {
    DATABASE_URL: resolved.databaseUrl,
    REDIS_URL: resolved.redisUrl,
    STRATUS_SECRET_KEY: env.STRATUS_SECRET_KEY,
    // Without a configured public URL, next-auth takes the origin from each request's Host header, so links
    // and redirects work for whoever reaches the console by whatever name (not only on localhost).
    ...(env.NEXTAUTH_URL ? { NEXTAUTH_URL: env.NEXTAUTH_URL } : { AUTH_TRUST_HOST: "true" }),
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? deriveSessionSecret(env.STRATUS_SECRET_KEY),
    // Next.js would otherwise phone home (telemetry) and try to fix up package-lock.json from the registry on every build.
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_IGNORE_INCORRECT_LOCKFILE: "1",
    // Prisma's CLI update check.
    CHECKPOINT_DISABLE: "1",
    // loadEnv() defaults NODE_ENV to development; `npm start` is the production way to run.
    NODE_ENV: source.NODE_ENV ?? (resolved.dev ? "development" : "production"),
  };
}
