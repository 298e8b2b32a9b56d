import type { z } from "zod";
import { AwsError } from "../../errors";
import type { RestBinding, RestRequest } from "../registry";
import { headerValue } from "../request";
import { coerceStringScalars } from "./coerce";
import { parseJsonObject, toJson } from "./json";
import type { Protocol } from "./types";

const JSON_HEADERS = { "content-type": "application/json" };

/**
 * Default input: the JSON body (or the raw body as the binding's payload member), overlaid by query
 * parameters, the binding's header members and path labels, strings coerced to the schema's scalars.
 */
function defaultInput(schema: z.ZodTypeAny, binding: RestBinding, req: RestRequest): unknown {
  const body = binding.payload === undefined ? parseJsonObject(req.body) : { [binding.payload]: req.body };
  const query = Object.fromEntries([...req.query].filter(([key]) => !key.startsWith("X-Amz-")));
  const headers = Object.fromEntries(
    Object.entries(binding.headers ?? {}).flatMap(([member, name]) => {
      const value = headerValue(req, name.toLowerCase());
      return value === undefined ? [] : [[member, value]];
    }),
  );
  return coerceStringScalars(schema, { ...body, ...query, ...headers, ...req.pathParams });
}

/** restJson1: operations routed by method and URI template, JSON bodies, error code in `x-amzn-ErrorType`. */
export const restJsonProtocol: Protocol = {
  family: "json",
  decode(req, service, registry) {
    const query = new URLSearchParams(req.query);
    const match = registry.matchRoute(req.method, req.path, service.name, query);
    if (!match) throw new AwsError("UnknownOperationException", `No ${service.name} operation matches ${req.method} ${req.path}`, 404);
    const restRequest: RestRequest = { pathParams: match.pathParams, query, headers: req.headers, body: req.body };
    const params = match.binding.decode ? match.binding.decode(restRequest) : defaultInput(match.operation.input, match.binding, restRequest);
    return { operation: match.operation, params };
  },
  encodeOutput(operation, output) {
    const binding = operation.protocols.restJson1;
    if (binding?.encode) {
      const { status, headers = {}, body = "" } = binding.encode(output);
      return { status, headers, body };
    }
    const status = binding?.successStatus ?? 200;
    // 204 No Content carries no body (AWS answers its Delete* operations so).
    return status === 204 ? { status, headers: {}, body: "" } : { status, headers: JSON_HEADERS, body: toJson(output) };
  },
  encodeError(error) {
    return {
      status: error.status,
      headers: { ...JSON_HEADERS, "x-amzn-errortype": error.code },
      body: toJson({ Type: error.fault === "Sender" ? "User" : "Service", message: error.message, ...error.fields }),
    };
  },
};
