/**
 * Running a method's integration: Lambda and HTTP proxies hand the request through and the answer back;
 * MOCK, AWS (a Lambda function or another Stratus service) and HTTP integrations map the request through
 * parameter mappings, content handling and a mapping template, call the backend, and map its answer
 * through the chosen integration response.
 */
import type { Integration } from "../model";
import { PayloadError, renderMappingTemplate, TemplateError, type TemplateParams } from "../vtl";
import { type CallService, awsEndpointUrl, integrationUriUrl, serviceCall } from "./aws-service";
import { acceptsBinary, convertPayload, isBinaryMediaType, type Payload, responseContentHandling } from "./binary";
import type { RequestContext } from "./context";
import type { DeployedApi } from "./deployed";
import { callEndpoint, configurationError, type EndpointAnswer, type EndpointOutcome, type EndpointRequest } from "./endpoint-call";
import { type ExecutionLog, logMap } from "./execution-log";
import { callHttp } from "./http-call";
import { callFunction, functionErrorMessage } from "./lambda-call";
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
  /** The execution log (TestInvokeMethod's, or the stage's when its logging level asks for one). */
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

/** How a non-proxy integration calls its backend. */
interface Backend {
  request: EndpointRequest;
  send(): Promise<EndpointOutcome>;
  /** What selection patterns match in the backend's answer. */
  selector(answer: EndpointAnswer): string | undefined;
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

/** Invokes the function the URI names; Lambda answers 200 with the function's result or error. */
async function invokeFunction(call: IntegrationCall, uri: string, payload: Buffer): Promise<EndpointOutcome> {
  const outcome = await callFunction(call.api, uri, payload, call.integration.timeoutInMillis, call.req.requestId);
  if (outcome.kind !== "answered") return outcome;
  return { kind: "answered", status: 200, headers: [], body: outcome.payload, ...(outcome.functionError && { functionError: outcome.functionError }) };
}

async function lambdaProxy(call: IntegrationCall, uri: string): Promise<ApiResponse> {
  const event = Buffer.from(JSON.stringify(proxyEvent(call.req, call.context, call.pathParameters, call.stageVariables, call.binary)));
  const result = await callEndpoint({ url: integrationUriUrl(uri), headers: [], body: event }, call.log, () => invokeFunction(call, uri, event));
  if ("failed" in result) return result.failed;
  const { body, functionError } = result.answered;
  if (functionError) {
    call.log?.add(`Lambda execution failed with status 200 due to customer function error: ${functionErrorMessage(body)}`);
    return gatewayResponse("BAD_GATEWAY");
  }
  const response = fromProxyResponse(body, acceptsBinary(headerOf(call.req, "accept"), call.api.config.binaryMediaTypes));
  if (response) return response;
  call.log?.add("Execution failed due to configuration error: Malformed Lambda proxy response");
  return gatewayResponse("BAD_GATEWAY");
}

async function httpProxy(call: IntegrationCall, uri: string): Promise<ApiResponse> {
  const headers = headerViews(call.req);
  const query = queryViews(call.req);
  const mapped = mapParameters(call.integration.requestParameters, "integration.request", methodRequestSource({ ...call, header: headers, querystring: query }));
  // Path parameters reach the URL through mappings; one the console's proxy setup would map is taken as is.
  const url = withQuery(withPathParameters(uri, { ...call.pathParameters, ...mapped.path }), [...new URLSearchParams(call.req.query), ...Object.entries(mapped.querystring ?? {})]);
  const request: EndpointRequest = {
    url,
    headers: [...Object.entries(headers.multi).flatMap(([name, values]) => values.map((value): [string, string] => [name, value])), ...Object.entries(mapped.header ?? {})],
    body: call.req.body,
  };
  const method = call.integration.httpMethod === "ANY" || !call.integration.httpMethod ? call.req.method : call.integration.httpMethod;
  const result = await callEndpoint(request, call.log, () => callHttp({ method, ...request, timeoutMs: call.integration.timeoutInMillis }));
  return "failed" in result ? result.failed : result.answered;
}

/** The integration request's body: the chosen template's output, or the (converted) method request body passed through. */
function integrationRequestBody(call: IntegrationCall, params: TemplateParams, payload: Payload): { body: Buffer } | ApiResponse {
  const choice = chooseRequestTemplate(call.integration, headerOf(call.req, "content-type"));
  if (choice.kind === "unsupported") return gatewayResponse("UNSUPPORTED_MEDIA_TYPE");
  // Templates transform text: a binary body passes through as it is.
  if (choice.kind === "passthrough" || payload.binary) return { body: payload.body };
  try {
    const rendered = renderMappingTemplate(choice.template, { body: payload.body.toString("utf8"), params, context: { ...call.context }, stageVariables: call.stageVariables });
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

/** The backend a non-proxy integration of type AWS or HTTP calls with this request. */
function backendOf(call: IntegrationCall, uri: string, body: Buffer, mapped: Record<string, Record<string, string>>): Backend | ApiResponse {
  const { integration, callService } = call;
  const byStatus = (answer: EndpointAnswer) => String(answer.status);
  if (integration.type === "AWS" && /^arn:[^:]+:apigateway:[^:]+:lambda:/.test(uri)) {
    return {
      request: { url: integrationUriUrl(uri), headers: [], body },
      send: () => invokeFunction(call, uri, body),
      // A function's success takes the default response; its error is matched by message.
      selector: (answer) => (answer.functionError ? functionErrorMessage(answer.body) : undefined),
    };
  }
  if (integration.type === "AWS") {
    const target = serviceCall(call.api, { ...integration, uri }, { body, querystring: mapped.querystring ?? {}, headers: mapped.header ?? {}, requestId: call.req.requestId });
    if (!target || !callService) return configurationError(call.log, "the integration's URI or credentials (an IAM role ARN) are not usable");
    return {
      request: { url: awsEndpointUrl(target), headers: Object.entries(target.headers), body },
      send: async () => ({ kind: "answered", ...(await callService(target)) }),
      selector: byStatus,
    };
  }
  const url = withQuery(withPathParameters(uri, mapped.path ?? {}), Object.entries(mapped.querystring ?? {}));
  const request: EndpointRequest = { url, headers: Object.entries(mapped.header ?? {}), body };
  return { request, send: () => callHttp({ method: integration.httpMethod ?? "GET", ...request, timeoutMs: integration.timeoutInMillis }), selector: byStatus };
}

async function callBackend(call: IntegrationCall, uri: string, body: Buffer, mapped: Record<string, Record<string, string>>): Promise<BackendAnswer | ApiResponse> {
  if (call.integration.type === "MOCK") {
    call.log?.add(`Endpoint request body after transformations: ${body.toString("utf8")}`);
    return { selector: mockStatus(body), headers: [], body: Buffer.alloc(0) };
  }
  const backend = backendOf(call, uri, body, mapped);
  if ("status" in backend) return backend;
  const result = await callEndpoint(backend.request, call.log, () => backend.send());
  if ("failed" in result) return result.failed;
  const { answered } = result;
  return { selector: backend.selector(answered), headers: answered.headers, body: answered.body };
}

/** The backend's answer as the client's: through the integration response's content handling, parameter mappings and template. */
function integrationResponse(call: IntegrationCall, answer: BackendAnswer, params: TemplateParams): ApiResponse {
  const chosen = chooseIntegrationResponse(call.integration, answer.selector);
  if (!chosen) return configurationError(call.log, "No match for output mapping and no default output mapping configured");
  const answerHeaders = headerViewsOf(answer.headers);
  const { binaryMediaTypes } = call.api.config;
  const accept = headerOf(call.req, "accept");
  const payload = convertPayload(
    { body: answer.body, binary: isBinaryMediaType(headerOf({ rawHeaders: answer.headers.flat() }, "content-type"), binaryMediaTypes) },
    responseContentHandling(chosen.contentHandling, acceptsBinary(accept, binaryMediaTypes)),
  );
  if (!payload) return configurationError(call.log, "Unable to base64-decode the integration response body");
  const text = payload.body.toString("utf8");
  const source: MappingSource = { prefix: "integration.response", header: answerHeaders, body: text, stageVariables: call.stageVariables, context: call.context };
  const headers: [string, string][] = Object.entries(mapParameters(chosen.responseParameters, "method.response", source).header ?? {});
  const template = payload.binary ? undefined : chooseResponseTemplate(chosen, accept);
  let status = Number(chosen.statusCode);
  let body = payload.body;
  if (template) {
    const rendered = renderMappingTemplate(template.template, { body: text, params, context: { ...call.context }, stageVariables: call.stageVariables });
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
  const payload = convertPayload({ body: call.req.body, binary: call.binary }, call.integration.contentHandling);
  if (!payload) return configurationError(call.log, "Unable to base64-decode the method request body");
  const request = integrationRequestBody(call, params, payload);
  if ("status" in request) return request;
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
  // A gateway response means the execution failed (the failure is logged already).
  if (!response.gatewayResponse) log?.add("Successfully completed execution");
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
    if (error instanceof TemplateError) return configurationError(call.log, error.message);
    throw error;
  }
}
