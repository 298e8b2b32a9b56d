import type { z } from "zod";
import { EnableCorsInput, enableCors } from "../../services/apigateway/cors";
import { importFromConsole, listRestApis, resourceTree, ResourceTreeInput } from "../../services/apigateway/console";
import { StageMetricsInput, stageMetrics } from "../../services/apigateway/metrics";
import { type ApigwOperationName, apigwOperations } from "../../services/apigateway/operations";
import type { ServiceOperation } from "../../services/operation";
import { operationMutation, operationQuery } from "../operations";
import { createTRPCRouter, teamProcedure } from "../trpc";

const apigwMutation = <S extends z.ZodTypeAny, O>(name: ApigwOperationName, operation: ServiceOperation<S, O>) => operationMutation(`apigateway:${name}`, operation);

const ops = apigwOperations;

export const apigatewayRouter = createTRPCRouter({
  createRestApi: apigwMutation("CreateRestApi", ops.CreateRestApi),
  getRestApi: operationQuery(ops.GetRestApi),
  getRestApis: operationQuery(ops.GetRestApis),
  updateRestApi: apigwMutation("UpdateRestApi", ops.UpdateRestApi),
  deleteRestApi: apigwMutation("DeleteRestApi", ops.DeleteRestApi),
  importRestApi: apigwMutation("ImportRestApi", importFromConsole),
  getExport: operationQuery(ops.GetExport),
  createResource: apigwMutation("CreateResource", ops.CreateResource),
  getResource: operationQuery(ops.GetResource),
  getResources: operationQuery(ops.GetResources),
  updateResource: apigwMutation("UpdateResource", ops.UpdateResource),
  deleteResource: apigwMutation("DeleteResource", ops.DeleteResource),
  putMethod: apigwMutation("PutMethod", ops.PutMethod),
  getMethod: operationQuery(ops.GetMethod),
  updateMethod: apigwMutation("UpdateMethod", ops.UpdateMethod),
  deleteMethod: apigwMutation("DeleteMethod", ops.DeleteMethod),
  testInvokeMethod: apigwMutation("TestInvokeMethod", ops.TestInvokeMethod),
  putMethodResponse: apigwMutation("PutMethodResponse", ops.PutMethodResponse),
  getMethodResponse: operationQuery(ops.GetMethodResponse),
  updateMethodResponse: apigwMutation("UpdateMethodResponse", ops.UpdateMethodResponse),
  deleteMethodResponse: apigwMutation("DeleteMethodResponse", ops.DeleteMethodResponse),
  putIntegration: apigwMutation("PutIntegration", ops.PutIntegration),
  getIntegration: operationQuery(ops.GetIntegration),
  updateIntegration: apigwMutation("UpdateIntegration", ops.UpdateIntegration),
  deleteIntegration: apigwMutation("DeleteIntegration", ops.DeleteIntegration),
  putIntegrationResponse: apigwMutation("PutIntegrationResponse", ops.PutIntegrationResponse),
  getIntegrationResponse: operationQuery(ops.GetIntegrationResponse),
  updateIntegrationResponse: apigwMutation("UpdateIntegrationResponse", ops.UpdateIntegrationResponse),
  deleteIntegrationResponse: apigwMutation("DeleteIntegrationResponse", ops.DeleteIntegrationResponse),
  createAuthorizer: apigwMutation("CreateAuthorizer", ops.CreateAuthorizer),
  getAuthorizer: operationQuery(ops.GetAuthorizer),
  getAuthorizers: operationQuery(ops.GetAuthorizers),
  updateAuthorizer: apigwMutation("UpdateAuthorizer", ops.UpdateAuthorizer),
  deleteAuthorizer: apigwMutation("DeleteAuthorizer", ops.DeleteAuthorizer),
  createRequestValidator: apigwMutation("CreateRequestValidator", ops.CreateRequestValidator),
  getRequestValidator: operationQuery(ops.GetRequestValidator),
  getRequestValidators: operationQuery(ops.GetRequestValidators),
  updateRequestValidator: apigwMutation("UpdateRequestValidator", ops.UpdateRequestValidator),
  deleteRequestValidator: apigwMutation("DeleteRequestValidator", ops.DeleteRequestValidator),
  createModel: apigwMutation("CreateModel", ops.CreateModel),
  getModel: operationQuery(ops.GetModel),
  getModels: operationQuery(ops.GetModels),
  updateModel: apigwMutation("UpdateModel", ops.UpdateModel),
  deleteModel: apigwMutation("DeleteModel", ops.DeleteModel),
  createDeployment: apigwMutation("CreateDeployment", ops.CreateDeployment),
  getDeployment: operationQuery(ops.GetDeployment),
  getDeployments: operationQuery(ops.GetDeployments),
  updateDeployment: apigwMutation("UpdateDeployment", ops.UpdateDeployment),
  deleteDeployment: apigwMutation("DeleteDeployment", ops.DeleteDeployment),
  createStage: apigwMutation("CreateStage", ops.CreateStage),
  getStage: operationQuery(ops.GetStage),
  getStages: operationQuery(ops.GetStages),
  updateStage: apigwMutation("UpdateStage", ops.UpdateStage),
  deleteStage: apigwMutation("DeleteStage", ops.DeleteStage),
  tagResource: apigwMutation("TagResource", ops.TagResource),
  untagResource: apigwMutation("UntagResource", ops.UntagResource),
  getTags: operationQuery(ops.GetTags),
  createApiKey: apigwMutation("CreateApiKey", ops.CreateApiKey),
  getApiKey: operationQuery(ops.GetApiKey),
  getApiKeys: operationQuery(ops.GetApiKeys),
  updateApiKey: apigwMutation("UpdateApiKey", ops.UpdateApiKey),
  deleteApiKey: apigwMutation("DeleteApiKey", ops.DeleteApiKey),
  createUsagePlan: apigwMutation("CreateUsagePlan", ops.CreateUsagePlan),
  getUsagePlan: operationQuery(ops.GetUsagePlan),
  getUsagePlans: operationQuery(ops.GetUsagePlans),
  updateUsagePlan: apigwMutation("UpdateUsagePlan", ops.UpdateUsagePlan),
  deleteUsagePlan: apigwMutation("DeleteUsagePlan", ops.DeleteUsagePlan),
  createUsagePlanKey: apigwMutation("CreateUsagePlanKey", ops.CreateUsagePlanKey),
  getUsagePlanKey: operationQuery(ops.GetUsagePlanKey),
  getUsagePlanKeys: operationQuery(ops.GetUsagePlanKeys),
  deleteUsagePlanKey: apigwMutation("DeleteUsagePlanKey", ops.DeleteUsagePlanKey),
  getUsage: operationQuery(ops.GetUsage),
  getStageMetrics: teamProcedure()
    .input(StageMetricsInput)
    .query(({ ctx, input }) => stageMetrics(ctx.db, ctx.call, input)),
  enableCors: operationMutation("apigateway:EnableCors", { input: EnableCorsInput, handler: enableCors }),
  // Console read models.
  listRestApis: teamProcedure().query(({ ctx }) => listRestApis(ctx.db, ctx.call)),
  resourceTree: teamProcedure()
    .input(ResourceTreeInput)
    .query(({ ctx, input }) => resourceTree(ctx.db, ctx.call, input)),
});
