// API keys at invocation: methods with apiKeyRequired take an enabled key of a usage plan covering the stage, metered by the plan's throttle and quota; GetUsage reports what was let through.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { type ApiInvokeHarness, deployApi, expectGatewayResponse, invokeUrl, startApiInvokeHarness } from "./invoke-helpers";

let h: ApiInvokeHarness;
before(async () => {
  h = await startApiInvokeHarness();
});
after(async () => {
  await h.close();
});

const STAGE = "test";

/** An API whose GET /pets (a MOCK answering "pets") requires an API key, deployed to STAGE. */
async function keyedApi(api: Partial<apigw.CreateRestApiCommandInput> = {}): Promise<string> {
  const deployed = await deployApi(
    h.apigw,
    [
      {
        path: "/pets",
        httpMethod: "GET",
        integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
        integrationResponses: [{ statusCode: "200", responseTemplates: { "application/json": "pets" } }],
      },
    ],
    { stage: STAGE, api },
  );
  const resourceId = deployed.resources.get("/pets")!;
  await h.apigw.send(
    new apigw.UpdateMethodCommand({ restApiId: deployed.id, resourceId, httpMethod: "GET", patchOperations: [{ op: "replace", path: "/apiKeyRequired", value: "true" }] }),
  );
  await h.apigw.send(new apigw.CreateDeploymentCommand({ restApiId: deployed.id, stageName: STAGE }));
  return deployed.id;
}

/** An enabled key (unless said otherwise) in a new plan covering the API's stage; answers the key's value and ids. */
async function keyInPlan(apiId: string, plan: Partial<apigw.CreateUsagePlanCommandInput> = {}, enabled = true) {
  const key = await h.apigw.send(new apigw.CreateApiKeyCommand({ name: "caller", enabled }));
  const created = await h.apigw.send(new apigw.CreateUsagePlanCommand({ name: "plan", apiStages: [{ apiId, stage: STAGE }], ...plan }));
  await h.apigw.send(new apigw.CreateUsagePlanKeyCommand({ usagePlanId: created.id, keyId: key.id, keyType: "API_KEY" }));
  return { value: key.value!, keyId: key.id!, planId: created.id! };
}

const getPets = (apiId: string, apiKey?: string) => fetch(invokeUrl(h.gateway.url, apiId, STAGE, "/pets"), { headers: apiKey === undefined ? {} : { "x-api-key": apiKey } });

const forbidden = async (response: Response) => expectGatewayResponse(response, 403, "ForbiddenException", "Forbidden");

describe("API keys at invocation", () => {
  test("a method that requires a key refuses requests without a valid key of a plan covering the stage", async () => {
    const apiId = await keyedApi();
    const { value } = await keyInPlan(apiId);
    await forbidden(await getPets(apiId));
    await forbidden(await getPets(apiId, "not-a-key-of-this-account-0123456789"));
    const ok = await getPets(apiId, value);
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), "pets");

    const disabled = await keyInPlan(apiId, {}, false);
    await forbidden(await getPets(apiId, disabled.value));
    const planless = await h.apigw.send(new apigw.CreateApiKeyCommand({ name: "planless", enabled: true }));
    await forbidden(await getPets(apiId, planless.value));
    // A key of a plan for another API's stage opens only that one.
    const otherApi = await keyedApi();
    await forbidden(await getPets(otherApi, value));
  });

  test("a key taken out of its plan stops working within seconds", async () => {
    const apiId = await keyedApi();
    const { value, keyId, planId } = await keyInPlan(apiId);
    assert.equal((await getPets(apiId, value)).status, 200);
    await h.apigw.send(new apigw.DeleteUsagePlanKeyCommand({ usagePlanId: planId, keyId }));
    const deadline = Date.now() + 15_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await getPets(apiId, value)).status;
    }
    assert.equal(status, 403);
  });

  test("an AUTHORIZER key source ignores x-api-key", async () => {
    const apiId = await keyedApi({ apiKeySource: "AUTHORIZER" });
    const { value } = await keyInPlan(apiId);
    await forbidden(await getPets(apiId, value));
  });

  test("the plan's quota refuses requests beyond it with 429 Limit Exceeded, and GetUsage counts those let through", async () => {
    const apiId = await keyedApi();
    const { value, keyId, planId } = await keyInPlan(apiId, { quota: { limit: 3, period: "DAY" } });
    for (let i = 0; i < 3; i++) assert.equal((await getPets(apiId, value)).status, 200, `request ${i + 1} is within the quota`);
    await expectGatewayResponse(await getPets(apiId, value), 429, "LimitExceededException", "Limit Exceeded");

    const today = new Date().toISOString().slice(0, 10);
    const usage = await h.apigw.send(new apigw.GetUsageCommand({ usagePlanId: planId, startDate: today, endDate: today }));
    assert.deepEqual(usage.items, { [keyId]: [[3, 0]] });
  });

  test("the plan's throttle refuses requests beyond its burst with 429 Too Many Requests", async () => {
    const apiId = await keyedApi();
    const { value } = await keyInPlan(apiId, { throttle: { burstLimit: 1, rateLimit: 0.01 } });
    assert.equal((await getPets(apiId, value)).status, 200);
    await expectGatewayResponse(await getPets(apiId, value), 429, "TooManyRequestsException", "Too Many Requests");
  });

  test("a method's throttle in the plan's stage takes the place of the plan's", async () => {
    const apiId = await keyedApi();
    const { value } = await keyInPlan(apiId, {
      apiStages: [{ apiId, stage: STAGE, throttle: { "/pets/GET": { burstLimit: 1, rateLimit: 0.01 } } }],
      throttle: { burstLimit: 100, rateLimit: 100 },
    });
    assert.equal((await getPets(apiId, value)).status, 200);
    await expectGatewayResponse(await getPets(apiId, value), 429, "TooManyRequestsException", "Too Many Requests");
  });
});
