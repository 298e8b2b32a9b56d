/**
 * Operation inputs in AWS's shapes, shared by the gateway and tRPC. They check types only; lengths,
 * patterns, ranges and AWS's messages are the domain's job (constraints.ts), so every caller gets AWS's errors.
 */
import { z } from "zod";

const Tags = z.record(z.string(), z.string());
const Timestamp = z.number().int();
const GroupReference = { logGroupName: z.string().optional(), logGroupIdentifier: z.string().optional() };
const Paging = { nextToken: z.string().optional(), limit: z.number().int().optional() };
const InputLogEvent = z.object({ timestamp: Timestamp, message: z.string() });

export const LogsSchemas = {
  CreateLogGroup: z.object({ logGroupName: z.string(), kmsKeyId: z.string().optional(), tags: Tags.optional(), logGroupClass: z.string().optional() }),
  DeleteLogGroup: z.object({ logGroupName: z.string() }),
  DescribeLogGroups: z.object({
    logGroupNamePrefix: z.string().optional(),
    logGroupNamePattern: z.string().optional(),
    logGroupIdentifiers: z.array(z.string()).optional(),
    logGroupClass: z.string().optional(),
    ...Paging,
  }),
  CreateLogStream: z.object({ logGroupName: z.string(), logStreamName: z.string() }),
  DeleteLogStream: z.object({ logGroupName: z.string(), logStreamName: z.string() }),
  DescribeLogStreams: z.object({
    ...GroupReference,
    logStreamNamePrefix: z.string().optional(),
    orderBy: z.string().optional(),
    descending: z.boolean().optional(),
    ...Paging,
  }),
  PutLogEvents: z.object({ logGroupName: z.string(), logStreamName: z.string(), logEvents: z.array(InputLogEvent), sequenceToken: z.string().optional() }),
  GetLogEvents: z.object({
    ...GroupReference,
    logStreamName: z.string(),
    startTime: Timestamp.optional(),
    endTime: Timestamp.optional(),
    startFromHead: z.boolean().optional(),
    unmask: z.boolean().optional(),
    ...Paging,
  }),
  FilterLogEvents: z.object({
    ...GroupReference,
    logStreamNames: z.array(z.string()).optional(),
    logStreamNamePrefix: z.string().optional(),
    startTime: Timestamp.optional(),
    endTime: Timestamp.optional(),
    filterPattern: z.string().optional(),
    interleaved: z.boolean().optional(),
    unmask: z.boolean().optional(),
    ...Paging,
  }),
  PutRetentionPolicy: z.object({ logGroupName: z.string(), retentionInDays: z.number().int() }),
  DeleteRetentionPolicy: z.object({ logGroupName: z.string() }),
  TagLogGroup: z.object({ logGroupName: z.string(), tags: Tags }),
  UntagLogGroup: z.object({ logGroupName: z.string(), tags: z.array(z.string()) }),
  ListTagsLogGroup: z.object({ logGroupName: z.string() }),
  TagResource: z.object({ resourceArn: z.string(), tags: Tags }),
  UntagResource: z.object({ resourceArn: z.string(), tagKeys: z.array(z.string()) }),
  ListTagsForResource: z.object({ resourceArn: z.string() }),
} as const;
