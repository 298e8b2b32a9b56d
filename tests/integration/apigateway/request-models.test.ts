import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { type ApigwHarness, assertApigwError, badRequest, startApigw } from "./helpers";
import { deployApi, invokeUrl, mockRoute } from "./invoke-helpers";

let h: ApigwHarness;
before(async () => {
  h = await startApigw();
});
after(async () => {
  await h.close();
});

const modelUrl = (restApiId: string, name: string) => `https://apigateway.amazonaws.com/restapis/${restApiId}/models/${name}`;

/** POST /items (MOCK) with a body validator and `requestModel` for JSON, deployed after the models are made by `models`. */
async function validatedApi(models: (restApiId: string) => Record<string, object>, requestModel: string) {
  const api = await deployApi(h.client, [mockRoute("/items", "accepted", "POST")]);
  for (const [name, schema] of Object.entries(models(api.id))) {
    await h.client.send(new apigw.CreateModelCommand({ restApiId: api.id, name, contentType: "application/json", schema: JSON.stringify(schema) }));
  }
  const validator = await h.client.send(new apigw.CreateRequestValidatorCommand({ restApiId: api.id, name: "body", validateRequestBody: true }));
  await h.client.send(
    new apigw.UpdateMethodCommand({
      restApiId: api.id,
      resourceId: api.resources.get("/items")!,
      httpMethod: "POST",
      patchOperations: [
        { op: "replace", path: "/requestValidatorId", value: validator.id },
        { op: "add", path: "/requestModels/application~1json", value: requestModel },
      ],
    }),
  );
  await h.client.send(new apigw.CreateDeploymentCommand({ restApiId: api.id, stageName: "test" }));
  return { id: api.id, post: (body: string) => fetch(invokeUrl(h.gateway.url, api.id, "test", "/items"), { method: "POST", headers: { "content-type": "application/json" }, body }) };
}

async function expectInvalidBody(response: Response, what: string): Promise<void> {
  assert.equal(response.status, 400, what);
  assert.equal(response.headers.get("x-amzn-errortype"), "BadRequestException");
  assert.deepEqual(await response.json(), { message: "Invalid request body" });
}

describe("request body validation", () => {
  test("a validator that checks bodies refuses one that does not fit the request model with 400 Invalid request body", async () => {
    const api = await validatedApi(
      () => ({ Pet: { $schema: "http://json-schema.org/draft-04/schema#", type: "object", required: ["name"], properties: { name: { type: "string" }, age: { type: "integer", minimum: 0 } } } }),
      "Pet",
    );
    assert.equal(await (await api.post('{"name": "rex", "age": 3}')).text(), "accepted");
    for (const bad of ['{"age": 3}', '{"name": "rex", "age": -1}', '{"name": 5}', "not json"]) await expectInvalidBody(await api.post(bad), bad);
  });
});

describe("models referring to other models", () => {
  test("request bodies are validated through references to other models' URLs, lists and cycles included", async () => {
    const api = await validatedApi(
      (id) => ({
        // Created before the model it refers to: references resolve when the body is validated.
        Order: {
          $schema: "http://json-schema.org/draft-04/schema#",
          type: "object",
          required: ["pets"],
          properties: { pets: { $ref: modelUrl(id, "Pets") }, tag: { $ref: "#/definitions/tag" } },
          definitions: { tag: { type: "string", maxLength: 3 } },
        },
        Pets: { type: "array", items: { $ref: modelUrl(id, "Pet") } },
        Pet: { $schema: "http://json-schema.org/draft-04/schema#", title: "Pet", type: "object", required: ["name"], properties: { name: { type: "string" }, friend: { $ref: modelUrl(id, "Pet") } } },
      }),
      "Order",
    );
    const accepted = await api.post(JSON.stringify({ pets: [{ name: "rex", friend: { name: "fido", friend: { name: "spot" } } }], tag: "abc" }));
    assert.equal(accepted.status, 200);
    assert.equal(await accepted.text(), "accepted");
    const invalid = [{ pets: [{ friend: { name: "fido" } }] }, { pets: [{ name: "rex", friend: { name: 5 } }] }, { pets: {} }, { pets: [], tag: "toolong" }, {}];
    for (const body of invalid) await expectInvalidBody(await api.post(JSON.stringify(body)), JSON.stringify(body));
  });

  test("CreateModel and UpdateModel refuse a reference that is neither a model URL nor a pointer into the schema", async () => {
    const { id: restApiId } = await validatedApi(() => ({ Pet: { type: "object" } }), "Pet");
    const refused = badRequest("Invalid model specified: Validation Result: warnings : [], errors : [Model reference must be in canonical form]");
    for (const ref of ["Pet", "http://example.com/schemas/pet.json", `https://apigateway.amazonaws.com/restapis/${restApiId}/Pet`]) {
      const schema = JSON.stringify({ type: "array", items: { $ref: ref } });
      await assertApigwError(h.client.send(new apigw.CreateModelCommand({ restApiId, name: "Pets", contentType: "application/json", schema })), refused);
    }
    await assertApigwError(
      h.client.send(
        new apigw.UpdateModelCommand({ restApiId, modelName: "Pet", patchOperations: [{ op: "replace", path: "/schema", value: JSON.stringify({ properties: { a: { $ref: "Pet" } } }) }] }),
      ),
      refused,
    );
    const canonical = await h.client.send(
      new apigw.CreateModelCommand({ restApiId, name: "Pets", contentType: "application/json", schema: JSON.stringify({ type: "array", items: { $ref: modelUrl(restApiId, "Pet") } }) }),
    );
    assert.equal(canonical.name, "Pets");
  });
});
