/**
 * AWS integrations to services other than Lambda: the URI names the service and either an action
 * (`arn:aws:apigateway:{region}:sqs:action/SendMessage`, parameters in the query string) or a path
 * (`arn:aws:apigateway:{region}:sqs:path/{account}/{queue}`, the action in the mapped body). The call
 * runs as the integration's execution role (`credentials`) against Stratus's own services.
 */
import type { Principal } from "../../context";
import { roleId, roleNameOf } from "../../sts/role-sessions";
import type { DeployedApi } from "./deployed";

export interface ServiceCall {
  service: string;
  region: string;
  principal: Principal;
  method: string;
  path: string;
  /** Raw query string, without "?". */
  query: string;
  headers: Record<string, string>;
  body: Buffer;
  requestId: string;
}

export interface ServiceAnswer {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

/** Runs a call to a Stratus service as `call.principal` (the gateway provides it). */
export type CallService = (call: ServiceCall) => Promise<ServiceAnswer>;

const SERVICE_URI = /^arn:[^:]+:apigateway:([^:]+):([^:]+):(path|action)\/(.*)$/;

/** The role session API Gateway acts as: the integration's role, in the API's account. */
function rolePrincipal(api: DeployedApi, roleArn: string): Principal | undefined {
  const roleName = roleNameOf(roleArn);
  if (!roleName) return undefined;
  return {
    accountId: api.accountId,
    arn: `arn:aws:sts::${api.accountId}:assumed-role/${roleName}/ApiGateway`,
    userId: `${roleId(roleArn)}:ApiGateway`,
    // Until IAM policies are enforced, a role session may do what a developer of its team may (as for functions).
    role: "developer",
  };
}

/** The service call an AWS integration's URI and mapped request make, or undefined when they cannot make one. */
export function serviceCall(
  api: DeployedApi,
  integration: { uri: string; httpMethod?: string; credentials?: string },
  request: { body: Buffer; querystring: Record<string, string>; headers: Record<string, string>; requestId: string },
): ServiceCall | undefined {
  const parsed = SERVICE_URI.exec(integration.uri);
  const principal = integration.credentials === undefined ? undefined : rolePrincipal(api, integration.credentials);
  if (!parsed || !principal) return undefined;
  const [, region, service, form, rest] = parsed;
  const query = new URLSearchParams(request.querystring);
  if (form === "action") query.set("Action", rest!);
  return {
    service: service!,
    region: region!,
    principal,
    method: integration.httpMethod ?? "POST",
    path: form === "path" ? `/${rest!.replace(/^\/+/, "")}` : "/",
    query: query.toString(),
    headers: request.headers,
    body: request.body,
    requestId: request.requestId,
  };
}
