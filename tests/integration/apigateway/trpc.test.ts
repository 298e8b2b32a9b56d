// The console's tRPC procedures for API Gateway: the same operations as the gateway on the same APIs (what
// one side builds, the other reads), the console's read models, AWS's errors as tRPC errors, and team roles.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { TRPCError } from "@trpc/server";
import { prisma } from "../../../server/db/client";
import { isAwsError } from "../../../server/errors";
import { createServiceRole, createTestUser, trpcAs } from "../../helpers/fixtures";
import { type ApigwHarness, lambdaUri, startApigw, uniqueName } from "./helpers";

let h: ApigwHarness;
let owner: ReturnType<typeof trpcAs>;
let viewer: ReturnType<typeof trpcAs>;

before(async () => {
  h = await startApigw();
  owner = trpcAs(h.team, { accountId: h.team.accountId });
  const viewerUser = await createTestUser("viewer");
  await prisma().membership.create({ data: { accountId: h.team.accountId, userId: viewerUser.userId, role: "viewer" } });
  viewer = trpcAs(viewerUser, { accountId: h.team.accountId });
});
after(() => h.close());

/** Asserts a tRPC call fails with `code`, caused by the AWS error `awsCode` (with `message`, when given). */
async function assertTrpcError(call: Promise<unknown>, code: TRPCError["code"], awsCode: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof TRPCError, `expected a TRPCError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.ok(isAwsError(e.cause), `caused by an AWS error, got ${String(e.cause)}`);
    assert.equal(e.cause.code, awsCode);
    if (typeof message === "string") assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

/** A new API with one `/hello` resource; answers the API's and the resource's IDs. */
async function helloApi(): Promise<{ restApiId: string; rootId: string; helloId: string }> {
  const api = await owner.apigateway.createRestApi({ name: uniqueName("hello"), endpointConfiguration: { types: ["REGIONAL"] } });
  const hello = await owner.apigateway.createResource({ restApiId: api.id, parentId: api.rootResourceId, pathPart: "hello" });
  return { restApiId: api.id, rootId: api.rootResourceId, helloId: hello.id };
}

describe("apigateway over tRPC", () => {
  it("Enable CORS puts an OPTIONS mock that answers the preflight headers, replacing one already there", async () => {
    const { restApiId, helloId } = await helloApi();
    await owner.apigateway.putMethod({ restApiId, resourceId: helloId, httpMethod: "OPTIONS", authorizationType: "AWS_IAM" });
    // A quote would end the header's mapping literal early.
    await assert.rejects(
      owner.apigateway.enableCors({ restApiId, resourceId: helloId, allowMethods: ["GET"], allowOrigin: "it's" }),
      (e: unknown) => e instanceof TRPCError && e.code === "BAD_REQUEST",
    );
    const options = await owner.apigateway.enableCors({ restApiId, resourceId: helloId, allowMethods: ["GET", "POST"], allowOrigin: "https://app.example" });
    assert.equal(options.authorizationType, "NONE");
    assert.equal(options.methodIntegration?.type, "MOCK");
    await owner.apigateway.createDeployment({ restApiId, stageName: "cors" });
    const response = await fetch(`${h.gateway.url}/restapis/${restApiId}/cors/_user_request_/hello`, { method: "OPTIONS" });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("access-control-allow-origin"), "https://app.example");
    assert.equal(response.headers.get("access-control-allow-methods"), "GET,POST,OPTIONS");
    assert.equal(response.headers.get("access-control-allow-headers"), "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token");
    await assert.rejects(viewer.apigateway.enableCors({ restApiId, resourceId: helloId, allowMethods: ["GET"] }), (e: unknown) => e instanceof TRPCError && e.code === "FORBIDDEN");
  });

  it("creates an API whose resources start with the root; the SDK sees the same API", async () => {
    const name = uniqueName("console");
    const api = await owner.apigateway.createRestApi({ name, description: "from the console", endpointConfiguration: { types: ["PRIVATE"] } });
    assert.match(api.id, /^[a-z0-9]{10}$/);
    assert.deepEqual([api.name, api.description, api.endpointConfiguration.types], [name, "from the console", ["PRIVATE"]]);

    const { item } = await owner.apigateway.getResources({ restApiId: api.id });
    assert.deepEqual(item, [{ id: api.rootResourceId, path: "/" }]);
    const sdk = await h.client.send(new apigw.GetRestApiCommand({ restApiId: api.id }));
    assert.deepEqual([sdk.name, sdk.description, sdk.rootResourceId, sdk.endpointConfiguration?.types], [name, "from the console", api.rootResourceId, ["PRIVATE"]]);

    // The list read model holds every API of the team in this region, with AWS's shape.
    const listed = (await owner.apigateway.listRestApis()).find((candidate) => candidate.id === api.id);
    assert.deepEqual(listed && { ...listed, createdDate: listed.createdDate.getTime() }, { ...api, createdDate: api.createdDate.getTime() });
    assert.ok(!(await trpcAs(h.team, { accountId: h.team.accountId, region: "us-west-2" }).apigateway.listRestApis()).some((other) => other.id === api.id));

    await owner.apigateway.deleteRestApi({ restApiId: api.id });
    await assert.rejects(h.client.send(new apigw.GetRestApiCommand({ restApiId: api.id })), apigw.NotFoundException);
    assert.ok(!(await owner.apigateway.listRestApis()).some((other) => other.id === api.id));

    const actions = (await prisma().auditEvent.findMany({ where: { accountId: h.team.accountId, source: "trpc" } })).map((e) => e.action);
    assert.ok(actions.includes("apigateway:CreateRestApi") && actions.includes("apigateway:DeleteRestApi"), "changes are audited under their IAM action");
  });

  it("builds the resource tree with methods and integrations, shown in full by the tree read model", async () => {
    const { restApiId, rootId, helloId } = await helloApi();
    const item = await owner.apigateway.createResource({ restApiId, parentId: helloId, pathPart: "{name}" });
    const proxy = await owner.apigateway.createResource({ restApiId, parentId: rootId, pathPart: "{proxy+}" });
    assert.deepEqual([item.path, proxy.path], ["/hello/{name}", "/{proxy+}"]);

    await owner.apigateway.putMethod({ restApiId, resourceId: helloId, httpMethod: "GET", authorizationType: "NONE" });
    const uri = lambdaUri(h.team.accountId, "hello");
    const integration = await owner.apigateway.putIntegration({ restApiId, resourceId: helloId, httpMethod: "GET", type: "AWS_PROXY", integrationHttpMethod: "POST", uri });
    assert.deepEqual([integration.type, integration.httpMethod, integration.uri, integration.timeoutInMillis], ["AWS_PROXY", "POST", uri, 29_000]);
    await owner.apigateway.putMethodResponse({ restApiId, resourceId: helloId, httpMethod: "GET", statusCode: "200", responseModels: { "application/json": "Empty" } });

    await owner.apigateway.putMethod({ restApiId, resourceId: proxy.id, httpMethod: "ANY", authorizationType: "NONE" });
    await owner.apigateway.putIntegration({ restApiId, resourceId: proxy.id, httpMethod: "ANY", type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } });
    await owner.apigateway.putIntegrationResponse({ restApiId, resourceId: proxy.id, httpMethod: "ANY", statusCode: "200", responseTemplates: { "application/json": '{"mocked": true}' } });
    // The mapping template editor saves a template as a patch of the integration's map.
    await owner.apigateway.updateIntegration({
      restApiId,
      resourceId: proxy.id,
      httpMethod: "ANY",
      patchOperations: [{ op: "add", path: "/requestTemplates/text~1plain", value: '#set($x = 1)\n{"statusCode": 200}' }],
    });

    const tree = await owner.apigateway.resourceTree({ restApiId });
    assert.deepEqual(
      tree.map((resource) => [resource.path, resource.methods.map((method) => method.httpMethod)]),
      [
        ["/", []],
        ["/hello", ["GET"]],
        ["/hello/{name}", []],
        ["/{proxy+}", ["ANY"]],
      ],
    );
    const mock = tree.find((resource) => resource.id === proxy.id)!.methods[0]!.methodIntegration!;
    assert.deepEqual(mock.requestTemplates, { "application/json": '{"statusCode": 200}', "text/plain": '#set($x = 1)\n{"statusCode": 200}' });
    assert.deepEqual(mock.integrationResponses?.["200"]?.responseTemplates, { "application/json": '{"mocked": true}' });

    // The SDK reads what tRPC built, and the other way round.
    const sdkMethod = await h.client.send(new apigw.GetMethodCommand({ restApiId, resourceId: helloId, httpMethod: "GET" }));
    assert.deepEqual([sdkMethod.methodIntegration?.type, sdkMethod.methodIntegration?.uri, Object.keys(sdkMethod.methodResponses ?? {})], ["AWS_PROXY", uri, ["200"]]);
    await h.client.send(new apigw.PutMethodCommand({ restApiId, resourceId: item.id, httpMethod: "POST", authorizationType: "AWS_IAM" }));
    assert.equal((await owner.apigateway.getMethod({ restApiId, resourceId: item.id, httpMethod: "POST" })).authorizationType, "AWS_IAM");

    // Deleting a resource takes its subtree.
    await owner.apigateway.deleteResource({ restApiId, resourceId: helloId });
    assert.deepEqual(
      (await owner.apigateway.resourceTree({ restApiId })).map((resource) => resource.path),
      ["/", "/{proxy+}"],
    );
  });

  it("deploys to a new stage and edits the stage with UpdateStage's patch paths", async () => {
    const { restApiId, helloId } = await helloApi();
    await owner.apigateway.putMethod({ restApiId, resourceId: helloId, httpMethod: "GET", authorizationType: "NONE" });
    await owner.apigateway.putIntegration({ restApiId, resourceId: helloId, httpMethod: "GET", type: "HTTP_PROXY", integrationHttpMethod: "GET", uri: "https://example.com/hello" });

    const deployment = await owner.apigateway.createDeployment({ restApiId, stageName: "dev", stageDescription: "development", description: "first" });
    const { item: stages } = await owner.apigateway.getStages({ restApiId });
    assert.deepEqual(
      stages.map((stage) => [stage.stageName, stage.deploymentId, stage.description, stage.cacheClusterEnabled, stage.tracingEnabled]),
      [["dev", deployment.id, "development", false, false]],
    );

    const updated = await owner.apigateway.updateStage({
      restApiId,
      stageName: "dev",
      patchOperations: [
        { op: "replace", path: "/variables/backend", value: "example.com" },
        { op: "replace", path: "/*/*/throttling/rateLimit", value: "100" },
        { op: "replace", path: "/*/*/throttling/burstLimit", value: "50" },
        { op: "replace", path: "/cacheClusterEnabled", value: "true" },
        { op: "replace", path: "/*/*/caching/enabled", value: "true" },
        { op: "replace", path: "/*/*/caching/ttlInSeconds", value: "60" },
        { op: "replace", path: "/*/*/logging/loglevel", value: "INFO" },
        { op: "replace", path: "/tracingEnabled", value: "true" },
        { op: "replace", path: "/canarySettings/percentTraffic", value: "12.5" },
        { op: "replace", path: "/canarySettings/deploymentId", value: deployment.id },
      ],
    });
    assert.deepEqual(updated.variables, { backend: "example.com" });
    const all = updated.methodSettings["*/*"]!;
    assert.deepEqual(
      [all.throttlingRateLimit, all.throttlingBurstLimit, all.cachingEnabled, all.cacheTtlInSeconds, all.loggingLevel],
      [100, 50, true, 60, "INFO"],
    );
    assert.deepEqual(
      [updated.cacheClusterEnabled, updated.cacheClusterSize, updated.cacheClusterStatus, updated.tracingEnabled, updated.canarySettings?.percentTraffic],
      [true, "0.5", "AVAILABLE", true, 12.5],
    );
    const sdk = await h.client.send(new apigw.GetStageCommand({ restApiId, stageName: "dev" }));
    assert.deepEqual([sdk.variables, sdk.methodSettings?.["*/*"]?.throttlingRateLimit, sdk.canarySettings?.percentTraffic], [{ backend: "example.com" }, 100, 12.5]);

    const removed = await owner.apigateway.updateStage({
      restApiId,
      stageName: "dev",
      patchOperations: [
        { op: "remove", path: "/variables/backend" },
        { op: "remove", path: "/canarySettings" },
      ],
    });
    assert.deepEqual([removed.variables, removed.canarySettings], [undefined, undefined]);

    // A second deployment to the stage moves it.
    const second = await owner.apigateway.createDeployment({ restApiId, stageName: "dev" });
    assert.equal((await owner.apigateway.getStage({ restApiId, stageName: "dev" })).deploymentId, second.id);
    assert.deepEqual(
      (await owner.apigateway.getDeployments({ restApiId })).item.map((d) => d.id).sort(),
      [deployment.id, second.id].sort(),
    );
  });

  it("TestInvokeMethod runs an AWS service integration from the console too, as the integration's role", async () => {
    const role = await createServiceRole(h.team, uniqueName("apigw"), { service: "apigateway.amazonaws.com" });
    const { restApiId, helloId } = await helloApi();
    const on = { restApiId, resourceId: helloId, httpMethod: "POST" };
    await owner.apigateway.putMethod({ ...on, authorizationType: "NONE" });
    await owner.apigateway.putIntegration({
      ...on,
      type: "AWS",
      integrationHttpMethod: "POST",
      uri: "arn:aws:apigateway:us-east-1:sns:action/CreateTopic",
      credentials: role,
      requestParameters: { "integration.request.querystring.Name": "method.request.body" },
    });
    await owner.apigateway.putIntegrationResponse({ ...on, statusCode: "200" });
    const topic = uniqueName("console-topic");
    const out = await owner.apigateway.testInvokeMethod({ ...on, body: topic });
    assert.equal(out.status, 200);
    assert.match(out.body, new RegExp(`<TopicArn>arn:aws:sns:us-east-1:${h.team.accountId}:${topic}</TopicArn>`));
    assert.match(out.log, /: Successfully completed execution\n/);
  });

  it("answers API Gateway's errors as the matching tRPC errors", async () => {
    const missing = "abcdefghij";
    await assertTrpcError(owner.apigateway.getRestApi({ restApiId: missing }), "NOT_FOUND", "NotFoundException", `Invalid API identifier specified ${h.team.accountId}:${missing}`);
    await assertTrpcError(owner.apigateway.resourceTree({ restApiId: missing }), "NOT_FOUND", "NotFoundException", `Invalid API identifier specified ${h.team.accountId}:${missing}`);

    const { restApiId, rootId, helloId } = await helloApi();
    await assertTrpcError(
      owner.apigateway.createResource({ restApiId, parentId: rootId, pathPart: "hello" }),
      "CONFLICT",
      "ConflictException",
      "Another resource with the same parent already has this name: hello",
    );
    await assertTrpcError(owner.apigateway.createResource({ restApiId, parentId: rootId, pathPart: "he llo" }), "BAD_REQUEST", "BadRequestException", /^Resource's path part only allow/);
    await assertTrpcError(owner.apigateway.createDeployment({ restApiId, stageName: "dev" }), "BAD_REQUEST", "BadRequestException", "The REST API doesn't contain any methods");
    await owner.apigateway.putMethod({ restApiId, resourceId: helloId, httpMethod: "GET", authorizationType: "NONE" });
    await assertTrpcError(owner.apigateway.createDeployment({ restApiId, stageName: "dev" }), "BAD_REQUEST", "BadRequestException", "No integration defined for method");
    await assertTrpcError(
      owner.apigateway.putIntegration({ restApiId, resourceId: helloId, httpMethod: "GET", type: "HTTP", integrationHttpMethod: "GET", uri: "not a url" }),
      "BAD_REQUEST",
      "BadRequestException",
      "Invalid HTTP endpoint specified for URI",
    );
    await assertTrpcError(
      owner.apigateway.putIntegration({ restApiId, resourceId: helloId, httpMethod: "GET", type: "LAMBDA" }),
      "BAD_REQUEST",
      "ValidationException",
      /Member must satisfy enum value set: \[HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS\]$/,
    );
    await assertTrpcError(
      owner.apigateway.updateStage({ restApiId, stageName: "nope", patchOperations: [] }),
      "NOT_FOUND",
      "NotFoundException",
      "Invalid Stage identifier specified",
    );
    // Input that is not the operation's shape is refused before the domain sees it.
    await assert.rejects(
      owner.apigateway.createResource({ restApiId, parentId: rootId } as unknown as Parameters<typeof owner.apigateway.createResource>[0]),
      (e: unknown) => e instanceof TRPCError && e.code === "BAD_REQUEST" && !isAwsError(e.cause),
    );
  });
});

describe("roles", () => {
  it("lets a viewer read APIs, resources and stages, but not change them", async () => {
    const { restApiId, rootId, helloId } = await helloApi();
    await owner.apigateway.putMethod({ restApiId, resourceId: helloId, httpMethod: "GET", authorizationType: "NONE" });
    await owner.apigateway.putIntegration({ restApiId, resourceId: helloId, httpMethod: "GET", type: "MOCK" });
    await owner.apigateway.createDeployment({ restApiId, stageName: "prod" });

    assert.ok((await viewer.apigateway.listRestApis()).some((api) => api.id === restApiId));
    assert.deepEqual((await viewer.apigateway.resourceTree({ restApiId })).map((resource) => resource.path), ["/", "/hello"]);
    assert.deepEqual((await viewer.apigateway.getStages({ restApiId })).item.map((stage) => stage.stageName), ["prod"]);

    const denied = (action: string) => new RegExp(`is not authorized to perform: apigateway:${action} \\(requires the developer role or higher\\)$`);
    await assertTrpcError(viewer.apigateway.createRestApi({ name: "nope" }), "FORBIDDEN", "AccessDenied", denied("CreateRestApi"));
    await assertTrpcError(viewer.apigateway.createResource({ restApiId, parentId: rootId, pathPart: "nope" }), "FORBIDDEN", "AccessDenied", denied("CreateResource"));
    await assertTrpcError(viewer.apigateway.createDeployment({ restApiId, stageName: "prod" }), "FORBIDDEN", "AccessDenied", denied("CreateDeployment"));
    await assertTrpcError(
      viewer.apigateway.updateStage({ restApiId, stageName: "prod", patchOperations: [{ op: "replace", path: "/variables/a", value: "b" }] }),
      "FORBIDDEN",
      "AccessDenied",
      denied("UpdateStage"),
    );
    await assertTrpcError(viewer.apigateway.deleteRestApi({ restApiId }), "FORBIDDEN", "AccessDenied", denied("DeleteRestApi"));
    assert.deepEqual((await owner.apigateway.resourceTree({ restApiId })).map((resource) => resource.path), ["/", "/hello"], "nothing changed");
  });

  it("refuses callers who are not in the team", async () => {
    const outsider = await createTestUser("outsider");
    await assert.rejects(trpcAs(outsider, { accountId: h.team.accountId }).apigateway.listRestApis(), (e: unknown) => e instanceof TRPCError && e.code === "NOT_FOUND");
  });
});
