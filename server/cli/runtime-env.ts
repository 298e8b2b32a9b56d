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
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? deriveSessionSecret(env.STRATUS_SECRET_KEY),
    // Next.js would otherwise try to reach its telemetry and lockfile-patching hosts, which are unreachable here.
    NEXT_TELEMETRY_DISABLED: "1",
    // loadEnv() defaults NODE_ENV to development; `npm start` is the production way to run.
    NODE_ENV: source.NODE_ENV ?? (resolved.dev ? "development" : "production"),
  };
}
