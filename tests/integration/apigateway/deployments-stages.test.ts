// Deployments (snapshots of the API), stages (variables, method settings, canary, patches), and tags on APIs and stages.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { prisma } from "../../../server/db/client";
import type { DeploymentSnapshot } from "../../../server/services/apigateway/model";
import { type ApigwHarness, assertApigwError, badRequest, conflict, createApi, createResource, mockMethod, notFound, startApigw } from "./helpers";

let h: ApigwHarness;

before(async () => {
  h = await startApigw();
});
after(() => h.close());

/** A fresh API with GET /pets on a MOCK integration. */
async function deployableApi(): Promise<{ id: string; rootId: string; pets: string }> {
  const api = await createApi(h.client);
  const pets = await createResource(h.client, api.id, api.rootId, "pets");
  await mockMethod(h.client, api.id, pets, "GET");
  return { ...api, pets };
}

const deploy = (restApiId: string, input: Partial<apigw.CreateDeploymentCommandInput> = {}) => h.client.send(new apigw.CreateDeploymentCommand({ restApiId, ...input }));
const storedSnapshot = async (id: string) => (await prisma().apigwDeployment.findUniqueOrThrow({ where: { id } })).snapshot as unknown as DeploymentSnapshot;
const updateStage = (restApiId: string, stageName: string, ...patchOperations: apigw.PatchOperation[]) =>
  h.client.send(new apigw.UpdateStageCommand({ restApiId, stageName, patchOperations }));

describe("CreateDeployment", () => {
  it("refuses an API without methods, or with a method lacking an integration", async () => {
    const api = await createApi(h.client);
    await assertApigwError(deploy(api.id), badRequest("The REST API doesn't contain any methods"));
    await h.client.send(new apigw.PutMethodCommand({ restApiId: api.id, resourceId: api.rootId, httpMethod: "GET", authorizationType: "NONE" }));
    await assertApigwError(deploy(api.id), badRequest("No integration defined for method"));
  });

  it("snapshots the API: later changes do not alter what was deployed", async () => {
    const api = await deployableApi();
    const first = await deploy(api.id, { description: "first" });
    assert.equal(first.$metadata.httpStatusCode, 201);
    assert.match(first.id!, /^[a-z0-9]{6}$/);
    assert.equal(first.description, "first");
    assert.ok(first.createdDate instanceof Date);
    const before = await storedSnapshot(first.id!);
    assert.deepEqual(
      before.resources.map((r) => [r.path, Object.keys(r.methods)]),
      [
        ["/", []],
        ["/pets", ["GET"]],
      ],
    );
    assert.equal(before.resources[1]!.methods.GET!.methodIntegration!.type, "MOCK");

    // Change the API after deploying: a new resource, a changed integration, a deleted method.
    const proxy = await createResource(h.client, api.id, api.rootId, "{proxy+}");
    await mockMethod(h.client, api.id, proxy, "ANY");
    await h.client.send(
      new apigw.UpdateIntegrationCommand({
        restApiId: api.id,
        resourceId: api.pets,
        httpMethod: "GET",
        patchOperations: [{ op: "replace", path: "/timeoutInMillis", value: "100" }],
      }),
    );
    assert.deepEqual(await storedSnapshot(first.id!), before);

    const second = await deploy(api.id);
    const after = await storedSnapshot(second.id!);
    assert.deepEqual(
      after.resources.map((r) => r.path),
      ["/", "/pets", "/{proxy+}"],
    );
    assert.equal(after.resources[1]!.methods.GET!.methodIntegration!.timeoutInMillis, 100);
    assert.equal(before.resources[1]!.methods.GET!.methodIntegration!.timeoutInMillis, 29000);

    const summary = await h.client.send(new apigw.GetDeploymentCommand({ restApiId: api.id, deploymentId: second.id, embed: ["apisummary"] }));
    assert.deepEqual(summary.apiSummary, { "/pets": { GET: { authorizationType: "NONE", apiKeyRequired: false } }, "/{proxy+}": { ANY: { authorizationType: "NONE", apiKeyRequired: false } } });
    const listed = await h.client.send(new apigw.GetDeploymentsCommand({ restApiId: api.id }));
    assert.deepEqual(new Set(listed.items!.map((d) => d.id)), new Set([first.id, second.id]));

    const described = await h.client.send(
      new apigw.UpdateDeploymentCommand({ restApiId: api.id, deploymentId: first.id, patchOperations: [{ op: "replace", path: "/description", value: "renamed" }] }),
    );
    assert.equal(described.description, "renamed");
    assert.equal((await h.client.send(new apigw.GetDeploymentCommand({ restApiId: api.id, deploymentId: first.id }))).description, "renamed");
    assert.deepEqual(await storedSnapshot(first.id!), before);
  });

  it("with a stageName creates the stage, then moves it to later deployments keeping its settings", async () => {
    const api = await deployableApi();
    const first = await deploy(api.id, { stageName: "dev", stageDescription: "development", variables: { alias: "blue" } });
    const stage = await h.client.send(new apigw.GetStageCommand({ restApiId: api.id, stageName: "dev" }));
    assert.equal(stage.deploymentId, first.id);
    assert.equal(stage.description, "development");
    assert.deepEqual(stage.variables, { alias: "blue" });
    assert.equal(stage.cacheClusterEnabled, false);
    assert.equal(stage.cacheClusterStatus, "NOT_AVAILABLE");
    assert.equal(stage.tracingEnabled, false);
    assert.deepEqual(stage.methodSettings, {});

    const second = await deploy(api.id, { stageName: "dev", variables: { region: "eu" }, tracingEnabled: true });
    const moved = await h.client.send(new apigw.GetStageCommand({ restApiId: api.id, stageName: "dev" }));
    assert.equal(moved.deploymentId, second.id);
    assert.equal(moved.description, "development");
    assert.deepEqual(moved.variables, { alias: "blue", region: "eu" });
    assert.equal(moved.tracingEnabled, true);
    await assertApigwError(deploy(api.id, { stageName: "bad stage" }), badRequest("Stage name only allows a-zA-Z0-9_-"));
  });

  it("with canary settings deploys to the existing stage's canary, leaving the stage on its deployment", async () => {
    const api = await deployableApi();
    const base = await deploy(api.id, { stageName: "prod" });
    const canary = await deploy(api.id, { stageName: "prod", canarySettings: { percentTraffic: 25, stageVariableOverrides: { alias: "green" } } });
    const stage = await h.client.send(new apigw.GetStageCommand({ restApiId: api.id, stageName: "prod" }));
    assert.equal(stage.deploymentId, base.id);
    assert.deepEqual(stage.canarySettings, { percentTraffic: 25, deploymentId: canary.id, stageVariableOverrides: { alias: "green" }, useStageCache: false });
    await assertApigwError(deploy(api.id, { stageName: "nostage", canarySettings: { percentTraffic: 5 } }), notFound("Invalid Stage identifier specified"));
    assert.deepEqual((await h.client.send(new apigw.GetStagesCommand({ restApiId: api.id }))).item!.map((s) => s.stageName), ["prod"]);
  });
});

describe("DeleteDeployment", () => {
  it("is refused while a stage (or its canary) uses the deployment", async () => {
    const api = await deployableApi();
    const used = await deploy(api.id, { stageName: "prod" });
    const del = (deploymentId: string) => h.client.send(new apigw.DeleteDeploymentCommand({ restApiId: api.id, deploymentId }));
    await assertApigwError(del(used.id!), badRequest("Active stages pointing to this deployment must be moved or deleted"));

    const next = await deploy(api.id);
    await updateStage(api.id, "prod", { op: "replace", path: "/deploymentId", value: next.id }, { op: "replace", path: "/canarySettings/deploymentId", value: used.id });
    await assertApigwError(del(used.id!), badRequest("Active stages pointing to this deployment must be moved or deleted"));
    await updateStage(api.id, "prod", { op: "remove", path: "/canarySettings" });
    const deleted = await del(used.id!);
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertApigwError(h.client.send(new apigw.GetDeploymentCommand({ restApiId: api.id, deploymentId: used.id })), notFound("Invalid Deployment identifier specified"));
    await assertApigwError(del(used.id!), notFound("Invalid Deployment identifier specified"));
  });
});

describe("stages", () => {
  it("CreateStage / GetStages / DeleteStage", async () => {
    const api = await deployableApi();
    const deployment = await deploy(api.id);
    const created = await h.client.send(
      new apigw.CreateStageCommand({
        restApiId: api.id,
        stageName: "beta",
        deploymentId: deployment.id,
        description: "beta users",
        variables: { host: "example.com" },
        cacheClusterEnabled: true,
        tags: { env: "beta" },
      }),
    );
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.stageName, "beta");
    assert.equal(created.cacheClusterSize, "0.5");
    assert.equal(created.cacheClusterStatus, "AVAILABLE");
    assert.deepEqual(created.tags, { env: "beta" });
    assert.ok(created.createdDate instanceof Date && created.lastUpdatedDate instanceof Date);

    await assertApigwError(h.client.send(new apigw.CreateStageCommand({ restApiId: api.id, stageName: "beta", deploymentId: deployment.id })), conflict("Stage already exists"));
    await assertApigwError(
      h.client.send(new apigw.CreateStageCommand({ restApiId: api.id, stageName: "gamma", deploymentId: "nope12" })),
      notFound("Invalid Deployment identifier specified"),
    );
    await assertApigwError(
      h.client.send(new apigw.CreateStageCommand({ restApiId: api.id, stageName: "gamma", deploymentId: deployment.id, cacheClusterSize: "2" as apigw.CacheClusterSize })),
      {
        name: "ValidationException",
        status: 400,
        message:
          "1 validation error detected: Value '2' at 'createStageInput.cacheClusterSize' failed to satisfy constraint: Member must satisfy enum value set: [0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237]",
      },
    );
    await h.client.send(new apigw.CreateStageCommand({ restApiId: api.id, stageName: "alpha", deploymentId: deployment.id }));
    const other = await deploy(api.id, { stageName: "prod" });
    assert.deepEqual((await h.client.send(new apigw.GetStagesCommand({ restApiId: api.id }))).item!.map((s) => s.stageName), ["alpha", "beta", "prod"]);
    assert.deepEqual((await h.client.send(new apigw.GetStagesCommand({ restApiId: api.id, deploymentId: other.id }))).item!.map((s) => s.stageName), ["prod"]);

    const deleted = await h.client.send(new apigw.DeleteStageCommand({ restApiId: api.id, stageName: "alpha" }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertApigwError(h.client.send(new apigw.GetStageCommand({ restApiId: api.id, stageName: "alpha" })), notFound("Invalid Stage identifier specified"));
  });

  it("UpdateStage: variables, method settings, cache, tracing, logs, canary and deployment", async () => {
    const api = await deployableApi();
    const first = await deploy(api.id, { stageName: "dev", variables: { a: "1", b: "2" } });
    const second = await deploy(api.id);
    const updated = await updateStage(
      api.id,
      "dev",
      { op: "replace", path: "/variables/a", value: "one" },
      { op: "remove", path: "/variables/b" },
      { op: "add", path: "/variables/c", value: "3" },
      { op: "replace", path: "/*/*/throttling/rateLimit", value: "100.5" },
      { op: "replace", path: "/*/*/throttling/burstLimit", value: "200" },
      { op: "replace", path: "/~1pets/GET/caching/enabled", value: "true" },
      { op: "replace", path: "/~1pets/GET/caching/ttlInSeconds", value: "60" },
      { op: "replace", path: "/*/*/logging/loglevel", value: "INFO" },
      { op: "replace", path: "/cacheClusterEnabled", value: "true" },
      { op: "replace", path: "/cacheClusterSize", value: "1.6" },
      { op: "replace", path: "/tracingEnabled", value: "true" },
      { op: "replace", path: "/accessLogSettings/destinationArn", value: "arn:aws:logs:us-east-1:000000000000:log-group:access" },
      { op: "replace", path: "/accessLogSettings/format", value: "$context.requestId" },
      { op: "replace", path: "/canarySettings/percentTraffic", value: "10" },
      { op: "replace", path: "/canarySettings/deploymentId", value: second.id },
      { op: "add", path: "/canarySettings/stageVariableOverrides/a", value: "canary" },
      { op: "replace", path: "/description", value: "patched" },
    );
    assert.deepEqual(updated.variables, { a: "one", c: "3" });
    const defaults = {
      metricsEnabled: false,
      loggingLevel: "OFF",
      dataTraceEnabled: false,
      throttlingBurstLimit: 5000,
      throttlingRateLimit: 10000,
      cachingEnabled: false,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: false,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: "SUPPRESS_WITH_WARNING",
    };
    assert.deepEqual(updated.methodSettings, {
      "*/*": { ...defaults, throttlingRateLimit: 100.5, throttlingBurstLimit: 200, loggingLevel: "INFO" },
      "~1pets/GET": { ...defaults, cachingEnabled: true, cacheTtlInSeconds: 60 },
    });
    assert.equal(updated.cacheClusterEnabled, true);
    assert.equal(updated.cacheClusterSize, "1.6");
    assert.equal(updated.cacheClusterStatus, "AVAILABLE");
    assert.equal(updated.tracingEnabled, true);
    assert.deepEqual(updated.accessLogSettings, { destinationArn: "arn:aws:logs:us-east-1:000000000000:log-group:access", format: "$context.requestId" });
    assert.deepEqual(updated.canarySettings, { percentTraffic: 10, deploymentId: second.id, stageVariableOverrides: { a: "canary" } });
    assert.equal(updated.description, "patched");
    assert.equal(updated.deploymentId, first.id);
    assert.deepEqual(await h.client.send(new apigw.GetStageCommand({ restApiId: api.id, stageName: "dev" })).then((s) => s.methodSettings), updated.methodSettings);

    const moved = await updateStage(api.id, "dev", { op: "replace", path: "/deploymentId", value: second.id }, { op: "remove", path: "/*/*" });
    assert.equal(moved.deploymentId, second.id);
    assert.deepEqual(Object.keys(moved.methodSettings!), ["~1pets/GET"]);

    await assertApigwError(updateStage(api.id, "dev", { op: "remove", path: "/*/*" }), badRequest("Cannot remove method setting */* because there is no method setting for this method "));
    await assertApigwError(updateStage(api.id, "dev", { op: "replace", path: "/deploymentId", value: "nope12" }), notFound("Invalid Deployment identifier specified"));
    await assertApigwError(updateStage(api.id, "dev", { op: "replace", path: "/*/*/caching/ttlInSeconds", value: "3601" }), badRequest(/^Invalid cache ttl specified/));
    await assertApigwError(updateStage(api.id, "dev", { op: "replace", path: "/*/*/caching/size", value: "1" }), badRequest(/^Invalid method setting path: \/\*\/\*\/caching\/size\. Must be one of: /));
    await assertApigwError(updateStage(api.id, "dev", { op: "replace", path: "/canarySettings/percentTraffic", value: "101" }), badRequest("Canary traffic percentage must be between 0.0 and 100.0"));
    await assertApigwError(updateStage(api.id, "nope", { op: "replace", path: "/description", value: "x" }), notFound("Invalid Stage identifier specified"));
    // Refused patches changed nothing.
    const after = await h.client.send(new apigw.GetStageCommand({ restApiId: api.id, stageName: "dev" }));
    assert.equal(after.deploymentId, second.id);
    assert.equal(after.methodSettings!["~1pets/GET"]!.cacheTtlInSeconds, 60);
  });
});

describe("tags", () => {
  it("on APIs and stages, by ARN", async () => {
    const api = await deployableApi();
    await deploy(api.id, { stageName: "dev" });
    const apiArn = `arn:aws:apigateway:us-east-1::/restapis/${api.id}`;
    const stageArn = `${apiArn}/stages/dev`;
    const tagged = await h.client.send(new apigw.TagResourceCommand({ resourceArn: apiArn, tags: { team: "pets", env: "dev" } }));
    assert.equal(tagged.$metadata.httpStatusCode, 204);
    await h.client.send(new apigw.TagResourceCommand({ resourceArn: stageArn, tags: { tier: "gold" } }));
    await h.client.send(new apigw.UntagResourceCommand({ resourceArn: apiArn, tagKeys: ["env"] }));
    assert.deepEqual((await h.client.send(new apigw.GetTagsCommand({ resourceArn: apiArn }))).tags, { team: "pets" });
    assert.deepEqual((await h.client.send(new apigw.GetTagsCommand({ resourceArn: stageArn }))).tags, { tier: "gold" });
    assert.deepEqual((await h.client.send(new apigw.GetRestApiCommand({ restApiId: api.id }))).tags, { team: "pets" });
    assert.deepEqual((await h.client.send(new apigw.GetStageCommand({ restApiId: api.id, stageName: "dev" }))).tags, { tier: "gold" });

    await assertApigwError(h.client.send(new apigw.GetTagsCommand({ resourceArn: `${apiArn}/stages/nope` })), notFound("Invalid Stage identifier specified"));
    await assertApigwError(h.client.send(new apigw.GetTagsCommand({ resourceArn: "arn:aws:sqs:us-east-1:000000000000:q" })), badRequest("Invalid ARN specified in the request"));
    const other = await h.otherTeam();
    await assertApigwError(other.client.send(new apigw.TagResourceCommand({ resourceArn: apiArn, tags: { x: "y" } })), notFound(`Invalid API identifier specified ${other.team.accountId}:${api.id}`));
  });
});
