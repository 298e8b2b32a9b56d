/**
 * What an invocation runs: the function a FunctionName (+ Qualifier) names, resolved through an
 * alias to its version(s), with everything the execution engine needs. Names in another account
 * resolve only when that function's policy lets the caller invoke it.
 */
import type { Db } from "../../db/client";
import { evaluateResourcePolicy } from "../iam/resource-policy";
import type { CallContext } from "../context";
import { weightsOf } from "./aliases";
import { functionArn, LATEST } from "./arns";
import { LambdaErrors } from "./errors";
import { environmentOf, loggingConfigOf, type LoggingConfig, type VersionRow } from "./model";
import { policyFor } from "./policy";
import { findFunction, findVersion, qualifiedConfiguration } from "./store";
import { functionTarget } from "./target";

/** A version's configuration as the execution engine runs it. */
export interface RuntimeConfig {
  version: string;
  runtime: string;
  handler: string;
  memorySize: number;
  timeout: number;
  ephemeralStorageSize: number;
  environment: Record<string, string>;
  role: string;
  architectures: string[];
  /** In the order they are extracted under /opt (later layers overwrite earlier ones). */
  layers: { arn: string; codeSha256: string; codeSize: number }[];
  codeSha256: string;
  codeSize: number;
  deadLetterTargetArn: string | null;
  tracingMode: string;
  loggingConfig: LoggingConfig;
  /** AWS's RevisionId: changes with any change, including policy and tags. */
  revisionId: string;
  /** Changes only when code or configuration changes: warm execution contexts can be keyed by it. */
  configRevision: string;
}

export interface AliasRef {
  name: string;
  functionVersion: string;
  additionalVersionWeights: Record<string, number>;
}

/** The async invocation settings that apply to the qualifier invoked ($LATEST for an unqualified call). */
export interface EventInvokeSettings {
  maximumRetryAttempts: number | null;
  maximumEventAgeInSeconds: number | null;
  onSuccessDestination: string | null;
  onFailureDestination: string | null;
}

export interface ResolvedFunction {
  functionId: string;
  accountId: string;
  region: string;
  functionName: string;
  /** The ARN as invoked: qualified by the alias or version named, unqualified otherwise. */
  functionArn: string;
  unqualifiedArn: string;
  /** The version the name points at (an alias's primary version). */
  version: string;
  config: RuntimeConfig;
  alias?: AliasRef;
  /** An alias's weighted second version, with its own configuration. */
  routing?: { version: string; weight: number; config: RuntimeConfig };
  /** Null: no reserved concurrency (the function shares the account's unreserved pool). */
  reservedConcurrency: number | null;
  eventInvokeConfig: EventInvokeSettings | null;
}

function runtimeConfig(version: VersionRow): RuntimeConfig {
  return {
    version: version.version,
    runtime: version.runtime,
    handler: version.handler,
    memorySize: version.memorySize,
    timeout: version.timeout,
    ephemeralStorageSize: version.ephemeralStorageSize,
    environment: environmentOf(version),
    role: version.role,
    architectures: version.architectures,
    layers: version.layers.map((l) => ({ arn: l.layerVersionArn, codeSha256: l.codeSha256, codeSize: l.codeSize })),
    codeSha256: version.codeSha256,
    codeSize: version.codeSize,
    deadLetterTargetArn: version.deadLetterTargetArn,
    tracingMode: version.tracingMode,
    loggingConfig: loggingConfigOf(version),
    revisionId: version.revisionId,
    configRevision: version.configRevision,
  };
}

/**
 * Resolves `functionNameOrArn` (a name, `name:qualifier`, a partial ARN `acct:function:name` or a full
 * ARN, with or without qualifier) and `qualifier` for `action` (default `lambda:InvokeFunction`).
 */
export async function resolveFunction(
  db: Db,
  ctx: CallContext,
  functionNameOrArn: string,
  qualifier?: string,
  action = "lambda:InvokeFunction",
): Promise<ResolvedFunction> {
  const target = functionTarget(ctx, functionNameOrArn, { action, qualifier, namespaced: true, crossAccount: true });
  const fn = await findFunction(db, target);
  if (target.accountId !== ctx.accountId) {
    // Another account's function: only its resource policy can let the caller in (and a missing function looks the same).
    const policy = fn && (await policyFor(db, fn.id, target.qualifier));
    const decision = evaluateResourcePolicy(policy, { accountId: ctx.accountId, principalArn: ctx.principal.arn, action, resourceArn: target.arn });
    if (decision !== "allow") throw LambdaErrors.accessDenied(ctx.principal.arn, action, target.arn);
  }
  if (!fn) throw LambdaErrors.functionNotFound(target.arn);
  // Independent reads run side by side: this is every invocation's path.
  const [{ version, alias }, invokeConfig] = await Promise.all([
    qualifiedConfiguration(db, fn, target.qualifier),
    db.lambdaEventInvokeConfig.findUnique({ where: { functionId_qualifier: { functionId: fn.id, qualifier: target.qualifier ?? LATEST } } }),
  ]);
  const weights = alias ? weightsOf(alias) : {};
  const [routed] = Object.entries(weights);
  const routedVersion = routed && (await findVersion(db, fn.id, routed[0]));
  return {
    functionId: fn.id,
    accountId: fn.accountId,
    region: fn.region,
    functionName: fn.name,
    functionArn: target.arn,
    unqualifiedArn: functionArn(fn.region, fn.accountId, fn.name),
    version: version.version,
    config: runtimeConfig(version),
    ...(alias && { alias: { name: alias.name, functionVersion: alias.functionVersion, additionalVersionWeights: weights } }),
    ...(routed && routedVersion && { routing: { version: routed[0], weight: routed[1], config: runtimeConfig(routedVersion) } }),
    reservedConcurrency: fn.reservedConcurrency,
    eventInvokeConfig: invokeConfig && {
      maximumRetryAttempts: invokeConfig.maximumRetryAttempts,
      maximumEventAgeInSeconds: invokeConfig.maximumEventAgeInSeconds,
      onSuccessDestination: invokeConfig.onSuccessDestination,
      onFailureDestination: invokeConfig.onFailureDestination,
    },
  };
}

/**
 * Weighted alias routing: `random` in [0, 1) picks an additional version with its weight's
 * probability, else the alias's primary version.
 */
export function pickVersion(alias: Pick<AliasRef, "functionVersion" | "additionalVersionWeights">, random: number): string {
  let threshold = 0;
  for (const [version, weight] of Object.entries(alias.additionalVersionWeights)) {
    threshold += weight;
    if (random < threshold) return version;
  }
  return alias.functionVersion;
}

/** The version and configuration one invocation of `resolved` runs, given a random number in [0, 1). */
export function chooseVersion(resolved: ResolvedFunction, random: number): { version: string; config: RuntimeConfig } {
  if (!resolved.alias || !resolved.routing) return { version: resolved.version, config: resolved.config };
  const picked = pickVersion(resolved.alias, random);
  return picked === resolved.routing.version ? { version: picked, config: resolved.routing.config } : { version: resolved.version, config: resolved.config };
}
