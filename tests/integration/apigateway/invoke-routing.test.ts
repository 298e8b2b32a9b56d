import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { after, before, describe, test } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { signedFetch } from "../gateway/helpers";
import { type ApiInvokeHarness, deployApi, expectGatewayResponse, functionUri, invokeUrl, type MethodSpec, nodeFunction, startApiInvokeHarness } from "./invoke-helpers";

let h: ApiInvokeHarness;
before(async () => {
  h = await startApiInvokeHarness();
});
after(async () => {
  await h.close();
});

/** A MOCK method answering `body` with status 200. */
const mock = (path: string, httpMethod: string, body: string): MethodSpec => ({
  path,
  httpMethod,
  integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
  integrationResponses: [{ statusCode: "200", responseTemplates: { "application/json": body } }],
});

const get = (api: { id: string }, path: string, stage = "test") => fetch(invokeUrl(h.gateway.url, api.id, stage, path));

describe("routing", () => {
  test("literal parts win over parameters, which win over greedy paths; ANY serves verbs without their own method", async () => {
    const api = await deployApi(h.apigw, [
      mock("/items/special", "GET", "literal"),
      mock("/items/{id}", "GET", "param $input.params('id')"),
      mock("/items/{id}", "ANY", "any $context.httpMethod"),
      mock("/{proxy+}", "GET", "greedy $input.params('proxy')"),
      mock("/", "GET", "root"),
    ]);
    assert.equal(await (await get(api, "/items/special")).text(), "literal");
    assert.equal(await (await get(api, "/items/7")).text(), "param 7");
    assert.equal(await (await get(api, "/items/a%20b")).text(), "param a b");
    assert.equal(await (await fetch(invokeUrl(h.gateway.url, api.id, "test", "/items/7"), { method: "DELETE" })).text(), "any DELETE");
    assert.equal(await (await get(api, "/deep/down/here")).text(), "greedy deep/down/here");
    assert.equal(await (await get(api, "/items/7/more")).text(), "greedy items/7/more");
    assert.equal(await (await get(api, "/")).text(), "root");
    assert.equal(await (await get(api, "/items/special/")).text(), "literal", "a trailing slash names the same resource");
  });

  test("the execute-api host form reaches the same stage", async () => {
    const api = await deployApi(h.apigw, [mock("/hello", "GET", "hi from $context.stage")], { stage: "dev" });
    const { port } = new URL(h.gateway.url);
    const text = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path: "/dev/hello", headers: { host: `${api.id}.execute-api.localhost:${port}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk)).on("end", () => resolve(Buffer.concat(chunks).toString()));
      });
      req.on("error", reject).end();
    });
    assert.equal(text, "hi from dev");
  });

  test("unknown paths, methods and stages are 403 Missing Authentication Token; an unknown API is 404", async () => {
    const api = await deployApi(h.apigw, [mock("/hello", "GET", "hi")]);
    await expectGatewayResponse(await get(api, "/nope"), 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    await expectGatewayResponse(await fetch(invokeUrl(h.gateway.url, api.id, "test", "/hello"), { method: "POST" }), 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    await expectGatewayResponse(await get(api, "/hello", "nostage"), 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    await expectGatewayResponse(await get({ id: "zzzzzzzzzz" }, "/hello"), 404, "NotFoundException", "Not Found");
  });

  test("changes are live only after a deployment, and at once after it", async () => {
    const api = await deployApi(h.apigw, [mock("/v", "GET", "one")]);
    const resourceId = api.resources.get("/v")!;
    assert.equal(await (await get(api, "/v")).text(), "one");
    await h.apigw.send(new apigw.PutIntegrationResponseCommand({ restApiId: api.id, resourceId, httpMethod: "GET", statusCode: "200", responseTemplates: { "application/json": "two" } }));
    assert.equal(await (await get(api, "/v")).text(), "one");
    await h.apigw.send(new apigw.CreateDeploymentCommand({ restApiId: api.id, stageName: "test" }));
    assert.equal(await (await get(api, "/v")).text(), "two");
  });

  test("a request body over 10 MB is 413", async () => {
    const api = await deployApi(h.apigw, [mock("/up", "POST", "ok")]);
    const response = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/up"), { method: "POST", body: Buffer.alloc(10 * 1024 * 1024 + 1, 97) });
    await expectGatewayResponse(response, 413, "RequestTooLargeException", "Request Too Long");
  });
});

describe("MOCK integration", () => {
  test("the request template's statusCode picks the integration response by selection pattern", async () => {
    const api = await deployApi(h.apigw, [
      {
        path: "/status",
        httpMethod: "GET",
        integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": $input.params(\'code\')}' } },
        integrationResponses: [
          { statusCode: "200", responseTemplates: { "application/json": '{"ok": true}' }, responseParameters: { "method.response.header.X-Mock": "'yes'" } },
          { statusCode: "418", selectionPattern: "418", responseTemplates: { "application/json": '{"teapot": true}' } },
        ],
      },
    ]);
    const ok = await get(api, "/status?code=200");
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("x-mock"), "yes");
    assert.equal(ok.headers.get("content-type"), "application/json");
    assert.deepEqual(await ok.json(), { ok: true });
    const teapot = await get(api, "/status?code=418");
    assert.equal(teapot.status, 418);
    assert.deepEqual(await teapot.json(), { teapot: true });
  });

  test("CORS preflight: an OPTIONS method with a MOCK integration answers the Access-Control headers", async () => {
    const api = await deployApi(h.apigw, [
      {
        path: "/cors",
        httpMethod: "OPTIONS",
        integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
        integrationResponses: [
          {
            statusCode: "200",
            responseParameters: {
              "method.response.header.Access-Control-Allow-Origin": "'*'",
              "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
              "method.response.header.Access-Control-Allow-Headers": "'Content-Type,Authorization'",
            },
          },
        ],
      },
    ]);
    const response = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/cors"), { method: "OPTIONS", headers: { Origin: "http://example.com" } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
    assert.equal(response.headers.get("access-control-allow-methods"), "GET,OPTIONS");
    assert.equal(response.headers.get("access-control-allow-headers"), "Content-Type,Authorization");
  });

  test("passthrough behaviour NEVER refuses a content type without a template with 415", async () => {
    const api = await deployApi(h.apigw, [
      {
        path: "/strict",
        httpMethod: "POST",
        integration: { type: "MOCK", passthroughBehavior: "NEVER", requestTemplates: { "application/json": '{"statusCode": 200}' } },
        integrationResponses: [{ statusCode: "200", responseTemplates: { "application/json": "accepted" } }],
      },
    ]);
    const url = invokeUrl(h.gateway.url, api.id, "test", "/strict");
    assert.equal(await (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).text(), "accepted");
    await expectGatewayResponse(await fetch(url, { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }), 415, "UnsupportedMediaTypeException", "Unsupported Media Type");
  });
});

describe("stages", () => {
  test("canary settings send about their percentage of traffic to the canary deployment", async () => {
    const api = await deployApi(h.apigw, [mock("/which", "GET", "base")]);
    const resourceId = api.resources.get("/which")!;
    await h.apigw.send(new apigw.PutIntegrationResponseCommand({ restApiId: api.id, resourceId, httpMethod: "GET", statusCode: "200", responseTemplates: { "application/json": "canary $stageVariables.flavour" } }));
    await h.apigw.send(
      new apigw.CreateDeploymentCommand({ restApiId: api.id, stageName: "test", canarySettings: { percentTraffic: 30, stageVariableOverrides: { flavour: "mint" } } }),
    );
    const counts = { base: 0, canary: 0 };
    for (let i = 0; i < 300; i++) {
      const text = await (await get(api, "/which")).text();
      if (text === "base") counts.base++;
      else {
        assert.equal(text, "canary mint");
        counts.canary++;
      }
    }
    // 30% of 300 is 90; the bounds are about 5 standard deviations either side.
    assert.ok(counts.canary > 50 && counts.canary < 130, `canary got ${counts.canary} of 300`);
  });

  test("stage throttling refuses requests beyond the burst with 429 Too Many Requests", async () => {
    const api = await deployApi(h.apigw, [mock("/t", "GET", "ok")]);
    await h.apigw.send(
      new apigw.UpdateStageCommand({
        restApiId: api.id,
        stageName: "test",
        patchOperations: [
          { op: "replace", path: "/*/*/throttling/rateLimit", value: "0.1" },
          { op: "replace", path: "/*/*/throttling/burstLimit", value: "2" },
        ],
      }),
    );
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(api, "/t")).status);
    assert.deepEqual(statuses, [200, 200, 429, 429]);
    await expectGatewayResponse(await get(api, "/t"), 429, "TooManyRequestsException", "Too Many Requests");
  });
});

describe("AWS_IAM authorization", () => {
  test("an unsigned request is 403 Missing Authentication Token; a signed one reaches the function with the caller's identity", async () => {
    const fn = await nodeFunction(h, "exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.identity) });\n");
    const api = await deployApi(h.apigw, [{ path: "/private", httpMethod: "GET", authorizationType: "AWS_IAM", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(fn.arn) } }]);
    const path = `/restapis/${api.id}/test/_user_request_/private`;
    await expectGatewayResponse(await fetch(`${h.gateway.url}${path}`), 403, "MissingAuthenticationTokenException", "Missing Authentication Token");

    const response = await signedFetch(h.gateway, h.team, "execute-api", { method: "GET", path });
    assert.equal(response.status, 200);
    const identity = (await response.json()) as { userArn: string; accountId: string; accessKey: string };
    assert.equal(identity.accountId, h.team.accountId);
    assert.equal(identity.accessKey, h.team.accessKeyId);
    assert.match(identity.userArn, new RegExp(`^arn:aws:iam::${h.team.accountId}:`));

    const refused = await signedFetch(h.gateway, { ...h.team, secretAccessKey: "wrong" }, "execute-api", { method: "GET", path });
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get("x-amzn-errortype"), "InvalidSignatureException");
  });
});
