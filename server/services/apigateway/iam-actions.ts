/**
 * API Gateway's management operations as IAM actions: the action is the request's HTTP method
 * (`apigateway:PATCH`) and the resource its path, `arn:aws:apigateway:<region>::/restapis/<id>/…`
 * (no account), with the tagged resource's ARN URL-encoded under `/tags/`. Each path is the
 * operation's restJson1 URI template (server/gateway/services/apigateway.ts), filled from its input.
 */
import { arn } from "../../lib/arn";
import type { ActionEntry, InputReader } from "../iam/authorization/request-actions";
import type { ApigwOperationName } from "./operations";

const LABEL = /^\{(\w+)\}$/;

/** The template's path with each `{member}` label replaced by that member, URL-encoded; null when one is missing. */
function fill(template: string, input: InputReader): string | null {
  const segments: string[] = [];
  for (const segment of template.split("/")) {
    const member = LABEL.exec(segment)?.[1];
    const value = member === undefined ? segment : input.string(member);
    if (value === null) return null;
    segments.push(member === undefined ? value : encodeURIComponent(value));
  }
  return segments.join("/");
}

function call(method: string, template: string): ActionEntry {
  return {
    action: method,
    resource: (input, scope) => {
      const path = fill(template, input);
      return path && arn("apigateway", scope.region, "", path);
    },
  };
}

const get = (template: string) => call("GET", template);
const post = (template: string) => call("POST", template);
const put = (template: string) => call("PUT", template);
const patch = (template: string) => call("PATCH", template);
const del = (template: string) => call("DELETE", template);

const apis = "/restapis";
const api = `${apis}/{restApiId}`;
const resource = `${api}/resources/{resourceId}`;
const method = `${resource}/methods/{httpMethod}`;
const methodResponse = `${method}/responses/{statusCode}`;
const integration = `${method}/integration`;
const integrationResponse = `${integration}/responses/{statusCode}`;
const authorizer = `${api}/authorizers/{authorizerId}`;
const gatewayResponse = `${api}/gatewayresponses/{responseType}`;
const validator = `${api}/requestvalidators/{requestValidatorId}`;
const model = `${api}/models/{modelName}`;
const deployment = `${api}/deployments/{deploymentId}`;
const stage = `${api}/stages/{stageName}`;
const tags = "/tags/{resourceArn}";
const apiKey = "/apikeys/{apiKey}";
const plan = "/usageplans/{usagePlanId}";

export const apigatewayActions = {
  CreateRestApi: post(apis),
  GetRestApi: get(api),
  GetRestApis: get(apis),
  UpdateRestApi: patch(api),
  DeleteRestApi: del(api),
  ImportRestApi: post(apis),
  PutRestApi: put(api),
  GetExport: get(`${stage}/exports/{exportType}`),
  CreateResource: post(`${api}/resources/{parentId}`),
  GetResource: get(resource),
  GetResources: get(`${api}/resources`),
  UpdateResource: patch(resource),
  DeleteResource: del(resource),
  PutMethod: put(method),
  GetMethod: get(method),
  UpdateMethod: patch(method),
  DeleteMethod: del(method),
  TestInvokeMethod: post(method),
  PutMethodResponse: put(methodResponse),
  GetMethodResponse: get(methodResponse),
  UpdateMethodResponse: patch(methodResponse),
  DeleteMethodResponse: del(methodResponse),
  PutIntegration: put(integration),
  GetIntegration: get(integration),
  UpdateIntegration: patch(integration),
  DeleteIntegration: del(integration),
  PutIntegrationResponse: put(integrationResponse),
  GetIntegrationResponse: get(integrationResponse),
  UpdateIntegrationResponse: patch(integrationResponse),
  DeleteIntegrationResponse: del(integrationResponse),
  CreateAuthorizer: post(`${api}/authorizers`),
  GetAuthorizer: get(authorizer),
  GetAuthorizers: get(`${api}/authorizers`),
  UpdateAuthorizer: patch(authorizer),
  DeleteAuthorizer: del(authorizer),
  PutGatewayResponse: put(gatewayResponse),
  GetGatewayResponse: get(gatewayResponse),
  GetGatewayResponses: get(`${api}/gatewayresponses`),
  UpdateGatewayResponse: patch(gatewayResponse),
  DeleteGatewayResponse: del(gatewayResponse),
  CreateRequestValidator: post(`${api}/requestvalidators`),
  GetRequestValidator: get(validator),
  GetRequestValidators: get(`${api}/requestvalidators`),
  UpdateRequestValidator: patch(validator),
  DeleteRequestValidator: del(validator),
  CreateModel: post(`${api}/models`),
  GetModel: get(model),
  GetModels: get(`${api}/models`),
  UpdateModel: patch(model),
  DeleteModel: del(model),
  CreateDeployment: post(`${api}/deployments`),
  GetDeployment: get(deployment),
  GetDeployments: get(`${api}/deployments`),
  UpdateDeployment: patch(deployment),
  DeleteDeployment: del(deployment),
  CreateStage: post(`${api}/stages`),
  GetStage: get(stage),
  FlushStageCache: del(`${stage}/cache/data`),
  GetStages: get(`${api}/stages`),
  UpdateStage: patch(stage),
  DeleteStage: del(stage),
  TagResource: put(tags),
  UntagResource: del(tags),
  GetTags: get(tags),
  CreateApiKey: post("/apikeys"),
  GetApiKey: get(apiKey),
  GetApiKeys: get("/apikeys"),
  UpdateApiKey: patch(apiKey),
  DeleteApiKey: del(apiKey),
  CreateUsagePlan: post("/usageplans"),
  GetUsagePlan: get(plan),
  GetUsagePlans: get("/usageplans"),
  UpdateUsagePlan: patch(plan),
  DeleteUsagePlan: del(plan),
  CreateUsagePlanKey: post(`${plan}/keys`),
  GetUsagePlanKey: get(`${plan}/keys/{keyId}`),
  GetUsagePlanKeys: get(`${plan}/keys`),
  DeleteUsagePlanKey: del(`${plan}/keys/{keyId}`),
  GetUsage: get(`${plan}/usage`),
} satisfies Record<ApigwOperationName, ActionEntry>;
