import type { z } from "zod";
import { listFunctionSummaries } from "../../services/lambda/console";
import { ConsoleInvokeInput, FunctionMetricsInput, getFunctionMetrics, invokeFromConsole } from "../../services/lambda/invocation/console";
import { type LambdaOperationName, lambdaConsoleOperations, lambdaOperations } from "../../services/lambda/operations";
import type { ServiceOperation } from "../../services/operation";
import { operationMutation, operationQuery } from "../operations";
import { createTRPCRouter, teamProcedure } from "../trpc";

const lambdaMutation = <S extends z.ZodTypeAny, O>(name: LambdaOperationName, operation: ServiceOperation<S, O>) => operationMutation(`lambda:${name}`, operation);

const ops = lambdaOperations;

export const lambdaRouter = createTRPCRouter({
  // Code may also come as the console editor's files (InlineFiles), zipped on the server.
  createFunction: lambdaMutation("CreateFunction", lambdaConsoleOperations.CreateFunction),
  getFunction: operationQuery(ops.GetFunction),
  getFunctionConfiguration: operationQuery(ops.GetFunctionConfiguration),
  updateFunctionCode: lambdaMutation("UpdateFunctionCode", lambdaConsoleOperations.UpdateFunctionCode),
  updateFunctionConfiguration: lambdaMutation("UpdateFunctionConfiguration", ops.UpdateFunctionConfiguration),
  deleteFunction: lambdaMutation("DeleteFunction", ops.DeleteFunction),
  listFunctions: operationQuery(ops.ListFunctions),
  publishVersion: lambdaMutation("PublishVersion", ops.PublishVersion),
  listVersionsByFunction: operationQuery(ops.ListVersionsByFunction),
  createAlias: lambdaMutation("CreateAlias", ops.CreateAlias),
  getAlias: operationQuery(ops.GetAlias),
  updateAlias: lambdaMutation("UpdateAlias", ops.UpdateAlias),
  deleteAlias: lambdaMutation("DeleteAlias", ops.DeleteAlias),
  listAliases: operationQuery(ops.ListAliases),
  putFunctionConcurrency: lambdaMutation("PutFunctionConcurrency", ops.PutFunctionConcurrency),
  getFunctionConcurrency: operationQuery(ops.GetFunctionConcurrency),
  deleteFunctionConcurrency: lambdaMutation("DeleteFunctionConcurrency", ops.DeleteFunctionConcurrency),
  putProvisionedConcurrencyConfig: lambdaMutation("PutProvisionedConcurrencyConfig", ops.PutProvisionedConcurrencyConfig),
  getProvisionedConcurrencyConfig: operationQuery(ops.GetProvisionedConcurrencyConfig),
  deleteProvisionedConcurrencyConfig: lambdaMutation("DeleteProvisionedConcurrencyConfig", ops.DeleteProvisionedConcurrencyConfig),
  listProvisionedConcurrencyConfigs: operationQuery(ops.ListProvisionedConcurrencyConfigs),
  putFunctionEventInvokeConfig: lambdaMutation("PutFunctionEventInvokeConfig", ops.PutFunctionEventInvokeConfig),
  getFunctionEventInvokeConfig: operationQuery(ops.GetFunctionEventInvokeConfig),
  updateFunctionEventInvokeConfig: lambdaMutation("UpdateFunctionEventInvokeConfig", ops.UpdateFunctionEventInvokeConfig),
  deleteFunctionEventInvokeConfig: lambdaMutation("DeleteFunctionEventInvokeConfig", ops.DeleteFunctionEventInvokeConfig),
  listFunctionEventInvokeConfigs: operationQuery(ops.ListFunctionEventInvokeConfigs),
  createEventSourceMapping: lambdaMutation("CreateEventSourceMapping", ops.CreateEventSourceMapping),
  getEventSourceMapping: operationQuery(ops.GetEventSourceMapping),
  updateEventSourceMapping: lambdaMutation("UpdateEventSourceMapping", ops.UpdateEventSourceMapping),
  deleteEventSourceMapping: lambdaMutation("DeleteEventSourceMapping", ops.DeleteEventSourceMapping),
  listEventSourceMappings: operationQuery(ops.ListEventSourceMappings),
  publishLayerVersion: lambdaMutation("PublishLayerVersion", ops.PublishLayerVersion),
  listLayers: operationQuery(ops.ListLayers),
  listLayerVersions: operationQuery(ops.ListLayerVersions),
  getLayerVersion: operationQuery(ops.GetLayerVersion),
  getLayerVersionByArn: operationQuery(ops.GetLayerVersionByArn),
  deleteLayerVersion: lambdaMutation("DeleteLayerVersion", ops.DeleteLayerVersion),
  addPermission: lambdaMutation("AddPermission", ops.AddPermission),
  removePermission: lambdaMutation("RemovePermission", ops.RemovePermission),
  getPolicy: operationQuery(ops.GetPolicy),
  tagResource: lambdaMutation("TagResource", ops.TagResource),
  untagResource: lambdaMutation("UntagResource", ops.UntagResource),
  listTags: operationQuery(ops.ListTags),
  getAccountSettings: operationQuery(ops.GetAccountSettings),
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
