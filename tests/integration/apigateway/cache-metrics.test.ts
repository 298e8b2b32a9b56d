import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { CreateLogGroupCommand, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { flushStageLogs } from "../../../server/services/apigateway/invoke/stage-logs";
import { flushStageMetrics } from "../../../server/services/apigateway/metrics";
import { trpcAs } from "../../helpers/fixtures";
import { type ApiInvokeHarness, deployApi, invokeUrl, startApiInvokeHarness } from "./invoke-helpers";

let h: ApiInvokeHarness;
before(async () => {
  h = await startApiInvokeHarness();
});
after(async () => {
  await h.close();
});

/** A MOCK method whose body differs on every call (the request id), so a repeated body is a cached one. */
async function cachedApi(ttlSeconds: number, extraPatches: apigw.PatchOperation[] = []) {
  const api = await deployApi(h.apigw, [
    {
      path: "/item",
      httpMethod: "GET",
      integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' }, cacheKeyParameters: ["method.request.querystring.id"] },
      integrationResponses: [{ statusCode: "200", responseTemplates: { "application/json": "$context.requestId" } }],
    },
  ]);
  await h.apigw.send(
    new apigw.UpdateStageCommand({
      restApiId: api.id,
      stageName: "test",
      patchOperations: [
        { op: "replace", path: "/cacheClusterEnabled", value: "true" },
        { op: "replace", path: "/*/*/caching/enabled", value: "true" },
        { op: "replace", path: "/*/*/caching/ttlInSeconds", value: String(ttlSeconds) },
        ...extraPatches,
      ],
    }),
  );
  return { api, get: async (query: string, headers: Record<string, string> = {}) => (await fetch(`${invokeUrl(h.gateway.url, api.id, "test", "/item")}${query}`, { headers })).text() };
}

describe("stage cache", () => {
  test("answers repeated requests from the cache, keyed by the cache key parameters only, until the TTL runs out", async () => {
    const { get } = await cachedApi(1);
    const first = await get("?id=1&other=a");
    assert.equal(await get("?id=1&other=b"), first, "a parameter outside the key does not change the entry");
    const two = await get("?id=2");
    assert.notEqual(two, first);
    assert.equal(await get("?id=2"), two);
    await sleep(1100);
    assert.notEqual(await get("?id=1"), first, "the entry expired");
  });

  test("Cache-Control: max-age=0 refreshes when the stage allows it, and FlushStageCache empties the cache", async () => {
    const { api, get } = await cachedApi(300, [{ op: "replace", path: "/*/*/caching/requireAuthorizationForCacheControl", value: "false" }]);
    const first = await get("?id=1");
    assert.equal(await get("?id=1"), first);
    const fresh = await get("?id=1", { "Cache-Control": "max-age=0" });
    assert.notEqual(fresh, first);
    assert.equal(await get("?id=1"), fresh, "the refreshed answer replaced the entry");
    await h.apigw.send(new apigw.FlushStageCacheCommand({ restApiId: api.id, stageName: "test" }));
    assert.notEqual(await get("?id=1"), fresh);
  });

  test("without authorization, Cache-Control cannot refresh an entry by default", async () => {
    const { get } = await cachedApi(300);
    const first = await get("?id=1");
    assert.equal(await get("?id=1", { "Cache-Control": "max-age=0" }), first);
  });
});

describe("stage metrics", () => {
  test("counts requests, 4XX errors, latency and cache hits and misses per minute", async () => {
    const { api, get } = await cachedApi(300);
    await get("?id=1");
    await get("?id=1");
    await get("?id=1");
    await fetch(invokeUrl(h.gateway.url, api.id, "test", "/missing"));
    await flushStageMetrics();
    const points = await trpcAs(h.team, { accountId: h.team.accountId }).apigateway.getStageMetrics({ restApiId: api.id, stageName: "test", minutes: 5 });
    assert.equal(points.length, 5);
    const total = (field: "count" | "errors4xx" | "errors5xx" | "cacheHits" | "cacheMisses") => points.reduce((sum, p) => sum + p[field], 0);
    assert.equal(total("count"), 4);
    assert.equal(total("errors4xx"), 1);
    assert.equal(total("errors5xx"), 0);
    assert.equal(total("cacheHits"), 2);
    assert.equal(total("cacheMisses"), 1);
    assert.ok(points.some((p) => p.latencyMs > 0));
  });
});

describe("stage logs", () => {
  test("access logs in the stage's format and INFO execution logs reach the logs service", async () => {
    const group = `apigw-access-${Date.now()}`;
    await h.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const api = await deployApi(h.apigw, [
      {
        path: "/logged",
        httpMethod: "GET",
        integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
        integrationResponses: [{ statusCode: "200", responseTemplates: { "application/json": "logged" } }],
      },
    ]);
    await h.apigw.send(
      new apigw.UpdateStageCommand({
        restApiId: api.id,
        stageName: "test",
        patchOperations: [
          { op: "replace", path: "/accessLogSettings/destinationArn", value: `arn:aws:logs:us-east-1:${h.team.accountId}:log-group:${group}` },
          { op: "replace", path: "/accessLogSettings/format", value: '{"requestId":"$context.requestId","method":"$context.httpMethod","status":"$context.status","path":"$context.resourcePath","error":"$context.error.message"}' },
          { op: "replace", path: "/*/*/logging/loglevel", value: "INFO" },
        ],
      }),
    );
    const ok = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/logged"));
    const requestId = ok.headers.get("x-amzn-requestid")!;
    await ok.text();
    await (await fetch(invokeUrl(h.gateway.url, api.id, "test", "/nowhere"))).text();
    await flushStageLogs();

    const access = await h.logs.send(new FilterLogEventsCommand({ logGroupName: group }));
    const lines = (access.events ?? []).map((e) => JSON.parse(e.message!) as Record<string, string>);
    assert.deepEqual(lines, [
      { requestId, method: "GET", status: "200", path: "/logged", error: "-" },
      { requestId: lines[1]!.requestId, method: "GET", status: "403", path: "-", error: "Missing Authentication Token" },
    ]);
    const execution = await h.logs.send(new FilterLogEventsCommand({ logGroupName: `API-Gateway-Execution-Logs_${api.id}/test` }));
    const messages = (execution.events ?? []).map((e) => e.message);
    assert.ok(messages.includes(`(${requestId}) Starting execution for request: ${requestId}`), messages.join("\n"));
    assert.ok(messages.includes(`(${requestId}) Method completed with status: 200`));
  });
});
