/**
 * Requests to deployed REST APIs (`/restapis/{id}/{stage}/_user_request_/…`, or `{id}.execute-api.*`
 * hosts): unsigned unless the method says AWS_IAM, read with API Gateway's 10 MB payload limit, and
 * answered by the API's integration rather than by an AWS operation.
 */
import type { IncomingMessage } from "node:http";
import type { Http2ServerRequest } from "node:http2";
import { prisma } from "../db/client";
import { isAwsError } from "../errors";
import type { CallService } from "../services/apigateway/invoke/aws-service";
import { type ApiRequest, type ApiResponse, executeApiRequest, type ExecuteDeps, gatewayResponse, type IamCaller, type InvokeTarget } from "../services/apigateway/invoke";
import { resolveCredential } from "../services/iam/credentials";
import { IamDecisionData } from "../services/iam/policy-sets";
import { authenticate } from "./authenticate";
import { BodyTooLargeError, readBody } from "./body";
import { dispatchAs, type GatewayDeps } from "./dispatch";
import { routeForService } from "./routing";
import { createDefaultRegistry } from "./services";
import type { WireResponse } from "./protocols/types";
import { headerValue, type RequestHead } from "./request";

/** API Gateway's payload quota. */
export const API_PAYLOAD_BYTES = 10 * 1024 * 1024;

type IncomingRequest = IncomingMessage | Http2ServerRequest;

/** Header pairs with the names as the client spelt them (HTTP/2's pseudo-headers left out). */
function clientHeaders(incoming: IncomingRequest): string[] {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) {
    if (!incoming.rawHeaders[i]!.startsWith(":")) pairs.push(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
  }
  return pairs;
}

function toWire(response: ApiResponse): WireResponse {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) {
    const existing = headers[name];
    headers[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return { status: response.status, headers, body: response.body };
}

/** AWS integrations' calls to Stratus services, run in this process as their role (no HTTP hop, no signature). */
function serviceCaller(deps: GatewayDeps, signal: AbortSignal): CallService {
  return async (call) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(call.headers)) headers[name.toLowerCase()] = [value];
    const head: RequestHead = { method: call.method, path: call.path, query: call.query, headers };
    const route = routeForService(deps.registry, head, call.service);
    const answer = await dispatchAs(deps, route, { ...head, body: call.body, requestId: call.requestId, signal }, { principal: call.principal, region: call.region });
    const body = typeof answer.body === "string" ? Buffer.from(answer.body) : Buffer.isBuffer(answer.body) ? answer.body : Buffer.alloc(0);
    const pairs = Object.entries(answer.headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, v]));
    return { status: answer.status, headers: pairs, body };
  };
}

let localDeps: GatewayDeps | undefined;

/**
 * The same calls for TestInvokeMethod, which runs outside any request to a deployed API (from the
 * console's tRPC too): through this process's own registry and IAM data (which sees IAM changes made
 * in other processes within its cache's lifetime).
 */
export function localServiceCaller(signal: AbortSignal): CallService {
  localDeps ??= { registry: createDefaultRegistry(), db: prisma(), resolveCredential, iam: new IamDecisionData(prisma()), logger: console };
  return serviceCaller(localDeps, signal);
}

/** SigV4 for service `execute-api`, as an AWS_IAM method requires; failures are API Gateway's 403s. */
function iamAuthenticator(deps: GatewayDeps, head: RequestHead): ExecuteDeps["authenticateIam"] {
  return async (req: ApiRequest): Promise<IamCaller | ApiResponse> => {
    try {
      const { principal } = await authenticate({ ...head, body: req.body, requestId: req.requestId, signal: req.signal }, "execute-api", deps);
      return { accountId: principal.accountId, arn: principal.arn, userId: principal.userId, accessKeyId: principal.accessKeyId };
    } catch (error) {
      if (!isAwsError(error)) throw error;
      if (error.code === "MissingAuthenticationTokenException") return gatewayResponse("MISSING_AUTHENTICATION_TOKEN");
      return gatewayResponse("INVALID_SIGNATURE", error.message);
    }
  };
}

export async function serveDeployedApi(
  deps: GatewayDeps & Pick<ExecuteDeps, "apis" | "authorizerResults">,
  target: InvokeTarget,
  head: RequestHead,
  incoming: IncomingRequest,
  requestId: string,
  signal: AbortSignal,
): Promise<WireResponse> {
  let body: Buffer;
  try {
    body = await readBody(incoming, API_PAYLOAD_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    incoming.resume();
    return toWire(gatewayResponse("REQUEST_TOO_LARGE"));
  }
  const req: ApiRequest = {
    requestId,
    method: head.method,
    target,
    rawHeaders: clientHeaders(incoming),
    query: head.query,
    body,
    sourceIp: incoming.socket.remoteAddress ?? "127.0.0.1",
    host: headerValue(head, "host") ?? "",
    receivedAt: new Date(),
    signal,
  };
  return toWire(await executeApiRequest(
      { apis: deps.apis, authorizerResults: deps.authorizerResults, authenticateIam: iamAuthenticator(deps, head), callService: serviceCaller(deps, signal) },
      req,
    ));
}
