// REST APIs through the SDK: create with AWS's defaults, get, page, patch, delete; errors as API Gateway sends them; account and region isolation.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { prisma } from "../../../server/db/client";
import { createDefaultRegistry } from "../../../server/gateway/services";
import { signedFetch } from "../gateway/helpers";
import { type ApigwHarness, assertApigwError, badRequest, createApi, mockMethod, notFound, startApigw, uniqueName } from "./helpers";

let h: ApigwHarness;

before(async () => {
  h = await startApigw();
});
after(() => h.close());

const patch = (restApiId: string, ...patchOperations: apigw.PatchOperation[]) => h.client.send(new apigw.UpdateRestApiCommand({ restApiId, patchOperations }));

describe("CreateRestApi / GetRestApi", () => {
  it("creates an API with AWS's defaults, its root resource and the default models", async () => {
    const name = uniqueName("pets");
    const created = await h.client.send(new apigw.CreateRestApiCommand({ name, tags: { team: "a" } }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.match(created.id!, /^[a-z0-9]{10}$/);
    assert.match(created.rootResourceId!, /^[a-z0-9]{10}$/);
    assert.equal(created.name, name);
    assert.equal(created.apiKeySource, "HEADER");
    assert.deepEqual(created.endpointConfiguration, { types: ["EDGE"], ipAddressType: "ipv4" });
    assert.equal(created.disableExecuteApiEndpoint, false);
    assert.deepEqual(created.tags, { team: "a" });
    assert.ok(created.createdDate instanceof Date && Math.abs(created.createdDate.getTime() - Date.now()) < 60_000);
    assert.equal(created.description, undefined);

    const fetched = await h.client.send(new apigw.GetRestApiCommand({ restApiId: created.id }));
    assert.deepEqual({ ...fetched, $metadata: undefined }, { ...created, $metadata: undefined });

    const resources = await h.client.send(new apigw.GetResourcesCommand({ restApiId: created.id }));
    assert.deepEqual(resources.items, [{ id: created.rootResourceId, path: "/" }]);
    const models = await h.client.send(new apigw.GetModelsCommand({ restApiId: created.id }));
    assert.deepEqual(
      models.items!.map((m) => [m.name, m.contentType]),
      [
        ["Empty", "application/json"],
        ["Error", "application/json"],
      ],
    );
  });

  it("keeps what the caller gave", async () => {
    const created = await h.client.send(
      new apigw.CreateRestApiCommand({
        name: uniqueName("full"),
        description: "pets api",
        version: "v1",
        binaryMediaTypes: ["image/png"],
        minimumCompressionSize: 1024,
        apiKeySource: "AUTHORIZER",
        endpointConfiguration: { types: ["REGIONAL"] },
        disableExecuteApiEndpoint: true,
        policy: '{"Version":"2012-10-17","Statement":[]}',
      }),
    );
    assert.equal(created.description, "pets api");
    assert.equal(created.version, "v1");
    assert.deepEqual(created.binaryMediaTypes, ["image/png"]);
    assert.equal(created.minimumCompressionSize, 1024);
    assert.equal(created.apiKeySource, "AUTHORIZER");
    assert.deepEqual(created.endpointConfiguration?.types, ["REGIONAL"]);
    assert.equal(created.disableExecuteApiEndpoint, true);
    assert.equal(created.policy, '{"Version":"2012-10-17","Statement":[]}');
  });

  it("refuses what AWS refuses", async () => {
    await assertApigwError(h.client.send(new apigw.CreateRestApiCommand({ name: "x", description: "" })), badRequest("Description cannot be an empty string"));
    await assertApigwError(
      h.client.send(new apigw.CreateRestApiCommand({ name: "x", minimumCompressionSize: 10_485_761 })),
      badRequest("Invalid minimum compression size, must be between 0 and 10485760"),
    );
    await assertApigwError(h.client.send(new apigw.CreateRestApiCommand({ name: "x", apiKeySource: "QUERY" as apigw.ApiKeySourceType })), {
      name: "ValidationException",
      status: 400,
      message:
        "1 validation error detected: Value 'QUERY' at 'createRestApiInput.apiKeySource' failed to satisfy constraint: Member must satisfy enum value set: [HEADER, AUTHORIZER]",
    });
  });

  it("answers an unknown API with NotFoundException naming the account, and the error type in x-amzn-ErrorType", async () => {
    await assertApigwError(h.client.send(new apigw.GetRestApiCommand({ restApiId: "nope123456" })), notFound(`Invalid API identifier specified ${h.team.accountId}:nope123456`));
    const res = await signedFetch(h.gateway, h.team, "apigateway", { method: "GET", path: "/restapis/nope123456" });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get("x-amzn-errortype"), "NotFoundException");
    assert.equal(((await res.json()) as { message: string }).message, `Invalid API identifier specified ${h.team.accountId}:nope123456`);
  });
});

describe("GetRestApis", () => {
  it("pages with limit and position, each API once", async () => {
    const other = await h.otherTeam();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await createApi(other.client)).id);
    const seen: string[] = [];
    let position: string | undefined;
    do {
      const page = await other.client.send(new apigw.GetRestApisCommand({ limit: 2, position }));
      assert.ok(page.items!.length <= 2);
      seen.push(...page.items!.map((api) => api.id!));
      position = page.position;
    } while (position);
    assert.deepEqual(new Set(seen), ids);
    assert.equal(seen.length, ids.size);
    await assertApigwError(other.client.send(new apigw.GetRestApisCommand({ limit: 501 })), badRequest("Invalid limit specified. Limit must be between 1 and 500"));
  });
});

describe("UpdateRestApi", () => {
  it("applies AWS's patch operations", async () => {
    const api = await createApi(h.client, { binaryMediaTypes: ["image/png"] });
    const updated = await patch(
      api.id,
      { op: "replace", path: "/name", value: "renamed" },
      { op: "replace", path: "/description", value: "now described" },
      { op: "add", path: "/binaryMediaTypes/application~1octet-stream" },
      { op: "remove", path: "/binaryMediaTypes/image~1png" },
      { op: "replace", path: "/minimumCompressionSize", value: "512" },
      { op: "replace", path: "/endpointConfiguration/types/EDGE", value: "REGIONAL" },
      { op: "replace", path: "/disableExecuteApiEndpoint", value: "true" },
      { op: "replace", path: "/apiKeySource", value: "AUTHORIZER" },
    );
    assert.equal(updated.name, "renamed");
    assert.equal(updated.description, "now described");
    assert.deepEqual(updated.binaryMediaTypes, ["application/octet-stream"]);
    assert.equal(updated.minimumCompressionSize, 512);
    assert.deepEqual(updated.endpointConfiguration?.types, ["REGIONAL"]);
    assert.equal(updated.disableExecuteApiEndpoint, true);
    assert.equal(updated.apiKeySource, "AUTHORIZER");
    const fetched = await h.client.send(new apigw.GetRestApiCommand({ restApiId: api.id }));
    assert.equal(fetched.name, "renamed");
    assert.deepEqual(fetched.binaryMediaTypes, ["application/octet-stream"]);

    const cleared = await patch(api.id, { op: "replace", path: "/minimumCompressionSize", value: "" }, { op: "remove", path: "/description" });
    assert.equal(cleared.minimumCompressionSize, undefined);
    assert.equal(cleared.description, undefined);
  });

  it("refuses unknown paths and unsupported operations, changing nothing", async () => {
    const api = await createApi(h.client);
    await assertApigwError(
      patch(api.id, { op: "replace", path: "/name", value: "ok" }, { op: "replace", path: "/rootResourceId", value: "x" }),
      badRequest(/^Invalid patch path {2}'\/rootResourceId' specified for op 'replace'\. Must be one of: \[\/name, \/description, /),
    );
    await assertApigwError(patch(api.id, { op: "add", path: "/name", value: "x" }), badRequest("Invalid patch path  '/name' specified for op 'add'. Please choose supported operations"));
    await assertApigwError(patch(api.id, { op: "replace", path: "/disableExecuteApiEndpoint", value: "maybe" }), badRequest(/Must be a boolean/));
    await assertApigwError(patch(api.id, { op: "replace", path: "/minimumCompressionSize", value: "-1" }), badRequest("Invalid minimum compression size, must be between 0 and 10485760"));
    await assertApigwError(patch(api.id, { op: "replace", path: "/description", value: "" }), badRequest("Description cannot be an empty string"));
    await assertApigwError(patch(api.id, { op: "replace", path: "/endpointConfiguration/types/REGIONAL", value: "EDGE" }), badRequest(/^Invalid EndpointTypes specified/));
    const fetched = await h.client.send(new apigw.GetRestApiCommand({ restApiId: api.id }));
    assert.notEqual(fetched.name, "ok");
  });
});

describe("DeleteRestApi", () => {
  it("deletes the API with everything in it", async () => {
    const api = await createApi(h.client);
    await mockMethod(h.client, api.id, api.rootId);
    await h.client.send(new apigw.CreateDeploymentCommand({ restApiId: api.id, stageName: "dev" }));
    const deleted = await h.client.send(new apigw.DeleteRestApiCommand({ restApiId: api.id }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertApigwError(h.client.send(new apigw.GetResourcesCommand({ restApiId: api.id })), notFound(`Invalid API identifier specified ${h.team.accountId}:${api.id}`));
    await assertApigwError(h.client.send(new apigw.DeleteRestApiCommand({ restApiId: api.id })), notFound(`Invalid API identifier specified ${h.team.accountId}:${api.id}`));
    assert.equal(await prisma().apigwStage.count({ where: { restApiId: api.id } }), 0);
    assert.equal(await prisma().apigwDeployment.count({ where: { restApiId: api.id } }), 0);
    assert.equal(await prisma().apigwResource.count({ where: { restApiId: api.id } }), 0);
  });
});

describe("isolation and roles", () => {
  it("another account and another region do not see the API", async () => {
    const api = await createApi(h.client);
    const other = await h.otherTeam();
    await assertApigwError(other.client.send(new apigw.GetRestApiCommand({ restApiId: api.id })), notFound(`Invalid API identifier specified ${other.team.accountId}:${api.id}`));
    await assertApigwError(other.client.send(new apigw.DeleteRestApiCommand({ restApiId: api.id })), notFound(/Invalid API identifier specified/));
    const west = h.clientFor(h.team, "eu-west-1");
    await assertApigwError(west.send(new apigw.GetRestApiCommand({ restApiId: api.id })), notFound(`Invalid API identifier specified ${h.team.accountId}:${api.id}`));
    assert.ok(!(await west.send(new apigw.GetRestApisCommand({ limit: 500 }))).items!.some((item) => item.id === api.id));
    assert.ok((await h.client.send(new apigw.GetRestApiCommand({ restApiId: api.id }))).id);
  });

  it("a viewer may read but not change", async () => {
    const viewer = await h.otherTeam("viewer");
    await viewer.client.send(new apigw.GetRestApisCommand({}));
    await assert.rejects(viewer.client.send(new apigw.CreateRestApiCommand({ name: "nope" })), (e: unknown) => {
      assert.ok(e instanceof apigw.APIGatewayServiceException);
      assert.equal(e.$metadata.httpStatusCode, 403);
      // IAM names API Gateway management actions by HTTP method, on the resource path.
      assert.match(e.message, /apigateway:POST on resource: arn:aws:apigateway:us-east-1::\/restapis/);
      return true;
    });
  });
});

describe("routes", () => {
  it("leave the invoke path (/restapis/{id}/{stage}/_user_request_/…) and Lambda's routes alone", () => {
    const registry = createDefaultRegistry();
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      assert.equal(registry.matchRoute(method, "/restapis/abc1234567/dev/_user_request_/pets/1"), undefined);
      assert.equal(registry.matchRoute(method, "/restapis/abc1234567/dev/_user_request_/"), undefined);
    }
    assert.equal(registry.matchRoute("GET", "/restapis/abc1234567/stages/dev")?.operation.name, "GetStage");
    assert.equal(registry.matchRoute("GET", "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af")?.operation.service.name, "lambda");
    assert.equal(registry.matchRoute("GET", "/tags/arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Fabc")?.operation.name, "GetTags");
  });
});
