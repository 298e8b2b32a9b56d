import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { assertApigwError, badRequest, conflict, notFound } from "./helpers";
import { type ApiInvokeHarness, deployApi, expectGatewayResponse, functionUri, invokeUrl, nodeFunction, startApiInvokeHarness } from "./invoke-helpers";

let h: ApiInvokeHarness;
before(async () => {
  h = await startApiInvokeHarness();
});
after(async () => {
  await h.close();
});

const FAKE_URI = functionUri("arn:aws:lambda:us-east-1:123456789012:function:auth");

describe("authorizers: management", () => {
  test("create, get, list, update and delete, with AWS's defaults", async () => {
    const api = await h.apigw.send(new apigw.CreateRestApiCommand({ name: "auth-mgmt" }));
    const created = await h.apigw.send(new apigw.CreateAuthorizerCommand({ restApiId: api.id, name: "tok", type: "TOKEN", authorizerUri: FAKE_URI }));
    assert.match(created.id!, /^[a-z0-9]{6}$/);
    assert.equal(created.identitySource, "method.request.header.Authorization");
    assert.equal(created.authorizerResultTtlInSeconds, 300);
    const got = await h.apigw.send(new apigw.GetAuthorizerCommand({ restApiId: api.id, authorizerId: created.id }));
    assert.equal(got.name, "tok");
    assert.equal(got.type, "TOKEN");
    const updated = await h.apigw.send(
      new apigw.UpdateAuthorizerCommand({
        restApiId: api.id,
        authorizerId: created.id,
        patchOperations: [
          { op: "replace", path: "/authorizerResultTtlInSeconds", value: "0" },
          { op: "replace", path: "/identitySource", value: "method.request.header.X-Token" },
        ],
      }),
    );
    assert.equal(updated.authorizerResultTtlInSeconds, 0);
    assert.equal(updated.identitySource, "method.request.header.X-Token");
    const list = await h.apigw.send(new apigw.GetAuthorizersCommand({ restApiId: api.id }));
    assert.deepEqual(list.items?.map((a) => a.id), [created.id]);
    await h.apigw.send(new apigw.DeleteAuthorizerCommand({ restApiId: api.id, authorizerId: created.id }));
    await assertApigwError(h.apigw.send(new apigw.GetAuthorizerCommand({ restApiId: api.id, authorizerId: created.id })), notFound("Invalid Authorizer identifier specified"));
  });

  test("refuses bad members, duplicate names, and deleting an authorizer a method uses", async () => {
    const api = await h.apigw.send(new apigw.CreateRestApiCommand({ name: "auth-rules" }));
    await assertApigwError(h.apigw.send(new apigw.CreateAuthorizerCommand({ restApiId: api.id, name: "a", type: "TOKEN", authorizerUri: "not-an-arn" })), badRequest("Invalid Authorizer URI specified"));
    await assertApigwError(
      h.apigw.send(new apigw.CreateAuthorizerCommand({ restApiId: api.id, name: "a", type: "TOKEN", authorizerUri: FAKE_URI, authorizerResultTtlInSeconds: 3601 })),
      badRequest("Invalid Authorizer TTL specified: 3601. Must be between 0 and 3600 seconds"),
    );
    await assertApigwError(h.apigw.send(new apigw.CreateAuthorizerCommand({ restApiId: api.id, name: "a", type: "COGNITO_USER_POOLS" })), badRequest(/ProviderARNs/));
    await assertApigwError(h.apigw.send(new apigw.CreateAuthorizerCommand({ restApiId: api.id, name: "a", type: "OAUTH" as apigw.AuthorizerType })), {
      name: "ValidationException",
      status: 400,
      message: /Member must satisfy enum value set: \[TOKEN, REQUEST, COGNITO_USER_POOLS\]/,
    });
    const authorizer = await h.apigw.send(new apigw.CreateAuthorizerCommand({ restApiId: api.id, name: "a", type: "TOKEN", authorizerUri: FAKE_URI }));
    await assertApigwError(h.apigw.send(new apigw.CreateAuthorizerCommand({ restApiId: api.id, name: "a", type: "TOKEN", authorizerUri: FAKE_URI })), conflict("Authorizer with name 'a' already exists"));
    await assertApigwError(
      h.apigw.send(new apigw.PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: "GET", authorizationType: "CUSTOM", authorizerId: "nope00" })),
      badRequest(/^Invalid authorizer ID specified/),
    );
    await h.apigw.send(new apigw.PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: "GET", authorizationType: "CUSTOM", authorizerId: authorizer.id }));
    await assertApigwError(h.apigw.send(new apigw.DeleteAuthorizerCommand({ restApiId: api.id, authorizerId: authorizer.id })), conflict("Cannot delete authorizer 'a', is referenced in method: GET/"));
  });
});

/** A TOKEN authorizer function: "allow-<id>" allows everything, "deny" denies, "get-only" allows GET on any path, anything else is Unauthorized. */
const TOKEN_AUTHORIZER = `let calls = 0;
exports.handler = async (event) => {
  calls++;
  const token = event.authorizationToken;
  const [arnPrefix] = event.methodArn.split("/");
  const policy = (effect, resource) => ({ Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: resource }] });
  if (token.startsWith("allow-")) return { principalId: token.slice(6), policyDocument: policy("Allow", arnPrefix + "/*"), context: { calls, admin: true } };
  if (token === "deny") return { principalId: "d", policyDocument: policy("Deny", event.methodArn) };
  if (token === "get-only") return { principalId: "g", policyDocument: policy("Allow", arnPrefix + "/*/GET/*") };
  if (token === "broken") return { nonsense: true };
  throw new Error("Unauthorized");
};\n`;

const ECHO_AUTHORIZER = "exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.authorizer) });\n";

describe("Lambda authorizers at invocation", () => {
  test("a TOKEN authorizer allows, denies and refuses, passes its context on, and caches its answer per token", async () => {
    const authorizerFn = await nodeFunction(h, TOKEN_AUTHORIZER);
    const backend = await nodeFunction(h, ECHO_AUTHORIZER);
    const api = await deployApi(h.apigw, [{ path: "/r", httpMethod: "ANY", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(backend.arn) } }]);
    const resourceId = api.resources.get("/r")!;
    const authorizer = await h.apigw.send(new apigw.CreateAuthorizerCommand({ restApiId: api.id, name: "tok", type: "TOKEN", authorizerUri: functionUri(authorizerFn.arn), identityValidationExpression: "[a-z0-9-]+" }));
    await h.apigw.send(
      new apigw.UpdateMethodCommand({
        restApiId: api.id,
        resourceId,
        httpMethod: "ANY",
        patchOperations: [
          { op: "replace", path: "/authorizationType", value: "CUSTOM" },
          { op: "replace", path: "/authorizerId", value: authorizer.id },
        ],
      }),
    );
    await h.apigw.send(new apigw.CreateDeploymentCommand({ restApiId: api.id, stageName: "test" }));
    const url = invokeUrl(h.gateway.url, api.id, "test", "/r");
    const call = (token?: string, method = "GET") => fetch(url, { method, headers: token === undefined ? {} : { Authorization: token } });

    await expectGatewayResponse(await call(), 401, "UnauthorizedException", "Unauthorized");
    await expectGatewayResponse(await call("NOT VALID!"), 401, "UnauthorizedException", "Unauthorized");
    await expectGatewayResponse(await call("stranger"), 401, "UnauthorizedException", "Unauthorized");
    await expectGatewayResponse(await call("deny"), 403, "AccessDeniedException", "User is not authorized to access this resource with an explicit deny");
    await expectGatewayResponse(await call("get-only", "POST"), 403, "AccessDeniedException", "User is not authorized to access this resource");
    assert.equal((await call("get-only")).status, 200);
    await expectGatewayResponse(await call("broken"), 500, "AuthorizerConfigurationException", null);

    const first = await call("allow-alice");
    assert.equal(first.status, 200);
    const context = (await first.json()) as { principalId: string; calls: number; admin: boolean };
    assert.equal(context.principalId, "alice");
    assert.equal(context.admin, true);
    const again = (await (await call("allow-alice", "DELETE")).json()) as { calls: number };
    assert.equal(again.calls, context.calls, "the second request used the cached answer");
    const other = (await (await call("allow-bob")).json()) as { principalId: string; calls: number };
    assert.equal(other.principalId, "bob");
    assert.ok(other.calls > context.calls, "another token calls the function again");
  });

  test("a REQUEST authorizer receives headers, query and stage variables, keyed by its identity sources", async () => {
    const authorizerFn = await nodeFunction(
      h,
      `exports.handler = async (event) => ({
        principalId: event.headers["X-User"],
        policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: event.queryStringParameters.key === "k1" ? "Allow" : "Deny", Resource: event.methodArn }] },
        context: { stage: event.stageVariables.env, type: event.type, path: event.path },
      });\n`,
    );
    const backend = await nodeFunction(h, ECHO_AUTHORIZER);
    const api = await deployApi(h.apigw, [{ path: "/q", httpMethod: "GET", integration: { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: functionUri(backend.arn) } }], { variables: { env: "dev" } });
    const authorizer = await h.apigw.send(
      new apigw.CreateAuthorizerCommand({
        restApiId: api.id,
        name: "req",
        type: "REQUEST",
        authorizerUri: functionUri(authorizerFn.arn),
        identitySource: "method.request.header.X-User, method.request.querystring.key",
      }),
    );
    await h.apigw.send(
      new apigw.UpdateMethodCommand({
        restApiId: api.id,
        resourceId: api.resources.get("/q")!,
        httpMethod: "GET",
        patchOperations: [
          { op: "replace", path: "/authorizationType", value: "CUSTOM" },
          { op: "replace", path: "/authorizerId", value: authorizer.id },
        ],
      }),
    );
    await h.apigw.send(new apigw.CreateDeploymentCommand({ restApiId: api.id, stageName: "test" }));
    const url = invokeUrl(h.gateway.url, api.id, "test", "/q");
    await expectGatewayResponse(await fetch(`${url}?key=k1`), 401, "UnauthorizedException", "Unauthorized");
    const ok = await fetch(`${url}?key=k1`, { headers: { "X-User": "ada" } });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { principalId: "ada", stage: "dev", type: "REQUEST", path: "/q" });
    const denied = await fetch(`${url}?key=k2`, { headers: { "X-User": "ada" } });
    assert.equal(denied.status, 403);
  });
});
