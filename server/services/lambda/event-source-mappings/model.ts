/** Event source mappings as stored, and the EventSourceMappingConfiguration shape the API returns. */
import type { Db } from "../../../db/client";
import type { LambdaEventSourceMapping } from "../../../db/generated/client";
import { arn } from "../../../lib/arn";

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

/** AWS's EventSourceMappingConfiguration, with the members an SQS mapping has. */
export interface EventSourceMappingConfiguration {
  UUID: string;
  BatchSize: number;
  MaximumBatchingWindowInSeconds: number;
  EventSourceArn: string;
  FilterCriteria?: { Filters: { Pattern: string }[] };
  FunctionArn: string;
  /** Epoch seconds on the wire. */
  LastModified: Date;
  State: MappingState;
  StateTransitionReason: "USER_INITIATED";
  FunctionResponseTypes: string[];
  ScalingConfig?: { MaximumConcurrency: number };
  EventSourceMappingArn: string;
}

export function mappingConfiguration(row: MappingRow, state = row.state as MappingState): EventSourceMappingConfiguration {
  return {
    UUID: row.uuid,
    BatchSize: row.batchSize,
    MaximumBatchingWindowInSeconds: row.maximumBatchingWindowInSeconds,
    EventSourceArn: row.eventSourceArn,
    ...(row.filterPatterns.length > 0 && { FilterCriteria: { Filters: row.filterPatterns.map((Pattern) => ({ Pattern })) } }),
    FunctionArn: row.functionArn,
    LastModified: row.lastModified,
    State: state,
    StateTransitionReason: "USER_INITIATED",
    FunctionResponseTypes: row.functionResponseTypes,
    ...(row.maximumConcurrency !== null && { ScalingConfig: { MaximumConcurrency: row.maximumConcurrency } }),
    EventSourceMappingArn: eventSourceMappingArn(row.region, row.accountId, row.uuid),
  };
}
