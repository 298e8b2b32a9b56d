import { arn, parseArn } from "../../lib/arn";

/** A log group row as the domain reads it. */
export interface LogGroupRecord {
  id: bigint;
  accountId: string;
  region: string;
  name: string;
  retentionInDays: number | null;
  kmsKeyId: string | null;
  logGroupClass: string;
  tags: Record<string, string>;
  createdAt: Date;
}

/** DescribeLogGroups' LogGroup shape. */
export interface LogGroupOutput {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  metricFilterCount: number;
  arn: string;
  storedBytes: number;
  kmsKeyId?: string;
  logGroupClass: string;
  logGroupArn: string;
}

/** DescribeLogStreams' LogStream shape. */
export interface LogStreamOutput {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  uploadSequenceToken: string;
  arn: string;
  storedBytes: number;
}

export interface OutputLogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

export interface FilteredLogEvent extends OutputLogEvent {
  logStreamName: string;
  eventId: string;
}

/** The log group's ARN as logGroupIdentifier and the tagging operations take it (no trailing `:*`). */
export const logGroupArn = (region: string, accountId: string, name: string) => arn("logs", region, accountId, `log-group:${name}`);

export const logStreamArn = (region: string, accountId: string, group: string, stream: string) =>
  arn("logs", region, accountId, `log-group:${group}:log-stream:${stream}`);

/** The account, region and name a log group ARN names. */
export function parseLogGroupArn(value: string): { accountId: string; region: string; name: string } | null {
  const parsed = parseArn(value);
  if (!parsed || parsed.service !== "logs" || !parsed.resource.startsWith("log-group:")) return null;
  const name = parsed.resource.slice("log-group:".length);
  if (name.length === 0 || name.includes(":")) return null;
  return { accountId: parsed.accountId, region: parsed.region, name };
}

/** Event IDs and sequence tokens are 56-digit decimal strings on AWS. */
export const padDigits = (value: bigint | number) => value.toString().padStart(56, "0");
