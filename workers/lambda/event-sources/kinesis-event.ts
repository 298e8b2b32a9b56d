/** The records of the Kinesis event Lambda hands a function (`{"Records": [...]}`), as AWS shapes them. */
import type { KinesisRecordOutput } from "../../../server/services/kinesis/get-records";
import { parsedJson } from "./filters";

export interface KinesisEventRecord {
  kinesis: {
    kinesisSchemaVersion: "1.0";
    partitionKey: string;
    sequenceNumber: string;
    /** Base64. */
    data: string;
    /** Epoch seconds, with milliseconds as the fraction. */
    approximateArrivalTimestamp: number;
  };
  eventSource: "aws:kinesis";
  eventVersion: "1.0";
  /** `<shardId>:<sequenceNumber>` */
  eventID: string;
  eventName: "aws:kinesis:record";
  /** The function's execution role. */
  invokeIdentityArn: string;
  awsRegion: string;
  eventSourceARN: string;
}

export interface KinesisEventSource {
  shardId: string;
  streamArn: string;
  region: string;
  roleArn: string;
}

export function kinesisRecord(record: KinesisRecordOutput, source: KinesisEventSource): KinesisEventRecord {
  return {
    kinesis: {
      kinesisSchemaVersion: "1.0",
      partitionKey: record.PartitionKey,
      sequenceNumber: record.SequenceNumber,
      data: record.Data.toString("base64"),
      approximateArrivalTimestamp: record.ApproximateArrivalTimestamp.getTime() / 1000,
    },
    eventSource: "aws:kinesis",
    eventVersion: "1.0",
    eventID: `${source.shardId}:${record.SequenceNumber}`,
    eventName: "aws:kinesis:record",
    invokeIdentityArn: source.roleArn,
    awsRegion: source.region,
    eventSourceARN: source.streamArn,
  };
}

/** What filter patterns see: Kinesis mappings filter on `data` only, and only on data that is JSON. */
export function filterSubject(record: KinesisRecordOutput): Record<string, unknown> {
  const data = parsedJson(record.Data.toString("utf8"));
  return data === undefined ? {} : { data };
}
