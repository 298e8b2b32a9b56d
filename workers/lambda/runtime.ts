/**
 * The workers process's Lambda runtime: one execution pool (warm contexts live in this process), one
 * concurrency limiter and the executor over them. startWorkers starts it; jobs reach it here.
 */
import { Redis } from "ioredis";
import { prisma } from "../../server/db/client";
import { pgPool } from "../../server/db/pool";
import { env } from "../../server/env";
import { listen } from "../../server/outbox/listen";
import type { Logger } from "../../server/outbox/log";
import { FUNCTIONS_CHANGED_CHANNEL } from "../../server/services/lambda/changes";
import { ConcurrencyLimiter } from "../../server/services/lambda/invocation/concurrency";
import { LambdaExecutor } from "./executor";
import { ExecutionPool } from "./pool";
import { type ProvisionedConcurrency, startProvisionedConcurrency } from "./provisioned";

interface LambdaRuntime {
  executor: LambdaExecutor;
  pool: ExecutionPool;
  redis: Redis;
  provisioned: ProvisionedConcurrency;
  changes: { close(): Promise<void> };
}

let runtime: LambdaRuntime | undefined;

/** `endpointUrl`: where function code's AWS SDK reaches the gateway. */
export function startLambdaRuntime(opts: {
  endpointUrl: string;
  databaseUrl: string;
  redisUrl: string;
  logger: Logger;
  accountIds?: readonly string[];
}): LambdaRuntime {
  if (runtime) throw new Error("The Lambda runtime is already running in this process");
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  redis.on("error", (error) => console.error("lambda concurrency limiter:", error.message));
  const pool = new ExecutionPool({ idleTimeoutMs: env().STRATUS_LAMBDA_IDLE_SECONDS * 1000 });
  const executor = new LambdaExecutor({ db: prisma(), sql: pgPool(), pool, limiter: new ConcurrencyLimiter(redis), endpointUrl: opts.endpointUrl });
  const provisioned = startProvisionedConcurrency({ db: prisma(), sql: pgPool(), redis, executor, pool, logger: opts.logger, accountIds: opts.accountIds });
  // Also fires after every (re)connect, when notifications may have been missed.
  const changes = listen(opts.databaseUrl, FUNCTIONS_CHANGED_CHANNEL, () => executor.forgetLookups(), opts.logger, "stratus-lambda-changes");
  runtime = { executor, pool, redis, provisioned, changes };
  return runtime;
}

export function lambdaRuntime(): LambdaRuntime {
  if (!runtime) throw new Error("The Lambda runtime is not running in this process (startWorkers starts it)");
  return runtime;
}

/** Lets running invocations finish, then stops every context. */
export async function closeLambdaRuntime(): Promise<void> {
  const current = runtime;
  runtime = undefined;
  if (!current) return;
  await Promise.all([current.provisioned.stop(), current.changes.close()]);
  await current.pool.close();
  current.redis.disconnect();
}
