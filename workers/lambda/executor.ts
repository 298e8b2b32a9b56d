/**
 * Runs one invocation end to end in a worker: resolves the function (alias routing included), takes
 * a concurrency lease or throttles, fetches code and layers into the local cache, runs the code in
 * the execution pool, and records the invocation with its log lines (batched with others that ended
 * at the same moment, see recorder.ts).
 */
import type { PrismaClient } from "../../server/db/client";
import type pg from "pg";
import { ExpiringCache } from "../../server/lib/expiring-cache";
import type { CallContext, Principal } from "../../server/services/context";
import { getCodeZip } from "../../server/services/lambda/code";
import { LambdaErrors } from "../../server/services/lambda/errors";
import { type ConcurrencyLimiter, isLease } from "../../server/services/lambda/invocation/concurrency";
import { recordThrottle } from "../../server/services/lambda/invocation/records";
import { accountLimits } from "../../server/services/lambda/limits";
import { chooseVersion, type ResolvedFunction, resolveFunction, type RuntimeConfig } from "../../server/services/lambda/resolve";
import { issueRoleSession } from "../../server/services/sts/role-sessions";
import { codeDir, layerDir } from "./code-cache";
import type { ExecutionPool } from "./pool";
import { InvocationRecorder } from "./recorder";
import type { EarlyResponse, FunctionRuntimeConfig, InvocationResult, LambdaRuntime } from "./types";

/**
 * How long a worker trusts what it has read about a function: control-plane changes clear it at once
 * (FUNCTIONS_CHANGED_CHANNEL), so this only bounds what a lost notification costs.
 */
const LOOKUP_TTL_MS = 1_000;
/** Role sessions handed to a context outlive any context (idle contexts go after minutes). */
const ROLE_SESSION_SECONDS = 12 * 3600;
/** A lease lapses this long after the function's timeout, should its worker die holding it. */
const LEASE_MARGIN_MS = 30_000;

export interface ExecuteInput {
  requestId: string;
  caller: Principal;
  region: string;
  functionName: string;
  qualifier?: string;
  payload: Buffer;
  clientContext?: string;
  invocationType: "RequestResponse" | "Event" | "EventSourceMapping";
  /** Asynchronous events: when the event was accepted. */
  enqueuedAt?: Date;
}

export interface ExecuteOutcome {
  resolved: ResolvedFunction;
  /** The version that ran (an alias may route to its second version). */
  executedVersion: string;
  config: RuntimeConfig;
  result: InvocationResult;
}

export interface ExecuteOptions {
  resolved?: ResolvedFunction;
  /** The runtime's answer as soon as it is posted (see InvokeRequest.onResponse), with the version that ran. */
  onResponse?: (response: EarlyResponse, executedVersion: string) => void;
  beforeRecord?: (outcome: ExecuteOutcome) => Promise<void>;
}

export interface ExecutorDeps {
  db: PrismaClient;
  sql: pg.Pool;
  pool: ExecutionPool;
  limiter: ConcurrencyLimiter;
  /** Where function code's AWS SDK sends requests. */
  endpointUrl: string;
  random?: () => number;
}

export class LambdaExecutor {
  /** Last configuration revision seen per function version, to retire contexts running older code. */
  readonly #revisions = new Map<string, string>();
  /** Every invocation's lookups, kept for a moment: resolving a function costs more than running it warm. */
  readonly #functions = new ExpiringCache<ResolvedFunction>(LOOKUP_TTL_MS);
  readonly #reservedTotals = new ExpiringCache<number>(LOOKUP_TTL_MS);
  readonly #recorder: InvocationRecorder;

  constructor(private readonly deps: ExecutorDeps) {
    this.#recorder = new InvocationRecorder(deps.sql);
  }

  /** The function `input` names, as the caller may invoke it. */
  async resolve(input: Pick<ExecuteInput, "requestId" | "caller" | "region" | "functionName" | "qualifier">): Promise<ResolvedFunction> {
    // A change notification already in this process's socket buffers is handled first (poll phase
    // before check phase): it left Postgres before the change's caller even got its answer.
    await new Promise((resolve) => setImmediate(resolve));
    const { caller } = input;
    const key = [caller.accountId, caller.arn, caller.role ?? "", input.region, input.functionName, input.qualifier ?? ""].join("\n");
    return this.#functions.get(key, () => {
      const ctx: CallContext = { accountId: caller.accountId, region: input.region, principal: caller, requestId: input.requestId, source: "gateway" };
      return resolveFunction(this.deps.db, ctx, input.functionName, input.qualifier);
    });
  }

  /** Functions changed somewhere: forget what was read about them. */
  forgetLookups(): void {
    this.#functions.clear();
    this.#reservedTotals.clear();
  }

  /**
   * Runs the invocation and records it. `resolved`: when the caller has resolved the function already;
   * `beforeRecord`: runs with the outcome before the record is written (a waiting caller's reply).
   */
  async execute(input: ExecuteInput, options: ExecuteOptions = {}): Promise<ExecuteOutcome> {
    return this.#run(input, options.resolved ?? (await this.resolve(input)), options);
  }

  async #run(input: ExecuteInput, resolved: ResolvedFunction, { onResponse, beforeRecord }: ExecuteOptions): Promise<ExecuteOutcome> {
    const { sql, pool, limiter } = this.deps;
    const { config } = chooseVersion(resolved, (this.deps.random ?? Math.random)());
    const scope = { accountId: resolved.accountId, region: resolved.region, functionName: resolved.functionName };
    const leasing = this.#unreservedLimit(resolved).then((unreservedLimit) =>
      limiter.acquire({ ...scope, reserved: resolved.reservedConcurrency ?? undefined, unreservedLimit }, config.timeout * 1000 + LEASE_MARGIN_MS),
    );
    // Prepared while the lease is being taken: on a warm path both are quick, and neither waits for the other.
    const preparing = this.runtimeConfig(resolved, config);
    preparing.catch(() => undefined); // awaited below once the lease is held
    const lease = await leasing;
    if (!isLease(lease)) {
      await recordThrottle(sql, scope);
      throw LambdaErrors.tooManyRequests(lease.throttled);
    }
    const startedAt = new Date();
    let result: InvocationResult;
    try {
      result = await pool.invoke(await preparing, {
        requestId: input.requestId,
        payload: input.payload,
        invokedFunctionArn: resolved.functionArn,
        clientContext: input.clientContext,
        onResponse: onResponse && ((response) => onResponse(response, config.version)),
      });
    } catch (error) {
      await lease.release();
      throw error;
    }
    // The slot is free once the code has run: the reply need not wait for Redis to hear so.
    const released = lease.release();
    released.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
    const outcome: ExecuteOutcome = { resolved, executedVersion: config.version, config, result };
    try {
      await beforeRecord?.(outcome);
    } finally {
      await Promise.all([released, this.#record(input, outcome, startedAt)]);
    }
    return outcome;
  }

  /** The invocation's record and its log lines, committed together. */
  #record(input: ExecuteInput, { resolved, config, result }: ExecuteOutcome, startedAt: Date): Promise<void> {
    return this.#recorder.record({
      record: {
        accountId: resolved.accountId,
        region: resolved.region,
        functionName: resolved.functionName,
        executedVersion: config.version,
        requestId: input.requestId,
        invocationType: input.invocationType,
        functionError: result.functionError,
        errorType: result.errorType,
        enqueuedAt: input.enqueuedAt,
        startedAt,
        durationMs: result.durationMs,
        billedDurationMs: result.billedDurationMs,
        initDurationMs: result.initDurationMs,
        memorySize: result.memorySize,
        maxMemoryUsedMb: result.maxMemoryUsedMB,
        logStreamName: result.logStreamName,
      },
      logGroupName: config.loggingConfig.LogGroup,
      logEvents: result.logEvents,
    });
  }

  /** What the account limit leaves for functions without a reservation. */
  async #unreservedLimit(resolved: ResolvedFunction): Promise<number> {
    const reserved = await this.#reservedTotals.get(`${resolved.accountId}\n${resolved.region}`, async () => {
      const { rows } = await this.deps.sql.query<{ reserved: number }>({
        name: "lambda-reserved-total",
        text: "SELECT coalesce(sum(reserved_concurrency), 0)::int AS reserved FROM lambda_functions WHERE account_id = $1 AND region = $2",
        values: [resolved.accountId, resolved.region],
      });
      return rows[0]?.reserved ?? 0;
    });
    return accountLimits().concurrentExecutions - reserved;
  }

  /** How the pool runs `config` of the resolved function, with its code and layers in the local cache. */
  async runtimeConfig(resolved: ResolvedFunction, config: RuntimeConfig): Promise<FunctionRuntimeConfig> {
    const { db, pool } = this.deps;
    // Contexts of an older configuration of this version serve nobody any more.
    const versionKey = `${resolved.unqualifiedArn}:${config.version}:`;
    const previous = this.#revisions.get(versionKey);
    if (previous !== undefined && previous !== config.configRevision) await pool.retire(versionKey + previous);
    this.#revisions.set(versionKey, config.configRevision);

    const [code, layers] = await Promise.all([
      codeDir(config.codeSha256, () => getCodeZip(db, config.codeSha256)),
      Promise.all(config.layers.map((layer) => layerDir(layer.codeSha256, () => getCodeZip(db, layer.codeSha256)))),
    ]);
    return {
      contextKey: versionKey + config.configRevision,
      accountId: resolved.accountId,
      region: resolved.region,
      functionName: resolved.functionName,
      functionVersion: config.version,
      runtime: config.runtime as LambdaRuntime,
      handler: config.handler,
      memorySize: config.memorySize,
      timeout: config.timeout,
      ephemeralStorageSize: config.ephemeralStorageSize,
      environment: config.environment,
      codeDir: code,
      layerDirs: layers,
      logGroupName: config.loggingConfig.LogGroup,
      endpointUrl: this.deps.endpointUrl,
      credentials: () =>
        issueRoleSession(db, { accountId: resolved.accountId, roleArn: config.role, sessionName: resolved.functionName, durationSeconds: ROLE_SESSION_SECONDS }),
    };
  }
}
