/**
 * What CreateEventSourceMapping and UpdateEventSourceMapping check, in AWS's order and words: the
 * model's constraints (one ValidationException), then the rules of an SQS source (InvalidParameterValue).
 */
import type { AwsError } from "../../../errors";
import { parseArn } from "../../../lib/arn";
import { LambdaErrors } from "../errors";
import type { LambdaInput } from "../schemas";
import { PATTERNS, type Violations, violations } from "../validation";
import { parsePattern } from "./filter-patterns";
import { REPORT_BATCH_ITEM_FAILURES } from "./model";

type SettingsInput = Omit<LambdaInput<"UpdateEventSourceMapping">, "UUID" | "FunctionName">;

/** The settings a mapping runs with. */
export interface MappingSettings {
  enabled: boolean;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  functionResponseTypes: string[];
  filterPatterns: string[];
  maximumConcurrency: number | null;
}

export const SQS_DEFAULTS: MappingSettings = {
  enabled: true,
  batchSize: 10,
  maximumBatchingWindowInSeconds: 0,
  functionResponseTypes: [],
  filterPatterns: [],
  maximumConcurrency: null,
};

const STARTING_POSITIONS = ["LATEST", "AT_TIMESTAMP", "TRIM_HORIZON"];

/** The model's constraints on the settings (the caller adds its own members and checks). */
export function settingsConstraints(input: SettingsInput, v: Violations = violations()): Violations {
  v.range(input.BatchSize, "batchSize", 1, 10_000)
    .range(input.MaximumBatchingWindowInSeconds, "maximumBatchingWindowInSeconds", 0, 300)
    .length(input.FunctionResponseTypes, "functionResponseTypes", 0, 1)
    .range(input.ScalingConfig?.MaximumConcurrency, "scalingConfig.maximumConcurrency", 2, 1000);
  const responseTypes = input.FunctionResponseTypes ?? [];
  if (responseTypes.some((t) => t !== REPORT_BATCH_ITEM_FAILURES)) {
    v.add(responseTypes, "functionResponseTypes", `Member must satisfy constraint: [Member must satisfy enum value set: [${REPORT_BATCH_ITEM_FAILURES}]]`);
  }
  input.FilterCriteria?.Filters?.forEach((filter, i) => v.length(filter.Pattern, `filterCriteria.filters.${i + 1}.member.pattern`, 0, 4096));
  return v;
}

export function createConstraints(input: LambdaInput<"CreateEventSourceMapping">): void {
  settingsConstraints(input)
    .length(input.EventSourceArn, "eventSourceArn", 12, 1024)
    .matches(input.EventSourceArn, "eventSourceArn", PATTERNS.sourceArn)
    .oneOf(input.StartingPosition, "startingPosition", STARTING_POSITIONS)
    .check();
}

/** Pollers Stratus runs: Amazon SQS. AWS's other sources are refused by name. */
const STREAM_SOURCES = new Set(["kinesis", "dynamodb", "kafka", "mq", "rds"]);

/** The event source must be an SQS queue ARN. */
export function requireSqsSource(eventSourceArn: string | undefined): string {
  const service = eventSourceArn === undefined ? undefined : parseArn(eventSourceArn)?.service;
  if (eventSourceArn === undefined || service === undefined) throw LambdaErrors.invalidParameter("Unrecognized event source.");
  if (STREAM_SOURCES.has(service)) throw LambdaErrors.invalidParameter(`Stratus polls Amazon SQS queues only: ${service} event sources are not supported.`);
  if (service !== "sqs") throw LambdaErrors.invalidParameter("Unrecognized event source.");
  return eventSourceArn;
}

/** Members only stream sources have, which AWS refuses for an SQS mapping. */
function refuseStreamSettings(input: SettingsInput & { StartingPosition?: string; StartingPositionTimestamp?: number }): void {
  if (input.StartingPosition !== undefined || input.StartingPositionTimestamp !== undefined) {
    throw LambdaErrors.invalidParameter("StartingPosition is not valid for SQS event sources.");
  }
  const destination = input.DestinationConfig;
  if (destination?.OnSuccess?.Destination || destination?.OnFailure?.Destination) {
    throw LambdaErrors.invalidParameter("Unsupported DestinationConfig parameter for given event source mapping type.");
  }
  const streamOnly = {
    ParallelizationFactor: input.ParallelizationFactor,
    MaximumRecordAgeInSeconds: input.MaximumRecordAgeInSeconds,
    BisectBatchOnFunctionError: input.BisectBatchOnFunctionError,
    MaximumRetryAttempts: input.MaximumRetryAttempts,
    TumblingWindowInSeconds: input.TumblingWindowInSeconds,
  };
  for (const [member, value] of Object.entries(streamOnly)) {
    if (value !== undefined) throw LambdaErrors.invalidParameter(`Unsupported ${member} parameter for given event source mapping type.`);
  }
}

/** The settings after this change, checked against each other and the queue's type. */
export function mergedSettings(
  current: MappingSettings,
  input: SettingsInput & { StartingPosition?: string; StartingPositionTimestamp?: number },
  fifo: boolean,
): MappingSettings {
  refuseStreamSettings(input);
  const settings: MappingSettings = {
    enabled: input.Enabled ?? current.enabled,
    batchSize: input.BatchSize ?? current.batchSize,
    maximumBatchingWindowInSeconds: input.MaximumBatchingWindowInSeconds ?? current.maximumBatchingWindowInSeconds,
    functionResponseTypes: input.FunctionResponseTypes ?? current.functionResponseTypes,
    // An empty FilterCriteria (or ScalingConfig) removes it.
    filterPatterns: input.FilterCriteria ? (input.FilterCriteria.Filters ?? []).map((f) => f.Pattern ?? "") : current.filterPatterns,
    maximumConcurrency: input.ScalingConfig ? (input.ScalingConfig.MaximumConcurrency ?? null) : current.maximumConcurrency,
  };
  if (fifo) {
    if (settings.maximumBatchingWindowInSeconds > 0) throw LambdaErrors.invalidParameter("Batching window is not supported for FIFO queues.");
    if (settings.batchSize > 10) throw LambdaErrors.invalidParameter("Maximum batch size must be between 1 and 10 inclusive");
  } else if (settings.batchSize > 10 && settings.maximumBatchingWindowInSeconds < 1) {
    throw LambdaErrors.invalidParameter("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
  }
  if (!settings.filterPatterns.every((p) => parsePattern(p))) throw LambdaErrors.invalidParameter("Invalid filter pattern definition.");
  return settings;
}

/** What AWS answers when Lambda cannot read the queue (it does not exist, or not in this account and region). */
export function queueNotFound(): AwsError {
  return LambdaErrors.invalidParameter(
    "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.",
  );
}

/** Lambda holds a batch for the function's timeout: the queue must hide it at least as long. */
export function checkVisibilityTimeout(queueVisibilityTimeout: number, functionTimeout: number): void {
  if (queueVisibilityTimeout < functionTimeout) {
    throw LambdaErrors.invalidParameter(`Queue visibility timeout: ${queueVisibilityTimeout} seconds is less than Function timeout: ${functionTimeout} seconds`);
  }
}
