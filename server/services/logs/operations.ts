/**
 * The CloudWatch Logs operations as one table: AWS name → input schema and domain function. The gateway
 * and the tRPC router are both built from it, so a console action and an SDK call run the same code.
 */
import type { z } from "zod";
import type { ServiceOperation } from "../operation";
import { filterLogEvents } from "./filter";
import { getLogEvents } from "./events";
import { createLogGroup, deleteLogGroup, deleteRetentionPolicy, describeLogGroups, putRetentionPolicy } from "./groups";
import { putLogEvents } from "./put";
import { LogsSchemas } from "./schemas";
import { createLogStream, deleteLogStream, describeLogStreams } from "./streams";
import { listTagsForResource, listTagsLogGroup, tagLogGroup, tagResource, untagLogGroup, untagResource } from "./tags";

export type LogsOperation<S extends z.ZodTypeAny, O> = ServiceOperation<S, O>;

function op<S extends z.ZodTypeAny, O>(input: S, handler: LogsOperation<S, O>["handler"]): LogsOperation<S, O> {
  return { input, handler };
}

export const logsOperations = {
  CreateLogGroup: op(LogsSchemas.CreateLogGroup, createLogGroup),
  DeleteLogGroup: op(LogsSchemas.DeleteLogGroup, deleteLogGroup),
  DescribeLogGroups: op(LogsSchemas.DescribeLogGroups, describeLogGroups),
  CreateLogStream: op(LogsSchemas.CreateLogStream, createLogStream),
  DeleteLogStream: op(LogsSchemas.DeleteLogStream, deleteLogStream),
  DescribeLogStreams: op(LogsSchemas.DescribeLogStreams, describeLogStreams),
  PutLogEvents: op(LogsSchemas.PutLogEvents, putLogEvents),
  GetLogEvents: op(LogsSchemas.GetLogEvents, getLogEvents),
  FilterLogEvents: op(LogsSchemas.FilterLogEvents, filterLogEvents),
  PutRetentionPolicy: op(LogsSchemas.PutRetentionPolicy, putRetentionPolicy),
  DeleteRetentionPolicy: op(LogsSchemas.DeleteRetentionPolicy, deleteRetentionPolicy),
  TagLogGroup: op(LogsSchemas.TagLogGroup, tagLogGroup),
  UntagLogGroup: op(LogsSchemas.UntagLogGroup, untagLogGroup),
  ListTagsLogGroup: op(LogsSchemas.ListTagsLogGroup, listTagsLogGroup),
  TagResource: op(LogsSchemas.TagResource, tagResource),
  UntagResource: op(LogsSchemas.UntagResource, untagResource),
  ListTagsForResource: op(LogsSchemas.ListTagsForResource, listTagsForResource),
};

export type LogsOperationName = keyof typeof logsOperations;

/** Reads that AWS's naming does not mark as such (Describe/Get/List are recognised by name). */
export const LOGS_READ_OPERATIONS = new Set<LogsOperationName>(["FilterLogEvents"]);

/** Event data operations are CloudTrail data events, which are not logged unless asked for. */
export const LOGS_DATA_EVENTS = new Set<LogsOperationName>(["PutLogEvents", "GetLogEvents", "FilterLogEvents"]);
