/**
 * Request validation by the method's request validator: required parameters
 * (`method.request.{path|querystring|header}.<name>: true`) and the body against the request model
 * for its content type; either failing is a 400.
 */
import type { Method } from "../model";
import type { ServedDeployment } from "./deployed";
import { type ApiRequest, headerOf } from "./request";
import { type ApiResponse, gatewayResponse } from "./responses";

/** The model every API has, which accepts anything. */
const EMPTY_MODEL = "Empty";

export function validateRequest(req: ApiRequest, method: Method, pathParameters: Record<string, string>, deployment: ServedDeployment): ApiResponse | undefined {
  const validator = method.requestValidatorId === undefined ? undefined : deployment.requestValidators?.[method.requestValidatorId];
  if (validator?.validateRequestParameters) {
    const missing = missingParameters(req, method, pathParameters);
    if (missing.length > 0) return gatewayResponse("BAD_REQUEST_PARAMETERS", `Missing required request parameters: [${missing.join(", ")}]`);
  }
  if (validator?.validateRequestBody && !validBody(req, method, deployment)) return gatewayResponse("BAD_REQUEST_BODY");
  return undefined;
}

function validBody(req: ApiRequest, method: Method, deployment: ServedDeployment): boolean {
  const contentType = (headerOf(req, "content-type") ?? "application/json").split(";")[0]!.trim().toLowerCase();
  const modelName = Object.entries(method.requestModels ?? {}).find(([type]) => type.toLowerCase() === contentType)?.[1];
  const check = modelName === undefined || modelName === EMPTY_MODEL ? undefined : deployment.modelSchemas.check(modelName);
  if (!check) return true;
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString("utf8"));
  } catch {
    return false;
  }
  return check(body).valid;
}

function missingParameters(req: ApiRequest, method: Method, pathParameters: Record<string, string>): string[] {
  const query = new URLSearchParams(req.query);
  return Object.entries(method.requestParameters ?? {})
    .filter(([, required]) => required)
    .map(([name]) => /^method\.request\.(path|querystring|header|multivaluequerystring|multivalueheader)\.(.+)$/.exec(name))
    .filter((parsed): parsed is RegExpExecArray => parsed !== null)
    .filter(([, where, name]) => {
      if (where === "path") return !pathParameters[name!];
      if (where!.endsWith("querystring")) return !query.has(name!);
      return headerOf(req, name!) === undefined;
    })
    .map(([, , name]) => name!)
    .sort(); // stored parameter maps keep no order of their own
}
