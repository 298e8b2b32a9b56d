/**
 * API Gateway's management API on the gateway: restJson1 under `/restapis/…` and `/tags/…`, signed
 * for `apigateway`. Invocations (`/restapis/{id}/{stage}/_user_request_/…`) are not among these routes.
 */
import type { z } from "zod";
import { prisma } from "../../db/client";
import type { CallContext } from "../../services/context";
import { ApigwErrors } from "../../services/apigateway/errors";
import { type ApigwOperation, type ApigwOperationName, apigwOperations } from "../../services/apigateway/operations";
import { ApigwSchemas } from "../../services/apigateway/schemas";
import { restApiArn } from "../../services/apigateway/tags";
import { coerceStringScalars } from "../protocols/coerce";
import { parseJsonObject } from "../protocols/json";
import type { OperationRegistry, RestBinding, RestRequest } from "../registry";

const API = "/restapis/{restApiId}";
const RESOURCE = `${API}/resources/{resourceId}`;
const METHOD = `${RESOURCE}/methods/{httpMethod}`;
const INTEGRATION = `${METHOD}/integration`;

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

/** Every operation's method, URI template and success status, as the SDK's model declares them. */
const ROUTES: Record<ApigwOperationName, RestBinding> = {
  CreateRestApi: { method: "POST", path: "/restapis", successStatus: 201 },
  GetRestApi: { method: "GET", path: API },
  GetRestApis: { method: "GET", path: "/restapis" },
  UpdateRestApi: { method: "PATCH", path: API },
  DeleteRestApi: { method: "DELETE", path: API, successStatus: 202 },
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
  GetStages: { method: "GET", path: `${API}/stages` },
  UpdateStage: { method: "PATCH", path: `${API}/stages/{stageName}` },
  DeleteStage: { method: "DELETE", path: `${API}/stages/{stageName}`, successStatus: 202 },
  TagResource: { method: "PUT", path: "/tags/{resourceArn}", successStatus: 204 },
  UntagResource: { method: "DELETE", path: "/tags/{resourceArn}", successStatus: 204, decode: withQueryLists(ApigwSchemas.UntagResource, ["tagKeys"]) },
  GetTags: { method: "GET", path: "/tags/{resourceArn}" },
};

/** The ARN an audit record names: the tagged resource, or the API the call is about. */
function auditArn(ctx: CallContext, input: Record<string, unknown>, output: unknown): string | undefined {
  if (typeof input.resourceArn === "string") return input.resourceArn;
  if (typeof input.restApiId === "string") return restApiArn(ctx.region, input.restApiId);
  if (typeof output === "object" && output !== null && "id" in output && typeof output.id === "string") return restApiArn(ctx.region, output.id);
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
      resourceArn: (ctx, input: Record<string, unknown>, output) => auditArn(ctx, input, output),
      protocols: { restJson1: ROUTES[name] },
    });
  }
}
