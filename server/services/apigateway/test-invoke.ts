/**
 * TestInvokeMethod: runs a method as it is now, before any deployment, without authorization or
 * throttling, and answers the response with the execution log (the console's "Test" tab). AWS
 * integrations reach Stratus services as they do from a deployed API.
 */
import type { PrismaClient } from "../../db/client";
import type { CallContext } from "../context";
import { ApigwErrors } from "./errors";
import { type ApiRequest, executeMethod } from "./invoke";
import type { DeployedApi } from "./invoke/deployed";
import { requestContext } from "./invoke/context";
import { ExecutionLog } from "./invoke/execution-log";
import { ModelSchemas } from "./invoke/model-schemas";
import { RouteTable } from "./invoke/routes";
import { methodsOf, type RestApiConfig } from "./model";
import { requireMethod } from "./methods";
import { resourcePaths } from "./resources";
import type { ApigwInput } from "./schemas";
import { apiResources, requireApi } from "./store";

/** The stage and source address AWS reports for test invocations. */
const TEST_STAGE = "test-invoke-stage";
const TEST_SOURCE_IP = "test-invoke-source-ip";

export interface TestInvokeMethodOutput {
  status: number;
  body: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  log: string;
  latency: number;
}

export async function testInvokeMethod(db: PrismaClient, ctx: CallContext, input: ApigwInput<"TestInvokeMethod">): Promise<TestInvokeMethodOutput> {
  const api = await requireApi(db, ctx, input.restApiId);
  const rows = await apiResources(db, api);
  const row = rows.find((candidate) => candidate.id === input.resourceId);
  if (!row) throw ApigwErrors.resourceNotFound();
  const method = requireMethod(methodsOf(row), input.httpMethod);
  if (!method.methodIntegration) throw ApigwErrors.badRequest("No integration defined for method");
  const resourcePath = resourcePaths(rows).get(row.id)!;

  const [path, query = ""] = (input.pathWithQueryString ?? resourcePath).split("?", 2) as [string, string?];
  const routes = new RouteTable({ resources: [{ id: row.id, path: resourcePath, methods: { [method.httpMethod]: method } }] });
  const match = routes.match(method.httpMethod, path) ?? { resource: { id: row.id, path: resourcePath, methods: {} }, method, pathParameters: {} };
  const rawHeaders = [
    ...Object.entries(input.headers ?? {}).flat(),
    ...Object.entries(input.multiValueHeaders ?? {}).flatMap(([name, values]) => values.flatMap((value) => [name, value])),
  ];
  const req: ApiRequest = {
    requestId: ctx.requestId,
    method: method.httpMethod === "ANY" ? "GET" : method.httpMethod,
    target: { restApiId: api.id, stage: TEST_STAGE, path, basePath: `/${TEST_STAGE}` },
    rawHeaders,
    query,
    body: Buffer.from(input.body ?? ""),
    sourceIp: TEST_SOURCE_IP,
    host: `${api.id}.execute-api.${api.region}.amazonaws.com`,
    receivedAt: new Date(),
    signal: ctx.signal ?? new AbortController().signal,
  };
  const variables = input.stageVariables ?? {};
  const deployed: DeployedApi = {
    restApiId: api.id,
    accountId: api.accountId,
    region: api.region,
    config: api.config as unknown as RestApiConfig,
    stage: TEST_STAGE,
    deployment: { deploymentId: "test-invoke-deployment-id", routes, requestValidators: {}, authorizers: {}, gatewayResponses: {}, modelSchemas: new ModelSchemas(api.id, {}) },
    variables,
    methodSettings: {},
    cacheClusterEnabled: false,
  };
  const log = new ExecutionLog(ctx.requestId);
  const started = performance.now();
  const context = requestContext(req, deployed, deployed.deployment.deploymentId, match);
  // The gateway's registry holds this very operation: the module that reaches it loads on first use, not with this one.
  const { localServiceCaller } = await import("../../gateway/execute-api");
  const response = await executeMethod({ req, api: deployed, match, context, stageVariables: variables, log, callService: localServiceCaller(req.signal) });
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of response.headers) (multiValueHeaders[name] ??= []).push(value);
  return {
    status: response.status,
    body: response.body.toString("utf8"),
    headers: Object.fromEntries(Object.entries(multiValueHeaders).map(([name, values]) => [name, values.join(",")])),
    multiValueHeaders,
    log: log.text(),
    latency: Math.round(performance.now() - started),
  };
}
