/**
 * Customised gateway responses at invocation: when API Gateway answers itself and the deployment
 * customises that response type (or DEFAULT_4XX / DEFAULT_5XX for its class), the status, the
 * `gatewayresponse.header.*` mappings and the template replace the default. Templates see
 * `$context.error.message`, `messageString` and `responseType`.
 */
import { renderMappingTemplate, TemplateError } from "../vtl";
import { RESPONSE_TYPES } from "../gateway-responses";
import type { DeploymentSnapshot } from "../model";
import { mapParameters, methodRequestSource } from "./mapping";
import { type ApiRequest, headerViews, queryViews } from "./request";
import type { ApiResponse } from "./responses";

export interface ResponseSetting {
  req: ApiRequest;
  /** `$context` as far as the request got (the route may not have matched). */
  context: Record<string, unknown>;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
}

export function customise(response: ApiResponse, customised: DeploymentSnapshot["gatewayResponses"], setting: ResponseSetting): ApiResponse {
  const answered = response.gatewayResponse;
  if (!answered || !customised) return response;
  // Responses without a type of their own (a malformed Lambda answer's 502) are customised by their class.
  const type = answered.type in RESPONSE_TYPES ? answered.type : undefined;
  const custom = (type && customised[type]) ?? customised[response.status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX"];
  if (!custom) return response;

  const header = headerViews(setting.req);
  const querystring = queryViews(setting.req);
  const error = { message: answered.message, messageString: JSON.stringify(answered.message), responseType: type ?? (response.status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX") };
  const context = { ...setting.context, error };
  const source = methodRequestSource({ ...setting, context, header, querystring });
  const headers: [string, string][] = response.headers.filter(([name]) => name.toLowerCase() === "x-amzn-errortype");
  headers.push(...Object.entries(mapParameters(custom.responseParameters, "gatewayresponse", source).header ?? {}));
  const templates = Object.entries(custom.responseTemplates ?? {});
  const [contentType, template] = templates.find(([key]) => key.toLowerCase() === "application/json") ?? templates[0] ?? ["application/json", undefined];
  let body = response.body;
  if (template !== undefined) {
    try {
      const params = { path: setting.pathParameters, querystring: querystring.single, header: header.single };
      body = Buffer.from(renderMappingTemplate(template, { body: source.body, params, context, stageVariables: setting.stageVariables }).body);
    } catch (failure) {
      if (!(failure instanceof TemplateError)) throw failure;
    }
  }
  headers.push(["Content-Type", contentType]);
  return { ...response, status: custom.statusCode ? Number(custom.statusCode) : response.status, headers, body };
}
