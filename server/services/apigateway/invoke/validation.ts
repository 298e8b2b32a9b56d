/**
 * Request validation: a method whose request validator checks parameters refuses a request that lacks
 * one of its required ones (`method.request.{path|querystring|header}.<name>: true`) with 400.
 * Body validation against models is not done yet.
 */
import type { DeploymentSnapshot, Method } from "../model";
import { type ApiRequest, headerOf } from "./request";
import { type ApiResponse, gatewayResponse } from "./responses";

export function validateRequest(
  req: ApiRequest,
  method: Method,
  pathParameters: Record<string, string>,
  validators: DeploymentSnapshot["requestValidators"],
): ApiResponse | undefined {
  const validator = method.requestValidatorId === undefined ? undefined : validators?.[method.requestValidatorId];
  if (!validator?.validateRequestParameters) return undefined;
  const query = new URLSearchParams(req.query);
  const missing = Object.entries(method.requestParameters ?? {})
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
  return missing.length > 0 ? gatewayResponse("BAD_REQUEST_PARAMETERS", `Missing required request parameters: [${missing.join(", ")}]`) : undefined;
}
