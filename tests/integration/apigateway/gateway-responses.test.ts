import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { assertApigwError, notFound } from "./helpers";
import { type ApiInvokeHarness, deployApi, invokeUrl, mockRoute, startApiInvokeHarness } from "./invoke-helpers";

let h: ApiInvokeHarness;
before(async () => {
  h = await startApiInvokeHarness();
});
after(async () => {
  await h.close();
});

const hello = mockRoute("/hello", "hi");

describe("gateway responses: management", () => {
  test("every type has its default; a customised one is put, read, listed, patched and deleted", async () => {
    const api = await h.apigw.send(new apigw.CreateRestApiCommand({ name: "responses" }));
    const initial = await h.apigw.send(new apigw.GetGatewayResponseCommand({ restApiId: api.id, responseType: "THROTTLED" }));
    assert.deepEqual(
      { type: initial.responseType, status: initial.statusCode, default: initial.defaultResponse, templates: initial.responseTemplates },
      { type: "THROTTLED", status: "429", default: true, templates: { "application/json": '{"message":$context.error.messageString}' } },
    );
    const put = await h.apigw.send(
      new apigw.PutGatewayResponseCommand({
        restApiId: api.id,
        responseType: "MISSING_AUTHENTICATION_TOKEN",
        statusCode: "404",
        responseParameters: { "gatewayresponse.header.X-Why": "'no such route'" },
        responseTemplates: { "application/json": '{"error": $context.error.messageString, "type": "$context.error.responseType"}' },
      }),
    );
    assert.equal(put.defaultResponse, false);
    assert.equal(put.statusCode, "404");
    const list = await h.apigw.send(new apigw.GetGatewayResponsesCommand({ restApiId: api.id }));
    assert.equal(list.items?.length, 21);
    assert.equal(list.items?.find((r) => r.responseType === "MISSING_AUTHENTICATION_TOKEN")?.defaultResponse, false);
    const patched = await h.apigw.send(
      new apigw.UpdateGatewayResponseCommand({
        restApiId: api.id,
        responseType: "MISSING_AUTHENTICATION_TOKEN",
        patchOperations: [
          { op: "replace", path: "/statusCode", value: "410" },
          { op: "add", path: "/responseParameters/gatewayresponse.header.X-Stage", value: "stageVariables.name" },
        ],
      }),
    );
    assert.equal(patched.statusCode, "410");
    assert.deepEqual(patched.responseParameters, { "gatewayresponse.header.X-Why": "'no such route'", "gatewayresponse.header.X-Stage": "stageVariables.name" });
    await h.apigw.send(new apigw.DeleteGatewayResponseCommand({ restApiId: api.id, responseType: "MISSING_AUTHENTICATION_TOKEN" }));
    assert.equal((await h.apigw.send(new apigw.GetGatewayResponseCommand({ restApiId: api.id, responseType: "MISSING_AUTHENTICATION_TOKEN" }))).defaultResponse, true);
    await assertApigwError(h.apigw.send(new apigw.DeleteGatewayResponseCommand({ restApiId: api.id, responseType: "THROTTLED" })), notFound("Invalid Gateway Response identifier specified"));
    await assertApigwError(h.apigw.send(new apigw.GetGatewayResponseCommand({ restApiId: api.id, responseType: "NOPE" as apigw.GatewayResponseType })), {
      name: "ValidationException",
      status: 400,
      message: /Value 'NOPE' at 'getGatewayResponseInput.responseType' failed to satisfy constraint/,
    });
  });
});

describe("gateway responses at invocation", () => {
  test("a customised type replaces status, headers and body once deployed; DEFAULT_4XX covers the other client errors", async () => {
    const api = await deployApi(h.apigw, [hello], { variables: { name: "blue" } });
    const missing = invokeUrl(h.gateway.url, api.id, "test", "/nowhere");
    assert.equal((await fetch(missing)).status, 403);
    await h.apigw.send(
      new apigw.PutGatewayResponseCommand({
        restApiId: api.id,
        responseType: "MISSING_AUTHENTICATION_TOKEN",
        statusCode: "404",
        responseParameters: { "gatewayresponse.header.X-Why": "'no such route'", "gatewayresponse.header.X-Stage": "stageVariables.name" },
        responseTemplates: { "application/json": '{"error": $context.error.messageString, "type": "$context.error.responseType", "path": "$context.path"}' },
      }),
    );
    await h.apigw.send(new apigw.PutGatewayResponseCommand({ restApiId: api.id, responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } }));
    assert.equal((await fetch(missing)).status, 403, "not live before a deployment");
    await h.apigw.send(new apigw.CreateDeploymentCommand({ restApiId: api.id, stageName: "test" }));

    const response = await fetch(missing);
    assert.equal(response.status, 404);
    assert.equal(response.headers.get("x-why"), "no such route");
    assert.equal(response.headers.get("x-stage"), "blue");
    assert.equal(response.headers.get("x-amzn-errortype"), "MissingAuthenticationTokenException");
    assert.deepEqual(await response.json(), { error: "Missing Authentication Token", type: "MISSING_AUTHENTICATION_TOKEN", path: "/nowhere" });

    // THROTTLED is not customised itself, so DEFAULT_4XX's header applies to it.
    await h.apigw.send(
      new apigw.UpdateStageCommand({
        restApiId: api.id,
        stageName: "test",
        patchOperations: [
          { op: "replace", path: "/~1hello/GET/throttling/rateLimit", value: "0" },
          { op: "replace", path: "/~1hello/GET/throttling/burstLimit", value: "0" },
        ],
      }),
    );
    const throttled = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/hello"));
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get("access-control-allow-origin"), "*");
    assert.deepEqual(await throttled.json(), { message: "Too Many Requests" });
  });
});
