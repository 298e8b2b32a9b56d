/**
 * Serving a request to a deployed API: find the stage (or its canary) and the method, check the
 * method's authorization, meter it against the stage's throttling, and run its integration.
 */
import { type AuthorizerResults, authorizeWithLambda } from "./authorizers";
import { type CallerIdentity, type IamCaller, type RequestContext, requestContext } from "./context";
import type { DeployedApi, DeployedApis, ServedDeployment } from "./deployed";
import type { ExecutionLog } from "./execution-log";
import { isBinaryMediaType } from "./binary";
import { runIntegration } from "./integrations";
import { type ApiRequest, headerOf } from "./request";
import { type ApiResponse, gatewayResponse } from "./responses";
import type { RouteMatch } from "./routes";
import { admit, methodSetting } from "./throttle";
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
  if (api.config.disableExecuteApiEndpoint) return gatewayResponse("ACCESS_DENIED");
  const serving = servingDeployment(api, (deps.random ?? Math.random)());
  const match = serving.deployment.routes.match(req.method, req.target.path);
  if (!match) return gatewayResponse("MISSING_AUTHENTICATION_TOKEN");
  const { method } = match;

  let identity: CallerIdentity = {};
  switch (method.authorizationType) {
    case "NONE":
      break;
    case "AWS_IAM": {
      const authorized = await authorizeIam(deps, req, api, match);
      if ("status" in authorized) return authorized;
      identity = { caller: authorized };
      break;
    }
    case "CUSTOM": {
      const authorizer = method.authorizerId === undefined ? undefined : serving.deployment.authorizers?.[method.authorizerId];
      if (!authorizer || authorizer.type === "COGNITO_USER_POOLS") return gatewayResponse("AUTHORIZER_CONFIGURATION_ERROR");
      const context = requestContext(req, api, serving.deployment.deploymentId, match);
      const authorized = await authorizeWithLambda({ req, api, authorizer, context, pathParameters: match.pathParameters, stageVariables: serving.variables, cache: deps.authorizerResults });
      if ("status" in authorized) return authorized;
      identity = authorized;
      break;
    }
    default:
      // COGNITO_USER_POOLS needs the user pools service, which is not built yet: refuse rather than let the request through.
      return gatewayResponse("UNAUTHORIZED");
  }

  const invalid = validateRequest(req, method, match.pathParameters, serving.deployment.requestValidators);
  if (invalid) return invalid;
  const setting = methodSetting(api.methodSettings, match.resource.path, method.httpMethod);
  if (setting && !(await admit(`${api.restApiId}:${api.stage}:${setting.key}`, setting.setting))) return gatewayResponse("THROTTLED");
  const context = requestContext(req, api, serving.deployment.deploymentId, match, identity);
  return executeMethod({ req, api, match, context, stageVariables: serving.variables });
}

/** Runs the matched method's integration (what TestInvokeMethod runs too, without authorization or throttling). */
export function executeMethod(call: {
  req: ApiRequest;
  api: DeployedApi;
  match: RouteMatch;
  context: RequestContext;
  stageVariables: Record<string, string>;
  log?: ExecutionLog;
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
  });
}
