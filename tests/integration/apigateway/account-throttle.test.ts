import "./tiny-account-throttle";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { type ApigwHarness, startApigw } from "./helpers";
import { deployApi, expectGatewayResponse, invokeUrl, mockRoute } from "./invoke-helpers";

let h: ApigwHarness;
before(async () => {
  h = await startApigw();
});
after(async () => {
  await h.close();
});

const MOCK_GET = mockRoute("/ping", "pong");

describe("account-level throttling", () => {
  test("the account's requests to all its APIs in a region share one bucket; past it they are 429 Too Many Requests", async () => {
    const first = await deployApi(h.client, [MOCK_GET]);
    const second = await deployApi(h.client, [MOCK_GET]);
    const urls = [first, second, first, second, first, second].map((api) => invokeUrl(h.gateway.url, api.id, "test", "/ping"));
    const statuses: number[] = [];
    for (const url of urls) {
      const response = await fetch(url);
      statuses.push(response.status);
      if (response.status === 429) await expectGatewayResponse(response, 429, "TooManyRequestsException", "Too Many Requests");
      else assert.equal(await response.text(), "pong");
    }
    assert.deepEqual(statuses, [200, 200, 200, 429, 429, 429]);

    // Another account has its own bucket.
    const other = await h.otherTeam();
    const theirs = await deployApi(other.client, [MOCK_GET]);
    assert.equal((await fetch(invokeUrl(h.gateway.url, theirs.id, "test", "/ping"))).status, 200);
  });

  test("a customised THROTTLED gateway response answers the account's throttling too", async () => {
    const other = await h.otherTeam();
    const api = await deployApi(other.client, [MOCK_GET]);
    await other.client.send(new apigw.PutGatewayResponseCommand({ restApiId: api.id, responseType: "THROTTLED", statusCode: "503", responseTemplates: { "application/json": '{"slow": "down"}' } }));
    await other.client.send(new apigw.CreateDeploymentCommand({ restApiId: api.id, stageName: "test" }));
    const url = invokeUrl(h.gateway.url, api.id, "test", "/ping");
    for (let i = 0; i < 3; i++) assert.equal((await fetch(url)).status, 200);
    const throttled = await fetch(url);
    assert.equal(throttled.status, 503);
    assert.deepEqual(await throttled.json(), { slow: "down" });
  });
});
