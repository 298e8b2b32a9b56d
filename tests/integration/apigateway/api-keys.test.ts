// API keys, usage plans and their keys through the SDK: AWS's shapes and defaults, patches, paging, the one-plan-per-stage rule, GetUsage, and errors as API Gateway sends them.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { type ApigwHarness, assertApigwError, badRequest, conflict, createApi, mockMethod, notFound, startApigw, uniqueName } from "./helpers";

let h: ApigwHarness;

before(async () => {
  h = await startApigw();
});
after(() => h.close());

/** An API deployed to `stage`, for usage plans to name. */
async function deployedApi(stage = "prod"): Promise<string> {
  const api = await createApi(h.client);
  await mockMethod(h.client, api.id, api.rootId);
  await h.client.send(new apigw.CreateDeploymentCommand({ restApiId: api.id, stageName: stage }));
  return api.id;
}

const createKey = (input: apigw.CreateApiKeyCommandInput = {}) => h.client.send(new apigw.CreateApiKeyCommand({ name: uniqueName("key"), ...input }));
const createPlan = (input: Partial<apigw.CreateUsagePlanCommandInput> = {}) => h.client.send(new apigw.CreateUsagePlanCommand({ name: uniqueName("plan"), ...input }));
const patchKey = (apiKey: string, ...patchOperations: apigw.PatchOperation[]) => h.client.send(new apigw.UpdateApiKeyCommand({ apiKey, patchOperations }));
const patchPlan = (usagePlanId: string, ...patchOperations: apigw.PatchOperation[]) => h.client.send(new apigw.UpdateUsagePlanCommand({ usagePlanId, patchOperations }));
const addKey = (usagePlanId: string, keyId: string) => h.client.send(new apigw.CreateUsagePlanKeyCommand({ usagePlanId, keyId, keyType: "API_KEY" }));

describe("API keys", () => {
  it("creates a key with AWS's defaults and a generated 40-character value, shown only when asked for", async () => {
    const name = uniqueName("key");
    const created = await h.client.send(new apigw.CreateApiKeyCommand({ name, tags: { team: "a" } }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.match(created.id!, /^[a-z0-9]{10}$/);
    assert.match(created.value!, /^[A-Za-z0-9]{40}$/);
    assert.equal(created.name, name);
    assert.equal(created.enabled, false);
    assert.deepEqual(created.stageKeys, []);
    assert.deepEqual(created.tags, { team: "a" });
    assert.ok(created.createdDate instanceof Date && Math.abs(created.createdDate.getTime() - Date.now()) < 60_000);
    assert.deepEqual(created.lastUpdatedDate, created.createdDate);

    const fetched = await h.client.send(new apigw.GetApiKeyCommand({ apiKey: created.id }));
    assert.equal(fetched.value, undefined);
    assert.equal(fetched.name, name);
    const withValue = await h.client.send(new apigw.GetApiKeyCommand({ apiKey: created.id, includeValue: true }));
    assert.equal(withValue.value, created.value);
  });

  it("keeps what the caller gave, and refuses short and duplicate values", async () => {
    const apiId = await deployedApi("dev");
    const value = `custom-${uniqueName("value")}-0123456789`;
    const created = await createKey({ value, enabled: true, description: "for partners", customerId: "cust-1", stageKeys: [{ restApiId: apiId, stageName: "dev" }] });
    assert.equal(created.value, value);
    assert.equal(created.enabled, true);
    assert.equal(created.description, "for partners");
    assert.equal(created.customerId, "cust-1");
    assert.deepEqual(created.stageKeys, [`${apiId}/dev`]);

    await assertApigwError(createKey({ value }), conflict("API Key already exists"));
    await assertApigwError(createKey({ value: "too-short" }), badRequest("API Key value should be at least 20 characters"));
    await assertApigwError(createKey({ stageKeys: [{ restApiId: apiId, stageName: "nope" }] }), notFound("Invalid Stage identifier specified"));
    await assertApigwError(createKey({ stageKeys: [{ restApiId: "nope123456", stageName: "dev" }] }), notFound(`Invalid API identifier specified ${h.team.accountId}:nope123456`));
  });

  it("lists keys by name prefix and customer, with values when asked for, in pages", async () => {
    const prefix = uniqueName("list");
    const keys = [];
    for (let i = 0; i < 3; i++) keys.push(await createKey({ name: `${prefix}-${i}`, customerId: i === 0 ? `${prefix}-customer` : undefined }));
    await createKey({ name: uniqueName("other") });

    const seen: apigw.ApiKey[] = [];
    let position: string | undefined;
    do {
      const page = await h.client.send(new apigw.GetApiKeysCommand({ nameQuery: prefix, limit: 2, position }));
      assert.ok(page.items!.length <= 2);
      seen.push(...page.items!);
      position = page.position;
    } while (position);
    assert.deepEqual(new Set(seen.map((key) => key.id)), new Set(keys.map((key) => key.id)));
    assert.ok(seen.every((key) => key.value === undefined));

    const byCustomer = await h.client.send(new apigw.GetApiKeysCommand({ customerId: `${prefix}-customer`, includeValues: true }));
    assert.deepEqual(
      byCustomer.items!.map((key) => [key.id, key.value]),
      [[keys[0]!.id, keys[0]!.value]],
    );
  });

  it("applies AWS's patch operations", async () => {
    const apiId = await deployedApi("dev");
    const key = await createKey({ description: "old" });
    const updated = await patchKey(
      key.id!,
      { op: "replace", path: "/name", value: "renamed" },
      { op: "replace", path: "/description", value: "new" },
      { op: "replace", path: "/enabled", value: "true" },
      { op: "replace", path: "/customerId", value: "cust-2" },
      { op: "add", path: "/stages", value: `${apiId}/dev` },
    );
    assert.equal(updated.name, "renamed");
    assert.equal(updated.description, "new");
    assert.equal(updated.enabled, true);
    assert.equal(updated.customerId, "cust-2");
    assert.deepEqual(updated.stageKeys, [`${apiId}/dev`]);
    assert.equal(updated.value, undefined);
    assert.ok(updated.lastUpdatedDate!.getTime() >= key.lastUpdatedDate!.getTime());

    const removed = await patchKey(key.id!, { op: "remove", path: "/stages", value: `${apiId}/dev` }, { op: "replace", path: "/enabled", value: "false" });
    assert.deepEqual(removed.stageKeys, []);
    assert.equal(removed.enabled, false);

    await assertApigwError(patchKey(key.id!, { op: "add", path: "/stages", value: `${apiId}/nope` }), notFound("Invalid Stage identifier specified"));
    await assertApigwError(patchKey(key.id!, { op: "replace", path: "/enabled", value: "maybe" }), badRequest("Invalid patch value 'maybe' specified for path '/enabled'. Must be a boolean"));
    await assertApigwError(
      patchKey(key.id!, { op: "replace", path: "/value", value: "x".repeat(30) }),
      badRequest("Invalid patch path  '/value' specified for op 'replace'. Must be one of: [/name, /description, /enabled, /customerId]"),
    );
  });

  it("deletes a key; an unknown key is NotFound, also to another account", async () => {
    const key = await createKey();
    const other = await h.otherTeam();
    await assertApigwError(other.client.send(new apigw.GetApiKeyCommand({ apiKey: key.id })), notFound("Invalid API Key identifier specified"));
    const deleted = await h.client.send(new apigw.DeleteApiKeyCommand({ apiKey: key.id }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertApigwError(h.client.send(new apigw.GetApiKeyCommand({ apiKey: key.id })), notFound("Invalid API Key identifier specified"));
    await assertApigwError(h.client.send(new apigw.DeleteApiKeyCommand({ apiKey: key.id })), notFound("Invalid API Key identifier specified"));
  });
});

describe("usage plans", () => {
  it("creates a plan with its stages, method throttles, throttle, quota and tags", async () => {
    const apiId = await deployedApi();
    const name = uniqueName("plan");
    const created = await h.client.send(
      new apigw.CreateUsagePlanCommand({
        name,
        description: "gold",
        apiStages: [{ apiId, stage: "prod", throttle: { "/pets/GET": { burstLimit: 5, rateLimit: 2.5 } } }],
        throttle: { burstLimit: 10, rateLimit: 5 },
        quota: { limit: 1000, period: "MONTH" },
        tags: { tier: "gold" },
      }),
    );
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.match(created.id!, /^[a-z0-9]{6}$/);
    const expected = {
      id: created.id,
      name,
      description: "gold",
      apiStages: [{ apiId, stage: "prod", throttle: { "/pets/GET": { burstLimit: 5, rateLimit: 2.5 } } }],
      throttle: { burstLimit: 10, rateLimit: 5 },
      quota: { limit: 1000, offset: 0, period: "MONTH" },
      tags: { tier: "gold" },
    };
    assert.deepEqual({ ...created, $metadata: undefined }, { ...expected, $metadata: undefined });
    const fetched = await h.client.send(new apigw.GetUsagePlanCommand({ usagePlanId: created.id }));
    assert.deepEqual({ ...fetched, $metadata: undefined }, { ...expected, $metadata: undefined });

    const bare = await createPlan();
    assert.deepEqual(bare.apiStages, []);
    assert.equal(bare.throttle, undefined);
    assert.equal(bare.quota, undefined);
    const listed = await h.client.send(new apigw.GetUsagePlansCommand({ limit: 500 }));
    assert.ok(listed.items!.some((plan) => plan.id === created.id) && listed.items!.some((plan) => plan.id === bare.id));
  });

  it("refuses stages that do not exist and quotas AWS refuses", async () => {
    const apiId = await deployedApi();
    await assertApigwError(createPlan({ apiStages: [{ apiId: "nope123456", stage: "prod" }] }), notFound(`Invalid API identifier specified ${h.team.accountId}:nope123456`));
    await assertApigwError(createPlan({ apiStages: [{ apiId, stage: "nope" }] }), badRequest(`API Stage not found: ${apiId}:nope`));
    await assertApigwError(createPlan({ quota: { limit: 10, period: "YEAR" as apigw.QuotaPeriodType } }), {
      name: "ValidationException",
      status: 400,
      message: "1 validation error detected: Value 'YEAR' at 'createUsagePlanInput.quota.period' failed to satisfy constraint: Member must satisfy enum value set: [DAY, WEEK, MONTH]",
    });
    await assertApigwError(h.client.send(new apigw.GetUsagePlanCommand({ usagePlanId: "nope12" })), notFound("Invalid Usage Plan ID specified"));
  });

  it("applies AWS's patch operations", async () => {
    const [first, second] = [await deployedApi(), await deployedApi()];
    const plan = await createPlan({ apiStages: [{ apiId: first, stage: "prod" }] });
    const updated = await patchPlan(
      plan.id!,
      { op: "replace", path: "/name", value: "renamed" },
      { op: "replace", path: "/description", value: "silver" },
      { op: "replace", path: "/throttle/rateLimit", value: "20.5" },
      { op: "replace", path: "/throttle/burstLimit", value: "40" },
      { op: "replace", path: "/quota/limit", value: "500" },
      { op: "replace", path: "/quota/period", value: "WEEK" },
      { op: "replace", path: "/quota/offset", value: "10" },
      { op: "add", path: "/apiStages", value: `${second}:prod` },
      { op: "replace", path: `/apiStages/${second}:prod/throttle/~1pets/GET/rateLimit`, value: "1.5" },
      { op: "replace", path: `/apiStages/${second}:prod/throttle/~1pets/GET/burstLimit`, value: "3" },
      { op: "replace", path: `/apiStages/${second}:prod/throttle/~1/POST/rateLimit`, value: "7" },
    );
    assert.equal(updated.name, "renamed");
    assert.equal(updated.description, "silver");
    assert.deepEqual(updated.throttle, { burstLimit: 40, rateLimit: 20.5 });
    assert.deepEqual(updated.quota, { limit: 500, offset: 10, period: "WEEK" });
    assert.deepEqual(updated.apiStages, [
      { apiId: first, stage: "prod" },
      { apiId: second, stage: "prod", throttle: { "/pets/GET": { burstLimit: 3, rateLimit: 1.5 }, "//POST": { burstLimit: 0, rateLimit: 7 } } },
    ]);

    const trimmed = await patchPlan(
      plan.id!,
      { op: "remove", path: `/apiStages/${second}:prod/throttle/~1/POST` },
      { op: "remove", path: "/apiStages", value: `${first}:prod` },
      { op: "remove", path: "/throttle" },
      { op: "remove", path: "/quota" },
    );
    assert.deepEqual(trimmed.apiStages, [{ apiId: second, stage: "prod", throttle: { "/pets/GET": { burstLimit: 3, rateLimit: 1.5 } } }]);
    assert.equal(trimmed.throttle, undefined);
    assert.equal(trimmed.quota, undefined);
    const replaced = await patchPlan(plan.id!, { op: "replace", path: `/apiStages/${second}:prod/throttle`, value: '{"/items/PUT":{"rateLimit":1,"burstLimit":2}}' });
    assert.deepEqual(replaced.apiStages![0]!.throttle, { "/items/PUT": { burstLimit: 2, rateLimit: 1 } });
    assert.deepEqual((await patchPlan(plan.id!, { op: "remove", path: `/apiStages/${second}:prod/throttle` })).apiStages, [{ apiId: second, stage: "prod" }]);
  });

  it("refuses what AWS refuses on update, changing nothing", async () => {
    const apiId = await deployedApi();
    const plan = await createPlan({ name: "unchanged", apiStages: [{ apiId, stage: "prod" }] });
    await assertApigwError(
      patchPlan(plan.id!, { op: "replace", path: "/name", value: "changed" }, { op: "remove", path: `/apiStages/${apiId}:prod` }),
      badRequest(
        `Invalid patch path  '/apiStages/${apiId}:prod' specified for op 'remove'. Must be one of: [/apiStages, /quota, /throttle, /apiStages/{apiStage}/throttle/{resourcePath}/{httpMethod}, /apiStages/{apiStage}/throttle]`,
      ),
    );
    await assertApigwError(patchPlan(plan.id!, { op: "remove", path: "/apiStages", value: `${apiId}:other` }), badRequest("Invalid API Stage specified"));
    await assertApigwError(patchPlan(plan.id!, { op: "add", path: "/apiStages", value: `${apiId}:nope` }), badRequest(`API Stage not found: ${apiId}:nope`));
    await assertApigwError(patchPlan(plan.id!, { op: "replace", path: "/quota/limit", value: "ten" }), badRequest("Invalid patch value 'ten' specified for path '/quota/limit'. Must be an integer"));
    await assertApigwError(patchPlan(plan.id!, { op: "replace", path: "/quota/period", value: "YEAR" }), {
      name: "ValidationException",
      status: 400,
      message: "1 validation error detected: Value 'YEAR' at 'updateUsagePlanInput.quota.period' failed to satisfy constraint: Member must satisfy enum value set: [DAY, WEEK, MONTH]",
    });
    assert.equal((await h.client.send(new apigw.GetUsagePlanCommand({ usagePlanId: plan.id }))).name, "unchanged");
  });

  it("deletes a plan only once it covers no stage", async () => {
    const apiId = await deployedApi();
    const plan = await createPlan({ apiStages: [{ apiId, stage: "prod" }] });
    await assertApigwError(
      h.client.send(new apigw.DeleteUsagePlanCommand({ usagePlanId: plan.id })),
      badRequest(`Cannot delete Usage Plan ${plan.id} because there are API Stages associated with it, including ${apiId}:prod`),
    );
    await patchPlan(plan.id!, { op: "remove", path: "/apiStages", value: `${apiId}:prod` });
    const deleted = await h.client.send(new apigw.DeleteUsagePlanCommand({ usagePlanId: plan.id }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertApigwError(h.client.send(new apigw.GetUsagePlanCommand({ usagePlanId: plan.id })), notFound("Invalid Usage Plan ID specified"));
  });
});

describe("usage plan keys", () => {
  it("adds, lists, finds and removes a plan's keys", async () => {
    const plan = await createPlan();
    const prefix = uniqueName("member");
    const [alpha, beta] = [await createKey({ name: `${prefix}-alpha` }), await createKey({ name: `${prefix}-beta` })];
    const added = await addKey(plan.id!, alpha.id!);
    assert.equal(added.$metadata.httpStatusCode, 201);
    assert.deepEqual({ ...added, $metadata: undefined }, { id: alpha.id, type: "API_KEY", value: alpha.value, name: alpha.name, $metadata: undefined });
    await addKey(plan.id!, beta.id!);

    const all = await h.client.send(new apigw.GetUsagePlanKeysCommand({ usagePlanId: plan.id }));
    assert.deepEqual(new Set(all.items!.map((key) => key.id)), new Set([alpha.id, beta.id]));
    const named = await h.client.send(new apigw.GetUsagePlanKeysCommand({ usagePlanId: plan.id, nameQuery: `${prefix}-b` }));
    assert.deepEqual(
      named.items!.map((key) => key.id),
      [beta.id],
    );
    const fetched = await h.client.send(new apigw.GetUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: alpha.id }));
    assert.equal(fetched.value, alpha.value);
    const plans = await h.client.send(new apigw.GetUsagePlansCommand({ keyId: alpha.id }));
    assert.deepEqual(
      plans.items!.map((item) => item.id),
      [plan.id],
    );

    const removed = await h.client.send(new apigw.DeleteUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: alpha.id }));
    assert.equal(removed.$metadata.httpStatusCode, 202);
    await assertApigwError(h.client.send(new apigw.GetUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: alpha.id })), notFound("Invalid Usage Plan ID specified"));
    await assertApigwError(h.client.send(new apigw.GetUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: "nope123456" })), notFound("Invalid API Key identifier specified"));
    assert.deepEqual((await h.client.send(new apigw.GetUsagePlansCommand({ keyId: alpha.id }))).items, []);
  });

  it("refuses a second membership, other key types, and a key in two plans of one API stage", async () => {
    const apiId = await deployedApi();
    const [gold, silver] = [await createPlan({ apiStages: [{ apiId, stage: "prod" }] }), await createPlan()];
    const key = await createKey();
    await addKey(gold.id!, key.id!);
    await assertApigwError(addKey(gold.id!, key.id!), conflict(`API Key ${key.id} is already associated with Usage Plan ${gold.id}`));
    await assertApigwError(
      h.client.send(new apigw.CreateUsagePlanKeyCommand({ usagePlanId: silver.id, keyId: key.id, keyType: "TOKEN" })),
      badRequest("Invalid key type specified: TOKEN. Valid options are API_KEY"),
    );
    await assertApigwError(addKey(silver.id!, "nope123456"), notFound("Invalid API Key identifier specified"));

    // Into a plan without the stage it goes; then that plan may not take the stage on.
    await addKey(silver.id!, key.id!);
    const sameStage = `Usage Plan ${silver.id} cannot be added because API Key ${key.id} cannot reference multiple Usage Plans with the same API Stage: ${apiId}:prod`;
    await assertApigwError(patchPlan(silver.id!, { op: "add", path: "/apiStages", value: `${apiId}:prod` }), conflict(sameStage));
    const bronze = await createPlan({ apiStages: [{ apiId, stage: "prod" }] });
    await assertApigwError(
      addKey(bronze.id!, key.id!),
      conflict(`Usage Plan ${bronze.id} cannot be added because API Key ${key.id} cannot reference multiple Usage Plans with the same API Stage: ${apiId}:prod`),
    );
  });

  it("GetUsage answers each key's days, and checks its dates", async () => {
    const plan = await createPlan({ quota: { limit: 100, period: "DAY" } });
    const key = await createKey();
    await addKey(plan.id!, key.id!);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const usage = await h.client.send(new apigw.GetUsageCommand({ usagePlanId: plan.id, startDate: yesterday, endDate: today }));
    assert.equal(usage.usagePlanId, plan.id);
    assert.equal(usage.startDate, yesterday);
    assert.equal(usage.endDate, today);
    assert.deepEqual(usage.items, {
      [key.id!]: [
        [0, 100],
        [0, 100],
      ],
    });
    const other = await h.client.send(new apigw.GetUsageCommand({ usagePlanId: plan.id, startDate: today, endDate: today, keyId: "nope123456" }));
    assert.deepEqual(other.items, {});

    await assertApigwError(
      h.client.send(new apigw.GetUsageCommand({ usagePlanId: plan.id, startDate: "2024-02-30", endDate: today })),
      badRequest("Invalid startDate specified: 2024-02-30. Must be in the format yyyy-MM-dd"),
    );
    await assertApigwError(h.client.send(new apigw.GetUsageCommand({ usagePlanId: plan.id, startDate: today, endDate: yesterday })), badRequest("The endDate must not be before the startDate"));
    await assertApigwError(h.client.send(new apigw.GetUsageCommand({ usagePlanId: "nope12", startDate: today, endDate: today })), notFound("Invalid Usage Plan ID specified"));
  });
});
