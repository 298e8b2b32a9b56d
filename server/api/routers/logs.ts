import { z } from "zod";
import { tailLogEvents } from "../../services/logs/console";
import { type LogsOperation, type LogsOperationName, logsOperations } from "../../services/logs/operations";
import { createTRPCRouter, teamProcedure } from "../trpc";

/** Reads as queries, the rest as audited mutations: the same schema and domain function as the gateway's. */
function logsQuery<S extends z.ZodTypeAny, O>(operation: LogsOperation<S, O>) {
  return teamProcedure()
    .input(operation.input)
    .query(({ ctx, input }) => operation.handler(ctx.db, ctx.call, input));
}

function logsMutation<S extends z.ZodTypeAny, O>(name: LogsOperationName, operation: LogsOperation<S, O>) {
  return teamProcedure()
    .meta({ audit: `logs:${name}` })
    .input(operation.input)
    .mutation(({ ctx, input }) => operation.handler(ctx.db, ctx.call, input));
}

const ops = logsOperations;

export const logsRouter = createTRPCRouter({
  createLogGroup: logsMutation("CreateLogGroup", ops.CreateLogGroup),
  deleteLogGroup: logsMutation("DeleteLogGroup", ops.DeleteLogGroup),
  describeLogGroups: logsQuery(ops.DescribeLogGroups),
  createLogStream: logsMutation("CreateLogStream", ops.CreateLogStream),
  deleteLogStream: logsMutation("DeleteLogStream", ops.DeleteLogStream),
  describeLogStreams: logsQuery(ops.DescribeLogStreams),
  putLogEvents: logsMutation("PutLogEvents", ops.PutLogEvents),
  getLogEvents: logsQuery(ops.GetLogEvents),
  filterLogEvents: logsQuery(ops.FilterLogEvents),
  putRetentionPolicy: logsMutation("PutRetentionPolicy", ops.PutRetentionPolicy),
  deleteRetentionPolicy: logsMutation("DeleteRetentionPolicy", ops.DeleteRetentionPolicy),
  tagLogGroup: logsMutation("TagLogGroup", ops.TagLogGroup),
  untagLogGroup: logsMutation("UntagLogGroup", ops.UntagLogGroup),
  listTagsLogGroup: logsQuery(ops.ListTagsLogGroup),
  tagResource: logsMutation("TagResource", ops.TagResource),
  untagResource: logsMutation("UntagResource", ops.UntagResource),
  listTagsForResource: logsQuery(ops.ListTagsForResource),
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
