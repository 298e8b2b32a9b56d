import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { assertApigwError, notFound } from "./helpers";
import { type ApiInvokeHarness, deployApi, functionUri, invokeUrl, nodeFunction, startApiInvokeHarness } from "./invoke-helpers";
import type { ProxyEvent } from "../../../server/services/apigateway/invoke/proxy-event";

let h: ApiInvokeHarness;
before(async () => {
  h = await startApiInvokeHarness();
});
after(async () => {
  await h.close();
});

describe("TestInvokeMethod", () => {
  test("runs the method as it is now, before any deployment, with path parameters, query, headers, body and stage variables", async () => {
    const fn = await nodeFunction(h, "exports.handler = async (event) => ({ statusCode: 202, headers: { 'X-Echo': 'yes' }, body: JSON.stringify(event) });\n");
    const api = await h.apigw.send(new apigw.CreateRestApiCommand({ name: "test-invoke" }));
    const resource = await h.apigw.send(new apigw.CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: "{id}" }));
    await h.apigw.send(new apigw.PutMethodCommand({ restApiId: api.id, resourceId: resource.id, httpMethod: "POST", authorizationType: "AWS_IAM" }));
    await h.apigw.send(
      new apigw.PutIntegrationCommand({ restApiId: api.id, resourceId: resource.id, httpMethod: "POST", type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(fn.arn) }),
    );
    const out = await h.apigw.send(
      new apigw.TestInvokeMethodCommand({
        restApiId: api.id,
        resourceId: resource.id,
        httpMethod: "POST",
        pathWithQueryString: "/abc?x=1",
        body: '{"a":1}',
        headers: { "X-Test": "t" },
        stageVariables: { v: "1" },
      }),
    );
    assert.equal(out.status, 202);
    assert.equal(out.headers?.["X-Echo"], "yes");
    assert.deepEqual(out.multiValueHeaders?.["X-Echo"], ["yes"]);
    const event = JSON.parse(out.body!) as ProxyEvent;
    assert.deepEqual(event.pathParameters, { id: "abc" });
    assert.deepEqual(event.queryStringParameters, { x: "1" });
    assert.equal(event.headers?.["X-Test"], "t");
    assert.equal(event.body, '{"a":1}');
    assert.deepEqual(event.stageVariables, { v: "1" });
    assert.equal(event.requestContext.stage, "test-invoke-stage");
    assert.equal(event.requestContext.identity.sourceIp, "test-invoke-source-ip");
    assert.match(out.log!, /^Execution log for request [0-9a-f-]{36}\n/);
    assert.match(out.log!, /: Starting execution for request: /);
    assert.match(out.log!, /: HTTP Method: POST, Resource Path: \/\{id\}\n/);
    assert.match(out.log!, /: Method completed with status: 202\n$/);
    assert.equal(typeof out.latency, "number");
  });

  test("a MOCK method answers through its integration response; an unknown method is NotFound", async () => {
    const api = await deployApi(h.apigw, [
      {
        path: "/m",
        httpMethod: "GET",
        integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
        integrationResponses: [{ statusCode: "200", responseTemplates: { "application/json": '{"from": "mock", "v": "$stageVariables.v"}' } }],
      },
    ]);
    const resourceId = api.resources.get("/m")!;
    const out = await h.apigw.send(new apigw.TestInvokeMethodCommand({ restApiId: api.id, resourceId, httpMethod: "GET", stageVariables: { v: "x" } }));
    assert.equal(out.status, 200);
    assert.deepEqual(JSON.parse(out.body!), { from: "mock", v: "x" });
    assert.match(out.log!, /: Endpoint request body after transformations: \{"statusCode": 200\}\n/);
    await assertApigwError(h.apigw.send(new apigw.TestInvokeMethodCommand({ restApiId: api.id, resourceId, httpMethod: "PUT" })), notFound("Invalid Method identifier specified"));
  });
});

describe("request validators", () => {
  test("a validator that checks parameters refuses a request missing a required one with 400", async () => {
    const api = await deployApi(h.apigw, [
      {
        path: "/search",
        httpMethod: "GET",
        integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
        integrationResponses: [{ statusCode: "200", responseTemplates: { "application/json": "found $input.params('q')" } }],
      },
    ]);
    const resourceId = api.resources.get("/search")!;
    const validator = await h.apigw.send(new apigw.CreateRequestValidatorCommand({ restApiId: api.id, name: "params", validateRequestParameters: true }));
    await h.apigw.send(
      new apigw.UpdateMethodCommand({
        restApiId: api.id,
        resourceId,
        httpMethod: "GET",
        patchOperations: [
          { op: "replace", path: "/requestValidatorId", value: validator.id },
          { op: "add", path: "/requestParameters/method.request.querystring.q", value: "true" },
          { op: "add", path: "/requestParameters/method.request.header.X-Key", value: "true" },
        ],
      }),
    );
    await h.apigw.send(new apigw.CreateDeploymentCommand({ restApiId: api.id, stageName: "test" }));
    const url = invokeUrl(h.gateway.url, api.id, "test", "/search");
    const missing = await fetch(url);
    assert.equal(missing.status, 400);
    assert.equal(missing.headers.get("x-amzn-errortype"), "BadRequestException");
    assert.deepEqual(await missing.json(), { message: "Missing required request parameters: [X-Key, q]" });
    const ok = await fetch(`${url}?q=cats`, { headers: { "x-key": "k" } });
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), "found cats");
  });
});
