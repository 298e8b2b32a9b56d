// The resource tree (path parameters, greedy {proxy+}, AWS's placement rules), methods and method responses through the SDK.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { prisma } from "../../../server/db/client";
import { MAX_RESOURCES_PER_API } from "../../../server/services/apigateway/resources";
import { type ApigwHarness, assertApigwError, badRequest, conflict, createApi, createResource, lambdaUri, mockMethod, notFound, startApigw } from "./helpers";

let h: ApigwHarness;

before(async () => {
  h = await startApigw();
});
after(() => h.close());

const resourcesOf = async (restApiId: string, embed?: string[]) =>
  (await h.client.send(new apigw.GetResourcesCommand({ restApiId, embed, limit: 500 }))).items!.sort((a, b) => (a.path! < b.path! ? -1 : 1));

describe("CreateResource / GetResource(s)", () => {
  it("builds a tree with path parameters and a greedy proxy, paths computed from it", async () => {
    const api = await createApi(h.client);
    const created = await h.client.send(new apigw.CreateResourceCommand({ restApiId: api.id, parentId: api.rootId, pathPart: "pets" }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.match(created.id!, /^[a-z0-9]{10}$/);
    assert.deepEqual({ ...created, $metadata: undefined }, { $metadata: undefined, id: created.id, parentId: api.rootId, pathPart: "pets", path: "/pets" });
    const pet = await createResource(h.client, api.id, created.id!, "{petId}");
    const toys = await createResource(h.client, api.id, pet, "toys");
    const proxy = await createResource(h.client, api.id, api.rootId, "{proxy+}");

    assert.deepEqual(
      (await resourcesOf(api.id)).map((r) => [r.path, r.pathPart, r.parentId]),
      [
        ["/", undefined, undefined],
        ["/pets", "pets", api.rootId],
        ["/pets/{petId}", "{petId}", created.id],
        ["/pets/{petId}/toys", "toys", pet],
        ["/{proxy+}", "{proxy+}", api.rootId],
      ],
    );
    const fetched = await h.client.send(new apigw.GetResourceCommand({ restApiId: api.id, resourceId: toys }));
    assert.equal(fetched.path, "/pets/{petId}/toys");
    assert.equal((await h.client.send(new apigw.GetResourceCommand({ restApiId: api.id, resourceId: proxy }))).path, "/{proxy+}");
  });

  it("applies AWS's placement rules", async () => {
    const api = await createApi(h.client);
    const pets = await createResource(h.client, api.id, api.rootId, "pets");
    await createResource(h.client, api.id, pets, "{petId}");
    const proxy = await createResource(h.client, api.id, api.rootId, "{proxy+}");
    const create = (parentId: string, pathPart: string) => h.client.send(new apigw.CreateResourceCommand({ restApiId: api.id, parentId, pathPart }));

    await assertApigwError(create(api.rootId, "pets"), conflict("Another resource with the same parent already has this name: pets"));
    await assertApigwError(create(pets, "{name}"), badRequest("A sibling ({petId}) of this resource already has a variable path part -- only one is allowed"));
    await assertApigwError(create(pets, "{rest+}"), badRequest("A sibling ({petId}) of this resource already has a variable path part -- only one is allowed"));
    await assertApigwError(create(proxy, "more"), badRequest("Cannot create a child of a resource with a greedy path variable: {proxy+}"));
    await assertApigwError(
      create(api.rootId, "a/b"),
      badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace."),
    );
    await assertApigwError(create(api.rootId, "{a+}b"), badRequest(/^Resource's path part only allow/));
    await assertApigwError(create("nosuchres1", "x"), notFound("Invalid Resource identifier specified"));
    await assertApigwError(
      h.client.send(new apigw.CreateResourceCommand({ restApiId: "missing123", parentId: api.rootId, pathPart: "x" })),
      notFound(`Invalid API identifier specified ${h.team.accountId}:missing123`),
    );
    // A literal sibling next to a variable one is fine.
    await create(pets, "search");
  });

  it("lists methods as keys, or embedded in full with embed=methods", async () => {
    const api = await createApi(h.client);
    const pets = await createResource(h.client, api.id, api.rootId, "pets");
    await mockMethod(h.client, api.id, pets, "GET");
    await mockMethod(h.client, api.id, pets, "POST");
    const plain = (await resourcesOf(api.id)).find((r) => r.id === pets)!;
    assert.deepEqual(plain.resourceMethods, { GET: {}, POST: {} });
    const embedded = (await resourcesOf(api.id, ["methods"])).find((r) => r.id === pets)!;
    assert.equal(embedded.resourceMethods!.GET!.httpMethod, "GET");
    assert.equal(embedded.resourceMethods!.GET!.methodIntegration!.type, "MOCK");
    const single = await h.client.send(new apigw.GetResourceCommand({ restApiId: api.id, resourceId: pets, embed: ["methods"] }));
    assert.equal(single.resourceMethods!.POST!.authorizationType, "NONE");
  });

  it("stops at AWS's quota of resources per API with LimitExceededException", async () => {
    const api = await createApi(h.client);
    // Fill the tree up to one below the quota directly, then let the SDK take the last place.
    const filler = Array.from({ length: MAX_RESOURCES_PER_API - 2 }, (_, i) => ({
      id: `${api.id}-${i}`,
      accountId: h.team.accountId,
      region: "us-east-1",
      restApiId: api.id,
      parentId: api.rootId,
      pathPart: `r${i}`,
    }));
    await prisma().apigwResource.createMany({ data: filler });
    await createResource(h.client, api.id, api.rootId, "last");
    await assertApigwError(h.client.send(new apigw.CreateResourceCommand({ restApiId: api.id, parentId: api.rootId, pathPart: "over" })), {
      name: "LimitExceededException",
      status: 429,
      message: "Maximum number of Resources for this API has been reached.  Please contact AWS if you need additional Resources.",
    });
  });

  it("pages resources", async () => {
    const api = await createApi(h.client);
    for (const part of ["a", "b", "c", "d"]) await createResource(h.client, api.id, api.rootId, part);
    const seen: string[] = [];
    let position: string | undefined;
    do {
      const page = await h.client.send(new apigw.GetResourcesCommand({ restApiId: api.id, limit: 2, position }));
      seen.push(...page.items!.map((r) => r.path!));
      position = page.position;
    } while (position);
    assert.deepEqual(seen.sort(), ["/", "/a", "/b", "/c", "/d"]);
  });
});

describe("UpdateResource / DeleteResource", () => {
  it("renames and moves a resource, its subtree's paths following", async () => {
    const api = await createApi(h.client);
    const v1 = await createResource(h.client, api.id, api.rootId, "v1");
    const pets = await createResource(h.client, api.id, api.rootId, "pets");
    const pet = await createResource(h.client, api.id, pets, "{id}");
    const renamed = await h.client.send(
      new apigw.UpdateResourceCommand({
        restApiId: api.id,
        resourceId: pets,
        patchOperations: [
          { op: "replace", path: "/pathPart", value: "animals" },
          { op: "replace", path: "/parentId", value: v1 },
        ],
      }),
    );
    assert.equal(renamed.path, "/v1/animals");
    assert.equal((await h.client.send(new apigw.GetResourceCommand({ restApiId: api.id, resourceId: pet }))).path, "/v1/animals/{id}");

    const update = (patchOperations: apigw.PatchOperation[]) => h.client.send(new apigw.UpdateResourceCommand({ restApiId: api.id, resourceId: pets, patchOperations }));
    await assertApigwError(update([{ op: "replace", path: "/parentId", value: pet }]), badRequest("Resources cannot be cyclical."));
    await createResource(h.client, api.id, v1, "dogs");
    await assertApigwError(update([{ op: "replace", path: "/pathPart", value: "dogs" }]), conflict("Another resource with the same parent already has this name: dogs"));
    await assertApigwError(
      update([{ op: "remove", path: "/pathPart" }]),
      badRequest("Invalid patch path  '/pathPart' specified for op 'remove'. Please choose supported operations"),
    );
    await assertApigwError(update([{ op: "replace", path: "/path", value: "/x" }]), badRequest("Invalid patch path  '/path' specified for op 'replace'. Must be one of: [/parentId, /pathPart]"));
  });

  it("deletes a resource with its subtree; the root stays", async () => {
    const api = await createApi(h.client);
    const pets = await createResource(h.client, api.id, api.rootId, "pets");
    const pet = await createResource(h.client, api.id, pets, "{id}");
    await createResource(h.client, api.id, pet, "toys");
    const deleted = await h.client.send(new apigw.DeleteResourceCommand({ restApiId: api.id, resourceId: pets }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    assert.deepEqual((await resourcesOf(api.id)).map((r) => r.path), ["/"]);
    await assertApigwError(h.client.send(new apigw.GetResourceCommand({ restApiId: api.id, resourceId: pet })), notFound("Invalid Resource identifier specified"));
    await assertApigwError(h.client.send(new apigw.DeleteResourceCommand({ restApiId: api.id, resourceId: api.rootId })), badRequest("Cannot delete root resource"));
  });
});

describe("PutMethod / GetMethod / UpdateMethod / DeleteMethod", () => {
  it("puts methods with their request settings, ANY included", async () => {
    const api = await createApi(h.client);
    const pets = await createResource(h.client, api.id, api.rootId, "pets");
    const validator = await h.client.send(new apigw.CreateRequestValidatorCommand({ restApiId: api.id, name: "params", validateRequestParameters: true }));
    const put = await h.client.send(
      new apigw.PutMethodCommand({
        restApiId: api.id,
        resourceId: pets,
        httpMethod: "GET",
        authorizationType: "AWS_IAM",
        apiKeyRequired: true,
        operationName: "ListPets",
        requestParameters: { "method.request.querystring.limit": false, "method.request.header.x-trace": true },
        requestModels: { "application/json": "Empty" },
        requestValidatorId: validator.id,
      }),
    );
    assert.equal(put.$metadata.httpStatusCode, 201);
    assert.deepEqual(
      { ...put, $metadata: undefined },
      {
        $metadata: undefined,
        httpMethod: "GET",
        authorizationType: "AWS_IAM",
        apiKeyRequired: true,
        operationName: "ListPets",
        requestParameters: { "method.request.querystring.limit": false, "method.request.header.x-trace": true },
        requestModels: { "application/json": "Empty" },
        requestValidatorId: validator.id,
      },
    );
    const any = await h.client.send(new apigw.PutMethodCommand({ restApiId: api.id, resourceId: pets, httpMethod: "ANY", authorizationType: "NONE" }));
    assert.equal(any.apiKeyRequired, false);
    const authorizer = await h.client.send(
      new apigw.CreateAuthorizerCommand({ restApiId: api.id, name: "tok", type: "TOKEN", authorizerUri: lambdaUri(h.team.accountId, "auth") }),
    );
    const custom = await h.client.send(
      new apigw.PutMethodCommand({ restApiId: api.id, resourceId: pets, httpMethod: "POST", authorizationType: "CUSTOM", authorizerId: authorizer.id }),
    );
    assert.equal(custom.authorizerId, authorizer.id);

    const fetched = await h.client.send(new apigw.GetMethodCommand({ restApiId: api.id, resourceId: pets, httpMethod: "GET" }));
    assert.equal(fetched.operationName, "ListPets");
    assert.equal(fetched.methodIntegration, undefined);
  });

  it("refuses what AWS refuses", async () => {
    const api = await createApi(h.client);
    const pets = await createResource(h.client, api.id, api.rootId, "pets");
    const put = (input: Partial<apigw.PutMethodCommandInput>) =>
      h.client.send(new apigw.PutMethodCommand({ restApiId: api.id, resourceId: pets, httpMethod: "GET", authorizationType: "NONE", ...input }));
    await put({});
    await assertApigwError(put({}), conflict("Method already exists for this resource"));
    await assertApigwError(put({ httpMethod: "FETCH" }), badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY"));
    await assertApigwError(
      put({ httpMethod: "POST", authorizationType: "COGNITO_USER_POOLS" }),
      badRequest("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer."),
    );
    await assertApigwError(put({ httpMethod: "POST", authorizationType: "TOKEN" }), badRequest("Invalid authorization type specified. Valid options are NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS"));
    await assertApigwError(put({ httpMethod: "POST", requestValidatorId: "nope12" }), badRequest("Invalid Request Validator identifier specified"));
    await assertApigwError(put({ httpMethod: "POST", requestModels: { "application/json": "Pet" } }), badRequest("Invalid model identifier specified: Pet"));
    await assertApigwError(
      put({ httpMethod: "POST", requestParameters: { "method.request.querystring.id": true, "method.request.header.id": false } }),
      badRequest("Parameter names must be unique across querystring, header and path"),
    );
    await assertApigwError(put({ httpMethod: "POST", requestParameters: { "method.request.cookie.id": true } }), badRequest(/Invalid method request parameter name specified: method\.request\.cookie\.id/));
    await assertApigwError(put({ resourceId: "nosuchres1" }), notFound("Invalid Resource identifier specified"));
    await assertApigwError(h.client.send(new apigw.GetMethodCommand({ restApiId: api.id, resourceId: pets, httpMethod: "PUT" })), notFound("Invalid Method identifier specified"));
  });

  it("patches a method as AWS does", async () => {
    const api = await createApi(h.client);
    const pets = await createResource(h.client, api.id, api.rootId, "pets");
    await h.client.send(
      new apigw.PutMethodCommand({
        restApiId: api.id,
        resourceId: pets,
        httpMethod: "GET",
        authorizationType: "NONE",
        requestParameters: { "method.request.querystring.limit": false },
      }),
    );
    await h.client.send(new apigw.CreateModelCommand({ restApiId: api.id, name: "Pet", contentType: "application/json", schema: '{"type":"object"}' }));
    const update = (...patchOperations: apigw.PatchOperation[]) =>
      h.client.send(new apigw.UpdateMethodCommand({ restApiId: api.id, resourceId: pets, httpMethod: "GET", patchOperations }));
    const updated = await update(
      { op: "replace", path: "/apiKeyRequired", value: "true" },
      { op: "replace", path: "/authorizationType", value: "AWS_IAM" },
      { op: "add", path: "/requestParameters/method.request.path.id", value: "true" },
      { op: "remove", path: "/requestParameters/method.request.querystring.limit" },
      { op: "add", path: "/requestModels/application~1json", value: "Pet" },
      { op: "replace", path: "/operationName", value: "GetPets" },
    );
    assert.equal(updated.apiKeyRequired, true);
    assert.equal(updated.authorizationType, "AWS_IAM");
    assert.deepEqual(updated.requestParameters, { "method.request.path.id": true });
    assert.deepEqual(updated.requestModels, { "application/json": "Pet" });
    assert.equal(updated.operationName, "GetPets");
    assert.deepEqual((await h.client.send(new apigw.GetMethodCommand({ restApiId: api.id, resourceId: pets, httpMethod: "GET" }))).requestModels, { "application/json": "Pet" });

    await assertApigwError(update({ op: "add", path: "/requestModels/text~1plain", value: "Missing" }), badRequest("Invalid model identifier specified: Missing"));
    await assertApigwError(update({ op: "replace", path: "/authorizationType", value: "CUSTOM" }), badRequest(/^Invalid authorizer ID specified/));
    await assertApigwError(update({ op: "replace", path: "/httpMethod", value: "POST" }), badRequest(/^Invalid patch path {2}'\/httpMethod' specified for op 'replace'/));
  });

  it("deletes a method", async () => {
    const api = await createApi(h.client);
    await mockMethod(h.client, api.id, api.rootId, "GET");
    const deleted = await h.client.send(new apigw.DeleteMethodCommand({ restApiId: api.id, resourceId: api.rootId, httpMethod: "GET" }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    await assertApigwError(h.client.send(new apigw.GetMethodCommand({ restApiId: api.id, resourceId: api.rootId, httpMethod: "GET" })), notFound("Invalid Method identifier specified"));
    await assertApigwError(h.client.send(new apigw.DeleteMethodCommand({ restApiId: api.id, resourceId: api.rootId, httpMethod: "GET" })), notFound("Invalid Method identifier specified"));
  });
});

describe("method responses", () => {
  it("put, get, patch and delete, shown in GetMethod", async () => {
    const api = await createApi(h.client);
    await mockMethod(h.client, api.id, api.rootId, "GET");
    const target = { restApiId: api.id, resourceId: api.rootId, httpMethod: "GET" };
    const put = await h.client.send(
      new apigw.PutMethodResponseCommand({ ...target, statusCode: "200", responseParameters: { "method.response.header.X-Id": true }, responseModels: { "application/json": "Empty" } }),
    );
    assert.equal(put.$metadata.httpStatusCode, 201);
    assert.deepEqual({ ...put, $metadata: undefined }, {
      $metadata: undefined,
      statusCode: "200",
      responseParameters: { "method.response.header.X-Id": true },
      responseModels: { "application/json": "Empty" },
    });
    await assertApigwError(h.client.send(new apigw.PutMethodResponseCommand({ ...target, statusCode: "200" })), conflict("Response already exists for this resource"));
    await assertApigwError(h.client.send(new apigw.PutMethodResponseCommand({ ...target, statusCode: "99" })), badRequest("Invalid status code specified"));

    const updated = await h.client.send(
      new apigw.UpdateMethodResponseCommand({
        ...target,
        statusCode: "200",
        patchOperations: [
          { op: "add", path: "/responseParameters/method.response.header.Access-Control-Allow-Origin", value: "false" },
          { op: "remove", path: "/responseModels/application~1json" },
        ],
      }),
    );
    assert.deepEqual(updated.responseParameters, { "method.response.header.X-Id": true, "method.response.header.Access-Control-Allow-Origin": false });
    assert.equal(updated.responseModels, undefined);

    const method = await h.client.send(new apigw.GetMethodCommand(target));
    assert.deepEqual(Object.keys(method.methodResponses!), ["200"]);
    assert.equal(method.methodResponses!["200"]!.responseParameters!["method.response.header.Access-Control-Allow-Origin"], false);

    await h.client.send(new apigw.DeleteMethodResponseCommand({ ...target, statusCode: "200" }));
    await assertApigwError(h.client.send(new apigw.GetMethodResponseCommand({ ...target, statusCode: "200" })), notFound("Invalid Response status code specified"));
  });
});
