/**
 * The Lambda control-plane operations as one table: AWS name → input schema and domain function.
 * The gateway and the tRPC router are both built from it.
 */
import type { z } from "zod";
import type { ServiceOperation } from "../operation";
import { getAccountSettings } from "./account";
import { announceFunctionsChanged } from "./changes";
import { createAlias, deleteAlias, getAlias, listAliases, updateAlias } from "./aliases";
import { zipInlineFiles } from "./code";
import {
  deleteFunctionConcurrency,
  deleteProvisionedConcurrencyConfig,
  getFunctionConcurrency,
  getProvisionedConcurrencyConfig,
  listProvisionedConcurrencyConfigs,
  putFunctionConcurrency,
  putProvisionedConcurrencyConfig,
} from "./concurrency";
import {
  createEventSourceMapping,
  deleteEventSourceMapping,
  getEventSourceMapping,
  listEventSourceMappings,
  updateEventSourceMapping,
} from "./event-source-mappings/operations";
import {
  deleteFunctionEventInvokeConfig,
  getFunctionEventInvokeConfig,
  listFunctionEventInvokeConfigs,
  putFunctionEventInvokeConfig,
  updateFunctionEventInvokeConfig,
} from "./event-invoke";
import {
  createFunction,
  deleteFunction,
  getFunction,
  getFunctionConfiguration,
  listFunctions,
  updateFunctionCode,
  updateFunctionConfiguration,
} from "./functions";
import { deleteLayerVersion, getLayerVersion, getLayerVersionByArn, listLayers, listLayerVersions, publishLayerVersion } from "./layers";
import { addPermission, getPolicy, removePermission } from "./policy";
import { FunctionCode, InlineFiles, LambdaSchemas } from "./schemas";
import { listTags, tagResource, untagResource } from "./tags";
import { listVersionsByFunction, publishVersion } from "./versions";

export type LambdaOperation<S extends z.ZodTypeAny, O> = ServiceOperation<S, O>;

function op<S extends z.ZodTypeAny, O>(input: S, handler: LambdaOperation<S, O>["handler"]): LambdaOperation<S, O> {
  return { input, handler };
}

/** An operation that changes what invocations run or may run: the workers hear of it once it succeeds. */
function change<S extends z.ZodTypeAny, O>(input: S, handler: LambdaOperation<S, O>["handler"]): LambdaOperation<S, O> {
  return {
    input,
    async handler(db, ctx, params) {
      const output = await handler(db, ctx, params);
      await announceFunctionsChanged(db);
      return output;
    },
  };
}

const s = LambdaSchemas;

export const lambdaOperations = {
  CreateFunction: change(s.CreateFunction, createFunction),
  GetFunction: op(s.GetFunction, getFunction),
  GetFunctionConfiguration: op(s.GetFunctionConfiguration, getFunctionConfiguration),
  UpdateFunctionCode: change(s.UpdateFunctionCode, updateFunctionCode),
  UpdateFunctionConfiguration: change(s.UpdateFunctionConfiguration, updateFunctionConfiguration),
  DeleteFunction: change(s.DeleteFunction, deleteFunction),
  ListFunctions: op(s.ListFunctions, listFunctions),
  PublishVersion: change(s.PublishVersion, publishVersion),
  ListVersionsByFunction: op(s.ListVersionsByFunction, listVersionsByFunction),
  CreateAlias: change(s.CreateAlias, createAlias),
  GetAlias: op(s.GetAlias, getAlias),
  UpdateAlias: change(s.UpdateAlias, updateAlias),
  DeleteAlias: change(s.DeleteAlias, deleteAlias),
  ListAliases: op(s.ListAliases, listAliases),
  PutFunctionConcurrency: change(s.PutFunctionConcurrency, putFunctionConcurrency),
  GetFunctionConcurrency: op(s.GetFunctionConcurrency, getFunctionConcurrency),
  DeleteFunctionConcurrency: change(s.DeleteFunctionConcurrency, deleteFunctionConcurrency),
  PutProvisionedConcurrencyConfig: op(s.PutProvisionedConcurrencyConfig, putProvisionedConcurrencyConfig),
  GetProvisionedConcurrencyConfig: op(s.GetProvisionedConcurrencyConfig, getProvisionedConcurrencyConfig),
  DeleteProvisionedConcurrencyConfig: op(s.DeleteProvisionedConcurrencyConfig, deleteProvisionedConcurrencyConfig),
  ListProvisionedConcurrencyConfigs: op(s.ListProvisionedConcurrencyConfigs, listProvisionedConcurrencyConfigs),
  PutFunctionEventInvokeConfig: change(s.PutFunctionEventInvokeConfig, putFunctionEventInvokeConfig),
  GetFunctionEventInvokeConfig: op(s.GetFunctionEventInvokeConfig, getFunctionEventInvokeConfig),
  UpdateFunctionEventInvokeConfig: change(s.UpdateFunctionEventInvokeConfig, updateFunctionEventInvokeConfig),
  DeleteFunctionEventInvokeConfig: change(s.DeleteFunctionEventInvokeConfig, deleteFunctionEventInvokeConfig),
  ListFunctionEventInvokeConfigs: op(s.ListFunctionEventInvokeConfigs, listFunctionEventInvokeConfigs),
  CreateEventSourceMapping: op(s.CreateEventSourceMapping, createEventSourceMapping),
  GetEventSourceMapping: op(s.GetEventSourceMapping, getEventSourceMapping),
  UpdateEventSourceMapping: op(s.UpdateEventSourceMapping, updateEventSourceMapping),
  DeleteEventSourceMapping: op(s.DeleteEventSourceMapping, deleteEventSourceMapping),
  ListEventSourceMappings: op(s.ListEventSourceMappings, listEventSourceMappings),
  PublishLayerVersion: op(s.PublishLayerVersion, publishLayerVersion),
  ListLayers: op(s.ListLayers, listLayers),
  ListLayerVersions: op(s.ListLayerVersions, listLayerVersions),
  GetLayerVersion: op(s.GetLayerVersion, getLayerVersion),
  GetLayerVersionByArn: op(s.GetLayerVersionByArn, getLayerVersionByArn),
  DeleteLayerVersion: op(s.DeleteLayerVersion, deleteLayerVersion),
  AddPermission: change(s.AddPermission, addPermission),
  RemovePermission: change(s.RemovePermission, removePermission),
  GetPolicy: op(s.GetPolicy, getPolicy),
  TagResource: op(s.TagResource, tagResource),
  UntagResource: op(s.UntagResource, untagResource),
  ListTags: op(s.ListTags, listTags),
  GetAccountSettings: op(s.GetAccountSettings, (db, ctx) => getAccountSettings(db, ctx)),
};

export type LambdaOperationName = keyof typeof lambdaOperations;

/**
 * The console's variants (tRPC only): code may come as the inline editor's files, which are zipped
 * into the ZipFile the operation takes.
 */
const oneSource = (code: { ZipFile?: unknown; InlineFiles?: unknown }) => code.ZipFile === undefined || code.InlineFiles === undefined;
const ONE_SOURCE = "Give either ZipFile or InlineFiles, not both";
const WithInlineFiles = FunctionCode.extend({ InlineFiles: InlineFiles.optional() }).refine(oneSource, ONE_SOURCE);

export const lambdaConsoleOperations = {
  CreateFunction: change(s.CreateFunction.extend({ Code: WithInlineFiles }), (db, ctx, { Code: { InlineFiles: files, ...code }, ...input }) =>
    createFunction(db, ctx, { ...input, Code: files ? { ...code, ZipFile: zipInlineFiles(files) } : code }),
  ),
  UpdateFunctionCode: change(s.UpdateFunctionCode.extend({ InlineFiles: InlineFiles.optional() }).refine(oneSource, ONE_SOURCE), (db, ctx, { InlineFiles: files, ...input }) =>
    updateFunctionCode(db, ctx, files ? { ...input, ZipFile: zipInlineFiles(files) } : input),
  ),
};
