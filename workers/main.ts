// The workers process: relays the outbox into BullMQ, reconciles it after Redis loses jobs, and
// runs the jobs. Several such processes (on several machines) may share one Postgres and Redis.
import { pathToFileURL } from "node:url";
import { Worker } from "bullmq";
import { prisma, type PrismaClient } from "../server/db/client";
import { env, publicGatewayUrl } from "../server/env";
import type { AnyJobDefinition } from "../server/outbox/job";
import type { Logger } from "../server/outbox/log";
import { seedPeriodicJobs } from "../server/outbox/periodic";
import { createQueues, createRedis, type OutboxJobData } from "../server/outbox/queues";
import { startReconciler } from "../server/outbox/reconciler";
import { startRelay } from "../server/outbox/relay";
import { startInvocationWorker } from "../server/services/lambda/invocation/channel";
import { jobs as registeredJobs } from "./jobs";
import { startEventSources } from "./lambda/event-sources/supervisor";
import { closeLambdaRuntime, lambdaRuntime, startLambdaRuntime } from "./lambda/runtime";
import { runSyncInvocation } from "./lambda/sync-invocation";
import { outboxProcessor } from "./run-job";

export interface StartWorkersOptions {
  /** Default: the registry in ./jobs. Only these jobs' rows are relayed, reconciled and run. */
  jobs?: readonly AnyJobDefinition[];
  /** Default: the shared client (left open by stop()). */
  db?: PrismaClient;
  /** Default: env DATABASE_URL (the relay's LISTEN connection). */
  databaseUrl?: string;
  /** Default: env REDIS_URL. */
  redisUrl?: string;
  /** BullMQ key prefix, so several installations or test runs can share a Redis database. */
  prefix?: string;
  /** Per job type, unless the job sets its own. Default: env WORKER_CONCURRENCY. */
  concurrency?: number;
  /** Default: env OUTBOX_RECONCILE_SECONDS. */
  reconcileIntervalMs?: number;
  pollIntervalMs?: number;
  logger?: Logger;
  /** Run Lambda functions in this process (default true). */
  lambda?: boolean;
  /** Where function code's AWS SDK reaches the gateway. Default: the public gateway URL. */
  gatewayUrl?: string;
  /**
   * Run only these accounts' work: their outbox rows, provisioned concurrency and event source mappings.
   * Default: every account. Tests set it, since every test process shares one database.
   */
  accountIds?: readonly string[];
}

export interface RunningWorkers {
  /** Stops taking work, waits for jobs in flight to finish, then closes its connections. Idempotent. */
  stop(): Promise<void>;
}

export async function startWorkers(options: StartWorkersOptions = {}): Promise<RunningWorkers> {
  const {
    jobs = registeredJobs,
    db = prisma(),
    databaseUrl = env().DATABASE_URL,
    redisUrl = env().REDIS_URL,
    prefix = env().STRATUS_QUEUE_PREFIX,
    // Jobs mostly wait on Postgres and HTTP, so a few per type keep a 2-core machine busy without
    // oversubscribing the database pool.
    concurrency = env().WORKER_CONCURRENCY,
    reconcileIntervalMs = env().OUTBOX_RECONCILE_SECONDS * 1000,
    pollIntervalMs,
    logger = console,
    lambda = true,
    gatewayUrl = publicGatewayUrl(),
    accountIds,
  } = options;
  const duplicate = jobs.find((job, i) => jobs.findIndex((other) => other.name === job.name) !== i);
  if (duplicate) throw new Error(`Job "${duplicate.name}" is defined twice`);

  await seedPeriodicJobs(db, jobs);
  const redis = createRedis(redisUrl);
  redis.on("error", (err) => logger.error("workers: Redis connection error:", err));
  const queues = createQueues(jobs, redis, prefix);
  for (const queue of queues.values()) queue.on("error", (err) => logger.error(`queue ${queue.name}:`, err));

  const workers = jobs.map((job) => {
    const worker = new Worker<OutboxJobData>(job.name, outboxProcessor(job, db), {
      connection: redis,
      prefix,
      concurrency: job.concurrency ?? concurrency,
    });
    // Without an "error" listener an EventEmitter error would crash the process.
    worker.on("error", (err) => logger.error(`worker ${job.name}:`, err));
    worker.on("failed", (bullJob, err) => logger.warn(`${job.name} ${bullJob?.id ?? ""} failed attempt ${bullJob?.attemptsMade ?? "?"}:`, err.message));
    return worker;
  });
  if (lambda) startLambdaRuntime({ endpointUrl: gatewayUrl, databaseUrl, redisUrl, logger, accountIds });
  const invocations = lambda
    ? startInvocationWorker({ redisUrl, prefix, concurrency: env().STRATUS_LAMBDA_WORKER_CONCURRENCY, execute: runSyncInvocation, logger })
    : undefined;
  // Event source mappings' pollers invoke through this process's runtime.
  const eventSources = lambda ? startEventSources({ db, databaseUrl, redisUrl, executor: lambdaRuntime().executor, logger, accountIds }) : undefined;
  const relay = startRelay({ db, databaseUrl, queues, accountIds, logger, pollIntervalMs });
  const reconciler = startReconciler({ db, queues, accountIds, logger, intervalMs: reconcileIntervalMs });
  logger.info(`workers: running ${jobs.length} job type(s) [${jobs.map((job) => job.name).join(", ")}], key prefix "${prefix}"`);

  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        await Promise.all([relay.stop(), reconciler.stop()]);
        // close() waits for the jobs in flight; they finish their rows in Postgres before it returns.
        await Promise.all([...workers.map((worker) => worker.close()), invocations?.close(), eventSources?.stop()]);
        // Execution contexts are this process's children: none may outlive it.
        await closeLambdaRuntime();
        await Promise.all([...queues.values()].map((queue) => queue.close()));
        await redis.quit();
      })();
      return stopping;
    },
  };
}

/** The process entry: runs until SIGTERM/SIGINT, then finishes the jobs in flight and exits. */
export async function main(options: StartWorkersOptions = {}): Promise<void> {
  // Handlers first: a signal while starting up stops the workers once they have started.
  const running = startWorkers(options);
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second signal means "now": unfinished jobs stall in BullMQ and are retried elsewhere.
      console.warn(`workers: ${signal} again, exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.info(`workers: ${signal}, finishing jobs in flight…`);
    running.then((workers) => workers.stop()).then(
      async () => {
        await prisma().$disconnect();
        console.info("workers: stopped");
        process.exit(0);
      },
      (err: unknown) => {
        console.error("workers: shutdown failed:", err);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  await running;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
