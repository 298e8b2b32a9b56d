/**
 * Running a method's integration: Lambda and HTTP proxies hand the request through and the answer back;
 * MOCK, AWS (Lambda) and HTTP integrations map the request through parameter mappings and a mapping
 * template, call the backend, and map its answer through the chosen integration response.
 */
import type { Integration } from "../model";
import { PayloadError, renderMappingTemplate, TemplateError, type TemplateParams } from "../vtl";
import type { RequestContext } from "./context";
import { type ExecutionLog, logMap } from "./execution-log";
import type { DeployedApi } from "./deployed";
import { type CallService, serviceCall } from "./aws-service";
import { callFunction, type FunctionOutcome, functionErrorMessage } from "./lambda-call";
import { callHttp, type HttpOutcome } from "./http-call";
import { chooseIntegrationResponse, chooseRequestTemplate, chooseResponseTemplate, mapParameters, type MappingSource, methodRequestSource } from "./mapping";
import { fromProxyResponse, proxyEvent } from "./proxy-event";
import { type ApiRequest, headerOf, headerViews, type ParameterViews, queryViews } from "./request";
import { type ApiResponse, gatewayResponse } from "./responses";

export interface IntegrationCall {
  req: ApiRequest;
  api: DeployedApi;
  integration: Integration;
  context: RequestContext;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
  /** The request body is of a binary media type. */
  binary: boolean;
  /** TestInvokeMethod's execution log. */
  log?: ExecutionLog;
  /** Runs AWS integrations to Stratus services other than Lambda; without it they are a configuration error. */
  callService?: CallService;
}

/** What a non-proxy backend answered, before the integration response maps it. */
interface BackendAnswer {
  /** What selection patterns match: a Lambda error's message, or the status code. */
  selector?: string;
  headers: [string, string][];
  body: Buffer;
}

/** `${stageVariables.name}` in an integration URI stands for the stage's value. */
function withStageVariables(uri: string, variables: Record<string, string>): string {
  return uri.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => variables[name] ?? "");
}

/** `{name}` in an HTTP integration's URL stands for the (URL-encoded) path parameter; a greedy one keeps its slashes. */
function withPathParameters(url: string, params: Record<string, string>): string {
  return url.replace(/\{([^}+]+)\+?\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : params[name]!.split("/").map(encodeURIComponent).join("/"),
  );
}

function withQuery(url: string, pairs: Iterable<[string, string]>): string {
  const target = new URL(url);
  for (const [name, value] of pairs) target.searchParams.append(name, value);
  return target.toString();
}

function failedCall(outcome: Extract<FunctionOutcome | HttpOutcome, { kind: "timeout" | "failed" }>, log: ExecutionLog | undefined): ApiResponse {
  log?.add(outcome.kind === "timeout" ? "Execution failed due to a timeout error" : `Execution failed due to configuration error: ${outcome.message}`);
  return outcome.kind === "timeout" ? gatewayResponse("INTEGRATION_TIMEOUT") : gatewayResponse("API_CONFIGURATION_ERROR");
}

async function lambdaProxy(call: IntegrationCall, uri: string): Promise<ApiResponse> {
  const event = proxyEvent(call.req, call.context, call.pathParameters, call.stageVariables, call.binary);
  call.log?.add(`Endpoint request URI: ${uri}`);
  const outcome = await callFunction(call.api, uri, Buffer.from(JSON.stringify(event)), call.integration.timeoutInMillis, call.req.requestId);
  if (outcome.kind !== "answered") return failedCall(outcome, call.log);
  call.log?.add(`Endpoint response body before transformations: ${outcome.payload.toString("utf8")}`);
  if (outcome.functionError) return gatewayResponse("BAD_GATEWAY");
  return fromProxyResponse(outcome.payload) ?? gatewayResponse("BAD_GATEWAY");
}

async function httpProxy(call: IntegrationCall, uri: string): Promise<ApiResponse> {
  const headers = headerViews(call.req);
  const query = queryViews(call.req);
  const mapped = mapParameters(call.integration.requestParameters, "integration.request", methodRequestSource({ ...call, header: headers, querystring: query }));
  // Path parameters reach the URL through mappings; one the console's proxy setup would map is taken as is.
  const url = withQuery(withPathParameters(uri, { ...call.pathParameters, ...mapped.path }), [...new URLSearchParams(call.req.query), ...Object.entries(mapped.querystring ?? {})]);
  const requestHeaders: [string, string][] = [...Object.entries(headers.multi).flatMap(([name, values]) => values.map((value): [string, string] => [name, value])), ...Object.entries(mapped.header ?? {})];
  const method = call.integration.httpMethod === "ANY" || !call.integration.httpMethod ? call.req.method : call.integration.httpMethod;
  call.log?.add(`Endpoint request URI: ${url}`);
  const outcome = await callHttp({ method, url, headers: requestHeaders, body: call.req.body, timeoutMs: call.integration.timeoutInMillis });
  if (outcome.kind !== "answered") return failedCall(outcome, call.log);
  return { status: outcome.status, headers: outcome.headers, body: outcome.body };
}

/** The integration request's body: the chosen template's output, or the method request's body passed through. */
function integrationRequestBody(call: IntegrationCall, params: TemplateParams): { body: Buffer } | ApiResponse {
  const choice = chooseRequestTemplate(call.integration, headerOf(call.req, "content-type"));
  if (choice.kind === "unsupported") return gatewayResponse("UNSUPPORTED_MEDIA_TYPE");
  if (choice.kind === "passthrough") return { body: call.req.body };
  try {
    const rendered = renderMappingTemplate(choice.template, { body: call.req.body.toString("utf8"), params, context: { ...call.context }, stageVariables: call.stageVariables });
    return { body: Buffer.from(rendered.body) };
  } catch (error) {
    if (error instanceof PayloadError) return gatewayResponse("BAD_REQUEST_BODY", error.message);
    throw error;
  }
}

function mockStatus(body: Buffer): string {
  try {
    const status: unknown = (JSON.parse(body.toString("utf8")) as { statusCode?: unknown }).statusCode;
    return status === undefined ? "200" : String(status);
  } catch {
    return "200";
  }
}

async function callBackend(call: IntegrationCall, uri: string, body: Buffer, mapped: Record<string, Record<string, string>>): Promise<BackendAnswer | ApiResponse> {
  const { integration } = call;
  if (integration.type === "MOCK") return { selector: mockStatus(body), headers: [], body: Buffer.alloc(0) };
  if (integration.type === "AWS" && !/^arn:[^:]+:apigateway:[^:]+:lambda:/.test(uri)) {
    const request = serviceCall(call.api, { ...integration, uri }, { body, querystring: mapped.querystring ?? {}, headers: mapped.header ?? {}, requestId: call.req.requestId });
    if (!request || !call.callService) {
      call.log?.add("Execution failed due to configuration error: the integration's URI or credentials (an IAM role ARN) are not usable");
      return gatewayResponse("API_CONFIGURATION_ERROR");
    }
    call.log?.add(`Endpoint request URI: ${request.service}${request.path}?${request.query}`);
    const answer = await call.callService(request);
    return { selector: String(answer.status), headers: answer.headers, body: answer.body };
  }
  if (integration.type === "AWS") {
    const outcome = await callFunction(call.api, uri, body, integration.timeoutInMillis, call.req.requestId);
    if (outcome.kind !== "answered") return failedCall(outcome, call.log);
    const selector = outcome.functionError ? functionErrorMessage(outcome.payload) : undefined;
    return { selector, headers: [], body: outcome.payload };
  }
  const url = withQuery(withPathParameters(uri, mapped.path ?? {}), Object.entries(mapped.querystring ?? {}));
  call.log?.add(`Endpoint request URI: ${url}`);
  const outcome = await callHttp({ method: integration.httpMethod ?? "GET", url, headers: Object.entries(mapped.header ?? {}), body, timeoutMs: integration.timeoutInMillis });
  if (outcome.kind !== "answered") return failedCall(outcome, call.log);
  return { selector: String(outcome.status), headers: outcome.headers, body: outcome.body };
}

function integrationResponse(call: IntegrationCall, answer: BackendAnswer, params: TemplateParams): ApiResponse {
  call.log?.add(`Endpoint response body before transformations: ${answer.body.toString("utf8")}`);
  const chosen = chooseIntegrationResponse(call.integration, answer.selector);
  if (!chosen) {
    call.log?.add("Execution failed due to configuration error: No match for output mapping and no default output mapping configured");
    return gatewayResponse("API_CONFIGURATION_ERROR");
  }
  const backendBody = answer.body.toString("utf8");
  const source: MappingSource = {
    prefix: "integration.response",
    header: headerViewsOf(answer.headers),
    body: backendBody,
    stageVariables: call.stageVariables,
    context: call.context,
  };
  const headers: [string, string][] = Object.entries(mapParameters(chosen.responseParameters, "method.response", source).header ?? {});
  const template = chooseResponseTemplate(chosen, headerOf(call.req, "accept"));
  let status = Number(chosen.statusCode);
  let body = answer.body;
  if (template) {
    const rendered = renderMappingTemplate(template.template, { body: backendBody, params, context: { ...call.context }, stageVariables: call.stageVariables });
    body = Buffer.from(rendered.body);
    if (rendered.overrides.status !== undefined) status = rendered.overrides.status;
    headers.push(...Object.entries(rendered.overrides.headers));
  }
  if (!headers.some(([name]) => name.toLowerCase() === "content-type")) headers.push(["Content-Type", template?.contentType ?? "application/json"]);
  return { status, headers, body };
}

function headerViewsOf(pairs: [string, string][]): ParameterViews {
  return headerViews({ rawHeaders: pairs.flat() });
}

async function mappedIntegration(call: IntegrationCall, uri: string): Promise<ApiResponse> {
  const headers = headerViews(call.req);
  const query = queryViews(call.req);
  const params: TemplateParams = { path: call.pathParameters, querystring: query.single, header: headers.single };
  const request = integrationRequestBody(call, params);
  if ("status" in request) return request;
  call.log?.add(`Endpoint request body after transformations: ${request.body.toString("utf8")}`);
  const mapped = mapParameters(call.integration.requestParameters, "integration.request", methodRequestSource({ ...call, header: headers, querystring: query }));
  const answer = await callBackend(call, uri, request.body, mapped);
  if ("status" in answer) return answer;
  return integrationResponse(call, answer, params);
}

export async function runIntegration(call: IntegrationCall): Promise<ApiResponse> {
  const { log, req, context } = call;
  log?.add(`Starting execution for request: ${req.requestId}`);
  log?.add(`HTTP Method: ${req.method}, Resource Path: ${context.resourcePath}`);
  log?.add(`Method request path: ${logMap(call.pathParameters)}`);
  log?.add(`Method request query string: ${logMap(queryViews(req).single)}`);
  log?.add(`Method request headers: ${logMap(headerViews(req).single)}`);
  log?.add(`Method request body before transformations: ${req.body.toString("utf8")}`);
  const response = await integrate(call);
  log?.add(`Method response body after transformations: ${response.body.toString("utf8")}`);
  log?.add(`Method response headers: ${logMap(Object.fromEntries(response.headers))}`);
  log?.add(`Method completed with status: ${response.status}`);
  return response;
}

async function integrate(call: IntegrationCall): Promise<ApiResponse> {
  const uri = withStageVariables(call.integration.uri ?? "", call.stageVariables);
  try {
    switch (call.integration.type) {
      case "AWS_PROXY":
        return await lambdaProxy(call, uri);
      case "HTTP_PROXY":
        return await httpProxy(call, uri);
      default:
        return await mappedIntegration(call, uri);
    }
  } catch (error) {
    // A template that cannot be rendered is the API's configuration error, as API Gateway reports it.
    if (error instanceof TemplateError) {
      call.log?.add(`Execution failed due to configuration error: ${error.message}`);
      return gatewayResponse("API_CONFIGURATION_ERROR");
    }
    throw error;
  }
}
