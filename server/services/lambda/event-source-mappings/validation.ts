/**
 * What CreateEventSourceMapping and UpdateEventSourceMapping check, in AWS's order and words: the
 * model's constraints (one ValidationException), then the rules of the source's kind (InvalidParameterValue).
 */
import type { AwsError } from "../../../errors";
import { parseArn } from "../../../lib/arn";
import { parseConsumerArn, parseStreamArn } from "../../kinesis/arns";
import { LambdaErrors } from "../errors";
import type { LambdaInput } from "../schemas";
import { PATTERNS, type Violations, violations } from "../validation";
import { parsePattern } from "./filter-patterns";
import { REPORT_BATCH_ITEM_FAILURES, type SourceKind } from "./model";

type SettingsInput = Omit<LambdaInput<"UpdateEventSourceMapping">, "UUID" | "FunctionName">;
type CreateInput = LambdaInput<"CreateEventSourceMapping">;

/** The settings a mapping runs with; the stream members are null for a queue. */
export interface MappingSettings {
  enabled: boolean;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  functionResponseTypes: string[];
  filterPatterns: string[];
  maximumConcurrency: number | null;
  parallelizationFactor: number | null;
  maximumRetryAttempts: number | null;
  maximumRecordAgeInSeconds: number | null;
  bisectBatchOnFunctionError: boolean | null;
  onFailureDestination: string | null;
}

const COMMON_DEFAULTS = {
  enabled: true,
  maximumBatchingWindowInSeconds: 0,
  functionResponseTypes: [],
  filterPatterns: [],
  maximumConcurrency: null,
};

/** A new mapping's settings, by source kind (AWS's defaults: -1 retries and age mean "until the records expire"). */
export const DEFAULTS: Record<SourceKind, MappingSettings> = {
  sqs: {
    ...COMMON_DEFAULTS,
    batchSize: 10,
    parallelizationFactor: null,
    maximumRetryAttempts: null,
    maximumRecordAgeInSeconds: null,
    bisectBatchOnFunctionError: null,
    onFailureDestination: null,
  },
  kinesis: {
    ...COMMON_DEFAULTS,
    batchSize: 100,
    parallelizationFactor: 1,
    maximumRetryAttempts: -1,
    maximumRecordAgeInSeconds: -1,
    bisectBatchOnFunctionError: false,
    onFailureDestination: null,
  },
};

const STARTING_POSITIONS = ["LATEST", "AT_TIMESTAMP", "TRIM_HORIZON"];

/** The model's constraints on the settings (the caller adds its own members and checks). */
export function settingsConstraints(input: SettingsInput, v: Violations = violations()): Violations {
  const onSuccess = input.DestinationConfig?.OnSuccess?.Destination;
  const onFailure = input.DestinationConfig?.OnFailure?.Destination;
  v.range(input.BatchSize, "batchSize", 1, 10_000)
    .range(input.MaximumBatchingWindowInSeconds, "maximumBatchingWindowInSeconds", 0, 300)
    .range(input.ParallelizationFactor, "parallelizationFactor", 1, 10)
    .length(onSuccess, "destinationConfig.onSuccess.destination", 0, 350)
    .matches(onSuccess, "destinationConfig.onSuccess.destination", PATTERNS.destinationArn)
    .length(onFailure, "destinationConfig.onFailure.destination", 0, 350)
    .matches(onFailure, "destinationConfig.onFailure.destination", PATTERNS.destinationArn)
    .range(input.MaximumRecordAgeInSeconds, "maximumRecordAgeInSeconds", -1, 604_800)
    .range(input.MaximumRetryAttempts, "maximumRetryAttempts", -1, 10_000)
    .range(input.TumblingWindowInSeconds, "tumblingWindowInSeconds", 0, 900)
    .length(input.FunctionResponseTypes, "functionResponseTypes", 0, 1)
    .range(input.ScalingConfig?.MaximumConcurrency, "scalingConfig.maximumConcurrency", 2, 1000);
  const responseTypes = input.FunctionResponseTypes ?? [];
  if (responseTypes.some((t) => t !== REPORT_BATCH_ITEM_FAILURES)) {
    v.add(responseTypes, "functionResponseTypes", `Member must satisfy constraint: [Member must satisfy enum value set: [${REPORT_BATCH_ITEM_FAILURES}]]`);
  }
  input.FilterCriteria?.Filters?.forEach((filter, i) => v.length(filter.Pattern, `filterCriteria.filters.${i + 1}.member.pattern`, 0, 4096));
  return v;
}

export function createConstraints(input: CreateInput): void {
  settingsConstraints(input)
    .length(input.EventSourceArn, "eventSourceArn", 12, 1024)
    .matches(input.EventSourceArn, "eventSourceArn", PATTERNS.sourceArn)
    .oneOf(input.StartingPosition, "startingPosition", STARTING_POSITIONS)
    .check();
}

/** AWS's other sources, which Stratus does not poll: refused by name. */
const UNSUPPORTED_SOURCES = new Set(["dynamodb", "kafka", "mq", "rds"]);

/** The kind of source an event source ARN names: an SQS queue, or a Kinesis stream or stream consumer (enhanced fan-out). */
export function requireSupportedSource(eventSourceArn: string | undefined): { arn: string; kind: SourceKind } {
  const service = eventSourceArn === undefined ? undefined : parseArn(eventSourceArn)?.service;
  if (eventSourceArn === undefined || service === undefined) throw LambdaErrors.invalidParameter("Unrecognized event source.");
  if (service === "sqs") return { arn: eventSourceArn, kind: "sqs" };
  if (service === "kinesis" && (parseStreamArn(eventSourceArn) || parseConsumerArn(eventSourceArn))) return { arn: eventSourceArn, kind: "kinesis" };
  if (UNSUPPORTED_SOURCES.has(service)) {
    throw LambdaErrors.invalidParameter(`Stratus polls Amazon SQS queues and Amazon Kinesis streams only: ${service} event sources are not supported.`);
  }
  throw LambdaErrors.invalidParameter("Unrecognized event source.");
}

const unsupported = (member: string) => LambdaErrors.invalidParameter(`Unsupported ${member} parameter for given event source mapping type.`);

/** Members only stream sources have, which AWS refuses for an SQS mapping. */
function refuseStreamSettings(input: SettingsInput & { StartingPosition?: string; StartingPositionTimestamp?: number }): void {
  if (input.StartingPosition !== undefined || input.StartingPositionTimestamp !== undefined) {
    throw LambdaErrors.invalidParameter("StartingPosition is not valid for SQS event sources.");
  }
  const destination = input.DestinationConfig;
  if (destination?.OnSuccess?.Destination || destination?.OnFailure?.Destination) throw unsupported("DestinationConfig");
  const streamOnly = {
    ParallelizationFactor: input.ParallelizationFactor,
    MaximumRecordAgeInSeconds: input.MaximumRecordAgeInSeconds,
    BisectBatchOnFunctionError: input.BisectBatchOnFunctionError,
    MaximumRetryAttempts: input.MaximumRetryAttempts,
    TumblingWindowInSeconds: input.TumblingWindowInSeconds,
  };
  for (const [member, value] of Object.entries(streamOnly)) {
    if (value !== undefined) throw unsupported(member);
  }
}

/** Where on-failure records of a stream mapping can go here (AWS also takes S3 buckets and Kafka topics). */
const STREAM_DESTINATION_SERVICES = new Set(["sqs", "sns"]);

/** The rules of a Kinesis source: a queue's ScalingConfig is refused, and so is what Stratus does not implement. */
function checkStreamSettings(input: SettingsInput): void {
  if (input.ScalingConfig !== undefined) throw unsupported("ScalingConfig");
  if (input.DestinationConfig?.OnSuccess?.Destination) throw unsupported("DestinationConfig");
  const onFailure = input.DestinationConfig?.OnFailure?.Destination;
  const service = onFailure ? parseArn(onFailure)?.service : undefined;
  if (onFailure && (service === undefined || !STREAM_DESTINATION_SERVICES.has(service))) {
    throw LambdaErrors.invalidParameter(
      `Stratus sends the on-failure records of stream event sources to Amazon SQS queues and Amazon SNS topics only: ${onFailure} is neither.`,
    );
  }
  const age = input.MaximumRecordAgeInSeconds;
  if (age !== undefined && age !== -1 && age < 60) {
    throw LambdaErrors.invalidParameter("MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)");
  }
  if (input.TumblingWindowInSeconds !== undefined && input.TumblingWindowInSeconds > 0) {
    throw LambdaErrors.invalidParameter("Stratus does not implement tumbling windows: TumblingWindowInSeconds must be 0.");
  }
}

/** The settings after this change, checked against each other and the source's kind (and, for a queue, its type). */
export function mergedSettings(
  current: MappingSettings,
  input: SettingsInput & { StartingPosition?: string; StartingPositionTimestamp?: number },
  source: { kind: SourceKind; fifo: boolean },
): MappingSettings {
  if (source.kind === "sqs") refuseStreamSettings(input);
  else checkStreamSettings(input);
  const destination = input.DestinationConfig;
  const settings: MappingSettings = {
    enabled: input.Enabled ?? current.enabled,
    batchSize: input.BatchSize ?? current.batchSize,
    maximumBatchingWindowInSeconds: input.MaximumBatchingWindowInSeconds ?? current.maximumBatchingWindowInSeconds,
    functionResponseTypes: input.FunctionResponseTypes ?? current.functionResponseTypes,
    // An empty FilterCriteria (or ScalingConfig, or OnFailure destination) removes it.
    filterPatterns: input.FilterCriteria ? (input.FilterCriteria.Filters ?? []).map((f) => f.Pattern ?? "") : current.filterPatterns,
    maximumConcurrency: input.ScalingConfig ? (input.ScalingConfig.MaximumConcurrency ?? null) : current.maximumConcurrency,
    parallelizationFactor: input.ParallelizationFactor ?? current.parallelizationFactor,
    maximumRetryAttempts: input.MaximumRetryAttempts ?? current.maximumRetryAttempts,
    maximumRecordAgeInSeconds: input.MaximumRecordAgeInSeconds ?? current.maximumRecordAgeInSeconds,
    bisectBatchOnFunctionError: input.BisectBatchOnFunctionError ?? current.bisectBatchOnFunctionError,
    onFailureDestination: destination ? destination.OnFailure?.Destination || null : current.onFailureDestination,
  };
  if (source.fifo) {
    if (settings.maximumBatchingWindowInSeconds > 0) throw LambdaErrors.invalidParameter("Batching window is not supported for FIFO queues.");
    if (settings.batchSize > 10) throw LambdaErrors.invalidParameter("Maximum batch size must be between 1 and 10 inclusive");
  } else if (source.kind === "sqs" && settings.batchSize > 10 && settings.maximumBatchingWindowInSeconds < 1) {
    throw LambdaErrors.invalidParameter("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
  }
  if (!settings.filterPatterns.every((p) => parsePattern(p))) throw LambdaErrors.invalidParameter("Invalid filter pattern definition.");
  return settings;
}

/** Where a new stream mapping starts. */
export interface StreamStart {
  startingPosition: string;
  startingPositionTimestamp: Date | null;
}

/** A stream source needs a StartingPosition (AWS answers its absence as an invalid parameter, in a validation message's words). */
export function streamStart(input: Pick<CreateInput, "StartingPosition" | "StartingPositionTimestamp">): StreamStart {
  if (input.StartingPosition === undefined) {
    throw LambdaErrors.invalidParameter("1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.");
  }
  if (input.StartingPosition !== "AT_TIMESTAMP") return { startingPosition: input.StartingPosition, startingPositionTimestamp: null };
  if (input.StartingPositionTimestamp === undefined) {
    throw LambdaErrors.invalidParameter("StartingPositionTimestamp must be specified when StartingPosition is AT_TIMESTAMP.");
  }
  // Epoch seconds on the wire; Kinesis keeps milliseconds.
  return { startingPosition: "AT_TIMESTAMP", startingPositionTimestamp: new Date(Math.round(input.StartingPositionTimestamp * 1000)) };
}

/** What AWS answers when Lambda cannot read the queue (it does not exist, or not in this account and region). */
export function queueNotFound(): AwsError {
  return LambdaErrors.invalidParameter(
    "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.",
  );
}

/** What AWS answers when the stream (or the consumer) an event source ARN names does not exist. */
export function streamNotFound(eventSourceArn: string): AwsError {
  return LambdaErrors.invalidParameter(`Stream not found: ${eventSourceArn}`);
}

/** Lambda holds a batch for the function's timeout: the queue must hide it at least as long. */
export function checkVisibilityTimeout(queueVisibilityTimeout: number, functionTimeout: number): void {
  if (queueVisibilityTimeout < functionTimeout) {
    throw LambdaErrors.invalidParameter(`Queue visibility timeout: ${queueVisibilityTimeout} seconds is less than Function timeout: ${functionTimeout} seconds`);
  }
}
