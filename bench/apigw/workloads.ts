/**
 * The API Gateway workloads, set up the same way on any endpoint with `@aws-sdk/client-api-gateway`: one
 * REST API with a MOCK method (`GET /mock`) and a Lambda proxy method (`GET /lambda`, AWS_PROXY to a
 * trivial Node.js function), deployed to a stage, then driven over plain HTTP at the invoke URL
 * (`/restapis/{id}/{stage}/_user_request_/…`) by the load generator in ./load.
 */
import * as apigw from "@aws-sdk/client-api-gateway";
import { CreateFunctionCommand, DeleteFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import type pg from "pg";
import { warnNotDeleted } from "../lib/cli";
import type { Components } from "../lib/cpu";
import type { Target } from "../lib/servers";
import { sleep, type Summary, summarize } from "../lib/stats";
import { answerText, closedLoop, type LoadResult, loadAgent, type Measured, type RequestSpec, send, sequential } from "./load";

/** The trivial function: its answer is its own request id, so two answers tell whether both ran it (see cacheCheck). */
const PROXY_HANDLER = "exports.handler = async (event, context) => ({ statusCode: 200, body: context.awsRequestId });\n";

const MOCK_BODY = '{"ok":true}';
const STAGE = "bench";
const CACHED_STAGE = "cached";

export interface BenchApi {
  target: Target;
  client: apigw.APIGatewayClient;
  restApiId: string;
  /** The function behind `GET /lambda` (created on Stratus only: moto runs function code in Docker). */
  functionName?: string;
  functionArn: string;
  deploymentId: string;
}

const apigwClient = (target: Target) => new apigw.APIGatewayClient({ endpoint: target.endpoint, region: target.region, credentials: target.credentials, maxAttempts: 1 });

/** The invoke URL of `path` on `stage`, in the `_user_request_` form. */
export const invokeUrl = (api: BenchApi, path: string, stage = STAGE) => `${api.target.endpoint}/restapis/${api.restApiId}/${stage}/_user_request_${path}`;

export const mockRequest = (api: BenchApi): RequestSpec => ({ url: invokeUrl(api, "/mock"), expectStatus: 200 });
export const lambdaRequest = (api: BenchApi, stage = STAGE): RequestSpec => ({ url: invokeUrl(api, "/lambda", stage), expectStatus: 200 });

async function putMethod(client: apigw.APIGatewayClient, restApiId: string, parentId: string, pathPart: string, integration: Omit<apigw.PutIntegrationCommandInput, "restApiId" | "resourceId" | "httpMethod">) {
  const { id: resourceId } = await client.send(new apigw.CreateResourceCommand({ restApiId, parentId, pathPart }));
  const at = { restApiId, resourceId, httpMethod: "GET" };
  await client.send(new apigw.PutMethodCommand({ ...at, authorizationType: "NONE" }));
  await client.send(new apigw.PutIntegrationCommand({ ...at, ...integration }));
  await client.send(new apigw.PutMethodResponseCommand({ ...at, statusCode: "200" }));
  if (integration.type === "MOCK") {
    await client.send(new apigw.PutIntegrationResponseCommand({ ...at, statusCode: "200", responseTemplates: { "application/json": MOCK_BODY } }));
  }
}

/**
 * Creates the function (Stratus only) and the API, and deploys it to the stage `bench`. On moto the
 * proxy integration names a function of moto's default account that is never created.
 */
export async function createBenchApi(target: Target, runId: string, role: string | undefined): Promise<BenchApi> {
  const client = apigwClient(target);
  let functionName: string | undefined;
  let functionArn = `arn:aws:lambda:${target.region}:123456789012:function:bench-apigw-${runId}`;
  if (role) {
    const lambda = new LambdaClient({ endpoint: target.endpoint, region: target.region, credentials: target.credentials, maxAttempts: 1 });
    try {
      functionName = `bench-apigw-${runId}`;
      const created = await lambda.send(
        new CreateFunctionCommand({
          FunctionName: functionName,
          Runtime: "nodejs20.x",
          Handler: "index.handler",
          Role: role,
          Code: { ZipFile: zipSync({ "index.js": strToU8(PROXY_HANDLER) }) },
          MemorySize: 128,
          Timeout: 10,
        }),
      );
      functionArn = created.FunctionArn!;
    } finally {
      lambda.destroy();
    }
  }
  const { id: restApiId, rootResourceId } = await client.send(new apigw.CreateRestApiCommand({ name: `bench-apigw-${runId}` }));
  await putMethod(client, restApiId!, rootResourceId!, "mock", { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } });
  await putMethod(client, restApiId!, rootResourceId!, "lambda", {
    type: "AWS_PROXY",
    integrationHttpMethod: "POST",
    uri: `arn:aws:apigateway:${target.region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`,
  });
  const { id: deploymentId } = await client.send(new apigw.CreateDeploymentCommand({ restApiId, stageName: STAGE }));
  return { target, client, restApiId: restApiId!, functionName, functionArn, deploymentId: deploymentId! };
}

export async function deleteBenchApi(api: BenchApi): Promise<void> {
  await api.client.send(new apigw.DeleteRestApiCommand({ restApiId: api.restApiId })).catch(warnNotDeleted(api.restApiId));
  if (api.functionName) {
    const lambda = new LambdaClient({ endpoint: api.target.endpoint, region: api.target.region, credentials: api.target.credentials, maxAttempts: 1 });
    await lambda.send(new DeleteFunctionCommand({ FunctionName: api.functionName })).catch(warnNotDeleted(api.functionName));
    lambda.destroy();
  }
  api.client.destroy();
}

/**
 * Whether the server answers `spec` as expected: undefined if it does, else what it answered. A 404 at the
 * `_user_request_` URL is retried in the `{restApiId}.execute-api.*` Host form, the other URL AWS emulators serve.
 */
export async function probe(api: BenchApi, spec: RequestSpec, path: string): Promise<string | undefined> {
  const agent = loadAgent(1);
  try {
    const a = await send(agent, spec);
    if (a.status === spec.expectStatus) return undefined;
    let outcome = `GET …/_user_request_${path} answered ${answerText(a)}`;
    if (a.status === 404) {
      const host = `${api.restApiId}.execute-api.${api.target.region}.amazonaws.com`;
      const b = await send(agent, { url: `${api.target.endpoint}/${STAGE}${path}`, headers: { host }, expectStatus: spec.expectStatus });
      if (b.status === spec.expectStatus) return undefined;
      outcome += `; GET /${STAGE}${path} with Host ${host} answered ${answerText(b)}`;
    }
    return outcome;
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Gateway overhead: end to end minus the function's own Duration, request by request.

/** Of measured requests, joined with their invocation records (the gateway's request id is the invocation's). */
export interface Overhead {
  /** Requests with a record. */
  matched: number;
  /** Requests measured. */
  requests: number;
  endToEnd: Summary;
  /** The function's Duration (REPORT line), from `lambda_invocations.duration_ms`. */
  duration: Summary;
  /** End to end minus Duration, per request. */
  overhead: Summary;
}

/**
 * The invocation records of the requests in `measured.byRequestId`: the record is written after the
 * reply, so it waits (at most 15 s) until every request has one.
 */
export async function overheadOf(db: pg.Client, api: BenchApi, since: Date, measured: Measured): Promise<Overhead> {
  const wanted = measured.byRequestId;
  const durations = new Map<string, number>();
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(200)) {
    const { rows } = await db.query<{ request_id: string; d: number }>(
      "SELECT request_id, duration_ms::float8 AS d FROM lambda_invocations WHERE function_name = $1 AND started_at >= $2",
      [api.functionName, since],
    );
    for (const r of rows) if (wanted.has(r.request_id)) durations.set(r.request_id, r.d);
    if (durations.size >= wanted.size) break;
  }
  const e2e: number[] = [];
  const duration: number[] = [];
  const overhead: number[] = [];
  for (const [id, d] of durations) {
    const ms = wanted.get(id)!;
    e2e.push(ms);
    duration.push(d);
    overhead.push(ms - d);
  }
  return { matched: durations.size, requests: wanted.size, endToEnd: summarize(e2e), duration: summarize(duration), overhead: summarize(overhead) };
}

export interface LambdaLatencyResult extends Measured {
  overhead?: Overhead;
}

/** One request at a time: the latency of the path with nothing queued, and (Stratus) the overhead. */
export async function lambdaLatency(api: BenchApi, db: pg.Client | undefined, opts: { warmup: number; count: number }): Promise<LambdaLatencyResult> {
  const since = new Date(Date.now() - 1_000);
  const m = await sequential(lambdaRequest(api), { ...opts, keepIds: db !== undefined });
  return { ...m, overhead: db ? await overheadOf(db, api, since, m) : undefined };
}

export interface LambdaThroughputResult extends LoadResult {
  overhead?: Overhead;
}

export async function lambdaThroughput(
  api: BenchApi,
  db: pg.Client | undefined,
  components: Components,
  opts: { connections: number; warmupSeconds: number; seconds: number; onWindow?: (phase: "start" | "end") => void },
): Promise<LambdaThroughputResult> {
  const since = new Date(Date.now() - 1_000);
  const r = await closedLoop(lambdaRequest(api), components, { ...opts, keepIds: db !== undefined });
  return { ...r, overhead: db ? await overheadOf(db, api, since, r) : undefined };
}

// ---------------------------------------------------------------------------------------------
// Stage cache: a second stage of the same deployment with the cache cluster on and caching enabled
// for every method; only if GetStage says so, and a second GET is answered without running the
// function, is the cache-hit path measured.

/** `unsupported`: the server does not serve the stage's invoke URL at all. */
export type CacheCheck = { built: true } | { built: false; why: string } | { unsupported: string };

export async function cacheCheck(api: BenchApi): Promise<CacheCheck> {
  const { client, restApiId } = api;
  await client.send(new apigw.CreateStageCommand({ restApiId, stageName: CACHED_STAGE, deploymentId: api.deploymentId, cacheClusterEnabled: true, cacheClusterSize: "0.5" }));
  await client.send(
    new apigw.UpdateStageCommand({
      restApiId,
      stageName: CACHED_STAGE,
      patchOperations: [
        { op: "replace", path: "/*/*/caching/enabled", value: "true" },
        { op: "replace", path: "/*/*/caching/ttlInSeconds", value: "300" },
      ],
    }),
  );
  const stage = await client.send(new apigw.GetStageCommand({ restApiId, stageName: CACHED_STAGE }));
  const said = `GetStage: cacheClusterEnabled ${stage.cacheClusterEnabled}, cacheClusterStatus ${stage.cacheClusterStatus}, */* cachingEnabled ${stage.methodSettings?.["*/*"]?.cachingEnabled}`;
  if (!stage.cacheClusterEnabled || stage.cacheClusterStatus !== "AVAILABLE" || !stage.methodSettings?.["*/*"]?.cachingEnabled) return { built: false, why: said };
  // The function answers its own request id: the same body twice means the second never reached it.
  const agent = loadAgent(1);
  try {
    const spec = lambdaRequest(api, CACHED_STAGE);
    const [first, second] = [await send(agent, spec), await send(agent, spec)];
    if (first.status !== 200 || second.status !== 200) return { unsupported: `${said}; GET …/_user_request_/lambda on that stage answered ${answerText(first.status !== 200 ? first : second)}` };
    if (!first.body.equals(second.body)) return { built: false, why: `${said}, but two GETs of /lambda in a row both ran the function (different answers): nothing is cached` };
    return { built: true };
  } finally {
    agent.destroy();
  }
}

export const cachedRequest = (api: BenchApi) => lambdaRequest(api, CACHED_STAGE);
