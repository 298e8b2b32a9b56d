import { z } from "zod";
import { tailLogEvents } from "../../services/logs/console";
import { type LogsOperationName, logsOperations } from "../../services/logs/operations";
import type { ServiceOperation } from "../../services/operation";
import { operationMutation, operationQuery } from "../operations";
import { createTRPCRouter, teamProcedure } from "../trpc";

const logsMutation = <S extends z.ZodTypeAny, O>(name: LogsOperationName, operation: ServiceOperation<S, O>) => operationMutation(`logs:${name}`, operation);

const ops = logsOperations;

export const logsRouter = createTRPCRouter({
  createLogGroup: logsMutation("CreateLogGroup", ops.CreateLogGroup),
  deleteLogGroup: logsMutation("DeleteLogGroup", ops.DeleteLogGroup),
  describeLogGroups: operationQuery(ops.DescribeLogGroups),
  createLogStream: logsMutation("CreateLogStream", ops.CreateLogStream),
  deleteLogStream: logsMutation("DeleteLogStream", ops.DeleteLogStream),
  describeLogStreams: operationQuery(ops.DescribeLogStreams),
  putLogEvents: logsMutation("PutLogEvents", ops.PutLogEvents),
  getLogEvents: operationQuery(ops.GetLogEvents),
  filterLogEvents: operationQuery(ops.FilterLogEvents),
  putRetentionPolicy: logsMutation("PutRetentionPolicy", ops.PutRetentionPolicy),
  deleteRetentionPolicy: logsMutation("DeleteRetentionPolicy", ops.DeleteRetentionPolicy),
  tagLogGroup: logsMutation("TagLogGroup", ops.TagLogGroup),
  untagLogGroup: logsMutation("UntagLogGroup", ops.UntagLogGroup),
  listTagsLogGroup: operationQuery(ops.ListTagsLogGroup),
  tagResource: logsMutation("TagResource", ops.TagResource),
  untagResource: logsMutation("UntagResource", ops.UntagResource),
  listTagsForResource: operationQuery(ops.ListTagsForResource),
  // Console read model: the live tail.
  tail: teamProcedure()
    .input(
      z.object({
        logGroupName: z.string(),
        logStreamName: z.string().optional(),
        after: z.string().optional(),
        limit: z.number().int().min(1).max(1_000).default(200),
      }),
    )
    .query(({ ctx, input }) => tailLogEvents(ctx.db, ctx.call, input)),
});
