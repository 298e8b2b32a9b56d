/**
 * API Gateway's management API on the gateway: restJson1 under `/restapis/…`, `/apikeys/…`, `/usageplans/…`
 * and `/tags/…`, signed for `apigateway`. Invocations (`/restapis/{id}/{stage}/_user_request_/…`) are not among these routes.
 */
import type { z } from "zod";
import { prisma } from "../../db/client";
import type { CallContext } from "../../services/context";
import { apiKeyArn } from "../../services/apigateway/api-keys";
import { ApigwErrors } from "../../services/apigateway/errors";
import type { ExportedDocument } from "../../services/apigateway/openapi/export";
import { type ApigwOperation, type ApigwOperationName, apigwOperations } from "../../services/apigateway/operations";
import { ApigwSchemas } from "../../services/apigateway/schemas";
import { restApiArn } from "../../services/apigateway/tags";
import { usagePlanArn } from "../../services/apigateway/usage-plans";
import { coerceStringScalars } from "../protocols/coerce";
import { parseJsonObject } from "../protocols/json";
import type { OperationRegistry, RestBinding, RestRequest } from "../registry";
import { headerValue } from "../request";

const API = "/restapis/{restApiId}";
const RESOURCE = `${API}/resources/{resourceId}`;
const METHOD = `${RESOURCE}/methods/{httpMethod}`;
const INTEGRATION = `${METHOD}/integration`;
const USAGE_PLAN = "/usageplans/{usagePlanId}";

/** The default input (JSON body, query, path labels), with repeated query parameters (`embed`, `tagKeys`) as lists. */
function withQueryLists(schema: z.ZodTypeAny, lists: readonly string[]): (req: RestRequest) => unknown {
  return (req) =>
    coerceStringScalars(schema, {
      ...parseJsonObject(req.body),
      ...Object.fromEntries(req.query),
      ...Object.fromEntries(lists.map((name) => [name, req.query.getAll(name)])),
      ...req.pathParams,
    });
}

/** PutIntegration's body names the integration's own method `httpMethod`, which the path label also is. */
function putIntegrationInput(req: RestRequest): unknown {
  const { httpMethod, ...body } = parseJsonObject(req.body);
  return coerceStringScalars(ApigwSchemas.PutIntegration, { ...body, integrationHttpMethod: httpMethod, ...req.pathParams });
}

/** GetApiKeys and GetUsagePlanKeys take `nameQuery` from the `name` query parameter. */
function withNameQuery(schema: z.ZodTypeAny): (req: RestRequest) => unknown {
  return (req) => {
    const { name, ...query } = Object.fromEntries(req.query);
    return coerceStringScalars(schema, { ...query, ...(name !== undefined && { nameQuery: name }), ...req.pathParams });
  };
}

/** The query string's parameters, but for presigning ones (`X-Amz-*`). */
const queryParameters = (req: RestRequest) => Object.fromEntries([...req.query].filter(([key]) => !key.startsWith("X-Amz-")));

/**
 * ImportRestApi and PutRestApi: the raw body is the OpenAPI document; `failonwarnings` and `mode` are
 * query members and every other query parameter is one of `parameters` (ImportRestApi's own `mode=import`
 * is not among its input's members, so its schema drops it).
 */
function openApiDocumentInput(schema: z.ZodTypeAny): (req: RestRequest) => unknown {
  return (req) => {
    const { failonwarnings, mode, ...parameters } = queryParameters(req);
    return coerceStringScalars(schema, { ...req.pathParams, body: req.body, failOnWarnings: failonwarnings, mode, parameters });
  };
}

/** GetExport answers with the document itself, typed by its Content-Type; the SDK reads the headers as members. */
const exportRoute: RestBinding<ExportedDocument> = {
  method: "GET",
  path: `${API}/stages/{stageName}/exports/{exportType}`,
  decode: (req) => ({ ...req.pathParams, accepts: headerValue(req, "accept"), parameters: queryParameters(req) }),
  encode: (output) => ({ status: 200, headers: { "content-type": output.contentType, "content-disposition": output.contentDisposition }, body: output.body }),
};

/** Every operation's method, URI template and success status, as the SDK's model declares them. */
const ROUTES: Record<ApigwOperationName, RestBinding> = {
  CreateRestApi: { method: "POST", path: "/restapis", successStatus: 201 },
  GetRestApi: { method: "GET", path: API },
  GetRestApis: { method: "GET", path: "/restapis" },
  UpdateRestApi: { method: "PATCH", path: API },
  DeleteRestApi: { method: "DELETE", path: API, successStatus: 202 },
  ImportRestApi: { method: "POST", path: "/restapis?mode=import", successStatus: 201, decode: openApiDocumentInput(ApigwSchemas.ImportRestApi) },
  PutRestApi: { method: "PUT", path: API, decode: openApiDocumentInput(ApigwSchemas.PutRestApi) },
  GetExport: exportRoute,
  CreateResource: { method: "POST", path: `${API}/resources/{parentId}`, successStatus: 201 },
  GetResource: { method: "GET", path: RESOURCE, decode: withQueryLists(ApigwSchemas.GetResource, ["embed"]) },
  GetResources: { method: "GET", path: `${API}/resources`, decode: withQueryLists(ApigwSchemas.GetResources, ["embed"]) },
  UpdateResource: { method: "PATCH", path: RESOURCE },
  DeleteResource: { method: "DELETE", path: RESOURCE, successStatus: 202 },
  PutMethod: { method: "PUT", path: METHOD, successStatus: 201 },
  GetMethod: { method: "GET", path: METHOD },
  UpdateMethod: { method: "PATCH", path: METHOD },
  DeleteMethod: { method: "DELETE", path: METHOD, successStatus: 204 },
  TestInvokeMethod: { method: "POST", path: METHOD },
  PutMethodResponse: { method: "PUT", path: `${METHOD}/responses/{statusCode}`, successStatus: 201 },
  GetMethodResponse: { method: "GET", path: `${METHOD}/responses/{statusCode}` },
  UpdateMethodResponse: { method: "PATCH", path: `${METHOD}/responses/{statusCode}`, successStatus: 201 },
  DeleteMethodResponse: { method: "DELETE", path: `${METHOD}/responses/{statusCode}`, successStatus: 204 },
  PutIntegration: { method: "PUT", path: INTEGRATION, successStatus: 201, decode: putIntegrationInput },
  GetIntegration: { method: "GET", path: INTEGRATION },
  UpdateIntegration: { method: "PATCH", path: INTEGRATION },
  DeleteIntegration: { method: "DELETE", path: INTEGRATION, successStatus: 204 },
  PutIntegrationResponse: { method: "PUT", path: `${INTEGRATION}/responses/{statusCode}`, successStatus: 201 },
  GetIntegrationResponse: { method: "GET", path: `${INTEGRATION}/responses/{statusCode}` },
  UpdateIntegrationResponse: { method: "PATCH", path: `${INTEGRATION}/responses/{statusCode}` },
  DeleteIntegrationResponse: { method: "DELETE", path: `${INTEGRATION}/responses/{statusCode}`, successStatus: 204 },
  CreateAuthorizer: { method: "POST", path: `${API}/authorizers`, successStatus: 201 },
  GetAuthorizer: { method: "GET", path: `${API}/authorizers/{authorizerId}` },
  GetAuthorizers: { method: "GET", path: `${API}/authorizers` },
  UpdateAuthorizer: { method: "PATCH", path: `${API}/authorizers/{authorizerId}` },
  DeleteAuthorizer: { method: "DELETE", path: `${API}/authorizers/{authorizerId}`, successStatus: 202 },
  PutGatewayResponse: { method: "PUT", path: `${API}/gatewayresponses/{responseType}`, successStatus: 201 },
  GetGatewayResponse: { method: "GET", path: `${API}/gatewayresponses/{responseType}` },
  GetGatewayResponses: { method: "GET", path: `${API}/gatewayresponses` },
  UpdateGatewayResponse: { method: "PATCH", path: `${API}/gatewayresponses/{responseType}` },
  DeleteGatewayResponse: { method: "DELETE", path: `${API}/gatewayresponses/{responseType}`, successStatus: 202 },
  CreateRequestValidator: { method: "POST", path: `${API}/requestvalidators`, successStatus: 201 },
  GetRequestValidator: { method: "GET", path: `${API}/requestvalidators/{requestValidatorId}` },
  GetRequestValidators: { method: "GET", path: `${API}/requestvalidators` },
  UpdateRequestValidator: { method: "PATCH", path: `${API}/requestvalidators/{requestValidatorId}` },
  DeleteRequestValidator: { method: "DELETE", path: `${API}/requestvalidators/{requestValidatorId}`, successStatus: 202 },
  CreateModel: { method: "POST", path: `${API}/models`, successStatus: 201 },
  GetModel: { method: "GET", path: `${API}/models/{modelName}` },
  GetModels: { method: "GET", path: `${API}/models` },
  UpdateModel: { method: "PATCH", path: `${API}/models/{modelName}` },
  DeleteModel: { method: "DELETE", path: `${API}/models/{modelName}`, successStatus: 202 },
  CreateDeployment: { method: "POST", path: `${API}/deployments`, successStatus: 201 },
  GetDeployment: { method: "GET", path: `${API}/deployments/{deploymentId}`, decode: withQueryLists(ApigwSchemas.GetDeployment, ["embed"]) },
  GetDeployments: { method: "GET", path: `${API}/deployments` },
  UpdateDeployment: { method: "PATCH", path: `${API}/deployments/{deploymentId}` },
  DeleteDeployment: { method: "DELETE", path: `${API}/deployments/{deploymentId}`, successStatus: 202 },
  CreateStage: { method: "POST", path: `${API}/stages`, successStatus: 201 },
  GetStage: { method: "GET", path: `${API}/stages/{stageName}` },
  FlushStageCache: { method: "DELETE", path: `${API}/stages/{stageName}/cache/data`, successStatus: 202 },
  GetStages: { method: "GET", path: `${API}/stages` },
  UpdateStage: { method: "PATCH", path: `${API}/stages/{stageName}` },
  DeleteStage: { method: "DELETE", path: `${API}/stages/{stageName}`, successStatus: 202 },
  TagResource: { method: "PUT", path: "/tags/{resourceArn}", successStatus: 204 },
  UntagResource: { method: "DELETE", path: "/tags/{resourceArn}", successStatus: 204, decode: withQueryLists(ApigwSchemas.UntagResource, ["tagKeys"]) },
  GetTags: { method: "GET", path: "/tags/{resourceArn}" },
  CreateApiKey: { method: "POST", path: "/apikeys", successStatus: 201 },
  GetApiKey: { method: "GET", path: "/apikeys/{apiKey}" },
  GetApiKeys: { method: "GET", path: "/apikeys", decode: withNameQuery(ApigwSchemas.GetApiKeys) },
  UpdateApiKey: { method: "PATCH", path: "/apikeys/{apiKey}" },
  DeleteApiKey: { method: "DELETE", path: "/apikeys/{apiKey}", successStatus: 202 },
  CreateUsagePlan: { method: "POST", path: "/usageplans", successStatus: 201 },
  GetUsagePlan: { method: "GET", path: USAGE_PLAN },
  GetUsagePlans: { method: "GET", path: "/usageplans" },
  UpdateUsagePlan: { method: "PATCH", path: USAGE_PLAN },
  DeleteUsagePlan: { method: "DELETE", path: USAGE_PLAN, successStatus: 202 },
  CreateUsagePlanKey: { method: "POST", path: `${USAGE_PLAN}/keys`, successStatus: 201 },
  GetUsagePlanKey: { method: "GET", path: `${USAGE_PLAN}/keys/{keyId}` },
  GetUsagePlanKeys: { method: "GET", path: `${USAGE_PLAN}/keys`, decode: withNameQuery(ApigwSchemas.GetUsagePlanKeys) },
  DeleteUsagePlanKey: { method: "DELETE", path: `${USAGE_PLAN}/keys/{keyId}`, successStatus: 202 },
  GetUsage: { method: "GET", path: `${USAGE_PLAN}/usage` },
};

/** What the operations that create something other than an API create, by the id they answer. */
const CREATED_ARNS: Partial<Record<ApigwOperationName, (region: string, id: string) => string>> = { CreateApiKey: apiKeyArn, CreateUsagePlan: usagePlanArn };

/** The ARN an audit record names: the tagged resource, or the API, API key or usage plan the call is about. */
function auditArn(name: ApigwOperationName, ctx: CallContext, input: Record<string, unknown>, output: unknown): string | undefined {
  if (typeof input.resourceArn === "string") return input.resourceArn;
  if (typeof input.restApiId === "string") return restApiArn(ctx.region, input.restApiId);
  if (typeof input.usagePlanId === "string") return usagePlanArn(ctx.region, input.usagePlanId);
  if (typeof input.apiKey === "string") return apiKeyArn(ctx.region, input.apiKey);
  if (typeof output === "object" && output !== null && "id" in output && typeof output.id === "string") return (CREATED_ARNS[name] ?? restApiArn)(ctx.region, output.id);
  return undefined;
}

export function registerApigatewayOperations(registry: OperationRegistry): void {
  // Input that fails the schema (a missing or mistyped member) is a BadRequestException, as API Gateway answers it.
  registry.registerService({ name: "apigateway", validationError: (_error, message) => ApigwErrors.badRequest(message) });
  for (const name of Object.keys(apigwOperations) as ApigwOperationName[]) {
    const operation: ApigwOperation<z.ZodTypeAny, unknown> = apigwOperations[name];
    registry.register({
      service: "apigateway",
      name,
      input: operation.input,
      handler: (ctx, input) => operation.handler(prisma(), ctx, input),
      resourceArn: (ctx, input: Record<string, unknown>, output) => auditArn(name, ctx, input, output),
      protocols: { restJson1: ROUTES[name] },
    });
  }
}
