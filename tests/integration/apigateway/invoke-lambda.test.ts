import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import * as lambda from "@aws-sdk/client-lambda";
import { zipOf } from "../lambda/helpers";
import { type ApiInvokeHarness, deployApi, expectGatewayResponse, functionUri, invokeUrl, nodeFunction, startApiInvokeHarness } from "./invoke-helpers";
import type { ProxyEvent } from "../../../server/services/apigateway/invoke/proxy-event";

let h: ApiInvokeHarness;
before(async () => {
  h = await startApiInvokeHarness();
});
after(async () => {
  await h.close();
});

const ECHO = "exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n";

describe("Lambda proxy integration (AWS_PROXY)", () => {
  test("sends AWS's version 1.0 proxy event and answers with the function's status, headers and body", async () => {
    const fn = await nodeFunction(h, ECHO);
    const api = await deployApi(
      h.apigw,
      [{ path: "/items/{id}", httpMethod: "POST", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(fn.arn) } }],
      { stage: "dev", variables: { color: "blue" } },
    );
    const response = await fetch(`${invokeUrl(h.gateway.url, api.id, "dev", "/items/42")}?a=1&b=2&b=3`, {
      method: "POST",
      headers: { "X-Custom": "yes", "content-type": "application/json" },
      body: JSON.stringify({ hello: "world" }),
    });
    assert.equal(response.status, 200);
    const event = (await response.json()) as ProxyEvent;
    assert.equal(event.resource, "/items/{id}");
    assert.equal(event.path, "/items/42");
    assert.equal(event.httpMethod, "POST");
    assert.equal(event.headers?.["X-Custom"], "yes");
    assert.deepEqual(event.multiValueHeaders?.["X-Custom"], ["yes"]);
    assert.deepEqual(event.queryStringParameters, { a: "1", b: "3" });
    assert.deepEqual(event.multiValueQueryStringParameters, { a: ["1"], b: ["2", "3"] });
    assert.deepEqual(event.pathParameters, { id: "42" });
    assert.deepEqual(event.stageVariables, { color: "blue" });
    assert.equal(event.body, '{"hello":"world"}');
    assert.equal(event.isBase64Encoded, false);
    const ctx = event.requestContext;
    assert.equal(ctx.resourcePath, "/items/{id}");
    assert.equal(ctx.resourceId, api.resources.get("/items/{id}"));
    assert.equal(ctx.httpMethod, "POST");
    assert.equal(ctx.stage, "dev");
    assert.equal(ctx.path, "/dev/items/42");
    assert.equal(ctx.apiId, api.id);
    assert.equal(ctx.accountId, h.team.accountId);
    assert.equal(ctx.protocol, "HTTP/1.1");
    assert.match(ctx.requestId, /^[0-9a-f-]{36}$/);
    assert.equal(ctx.requestId, response.headers.get("x-amzn-requestid"));
    assert.match(ctx.requestTime, /^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
    assert.equal(typeof ctx.requestTimeEpoch, "number");
    assert.equal(ctx.identity.sourceIp, "127.0.0.1");
    assert.equal(ctx.identity.userArn, null);
  });

  test("null members when the request has no query, path parameters, stage variables or body", async () => {
    const fn = await nodeFunction(h, ECHO);
    const api = await deployApi(h.apigw, [{ path: "/", httpMethod: "GET", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(fn.arn) } }]);
    const event = (await (await fetch(invokeUrl(h.gateway.url, api.id, "test", "/"))).json()) as Record<string, unknown>;
    assert.equal(event.queryStringParameters, null);
    assert.equal(event.multiValueQueryStringParameters, null);
    assert.equal(event.pathParameters, null);
    assert.equal(event.stageVariables, null);
    assert.equal(event.body, null);
    assert.equal(event.resource, "/");
  });

  test("the response contract: status, headers merged with multiValueHeaders, base64 bodies for clients accepting a binary media type, default content type", async () => {
    const fn = await nodeFunction(
      h,
      `exports.handler = async (event) => event.path === "/binary"
        ? { statusCode: 200, body: Buffer.from([0, 1, 2, 255]).toString("base64"), isBase64Encoded: true, headers: { "Content-Type": "application/octet-stream" } }
        : { statusCode: 201, headers: { "X-One": "1", "Set-Cookie": "ignored=1" }, multiValueHeaders: { "Set-Cookie": ["a=1", "b=2"] }, body: "created" };\n`,
    );
    const api = await deployApi(h.apigw, [{ path: "/{proxy+}", httpMethod: "ANY", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(fn.arn) } }], {
      api: { binaryMediaTypes: ["application/octet-stream"] },
    });
    const created = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/thing"), { method: "PUT" });
    assert.equal(created.status, 201);
    assert.equal(created.headers.get("x-one"), "1");
    assert.deepEqual(created.headers.getSetCookie(), ["a=1", "b=2"]);
    assert.equal(created.headers.get("content-type"), "application/json");
    assert.equal(await created.text(), "created");
    const binary = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/binary"), { headers: { accept: "application/octet-stream" } });
    assert.equal(binary.headers.get("content-type"), "application/octet-stream");
    assert.deepEqual([...new Uint8Array(await binary.arrayBuffer())], [0, 1, 2, 255]);
    // API Gateway decides by the client's first Accept type: any other gets the base64 text.
    const asText = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/binary"), { headers: { accept: "*/*" } });
    assert.equal(await asText.text(), Buffer.from([0, 1, 2, 255]).toString("base64"));
  });

  test("a body of a binary media type reaches the function base64-encoded", async () => {
    const fn = await nodeFunction(h, ECHO);
    const api = await deployApi(h.apigw, [{ path: "/upload", httpMethod: "POST", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(fn.arn) } }], {
      api: { binaryMediaTypes: ["image/*"] },
    });
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const response = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/upload"), { method: "POST", headers: { "content-type": "image/png" }, body: bytes });
    const event = (await response.json()) as { body: string; isBase64Encoded: boolean };
    assert.equal(event.isBase64Encoded, true);
    assert.deepEqual(Buffer.from(event.body, "base64"), bytes);
  });

  test("a malformed proxy response and a function error are 502 Internal server error", async () => {
    const malformed = await nodeFunction(h, 'exports.handler = async () => ({ body: "no status code" });\n');
    const throws = await nodeFunction(h, 'exports.handler = async () => { throw new Error("boom"); };\n');
    const notJson = await nodeFunction(h, 'exports.handler = async () => "just a string";\n');
    const api = await deployApi(h.apigw, [
      { path: "/malformed", httpMethod: "GET", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(malformed.arn) } },
      { path: "/throws", httpMethod: "GET", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(throws.arn) } },
      { path: "/string", httpMethod: "GET", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(notJson.arn) } },
    ]);
    for (const path of ["/malformed", "/throws", "/string"]) {
      await expectGatewayResponse(await fetch(invokeUrl(h.gateway.url, api.id, "test", path)), 502, "InternalServerErrorException", "Internal server error");
    }
  });

  test("an integration slower than its timeout is 504 Endpoint request timed out", async () => {
    const slow = await nodeFunction(h, "exports.handler = async () => { await new Promise((r) => setTimeout(r, 3000)); return { statusCode: 200, body: 'late' }; };\n", { Timeout: 5 });
    const api = await deployApi(h.apigw, [
      { path: "/slow", httpMethod: "GET", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(slow.arn), timeoutInMillis: 300 } },
    ]);
    const started = Date.now();
    await expectGatewayResponse(await fetch(invokeUrl(h.gateway.url, api.id, "test", "/slow")), 504, "InternalServerErrorException", "Endpoint request timed out");
    assert.ok(Date.now() - started < 2500, "answered at the integration timeout, not when the function finished");
  });

  test("a function Lambda throttles (no reserved concurrency left) is 500 Internal server error, as Lambda refusing an invocation is", async () => {
    const fn = await nodeFunction(h, ECHO);
    await h.client.send(new lambda.PutFunctionConcurrencyCommand({ FunctionName: fn.name, ReservedConcurrentExecutions: 0 }));
    const api = await deployApi(h.apigw, [{ path: "/busy", httpMethod: "GET", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(fn.arn) } }]);
    await expectGatewayResponse(await fetch(invokeUrl(h.gateway.url, api.id, "test", "/busy")), 500, "InternalServerErrorException", "Internal server error");
    const out = await h.apigw.send(new apigw.TestInvokeMethodCommand({ restApiId: api.id, resourceId: api.resources.get("/busy"), httpMethod: "GET" }));
    assert.equal(out.status, 500);
    assert.match(out.log!, /: Lambda invocation failed with status: 429\n.*: Execution failed due to configuration error: TooManyRequestsException: Rate Exceeded\.\n/);
    assert.doesNotMatch(out.log!, /Successfully completed execution/);
  });

  test("a function that does not exist is 500 Internal server error", async () => {
    const api = await deployApi(h.apigw, [
      { path: "/gone", httpMethod: "GET", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(`arn:aws:lambda:us-east-1:${h.team.accountId}:function:does-not-exist`) } },
    ]);
    await expectGatewayResponse(await fetch(invokeUrl(h.gateway.url, api.id, "test", "/gone")), 500, "InternalServerErrorException", "Internal server error");
  });

  test("stage variables in the integration URI select a Lambda alias per stage", async () => {
    const fn = await nodeFunction(h, 'exports.handler = async () => ({ statusCode: 200, body: "v1" });\n');
    const v1 = await h.client.send(new lambda.PublishVersionCommand({ FunctionName: fn.name }));
    await h.client.send(new lambda.UpdateFunctionCodeCommand({ FunctionName: fn.name, ZipFile: zipOf({ "index.js": 'exports.handler = async () => ({ statusCode: 200, body: "v2" });\n' }) }));
    await lambda.waitUntilFunctionUpdatedV2({ client: h.client, maxWaitTime: 30 }, { FunctionName: fn.name });
    const v2 = await h.client.send(new lambda.PublishVersionCommand({ FunctionName: fn.name }));
    await h.client.send(new lambda.CreateAliasCommand({ FunctionName: fn.name, Name: "stable", FunctionVersion: v1.Version! }));
    await h.client.send(new lambda.CreateAliasCommand({ FunctionName: fn.name, Name: "beta", FunctionVersion: v2.Version! }));
    const api = await deployApi(
      h.apigw,
      [{ path: "/which", httpMethod: "GET", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(`${fn.arn}:\${stageVariables.alias}`) } }],
      { stage: "prod", variables: { alias: "stable" } },
    );
    await h.apigw.send(new apigw.CreateStageCommand({ restApiId: api.id, stageName: "beta", deploymentId: (await h.apigw.send(new apigw.GetStageCommand({ restApiId: api.id, stageName: "prod" }))).deploymentId!, variables: { alias: "beta" } }));
    assert.equal(await (await fetch(invokeUrl(h.gateway.url, api.id, "prod", "/which"))).text(), "v1");
    assert.equal(await (await fetch(invokeUrl(h.gateway.url, api.id, "beta", "/which"))).text(), "v2");
  });
});

describe("Lambda integration (AWS, non-proxy)", () => {
  test("maps the request through a template, the answer through the default response, and errors by selection pattern", async () => {
    const fn = await nodeFunction(
      h,
      `exports.handler = async (event) => {
        if (event.name === "missing") throw new Error("NotFound: no such name");
        return { greeting: "hello " + event.name, stage: event.stage };
      };\n`,
    );
    const api = await deployApi(h.apigw, [
      {
        path: "/greet/{name}",
        httpMethod: "GET",
        integration: {
          type: "AWS",
          integrationHttpMethod: "POST",
          uri: functionUri(fn.arn),
          requestTemplates: { "application/json": '{ "name": "$input.params(\'name\')", "stage": "$context.stage" }' },
        },
        integrationResponses: [
          { statusCode: "200", responseTemplates: { "application/json": '{ "message": $input.json(\'$.greeting\'), "where": "$input.path(\'$.stage\')" }' } },
          { statusCode: "404", selectionPattern: "NotFound:.*", responseTemplates: { "application/json": '{ "error": "$input.path(\'$.errorMessage\')" }' } },
        ],
      },
    ]);
    const ok = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/greet/ada"));
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { message: "hello ada", where: "test" });
    const missing = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/greet/missing"));
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: "NotFound: no such name" });
  });

  test("a function error no pattern matches takes the default response, with the error document as the body", async () => {
    const fn = await nodeFunction(h, 'exports.handler = async () => { throw new TypeError("unexpected"); };\n');
    const api = await deployApi(h.apigw, [
      { path: "/", httpMethod: "GET", integration: { type: "AWS", integrationHttpMethod: "POST", uri: functionUri(fn.arn) }, integrationResponses: [{ statusCode: "200" }, { statusCode: "400", selectionPattern: "Invalid.*" }] },
    ]);
    const response = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/"));
    assert.equal(response.status, 200);
    const body = (await response.json()) as { errorType: string; errorMessage: string };
    assert.equal(body.errorType, "TypeError");
    assert.equal(body.errorMessage, "unexpected");
  });

  test("without any integration response it is 500 Internal server error", async () => {
    const fn = await nodeFunction(h, 'exports.handler = async () => "fine";\n');
    const api = await deployApi(h.apigw, [{ path: "/", httpMethod: "GET", integration: { type: "AWS", integrationHttpMethod: "POST", uri: functionUri(fn.arn) } }]);
    await expectGatewayResponse(await fetch(invokeUrl(h.gateway.url, api.id, "test", "/")), 500, "InternalServerErrorException", "Internal server error");
  });
});
