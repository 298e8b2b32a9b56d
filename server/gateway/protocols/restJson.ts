import type { z } from "zod";
import { AwsError } from "../../errors";
import type { RestRequest } from "../registry";
import { coerceStringScalars } from "./coerce";
import { parseJsonObject, toJson } from "./json";
import type { Protocol } from "./types";

const JSON_HEADERS = { "content-type": "application/json" };

/** Default input: the JSON body, overlaid by query parameters and path labels, strings coerced to the schema's scalars. */
function defaultInput(schema: z.ZodTypeAny, req: RestRequest): unknown {
  const query = Object.fromEntries([...req.query].filter(([key]) => !key.startsWith("X-Amz-")));
  return coerceStringScalars(schema, { ...parseJsonObject(req.body), ...query, ...req.pathParams });
}

/** restJson1: operations routed by method and URI template, JSON bodies, error code in `x-amzn-ErrorType`. */
export const restJsonProtocol: Protocol = {
  family: "json",
  decode(req, service, registry) {
    const match = registry.matchRoute(req.method, req.path, service.name);
    if (!match) throw new AwsError("UnknownOperationException", `No ${service.name} operation matches ${req.method} ${req.path}`, 404);
    const restRequest: RestRequest = { pathParams: match.pathParams, query: new URLSearchParams(req.query), headers: req.headers, body: req.body };
    const params = match.binding.decode ? match.binding.decode(restRequest) : defaultInput(match.operation.input, restRequest);
    return { operation: match.operation, params };
  },
  encodeOutput(operation, output) {
    return { status: operation.protocols.restJson1?.successStatus ?? 200, headers: JSON_HEADERS, body: toJson(output) };
  },
  encodeError(error) {
    return {
      status: error.status,
      headers: { ...JSON_HEADERS, "x-amzn-errortype": error.code },
      body: toJson({ Type: error.fault === "Sender" ? "User" : "Service", message: error.message }),
    };
  },
};
