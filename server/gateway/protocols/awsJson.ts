import { GatewayErrors, wireErrorCode } from "../errors";
import { headerValue } from "../request";
import { parseJsonObject, toJson } from "./json";
import type { Protocol } from "./types";

/** awsJson1_0 / awsJson1_1: `X-Amz-Target: Prefix.Operation`, JSON in and out. */
export function awsJsonProtocol(version: "1.0" | "1.1"): Protocol {
  const contentType = `application/x-amz-json-${version}`;
  return {
    family: "json",
    decode(req, service, registry) {
      const target = headerValue(req, "x-amz-target") ?? "";
      const dot = target.lastIndexOf(".");
      const operation =
        dot > 0 && target.slice(0, dot) === service.awsJson?.targetPrefix
          ? registry.operation(service.name, target.slice(dot + 1), "awsJson")
          : undefined;
      if (!operation) throw GatewayErrors.unknownOperation(`Unrecognized operation '${target}' for service ${service.name}`);
      return { operation, params: parseJsonObject(req.body) };
    },
    encodeOutput(_operation, output) {
      return { status: 200, headers: { "content-type": contentType }, body: toJson(output) };
    },
    encodeError(error, service) {
      const code = wireErrorCode(error, "json");
      const namespace = service?.awsJson?.namespace;
      const headers: Record<string, string> = { "content-type": contentType, "x-amzn-errortype": code };
      if (service?.awsJson?.queryCompatible) {
        headers["x-amzn-query-error"] = `${wireErrorCode(error, "query")};${error.fault}`;
      }
      const body = { __type: namespace ? `${namespace}#${code}` : code, message: error.message, ...error.fields };
      return { status: error.status, headers, body: toJson(body) };
    },
  };
}
