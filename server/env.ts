import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./db/connection";
import { REGION_CODE } from "./lib/regions";

/** Where Stratus keeps its own files unless STRATUS_DATA_DIR says otherwise. */
export const DEFAULT_DATA_DIR = ".stratus";

const accountId = z.string().regex(/^\d{12}$/, "must be a 12-digit AWS account ID");
const port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().default(DEFAULT_DATABASE_URL),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  PORT: port.default(3000),
  GATEWAY_PORT: port.default(4566),
  /** Address the gateway binds to. */
  GATEWAY_HOST: z.string().default("0.0.0.0"),
  /** How clients reach the gateway (queue URLs, SubscribeURL, …). */
  STRATUS_PUBLIC_GATEWAY_URL: z.string().url().optional(),
  /** Where Stratus keeps its own files (generated secret key, embedded Postgres/Redis data, code cache). */
  STRATUS_DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  /** 32 bytes, hex or base64: encrypts access-key secrets at rest and signs console sessions. */
  STRATUS_SECRET_KEY: z.string().min(32, "must be at least 32 characters (hex or base64 of 32 bytes)").optional(),
  STRATUS_DEFAULT_REGION: z.string().regex(REGION_CODE).default("us-east-1"),
  STRATUS_ADMIN_EMAIL: z.string().email().optional(),
  STRATUS_ADMIN_PASSWORD: z.string().min(8).optional(),
  STRATUS_ACCOUNT_ID: accountId.default("000000000000"),
  /** IAM enforcement of the bootstrap account when it is created (teams made in the console start strict). */
  STRATUS_IAM_ENFORCEMENT: z.enum(["strict", "permissive"]).default("permissive"),
  STRATUS_ACCESS_KEY_ID: z.string().min(1).max(128).optional(),
  STRATUS_SECRET_ACCESS_KEY: z.string().min(1).max(128).optional(),
  /** Maximum request body the gateway reads before answering 413. */
  GATEWAY_MAX_BODY_BYTES: z.coerce.number().int().positive().default(16 * 1024 * 1024),
  /** Prefix of the work-signal keys in Redis (BullMQ queues, the invocation list): one installation agrees on it. */
  STRATUS_QUEUE_PREFIX: z
    .string()
    .regex(/^[\w.-]{1,64}$/, "letters, digits, '_', '.' or '-'")
    .default("stratus"),
  /** API Gateway's account-level throttle per region, across all APIs (AWS: 10,000 requests per second, burst 5,000). */
  STRATUS_APIGW_ACCOUNT_RATE_LIMIT: z.coerce.number().positive().default(10_000),
  STRATUS_APIGW_ACCOUNT_BURST_LIMIT: z.coerce.number().int().positive().default(5_000),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
  /** Lambda invocations one workers process runs at once (each in its own execution context process). */
  STRATUS_LAMBDA_WORKER_CONCURRENCY: z.coerce.number().int().positive().default(32),
  /** How long an idle execution context stays warm. */
  STRATUS_LAMBDA_IDLE_SECONDS: z.coerce.number().positive().default(300),
  /** Waits before the retries of a failed asynchronous invocation (AWS: 1 minute, then 2). */
  STRATUS_LAMBDA_RETRY_DELAYS_SECONDS: z
    .string()
    .regex(/^\d+(,\d+)*$/, "must be comma-separated seconds, e.g. 60,120")
    .default("60,120")
    .transform((v) => v.split(",").map(Number)),
  /** SNS email deliveries also go out through this SMTP server (smtp:// or smtps://, credentials in the URL); unset, they only land in the team outbox. */
  STRATUS_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  /** The From address of SNS email. */
  STRATUS_SMTP_FROM: z.string().default("Stratus SNS <no-reply@sns.stratus.local>"),
  /** Seconds between outbox reconciler passes. */
  OUTBOX_RECONCILE_SECONDS: z.coerce.number().positive().default(5),
  /**
   * Whether the console sits behind a reverse proxy that sets X-Forwarded-For. Only then is the client
   * address trusted for sign-in throttling (a client can send the header itself).
   */
  STRATUS_TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
});

export type Env = z.infer<typeof EnvSchema> & { STRATUS_SECRET_KEY: string };

export function secretKeyFile(dataDir: string): string {
  return path.join(dataDir, "secret-key");
}

/** Parses and validates the environment; exits with a readable message when it is wrong. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  let secretKey = env.STRATUS_SECRET_KEY;
  if (!secretKey) {
    const file = secretKeyFile(env.STRATUS_DATA_DIR);
    if (!existsSync(file)) {
      throw new Error(`STRATUS_SECRET_KEY is not set and ${file} does not exist: start Stratus with \`npm start\` once, or set STRATUS_SECRET_KEY.`);
    }
    secretKey = readFileSync(file, "utf8").trim();
  }
  return { ...env, STRATUS_SECRET_KEY: secretKey };
}

let cached: Env | undefined;
/** The process-wide validated environment. */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

export function publicGatewayUrl(e: Env = env()): string {
  return e.STRATUS_PUBLIC_GATEWAY_URL ?? `http://localhost:${e.GATEWAY_PORT}`;
}
