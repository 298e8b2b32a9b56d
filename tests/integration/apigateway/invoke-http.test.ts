import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { after, before, describe, test } from "node:test";
import { TestInvokeMethodCommand } from "@aws-sdk/client-api-gateway";
import { type ApiInvokeHarness, deployApi, expectGatewayResponse, invokeUrl, startApiInvokeHarness, startBackend, type TestBackend } from "./invoke-helpers";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let h: ApiInvokeHarness;
let backend: TestBackend;
const received: Received[] = [];

before(async () => {
  h = await startApiInvokeHarness();
  // The backend echoes what it got; /status/<n> answers n, /slow answers after a second.
  backend = await startBackend((req, raw, res) => {
    const body = raw.toString();
    received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    const status = /^\/status\/(\d+)/.exec(req.url!)?.[1];
    const answer = () => {
      res.writeHead(status ? Number(status) : 200, { "content-type": "application/json", "x-backend": "echo", "set-cookie": ["s=1", "t=2"] });
      res.end(JSON.stringify({ method: req.method, url: req.url, body, item: { name: "widget" } }));
    };
    if (req.url === "/slow") setTimeout(answer, 1000);
    else answer();
  });
});
after(async () => {
  await backend.close();
  await h.close();
});

describe("HTTP proxy integration (HTTP_PROXY)", () => {
  test("forwards the method, greedy path, query, headers and body, and hands the answer back as it is", async () => {
    const api = await deployApi(h.apigw, [
      {
        path: "/api/{proxy+}",
        httpMethod: "ANY",
        integration: {
          type: "HTTP_PROXY",
          integrationHttpMethod: "ANY",
          uri: `${backend.url}/backend/{proxy}`,
          requestParameters: { "integration.request.path.proxy": "method.request.path.proxy", "integration.request.header.X-Stage": "context.stage" },
        },
      },
    ]);
    const response = await fetch(`${invokeUrl(h.gateway.url, api.id, "test", "/api/a/b")}?x=1&x=2`, { method: "PATCH", headers: { "x-client": "c1" }, body: "payload" });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("x-backend"), "echo");
    assert.deepEqual(response.headers.getSetCookie(), ["s=1", "t=2"]);
    const echoed = (await response.json()) as { method: string; url: string; body: string };
    assert.deepEqual(echoed, { method: "PATCH", url: "/backend/a/b?x=1&x=2", body: "payload", item: { name: "widget" } });
    const seen = received.at(-1)!;
    assert.equal(seen.headers["x-client"], "c1");
    assert.equal(seen.headers["x-stage"], "test");
  });

  test("the backend's error statuses pass through, and a slow backend is 504", async () => {
    const api = await deployApi(h.apigw, [
      { path: "/{proxy+}", httpMethod: "GET", integration: { type: "HTTP_PROXY", integrationHttpMethod: "GET", uri: `${backend.url}/{proxy}`, timeoutInMillis: 300 } },
    ]);
    const missing = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/status/404"));
    assert.equal(missing.status, 404);
    await missing.arrayBuffer();
    await expectGatewayResponse(await fetch(invokeUrl(h.gateway.url, api.id, "test", "/slow")), 504, "InternalServerErrorException", "Endpoint request timed out");
  });
});

describe("an integration endpoint that answers nothing", () => {
  test("refusing connections is 503 Service Unavailable, for proxy and non-proxy HTTP integrations alike", async () => {
    // A port that was just listening and is closed now refuses connections.
    const closed = await startBackend(() => undefined);
    await closed.close();
    const deadUrl = closed.url;
    const api = await deployApi(h.apigw, [
      { path: "/proxy", httpMethod: "GET", integration: { type: "HTTP_PROXY", integrationHttpMethod: "GET", uri: `${deadUrl}/x` } },
      { path: "/mapped", httpMethod: "GET", integration: { type: "HTTP", integrationHttpMethod: "GET", uri: `${deadUrl}/x` }, integrationResponses: [{ statusCode: "200" }] },
    ]);
    for (const path of ["/proxy", "/mapped"]) {
      await expectGatewayResponse(await fetch(invokeUrl(h.gateway.url, api.id, "test", path)), 503, "ServiceUnavailableException", "Service Unavailable");
    }
    const out = await h.apigw.send(new TestInvokeMethodCommand({ restApiId: api.id, resourceId: api.resources.get("/mapped"), httpMethod: "GET" }));
    assert.equal(out.status, 503);
    assert.match(out.log!, /: Sending request to http:\/\/127\.0\.0\.1:\d+\/x\n.*: Execution failed due to a network error: .*ECONNREFUSED/);
  });
});

describe("HTTP integration (non-proxy)", () => {
  test("maps parameters and the body into the backend request, and the backend status to a method response", async () => {
    const api = await deployApi(h.apigw, [
      {
        path: "/things/{id}",
        httpMethod: "POST",
        integration: {
          type: "HTTP",
          integrationHttpMethod: "PUT",
          uri: `${backend.url}/status/{code}`,
          requestParameters: {
            "integration.request.path.code": "method.request.querystring.code",
            "integration.request.querystring.thing": "method.request.path.id",
            "integration.request.header.X-Fixed": "'constant'",
          },
          requestTemplates: { "application/json": '{"wrapped": $input.json(\'$\')}' },
        },
        integrationResponses: [
          {
            statusCode: "200",
            responseParameters: { "method.response.header.X-Name": "integration.response.body.item.name", "method.response.header.X-From": "integration.response.header.x-backend" },
            responseTemplates: { "application/json": '{"sent": $input.json(\'$.body\'), "url": "$input.path(\'$.url\')"}' },
          },
          { statusCode: "400", selectionPattern: "4\\d{2}", responseTemplates: { "application/json": '{"problem": "backend said no"}' } },
        ],
      },
    ]);
    const ok = await fetch(`${invokeUrl(h.gateway.url, api.id, "test", "/things/t1")}?code=201`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"n":1}' });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("x-name"), "widget");
    assert.equal(ok.headers.get("x-from"), "echo");
    assert.deepEqual(await ok.json(), { sent: '{"wrapped": {"n":1}}', url: "/status/201?thing=t1" });
    const seen = received.at(-1)!;
    assert.equal(seen.method, "PUT");
    assert.equal(seen.headers["x-fixed"], "constant");

    const refused = await fetch(`${invokeUrl(h.gateway.url, api.id, "test", "/things/t2")}?code=409`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(refused.status, 400);
    assert.deepEqual(await refused.json(), { problem: "backend said no" });
  });
});
