/** Event source mappings as stored, and the EventSourceMappingConfiguration shape the API returns. */
import type { Db } from "../../../db/client";
import type { LambdaEventSourceMapping } from "../../../db/generated/client";
import { arn, parseArn } from "../../../lib/arn";

export type MappingRow = LambdaEventSourceMapping;

/**
 * AWS's states. Creating, Enabling, Updating and Disabling are transitions the workers settle into
 * Enabled or Disabled once they have picked the change up; Deleting is only ever answered by Delete.
 */
export type MappingState = "Creating" | "Enabling" | "Enabled" | "Disabling" | "Disabled" | "Updating" | "Deleting";

export const TRANSITIONAL_STATES = ["Creating", "Enabling", "Updating", "Disabling"] as const satisfies readonly MappingState[];

const transitional = new Set<string>(TRANSITIONAL_STATES);
export const isTransitional = (state: string): boolean => transitional.has(state);

export const REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

/** Workers LISTEN here; every change NOTIFYs it when its transaction commits. */
export const MAPPINGS_CHANNEL = "stratus_lambda_esm";

export async function notifyMappingWorkers(tx: Db): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${MAPPINGS_CHANNEL}, '')`;
}

export function eventSourceMappingArn(region: string, accountId: string, uuid: string): string {
  return arn("lambda", region, accountId, `event-source-mapping:${uuid}`);
}

/** The sources Stratus polls. */
export type SourceKind = "sqs" | "kinesis";

/** A stored mapping's source: its ARN was checked to be a queue's or a stream's (or stream consumer's) when it was created. */
export const sourceKindOf = (eventSourceArn: string): SourceKind => (parseArn(eventSourceArn)?.service === "kinesis" ? "kinesis" : "sqs");

/** What AWS reports before a stream mapping has processed a batch. */
const NO_RECORDS_PROCESSED = "No records processed";

/** AWS's EventSourceMappingConfiguration, with the members SQS and Kinesis mappings have. */
export interface EventSourceMappingConfiguration {
  UUID: string;
  StartingPosition?: string;
  /** Epoch seconds on the wire. */
  StartingPositionTimestamp?: Date;
  BatchSize: number;
  MaximumBatchingWindowInSeconds: number;
  ParallelizationFactor?: number;
  EventSourceArn: string;
  FilterCriteria?: { Filters: { Pattern: string }[] };
  FunctionArn: string;
  /** Epoch seconds on the wire. */
  LastModified: Date;
  LastProcessingResult?: string;
  State: MappingState;
  /** AWS words it differently for queues and streams. */
  StateTransitionReason: "USER_INITIATED" | "User action";
  DestinationConfig?: { OnFailure: { Destination?: string } };
  MaximumRecordAgeInSeconds?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  TumblingWindowInSeconds?: number;
  FunctionResponseTypes: string[];
  ScalingConfig?: { MaximumConcurrency: number };
  EventSourceMappingArn: string;
}

/** The members only stream mappings have, as AWS returns them. */
function streamMembers(row: MappingRow) {
  return {
    StartingPosition: row.startingPosition ?? undefined,
    ...(row.startingPositionTimestamp !== null && { StartingPositionTimestamp: row.startingPositionTimestamp }),
    ParallelizationFactor: row.parallelizationFactor ?? 1,
    LastProcessingResult: row.lastProcessingResult ?? NO_RECORDS_PROCESSED,
    DestinationConfig: { OnFailure: row.onFailureDestination === null ? {} : { Destination: row.onFailureDestination } },
    MaximumRecordAgeInSeconds: row.maximumRecordAgeInSeconds ?? -1,
    BisectBatchOnFunctionError: row.bisectBatchOnFunctionError ?? false,
    MaximumRetryAttempts: row.maximumRetryAttempts ?? -1,
    // Tumbling windows are not offered: every stream mapping has none.
    TumblingWindowInSeconds: 0,
  };
}

export function mappingConfiguration(row: MappingRow, state = row.state as MappingState): EventSourceMappingConfiguration {
  const stream = sourceKindOf(row.eventSourceArn) === "kinesis";
  return {
    UUID: row.uuid,
    BatchSize: row.batchSize,
    MaximumBatchingWindowInSeconds: row.maximumBatchingWindowInSeconds,
    EventSourceArn: row.eventSourceArn,
    ...(row.filterPatterns.length > 0 && { FilterCriteria: { Filters: row.filterPatterns.map((Pattern) => ({ Pattern })) } }),
    FunctionArn: row.functionArn,
    LastModified: row.lastModified,
    State: state,
    StateTransitionReason: stream ? "User action" : "USER_INITIATED",
    FunctionResponseTypes: row.functionResponseTypes,
    ...(row.maximumConcurrency !== null && { ScalingConfig: { MaximumConcurrency: row.maximumConcurrency } }),
    ...(stream && streamMembers(row)),
    EventSourceMappingArn: eventSourceMappingArn(row.region, row.accountId, row.uuid),
  };
}
