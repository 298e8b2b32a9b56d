import type { z } from "zod";
import { listFunctionSummaries } from "../../services/lambda/console";
import { ConsoleInvokeInput, FunctionMetricsInput, getFunctionMetrics, invokeFromConsole } from "../../services/lambda/invocation/console";
import { type LambdaOperation, type LambdaOperationName, lambdaConsoleOperations, lambdaOperations } from "../../services/lambda/operations";
import { createTRPCRouter, teamProcedure } from "../trpc";

/** Read-only Lambda operations as queries, the rest as audited mutations: the same schema and domain function as the gateway's. */
function lambdaQuery<S extends z.ZodTypeAny, O>(operation: LambdaOperation<S, O>) {
  return teamProcedure()
    .input(operation.input)
    .query(({ ctx, input }) => operation.handler(ctx.db, ctx.call, input));
}

function lambdaMutation<S extends z.ZodTypeAny, O>(name: LambdaOperationName, operation: LambdaOperation<S, O>) {
  return teamProcedure()
    .meta({ audit: `lambda:${name}` })
    .input(operation.input)
    .mutation(({ ctx, input }) => operation.handler(ctx.db, ctx.call, input));
}

const ops = lambdaOperations;

export const lambdaRouter = createTRPCRouter({
  // Code may also come as the console editor's files (InlineFiles), zipped on the server.
  createFunction: lambdaMutation("CreateFunction", lambdaConsoleOperations.CreateFunction),
  getFunction: lambdaQuery(ops.GetFunction),
  getFunctionConfiguration: lambdaQuery(ops.GetFunctionConfiguration),
  updateFunctionCode: lambdaMutation("UpdateFunctionCode", lambdaConsoleOperations.UpdateFunctionCode),
  updateFunctionConfiguration: lambdaMutation("UpdateFunctionConfiguration", ops.UpdateFunctionConfiguration),
  deleteFunction: lambdaMutation("DeleteFunction", ops.DeleteFunction),
  listFunctions: lambdaQuery(ops.ListFunctions),
  publishVersion: lambdaMutation("PublishVersion", ops.PublishVersion),
  listVersionsByFunction: lambdaQuery(ops.ListVersionsByFunction),
  createAlias: lambdaMutation("CreateAlias", ops.CreateAlias),
  getAlias: lambdaQuery(ops.GetAlias),
  updateAlias: lambdaMutation("UpdateAlias", ops.UpdateAlias),
  deleteAlias: lambdaMutation("DeleteAlias", ops.DeleteAlias),
  listAliases: lambdaQuery(ops.ListAliases),
  putFunctionConcurrency: lambdaMutation("PutFunctionConcurrency", ops.PutFunctionConcurrency),
  getFunctionConcurrency: lambdaQuery(ops.GetFunctionConcurrency),
  deleteFunctionConcurrency: lambdaMutation("DeleteFunctionConcurrency", ops.DeleteFunctionConcurrency),
  putProvisionedConcurrencyConfig: lambdaMutation("PutProvisionedConcurrencyConfig", ops.PutProvisionedConcurrencyConfig),
  getProvisionedConcurrencyConfig: lambdaQuery(ops.GetProvisionedConcurrencyConfig),
  deleteProvisionedConcurrencyConfig: lambdaMutation("DeleteProvisionedConcurrencyConfig", ops.DeleteProvisionedConcurrencyConfig),
  listProvisionedConcurrencyConfigs: lambdaQuery(ops.ListProvisionedConcurrencyConfigs),
  putFunctionEventInvokeConfig: lambdaMutation("PutFunctionEventInvokeConfig", ops.PutFunctionEventInvokeConfig),
  getFunctionEventInvokeConfig: lambdaQuery(ops.GetFunctionEventInvokeConfig),
  updateFunctionEventInvokeConfig: lambdaMutation("UpdateFunctionEventInvokeConfig", ops.UpdateFunctionEventInvokeConfig),
  deleteFunctionEventInvokeConfig: lambdaMutation("DeleteFunctionEventInvokeConfig", ops.DeleteFunctionEventInvokeConfig),
  listFunctionEventInvokeConfigs: lambdaQuery(ops.ListFunctionEventInvokeConfigs),
  createEventSourceMapping: lambdaMutation("CreateEventSourceMapping", ops.CreateEventSourceMapping),
  getEventSourceMapping: lambdaQuery(ops.GetEventSourceMapping),
  updateEventSourceMapping: lambdaMutation("UpdateEventSourceMapping", ops.UpdateEventSourceMapping),
  deleteEventSourceMapping: lambdaMutation("DeleteEventSourceMapping", ops.DeleteEventSourceMapping),
  listEventSourceMappings: lambdaQuery(ops.ListEventSourceMappings),
  publishLayerVersion: lambdaMutation("PublishLayerVersion", ops.PublishLayerVersion),
  listLayers: lambdaQuery(ops.ListLayers),
  listLayerVersions: lambdaQuery(ops.ListLayerVersions),
  getLayerVersion: lambdaQuery(ops.GetLayerVersion),
  getLayerVersionByArn: lambdaQuery(ops.GetLayerVersionByArn),
  deleteLayerVersion: lambdaMutation("DeleteLayerVersion", ops.DeleteLayerVersion),
  addPermission: lambdaMutation("AddPermission", ops.AddPermission),
  removePermission: lambdaMutation("RemovePermission", ops.RemovePermission),
  getPolicy: lambdaQuery(ops.GetPolicy),
  tagResource: lambdaMutation("TagResource", ops.TagResource),
  untagResource: lambdaMutation("UntagResource", ops.UntagResource),
  listTags: lambdaQuery(ops.ListTags),
  getAccountSettings: lambdaQuery(ops.GetAccountSettings),
  // Invocations are data events (CloudTrail does not log them by default), so not audited.
  invoke: teamProcedure()
    .input(ConsoleInvokeInput)
    .mutation(({ ctx, input }) => invokeFromConsole(ctx.db, ctx.call, input)),
  // Console read models.
  listFunctionSummaries: teamProcedure().query(({ ctx }) => listFunctionSummaries(ctx.db, ctx.call)),
  functionMetrics: teamProcedure()
    .input(FunctionMetricsInput)
    .query(({ ctx, input }) => getFunctionMetrics(ctx.db, ctx.call, input)),
});
