/**
 * What a Kinesis mapping sends its on-failure destination when it discards records (their retries
 * exhausted, or too old): AWS's invocation record with KinesisBatchInfo, which locates the records
 * in the stream but does not carry them.
 */
import type { KinesisRecordOutput } from "../../../server/services/kinesis/get-records";

export type DiscardCondition = "RetryAttemptsExhausted" | "RecordAgeExceeded";

export interface DiscardedBatch {
  condition: DiscardCondition;
  /** The last invocation's (or a new one when the records never reached the function). */
  requestId: string;
  /** As the mapping names it. */
  functionArn: string;
  approximateInvokeCount: number;
  /** The last invocation's answer; absent when the records aged out. */
  response?: { executedVersion: string; functionError: string | null };
  shardId: string;
  streamArn: string;
  /** In sequence order; at least one. */
  records: readonly KinesisRecordOutput[];
}

export function kinesisFailureRecord(batch: DiscardedBatch): string {
  const first = batch.records[0]!;
  const last = batch.records.at(-1)!;
  return JSON.stringify({
    requestContext: {
      requestId: batch.requestId,
      functionArn: batch.functionArn,
      condition: batch.condition,
      approximateInvokeCount: batch.approximateInvokeCount,
    },
    ...(batch.response && { responseContext: { statusCode: 200, ...batch.response } }),
    version: "1.0",
    timestamp: new Date().toISOString(),
    KinesisBatchInfo: {
      shardId: batch.shardId,
      startSequenceNumber: first.SequenceNumber,
      endSequenceNumber: last.SequenceNumber,
      approximateArrivalOfFirstRecord: first.ApproximateArrivalTimestamp.toISOString(),
      approximateArrivalOfLastRecord: last.ApproximateArrivalTimestamp.toISOString(),
      batchSize: batch.records.length,
      streamArn: batch.streamArn,
    },
  });
}
