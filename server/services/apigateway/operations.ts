/**
 * API Gateway's management operations as one table: AWS name → input schema and domain function.
 * Changes need the developer role (viewers may only read).
 */
import type { z } from "zod";
import { requireRole } from "../accounts/roles";
import type { ServiceOperation } from "../operation";
import { createApiKey, deleteApiKey, getApiKey, getApiKeys, updateApiKey } from "./api-keys";
import { createModel, deleteModel, getModel, getModels, updateModel } from "./api-models";
import { createAuthorizer, deleteAuthorizer, getAuthorizer, getAuthorizers, updateAuthorizer } from "./authorizers";
import { createDeployment, deleteDeployment, getDeployment, getDeployments, updateDeployment } from "./deployments";
import {
  deleteIntegration,
  deleteIntegrationResponse,
  getIntegration,
  getIntegrationResponse,
  putIntegration,
  putIntegrationResponse,
  updateIntegration,
  updateIntegrationResponse,
} from "./integrations";
import {
  deleteMethod,
  deleteMethodResponse,
  getMethod,
  getMethodResponse,
  putMethod,
  putMethodResponse,
  updateMethod,
  updateMethodResponse,
} from "./methods";
import { getExport } from "./openapi/export";
import { importRestApi, putRestApi } from "./openapi/import";
import { createRequestValidator, deleteRequestValidator, getRequestValidator, getRequestValidators, updateRequestValidator } from "./request-validators";
import { createResource, deleteResource, getResource, getResources, updateResource } from "./resources";
import { createRestApi, deleteRestApi, getRestApi, getRestApis, updateRestApi } from "./rest-apis";
import { ApigwSchemas as s } from "./schemas";
import { flushStageCache } from "./stage-cache";
import { deleteGatewayResponse, getGatewayResponse, getGatewayResponses, putGatewayResponse, updateGatewayResponse } from "./gateway-responses";
import { createStage, deleteStage, getStage, getStages, updateStage } from "./stages";
import { getTags, tagResource, untagResource } from "./tags";
import { testInvokeMethod } from "./test-invoke";
import { getUsage } from "./usage";
import { createUsagePlanKey, deleteUsagePlanKey, getUsagePlanKey, getUsagePlanKeys } from "./usage-plan-keys";
import { createUsagePlan, deleteUsagePlan, getUsagePlan, getUsagePlans, updateUsagePlan } from "./usage-plans";

export type ApigwOperation<S extends z.ZodTypeAny, O> = ServiceOperation<S, O>;

function read<S extends z.ZodTypeAny, O>(input: S, handler: ApigwOperation<S, O>["handler"]): ApigwOperation<S, O> {
  return { input, handler };
}

function change<S extends z.ZodTypeAny, O>(name: string, input: S, handler: ApigwOperation<S, O>["handler"]): ApigwOperation<S, O> {
  return {
    input,
    handler(db, ctx, params) {
      requireRole(ctx, "developer", `apigateway:${name}`);
      return handler(db, ctx, params);
    },
  };
}

export const apigwOperations = {
  CreateRestApi: change("CreateRestApi", s.CreateRestApi, createRestApi),
  GetRestApi: read(s.GetRestApi, getRestApi),
  GetRestApis: read(s.GetRestApis, getRestApis),
  UpdateRestApi: change("UpdateRestApi", s.UpdateRestApi, updateRestApi),
  DeleteRestApi: change("DeleteRestApi", s.DeleteRestApi, deleteRestApi),
  ImportRestApi: change("ImportRestApi", s.ImportRestApi, importRestApi),
  PutRestApi: change("PutRestApi", s.PutRestApi, putRestApi),
  GetExport: read(s.GetExport, getExport),
  CreateResource: change("CreateResource", s.CreateResource, createResource),
  GetResource: read(s.GetResource, getResource),
  GetResources: read(s.GetResources, getResources),
  UpdateResource: change("UpdateResource", s.UpdateResource, updateResource),
  DeleteResource: change("DeleteResource", s.DeleteResource, deleteResource),
  PutMethod: change("PutMethod", s.PutMethod, putMethod),
  GetMethod: read(s.GetMethod, getMethod),
  UpdateMethod: change("UpdateMethod", s.UpdateMethod, updateMethod),
  DeleteMethod: change("DeleteMethod", s.DeleteMethod, deleteMethod),
  TestInvokeMethod: change("TestInvokeMethod", s.TestInvokeMethod, testInvokeMethod),
  PutMethodResponse: change("PutMethodResponse", s.PutMethodResponse, putMethodResponse),
  GetMethodResponse: read(s.GetMethodResponse, getMethodResponse),
  UpdateMethodResponse: change("UpdateMethodResponse", s.UpdateMethodResponse, updateMethodResponse),
  DeleteMethodResponse: change("DeleteMethodResponse", s.DeleteMethodResponse, deleteMethodResponse),
  PutIntegration: change("PutIntegration", s.PutIntegration, putIntegration),
  GetIntegration: read(s.GetIntegration, getIntegration),
  UpdateIntegration: change("UpdateIntegration", s.UpdateIntegration, updateIntegration),
  DeleteIntegration: change("DeleteIntegration", s.DeleteIntegration, deleteIntegration),
  PutIntegrationResponse: change("PutIntegrationResponse", s.PutIntegrationResponse, putIntegrationResponse),
  GetIntegrationResponse: read(s.GetIntegrationResponse, getIntegrationResponse),
  UpdateIntegrationResponse: change("UpdateIntegrationResponse", s.UpdateIntegrationResponse, updateIntegrationResponse),
  DeleteIntegrationResponse: change("DeleteIntegrationResponse", s.DeleteIntegrationResponse, deleteIntegrationResponse),
  CreateAuthorizer: change("CreateAuthorizer", s.CreateAuthorizer, createAuthorizer),
  GetAuthorizer: read(s.GetAuthorizer, getAuthorizer),
  GetAuthorizers: read(s.GetAuthorizers, getAuthorizers),
  UpdateAuthorizer: change("UpdateAuthorizer", s.UpdateAuthorizer, updateAuthorizer),
  DeleteAuthorizer: change("DeleteAuthorizer", s.DeleteAuthorizer, deleteAuthorizer),
  PutGatewayResponse: change("PutGatewayResponse", s.PutGatewayResponse, putGatewayResponse),
  GetGatewayResponse: read(s.GetGatewayResponse, getGatewayResponse),
  GetGatewayResponses: read(s.GetGatewayResponses, getGatewayResponses),
  UpdateGatewayResponse: change("UpdateGatewayResponse", s.UpdateGatewayResponse, updateGatewayResponse),
  DeleteGatewayResponse: change("DeleteGatewayResponse", s.DeleteGatewayResponse, deleteGatewayResponse),
  CreateRequestValidator: change("CreateRequestValidator", s.CreateRequestValidator, createRequestValidator),
  GetRequestValidator: read(s.GetRequestValidator, getRequestValidator),
  GetRequestValidators: read(s.GetRequestValidators, getRequestValidators),
  UpdateRequestValidator: change("UpdateRequestValidator", s.UpdateRequestValidator, updateRequestValidator),
  DeleteRequestValidator: change("DeleteRequestValidator", s.DeleteRequestValidator, deleteRequestValidator),
  CreateModel: change("CreateModel", s.CreateModel, createModel),
  GetModel: read(s.GetModel, getModel),
  GetModels: read(s.GetModels, getModels),
  UpdateModel: change("UpdateModel", s.UpdateModel, updateModel),
  DeleteModel: change("DeleteModel", s.DeleteModel, deleteModel),
  CreateDeployment: change("CreateDeployment", s.CreateDeployment, createDeployment),
  GetDeployment: read(s.GetDeployment, getDeployment),
  GetDeployments: read(s.GetDeployments, getDeployments),
  UpdateDeployment: change("UpdateDeployment", s.UpdateDeployment, updateDeployment),
  DeleteDeployment: change("DeleteDeployment", s.DeleteDeployment, deleteDeployment),
  CreateStage: change("CreateStage", s.CreateStage, createStage),
  GetStage: read(s.GetStage, getStage),
  FlushStageCache: change("FlushStageCache", s.FlushStageCache, flushStageCache),
  GetStages: read(s.GetStages, getStages),
  UpdateStage: change("UpdateStage", s.UpdateStage, updateStage),
  DeleteStage: change("DeleteStage", s.DeleteStage, deleteStage),
  TagResource: change("TagResource", s.TagResource, tagResource),
  UntagResource: change("UntagResource", s.UntagResource, untagResource),
  GetTags: read(s.GetTags, getTags),
  CreateApiKey: change("CreateApiKey", s.CreateApiKey, createApiKey),
  GetApiKey: read(s.GetApiKey, getApiKey),
  GetApiKeys: read(s.GetApiKeys, getApiKeys),
  UpdateApiKey: change("UpdateApiKey", s.UpdateApiKey, updateApiKey),
  DeleteApiKey: change("DeleteApiKey", s.DeleteApiKey, deleteApiKey),
  CreateUsagePlan: change("CreateUsagePlan", s.CreateUsagePlan, createUsagePlan),
  GetUsagePlan: read(s.GetUsagePlan, getUsagePlan),
  GetUsagePlans: read(s.GetUsagePlans, getUsagePlans),
  UpdateUsagePlan: change("UpdateUsagePlan", s.UpdateUsagePlan, updateUsagePlan),
  DeleteUsagePlan: change("DeleteUsagePlan", s.DeleteUsagePlan, deleteUsagePlan),
  CreateUsagePlanKey: change("CreateUsagePlanKey", s.CreateUsagePlanKey, createUsagePlanKey),
  GetUsagePlanKey: read(s.GetUsagePlanKey, getUsagePlanKey),
  GetUsagePlanKeys: read(s.GetUsagePlanKeys, getUsagePlanKeys),
  DeleteUsagePlanKey: change("DeleteUsagePlanKey", s.DeleteUsagePlanKey, deleteUsagePlanKey),
  GetUsage: read(s.GetUsage, getUsage),
};

export type ApigwOperationName = keyof typeof apigwOperations;
