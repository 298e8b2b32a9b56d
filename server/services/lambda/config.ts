/**
 * Function configuration: AWS's constraints on each member, its defaults, and the checks that need
 * the account (role, layers, dead-letter target).
 */
import type { Db } from "../../db/client";
import type { CallContext } from "../context";
import { parseLayerArn } from "./arns";
import { LambdaErrors } from "./errors";
import { checkAssumable, checkDeadLetterAccess, functionRole } from "./execution-role";
import { LIMITS } from "./limits";
import type { LoggingConfig } from "./model";
import { ARCHITECTURES, isSupportedRuntime, RESERVED_ENVIRONMENT_KEYS, SUPPORTED_RUNTIMES } from "./runtimes";
import { PATTERNS, type Violations } from "./validation";

/** The configuration members of CreateFunction and UpdateFunctionConfiguration. */
export interface ConfigurationInput {
  Role?: string;
  Handler?: string;
  Runtime?: string;
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
  DeadLetterConfig?: { TargetArn?: string };
  TracingConfig?: { Mode?: string };
  Layers?: string[];
  EphemeralStorage?: { Size: number };
  LoggingConfig?: Partial<LoggingConfig>;
  SnapStart?: { ApplyOn?: string };
}

/** A layer version as a function configuration uses it. */
export interface AttachedLayer {
  layerVersionArn: string;
  codeSha256: string;
  codeSize: number;
  unzippedSize: number;
}

/** The configuration columns of a version row. */
export interface VersionSettings {
  description: string;
  runtime: string;
  handler: string;
  role: string;
  memorySize: number;
  timeout: number;
  ephemeralStorageSize: number;
  environment: Record<string, string> | null;
  tracingMode: string;
  architectures: string[];
  deadLetterTargetArn: string | null;
  loggingConfig: LoggingConfig;
  snapStartApplyOn: string;
}

const DEFAULTS = { timeout: 3, memorySize: 128, ephemeralStorageSize: 512 } as const;

/** The model constraints of the configuration members present in `input`. */
export function checkConfigurationConstraints(input: ConfigurationInput, v: Violations): Violations {
  v.matches(input.Role, "role", PATTERNS.role)
    .length(input.Handler, "handler", 0, 128)
    .matches(input.Handler, "handler", PATTERNS.handler)
    .length(input.Description, "description", 0, 256)
    .range(input.Timeout, "timeout", 1, 900)
    .range(input.MemorySize, "memorySize", 128, 10240)
    .range(input.EphemeralStorage?.Size, "ephemeralStorage.size", 512, 10240)
    .oneOf(input.TracingConfig?.Mode, "tracingConfig.mode", ["Active", "PassThrough"])
    .matches(input.DeadLetterConfig?.TargetArn, "deadLetterConfig.targetArn", PATTERNS.resourceArn)
    .oneOf(input.LoggingConfig?.LogFormat, "loggingConfig.logFormat", ["JSON", "Text"])
    .oneOf(input.LoggingConfig?.ApplicationLogLevel, "loggingConfig.applicationLogLevel", ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"])
    .oneOf(input.LoggingConfig?.SystemLogLevel, "loggingConfig.systemLogLevel", ["DEBUG", "INFO", "WARN"])
    .oneOf(input.SnapStart?.ApplyOn, "snapStart.applyOn", ["PublishedVersions", "None"]);
  if (input.LoggingConfig?.LogGroup !== undefined) {
    v.length(input.LoggingConfig.LogGroup, "loggingConfig.logGroup", 1, 512).matches(input.LoggingConfig.LogGroup, "loggingConfig.logGroup", LOG_GROUP);
  }
  if (Object.keys(input.Environment?.Variables ?? {}).some((name) => !PATTERNS.environmentVariableName.regex.test(name))) {
    v.redacted("environment.variables", `Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ${PATTERNS.environmentVariableName.text}]`);
  }
  if (input.Layers?.some((arn) => arn.length > 140 || !PATTERNS.layerVersionArn.regex.test(arn))) {
    v.add(
      input.Layers,
      "layers",
      `Member must satisfy constraint: [Member must have length less than or equal to 140, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ${PATTERNS.layerVersionArn.text}, Member must not be null]`,
    );
  }
  return v;
}

const LOG_GROUP = { text: "[\\.\\-_/#A-Za-z0-9]+", regex: /^[.\-_/#A-Za-z0-9]+$/ };

/** CreateFunction / UpdateFunctionCode: one architecture, x86_64 or arm64. */
export function checkArchitectures(architectures: string[] | undefined, v: Violations): Violations {
  if (architectures === undefined) return v;
  if (architectures.length !== 1) return v.add(architectures, "architectures", "Member must have length less than or equal to 1");
  if (!(ARCHITECTURES as readonly string[]).includes(architectures[0]!)) {
    v.add(architectures, "architectures", "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]");
  }
  return v;
}

function loggingConfig(functionName: string, current: LoggingConfig | undefined, change: Partial<LoggingConfig> | undefined): LoggingConfig {
  const merged = { LogFormat: "Text", LogGroup: `/aws/lambda/${functionName}`, ...current, ...change };
  // JSON logs carry levels (INFO unless set); text logs have none.
  if (merged.LogFormat === "JSON") return { ApplicationLogLevel: "INFO", SystemLogLevel: "INFO", ...merged };
  return { LogFormat: merged.LogFormat, LogGroup: merged.LogGroup };
}

function environment(input: ConfigurationInput["Environment"]): Record<string, string> | null {
  const variables = input?.Variables ?? {};
  return Object.keys(variables).length === 0 ? null : variables;
}

/** A new function's settings: its input over Lambda's defaults. */
export function initialSettings(functionName: string, input: ConfigurationInput & { Runtime: string; Handler: string; Role: string }, architectures?: string[]): VersionSettings {
  return {
    description: input.Description ?? "",
    runtime: input.Runtime,
    handler: input.Handler,
    role: input.Role,
    memorySize: input.MemorySize ?? DEFAULTS.memorySize,
    timeout: input.Timeout ?? DEFAULTS.timeout,
    ephemeralStorageSize: input.EphemeralStorage?.Size ?? DEFAULTS.ephemeralStorageSize,
    environment: environment(input.Environment),
    tracingMode: input.TracingConfig?.Mode ?? "PassThrough",
    architectures: architectures ?? ["x86_64"],
    deadLetterTargetArn: input.DeadLetterConfig?.TargetArn || null,
    loggingConfig: loggingConfig(functionName, undefined, input.LoggingConfig),
    snapStartApplyOn: input.SnapStart?.ApplyOn ?? "None",
  };
}

/** UpdateFunctionConfiguration: the members present replace the current ones. */
export function updatedSettings(functionName: string, current: VersionSettings, input: ConfigurationInput): VersionSettings {
  return {
    description: input.Description ?? current.description,
    runtime: input.Runtime ?? current.runtime,
    handler: input.Handler ?? current.handler,
    role: input.Role ?? current.role,
    memorySize: input.MemorySize ?? current.memorySize,
    timeout: input.Timeout ?? current.timeout,
    ephemeralStorageSize: input.EphemeralStorage?.Size ?? current.ephemeralStorageSize,
    environment: input.Environment === undefined ? current.environment : environment(input.Environment),
    tracingMode: input.TracingConfig?.Mode ?? current.tracingMode,
    architectures: current.architectures,
    // An empty TargetArn removes the dead-letter queue.
    deadLetterTargetArn: input.DeadLetterConfig === undefined ? current.deadLetterTargetArn : input.DeadLetterConfig.TargetArn || null,
    loggingConfig: loggingConfig(functionName, current.loggingConfig, input.LoggingConfig),
    snapStartApplyOn: input.SnapStart?.ApplyOn ?? current.snapStartApplyOn,
  };
}

function checkRuntime(runtime: string): void {
  if (!isSupportedRuntime(runtime)) {
    throw LambdaErrors.invalidParameter(
      `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${SUPPORTED_RUNTIMES.join(", ")}] or be a valid ARN`,
    );
  }
}

function checkEnvironment(variables: Record<string, string>): void {
  const reserved = Object.keys(variables).filter((name) => RESERVED_ENVIRONMENT_KEYS.has(name));
  if (reserved.length > 0) {
    throw LambdaErrors.invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(", ")}`,
    );
  }
  const measured = JSON.stringify(variables);
  if (Buffer.byteLength(measured) > LIMITS.environmentBytes) {
    throw LambdaErrors.invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
}

/** The execution role must be one of the caller's account (whether Lambda may assume it, checkRoleAccess asks IAM). */
function checkRole(ctx: CallContext, role: string): void {
  if (/^arn:[^:]*:iam::(\d{12}):/.exec(role)?.[1] !== ctx.accountId) {
    throw LambdaErrors.invalidParameter("The role defined for the function cannot be assumed by Lambda.");
  }
}

/** A dead-letter queue is an SQS queue or an SNS topic. */
function checkDeadLetterTarget(targetArn: string): void {
  if (!/^arn:[^:]+:(sqs|sns):[^:]+:\d{12}:.+$/.test(targetArn)) {
    throw LambdaErrors.invalidParameter(`The provided DeadLetterConfig TargetArn ${targetArn} is invalid: it must be the ARN of an SQS queue or an SNS topic.`);
  }
}

/** Resolves Layers to the caller's layer versions, with AWS's checks on count, region and duplicates. */
export async function attachLayers(db: Db, ctx: CallContext, arns: string[]): Promise<AttachedLayer[]> {
  if (arns.length > LIMITS.layersPerFunction) throw LambdaErrors.invalidParameter("Cannot reference more than 5 layers.");
  const seen = new Map<string, string>();
  const attached: AttachedLayer[] = [];
  for (const arn of arns) {
    const ref = parseLayerArn(arn);
    if (!ref || ref.version === undefined) throw new Error(`Unchecked layer version ARN ${arn}`);
    if (ref.region !== ctx.region) {
      throw LambdaErrors.invalidParameter(`Layers are not in the same region as the function. Layers are expected to be in region ${ctx.region}.`);
    }
    // Layers shared across accounts need AddLayerVersionPermission, which Stratus does not offer yet.
    const layerVersion =
      ref.accountId === ctx.accountId
        ? await db.lambdaLayerVersion.findFirst({
            where: { version: ref.version, layer: { accountId: ref.accountId, region: ref.region, name: ref.name } },
            include: { code: { select: { unzippedSize: true } } },
          })
        : null;
    if (!layerVersion) throw LambdaErrors.invalidParameter(`Layer version ${arn} does not exist.`);
    const layer = arn.slice(0, arn.lastIndexOf(":"));
    const other = seen.get(layer);
    if (other !== undefined) {
      throw LambdaErrors.invalidParameter(
        `Two different versions of the same layer are not allowed to be referenced in the same function. ${other} and ${arn} are versions of the same layer.`,
      );
    }
    seen.set(layer, arn);
    attached.push({ layerVersionArn: arn, codeSha256: layerVersion.codeSha256, codeSize: layerVersion.codeSize, unzippedSize: layerVersion.code.unzippedSize });
  }
  return attached;
}

/** Code and layers extracted together must fit Lambda's 250 MB. */
export function checkUnzippedTotal(codeUnzippedSize: number, layers: readonly Pick<AttachedLayer, "unzippedSize">[]): void {
  const total = layers.reduce((sum, layer) => sum + layer.unzippedSize, codeUnzippedSize);
  if (total > LIMITS.unzippedCodeBytes) {
    throw LambdaErrors.invalidParameter(
      `Function code combined with layers exceeds the maximum allowed size of ${LIMITS.unzippedCodeBytes} bytes. The actual size is ${total} bytes.`,
    );
  }
}

/** The checks beyond the model's constraints, on the members present in `input`. */
export function checkConfigurationValues(ctx: CallContext, input: ConfigurationInput): void {
  if (input.Runtime !== undefined) checkRuntime(input.Runtime);
  if (input.Environment?.Variables !== undefined) checkEnvironment(input.Environment.Variables);
  if (input.Role !== undefined) checkRole(ctx, input.Role);
  if (input.DeadLetterConfig?.TargetArn) checkDeadLetterTarget(input.DeadLetterConfig.TargetArn);
}

/**
 * IAM's checks of the settings `input` changes, as AWS makes them: Lambda must be able to assume a role
 * given, and the role must be allowed to send to the dead-letter target (when either is set).
 */
export async function checkRoleAccess(db: Db, ctx: CallContext, functionName: string, settings: Pick<VersionSettings, "role" | "deadLetterTargetArn">, input: ConfigurationInput): Promise<void> {
  if (input.Role !== undefined) await checkAssumable(db, settings.role);
  const changed = input.Role !== undefined || Boolean(input.DeadLetterConfig?.TargetArn);
  if (changed && settings.deadLetterTargetArn) await checkDeadLetterAccess(db, functionRole(settings.role, functionName, ctx.region), settings.deadLetterTargetArn);
}
