import { CBOR_CONTENT_TYPE } from "./protocols/awsCbor";
import { hasFormBody } from "./protocols/awsQuery";
import type { OperationRegistry, ProtocolName, ServiceDefinition } from "./registry";
import { headerValue, type RequestHead } from "./request";
import { rawQueryPairs, scopeServiceName } from "./sigv4";

export interface Route {
  protocol: ProtocolName;
  /** Undefined when no registered service matches; the request is then answered with an error in `protocol`. */
  service?: ServiceDefinition;
  /** What the client asked for (signing name or target prefix) when Stratus lacks it. */
  requestedService?: string;
}

function jsonProtocol(version: "1.0" | "1.1"): ProtocolName {
  return version === "1.0" ? "awsJson1_0" : "awsJson1_1";
}

/** For a service the signature names: query when the request looks like it, else its routes, else what it speaks. */
function serviceProtocol(registry: OperationRegistry, service: ServiceDefinition, looksLikeQuery: boolean): ProtocolName {
  if (service.awsQuery && looksLikeQuery) return "awsQuery";
  if (registry.hasRoutes(service.name)) return "restJson1";
  if (service.awsQuery) return "awsQuery";
  return service.awsJson ? jsonProtocol(service.awsJson.version) : "restJson1";
}

/** The route of a request known to be for `serviceName`: a call API Gateway makes for an AWS integration. */
export function routeForService(registry: OperationRegistry, req: RequestHead, serviceName: string): Route {
  const service = registry.service(serviceName);
  if (!service) return { protocol: "awsJson1_1", requestedService: serviceName };
  const looksLikeQuery = rawQueryPairs(req.query).some(([key]) => key === "Action") || hasFormBody(req);
  return { protocol: serviceProtocol(registry, service, looksLikeQuery), service };
}

/**
 * Picks the service and wire protocol from the request head alone (the body is read after, so
 * that even a 413 is answered in the right protocol): X-Amz-Target names a JSON service; else
 * the SigV4 credential scope names the service; else a restJson1 URI template matches the path.
 */
export function routeRequest(registry: OperationRegistry, req: RequestHead): Route {
  const query = rawQueryPairs(req.query);
  const signingName = scopeServiceName(headerValue(req, "authorization"), query);
  const target = headerValue(req, "x-amz-target");
  if (target !== undefined) {
    const prefix = target.slice(0, Math.max(target.lastIndexOf("."), 0));
    const service = registry.serviceForTarget(prefix);
    const contentType = headerValue(req, "content-type") ?? "";
    const version = service?.awsJson?.version ?? (contentType.includes("json-1.0") ? "1.0" : "1.1");
    const protocol = contentType.startsWith(CBOR_CONTENT_TYPE) ? "awsCbor1_1" : jsonProtocol(version);
    return { protocol, service, requestedService: service ? undefined : (signingName ?? prefix) };
  }
  const looksLikeQuery = query.some(([key]) => key === "Action") || hasFormBody(req);
  const signed = signingName === undefined ? undefined : registry.service(signingName);
  if (signed) return { protocol: serviceProtocol(registry, signed, looksLikeQuery), service: signed };
  const route = registry.matchRoute(req.method, req.path);
  if (route) return { protocol: "restJson1", service: route.operation.service };
  // Unsigned query calls are STS's (AssumeRoleWithWebIdentity, as the SDK sends it): its operations say which need a signature.
  const sts = signingName === undefined && looksLikeQuery ? registry.service("sts") : undefined;
  if (sts) return { protocol: "awsQuery", service: sts };
  return { protocol: looksLikeQuery ? "awsQuery" : "awsJson1_1", requestedService: signingName };
}
