/**
 * Serving a request to a deployed API: find the stage (or its canary) and the method, check the
 * method's authorization, meter it against the stage's and the account's throttling, and run its integration.
 */
import { checkApiKey } from "./api-keys";
import { type AuthorizerResults, authorizeWithLambda } from "./authorizers";
import type { CallService } from "./aws-service";
import { cachePlan, fromCache, keep } from "./cache";
import { customise } from "./gateway-responses";
import { observe, type Served } from "./observe";
import { type CallerIdentity, type IamCaller, type RequestContext, requestContext } from "./context";
import type { DeployedApi, DeployedApis, ServedDeployment } from "./deployed";
import { ExecutionLog } from "./execution-log";
import { isBinaryMediaType } from "./binary";
import { runIntegration } from "./integrations";
import { type ApiRequest, headerOf } from "./request";
import { type ApiResponse, gatewayResponse } from "./responses";
import type { RouteMatch } from "./routes";
import { admit, admitForAccount, methodSetting } from "./throttle";
import { authorizeWithUserPool } from "./user-pool-authorizer";
import { validateRequest } from "./validation";

export interface ExecuteDeps {
  apis: DeployedApis;
  authorizerResults: AuthorizerResults;
  /**
   * Verifies an AWS_IAM method's SigV4 signature (service `execute-api`): the signer, or the gateway
   * response to refuse the request with.
   */
  authenticateIam(req: ApiRequest): Promise<IamCaller | ApiResponse>;
  /** [0, 1): decides canary traffic. */
  random?: () => number;
  callService?: CallService;
}

/** The deployment that serves this request: the canary's for its share of traffic. */
function servingDeployment(api: DeployedApi, random: number): { deployment: ServedDeployment; variables: Record<string, string> } {
  const { canary } = api;
  if (canary && random * 100 < canary.percentTraffic) return canary;
  return api;
}

/** Why an AWS_IAM method refuses the caller, if it does. */
async function authorizeIam(deps: ExecuteDeps, req: ApiRequest, api: DeployedApi, match: RouteMatch): Promise<IamCaller | ApiResponse> {
  const signed = await deps.authenticateIam(req);
  if ("status" in signed) return signed;
  // Another account's callers need a resource policy granting them execute-api:Invoke, which APIs here cannot have yet.
  if (signed.accountId !== api.accountId) {
    const resource = `arn:aws:execute-api:${api.region}:${api.accountId}:${api.restApiId}/${api.stage}/${req.method}${match.resource.path}`;
    return gatewayResponse("ACCESS_DENIED", `User: ${signed.arn} is not authorized to perform: execute-api:Invoke on resource: ${resource}`);
  }
  return signed;
}

export async function executeApiRequest(deps: ExecuteDeps, req: ApiRequest): Promise<ApiResponse> {
  const api = await deps.apis.get(req.target.restApiId, req.target.stage);
  if ("missing" in api) return gatewayResponse(api.missing === "api" ? "RESOURCE_NOT_FOUND" : "MISSING_AUTHENTICATION_TOKEN");
  const started = performance.now();
  const served = await serveStage(deps, req, api);
  // A request refused before its route matched still has what the stage knows of it.
  const context = served.context ?? { requestId: req.requestId, stage: api.stage, apiId: api.restApiId, accountId: api.accountId, httpMethod: req.method, path: req.target.path };
  const response = customise(served.response, api.deployment.gatewayResponses, { req, context, pathParameters: served.pathParameters ?? {}, stageVariables: api.variables });
  observe(api, { ...served, context }, response, performance.now() - started);
  return response;
}

async function serveStage(deps: ExecuteDeps, req: ApiRequest, api: DeployedApi): Promise<Served> {
  const refuse = (response: ApiResponse): Served => ({ response });
  if (api.config.disableExecuteApiEndpoint) return refuse(gatewayResponse("ACCESS_DENIED"));
  const serving = servingDeployment(api, (deps.random ?? Math.random)());
  const match = serving.deployment.routes.match(req.method, req.target.path);
  if (!match) return refuse(gatewayResponse("MISSING_AUTHENTICATION_TOKEN"));
  const { method } = match;
  const matched = (response: ApiResponse): Served => ({ response, pathParameters: match.pathParameters, context: { ...requestContext(req, api, serving.deployment.deploymentId, match) } });

  let identity: CallerIdentity = {};
  switch (method.authorizationType) {
    case "NONE":
      break;
    case "AWS_IAM": {
      const authorized = await authorizeIam(deps, req, api, match);
      if ("status" in authorized) return matched(authorized);
      identity = { caller: authorized };
      break;
    }
    case "CUSTOM": {
      const authorizer = method.authorizerId === undefined ? undefined : serving.deployment.authorizers?.[method.authorizerId];
      if (!authorizer || authorizer.type === "COGNITO_USER_POOLS") return matched(gatewayResponse("AUTHORIZER_CONFIGURATION_ERROR"));
      const context = requestContext(req, api, serving.deployment.deploymentId, match);
      const authorized = await authorizeWithLambda({ req, api, authorizer, context, pathParameters: match.pathParameters, stageVariables: serving.variables, cache: deps.authorizerResults });
      if ("status" in authorized) return matched(authorized);
      identity = authorized;
      break;
    }
    case "COGNITO_USER_POOLS": {
      const authorizer = method.authorizerId === undefined ? undefined : serving.deployment.authorizers?.[method.authorizerId];
      if (authorizer?.type !== "COGNITO_USER_POOLS") return matched(gatewayResponse("AUTHORIZER_CONFIGURATION_ERROR"));
      const context = requestContext(req, api, serving.deployment.deploymentId, match);
      const authorized = await authorizeWithUserPool({ req, authorizer, context, stageVariables: serving.variables }, method.authorizationScopes);
      if ("status" in authorized) return matched(authorized);
      identity = authorized;
      break;
    }
    default:
      return matched(gatewayResponse("UNAUTHORIZED"));
  }
  if (method.apiKeyRequired) {
    const key = await checkApiKey(req, api, match.resource.path, method.httpMethod);
    if ("status" in key) return matched(key);
  }

  const invalid = validateRequest(req, method, match.pathParameters, serving.deployment);
  if (invalid) return matched(invalid);
  const setting = methodSetting(api.methodSettings, match.resource.path, method.httpMethod);
  if (setting && !(await admit(`${api.restApiId}:${api.stage}:${setting.key}`, setting.setting))) return matched(gatewayResponse("THROTTLED"));
  if (!(await admitForAccount(api.accountId, api.region))) return matched(gatewayResponse("THROTTLED"));

  const plan = method.methodIntegration && cachePlan(req, api, setting?.setting, method.methodIntegration, match.pathParameters, identity.caller !== undefined);
  if (plan && "refused" in plan) return matched(gatewayResponse("ACCESS_DENIED"));
  const cached = plan && (await fromCache(plan));
  if (cached) return { ...matched(cached), cache: "hit" };
  const context = requestContext(req, api, serving.deployment.deploymentId, match, identity);
  const logLevel = setting?.setting.loggingLevel;
  const log = logLevel === "INFO" || logLevel === "ERROR" ? new ExecutionLog(req.requestId) : undefined;
  const began = performance.now();
  const response = await executeMethod({ req, api, match, context, stageVariables: serving.variables, callService: deps.callService, log });
  if (plan) void keep(plan, response);
  return {
    response,
    integrationLatencyMs: performance.now() - began,
    ...(plan && { cache: "miss" as const }),
    context: { ...context },
    pathParameters: match.pathParameters,
    log,
    logLevel,
  };
}

/** Runs the matched method's integration (what TestInvokeMethod runs too, without authorization or throttling). */
export function executeMethod(call: {
  req: ApiRequest;
  api: DeployedApi;
  match: RouteMatch;
  context: RequestContext;
  stageVariables: Record<string, string>;
  log?: ExecutionLog;
  callService?: CallService;
}): Promise<ApiResponse> {
  const { req, api, match } = call;
  const integration = match.method.methodIntegration;
  if (!integration) return Promise.resolve(gatewayResponse("API_CONFIGURATION_ERROR"));
  return runIntegration({
    req,
    api,
    integration,
    context: call.context,
    pathParameters: match.pathParameters,
    stageVariables: call.stageVariables,
    binary: isBinaryMediaType(headerOf(req, "content-type"), api.config.binaryMediaTypes),
    log: call.log,
    callService: call.callService,
  });
}
