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

/** What an AWS integration URI names: the service in its region, and a path or an action. */
function uriTarget(uri: string): { service: string; region: string; path: string; action?: string } | undefined {
  const [, region, service, form, rest] = SERVICE_URI.exec(uri) ?? [];
  if (region === undefined || service === undefined || rest === undefined) return undefined;
  return form === "action" ? { service, region, path: "/", action: rest } : { service, region, path: `/${rest.replace(/^\/+/, "")}` };
}

/** The AWS URL of a call, as the execution log names it. */
export function awsEndpointUrl(call: Pick<ServiceCall, "service" | "region" | "path" | "query">): string {
  return `https://${call.service}.${call.region}.amazonaws.com${call.path}${call.query ? `?${call.query}` : ""}`;
}

/** The AWS URL an integration URI stands for (a function's `https://lambda.{region}.amazonaws.com/…/invocations`); any other URI as it is. */
export function integrationUriUrl(uri: string): string {
  const target = uriTarget(uri);
  return target ? awsEndpointUrl({ ...target, query: target.action === undefined ? "" : `Action=${target.action}` }) : uri;
}

/** The role session API Gateway acts as: the integration's role, in the API's account. */
function rolePrincipal(api: DeployedApi, roleArn: string): Principal | undefined {
  const roleName = roleNameOf(roleArn);
  if (!roleName) return undefined;
  return {
    accountId: api.accountId,
    arn: `arn:aws:sts::${api.accountId}:assumed-role/${roleName}/ApiGateway`,
    userId: `${roleId(roleArn)}:ApiGateway`,
    // The integration's role's policies decide what the call may do, as for any role session.
    role: null,
    iam: { type: "role", name: roleName },
  };
}

/** The service call an AWS integration's URI and mapped request make, or undefined when they cannot make one. */
export function serviceCall(
  api: DeployedApi,
  integration: { uri: string; httpMethod?: string; credentials?: string },
  request: { body: Buffer; querystring: Record<string, string>; headers: Record<string, string>; requestId: string },
): ServiceCall | undefined {
  const target = uriTarget(integration.uri);
  const principal = integration.credentials === undefined ? undefined : rolePrincipal(api, integration.credentials);
  if (!target || !principal) return undefined;
  const query = new URLSearchParams(request.querystring);
  if (target.action !== undefined) query.set("Action", target.action);
  return {
    service: target.service,
    region: target.region,
    principal,
    method: integration.httpMethod ?? "POST",
    path: target.path,
    query: query.toString(),
    headers: request.headers,
    body: request.body,
    requestId: request.requestId,
  };
}
