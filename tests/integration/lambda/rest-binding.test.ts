// The restJson1 binding features Lambda needs (Invoke's raw payload, header inputs and custom responses; query-literal
// routes; per-route body limits; unsigned public routes), on a gateway with a registry of test operations.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { z } from "zod";
import { prisma } from "../../../server/db/client";
import { AwsError } from "../../../server/errors";
import { OperationRegistry } from "../../../server/gateway/registry";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { signedFetch, startGateway, type RunningGateway } from "../gateway/helpers";

function registry(): OperationRegistry {
  const r = new OperationRegistry();
  r.registerService({ name: "widgets" });
  r.register({
    service: "widgets",
    name: "Run",
    input: z.object({ Name: z.string(), Qualifier: z.string().optional(), Mode: z.string().optional(), Payload: z.instanceof(Buffer) }),
    handler: async (_ctx, input) => ({ ...input, status: input.Mode === "Event" ? 202 : 200 }),
    protocols: {
      restJson1: {
        method: "POST",
        path: "/2015-03-31/widgets/{Name}/invocations",
        headers: { Mode: "X-Amz-Invocation-Type" },
        payload: "Payload",
        encode: (out) => ({
          status: out.status,
          headers: { "content-type": "application/octet-stream", "x-amz-executed-version": out.Qualifier ?? "$LATEST" },
          body: out.Payload,
        }),
        bodyLimit: { bytes: 64, error: () => new AwsError("RequestTooLargeException", "Request must be smaller than 64 bytes for the Run operation", 413) },
      },
    },
  });
  r.register({
    service: "widgets",
    name: "ListThings",
    input: z.object({}),
    handler: async () => ({ operation: "ListThings" }),
    protocols: { restJson1: { method: "GET", path: "/2024-01-01/things" } },
  });
  r.register({
    service: "widgets",
    name: "FindThing",
    input: z.object({ Arn: z.string() }),
    handler: async (_ctx, input) => ({ operation: "FindThing", arn: input.Arn }),
    protocols: { restJson1: { method: "GET", path: "/2024-01-01/things?find=Thing" } },
  });
  r.register({
    service: "widgets",
    name: "DeleteThing",
    input: z.object({ Name: z.string() }),
    handler: async () => ({ ignored: true }),
    protocols: { restJson1: { method: "DELETE", path: "/2024-01-01/things/{Name}", successStatus: 204 } },
  });
  r.registerPublicRoute({
    method: "GET",
    path: "/_stratus/widgets/{Id}",
    handle: async (req) => ({ status: 200, headers: { "content-type": "text/plain" }, body: `${req.pathParams.Id}:${req.query.get("token")}` }),
  });
  return r;
}

let gateway: RunningGateway;
let team: TestTeam;

before(async () => {
  gateway = await startGateway({ registry: registry() });
  team = await createTestTeam();
});
after(async () => {
  await gateway.close();
  await prisma().$disconnect();
});

describe("restJson1 bindings", () => {
  it("pass the raw body and header members in, and write the operation's own status, headers and raw body", async () => {
    const payload = '{"not":"parsed"} \u00ff';
    const res = await signedFetch(gateway, team, "widgets", {
      path: "/2015-03-31/widgets/fn/invocations",
      query: { Qualifier: "3" },
      headers: { "x-amz-invocation-type": "Event" },
      body: payload,
    });
    assert.equal(res.status, 202);
    assert.equal(res.headers.get("x-amz-executed-version"), "3");
    assert.equal(res.headers.get("content-type"), "application/octet-stream");
    assert.equal(await res.text(), payload);
  });

  it("refuse a body over the route's own limit with the route's error", async () => {
    const res = await signedFetch(gateway, team, "widgets", { path: "/2015-03-31/widgets/fn/invocations", body: "x".repeat(65) });
    assert.equal(res.status, 413);
    assert.equal(res.headers.get("x-amzn-errortype"), "RequestTooLargeException");
    assert.deepEqual(await res.json(), { Type: "User", message: "Request must be smaller than 64 bytes for the Run operation" });
  });

  it("route by a template's query literals before the same path without them", async () => {
    const list = await signedFetch(gateway, team, "widgets", { method: "GET", path: "/2024-01-01/things" });
    assert.deepEqual(await list.json(), { operation: "ListThings" });
    const find = await signedFetch(gateway, team, "widgets", { method: "GET", path: "/2024-01-01/things", query: { find: "Thing", Arn: "arn:x" } });
    assert.deepEqual(await find.json(), { operation: "FindThing", arn: "arn:x" });
  });

  it("answer 204 with an empty body", async () => {
    const res = await signedFetch(gateway, team, "widgets", { method: "DELETE", path: "/2024-01-01/things/t1" });
    assert.equal(res.status, 204);
    assert.equal(await res.text(), "");
  });

  it("serve public routes without a signature", async () => {
    const res = await fetch(`${gateway.url}/_stratus/widgets/abc?token=t0k`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "abc:t0k");
  });
});
