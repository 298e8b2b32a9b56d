import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import yaml from "js-yaml";
import { type ApigwHarness, startApigw } from "./helpers";
import { invokeUrl } from "./invoke-helpers";

let h: ApigwHarness;
before(async () => {
  h = await startApigw();
});
after(async () => {
  await h.close();
});

const MOCK = {
  type: "mock",
  requestTemplates: { "application/json": '{"statusCode": 200}' },
  responses: { default: { statusCode: "200", responseTemplates: { "application/json": "created" } } },
};

/** POST and PUT /pets take the same inline body schema (its keys in another order), which refers to a component; the response schema is inline too. */
const document = {
  openapi: "3.0.1",
  info: { title: "inline", version: "1" },
  paths: {
    "/pets": {
      post: {
        requestBody: {
          content: { "application/json": { schema: { type: "object", required: ["name"], properties: { name: { type: "string" }, owner: { $ref: "#/components/schemas/Owner" } } } } },
        },
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Owner" } } } } } },
        "x-amazon-apigateway-request-validator": "body",
        "x-amazon-apigateway-integration": MOCK,
      },
      put: {
        requestBody: {
          content: { "application/json": { schema: { properties: { owner: { $ref: "#/components/schemas/Owner" }, name: { type: "string" } }, required: ["name"], type: "object" } } },
        },
        responses: { "200": { description: "ok" } },
        "x-amazon-apigateway-integration": MOCK,
      },
    },
  },
  components: { schemas: { Owner: { type: "object", required: ["id"], properties: { id: { type: "integer" } } } } },
  "x-amazon-apigateway-request-validators": { body: { validateRequestBody: true } },
};

const GENERATED = /^MODEL[0-9a-f]{6}$/;

async function methodsOf(restApiId: string): Promise<Record<string, apigw.Method>> {
  const { items = [] } = await h.client.send(new apigw.GetResourcesCommand({ restApiId, embed: ["methods"] }));
  return items.find((resource) => resource.path === "/pets")!.resourceMethods as Record<string, apigw.Method>;
}

async function exportOas30(restApiId: string): Promise<Record<string, unknown>> {
  const output = await h.client.send(new apigw.GetExportCommand({ restApiId, stageName: "test", exportType: "oas30", parameters: { extensions: "apigateway" } }));
  return JSON.parse(Buffer.from(output.body!).toString("utf8")) as Record<string, unknown>;
}

describe("ImportRestApi: inline schemas", () => {
  test("an inline request or response schema becomes a model named for its content, which validates bodies and exports as a schema", async () => {
    const api = await h.client.send(new apigw.ImportRestApiCommand({ body: Buffer.from(JSON.stringify(document)) }));
    assert.equal(api.warnings, undefined);
    const methods = await methodsOf(api.id!);
    const requestModel = methods.POST!.requestModels!["application/json"]!;
    const responseModel = methods.POST!.methodResponses!["200"]!.responseModels!["application/json"]!;
    assert.match(requestModel, GENERATED);
    assert.match(responseModel, GENERATED);
    assert.notEqual(requestModel, responseModel);
    assert.equal(methods.PUT!.requestModels!["application/json"], requestModel, "the same schema makes the same model");

    const { items: models = [] } = await h.client.send(new apigw.GetModelsCommand({ restApiId: api.id }));
    // Besides every API's own Empty and Error.
    assert.deepEqual(models.map((model) => model.name).sort(), ["Empty", "Error", "Owner", requestModel, responseModel].sort());
    const schema = JSON.parse(models.find((model) => model.name === requestModel)!.schema!) as { properties: { owner: unknown } };
    assert.deepEqual(schema.properties.owner, { $ref: `https://apigateway.amazonaws.com/restapis/${api.id}/models/Owner` });

    await h.client.send(new apigw.CreateDeploymentCommand({ restApiId: api.id, stageName: "test" }));
    const post = (body: unknown) => fetch(invokeUrl(h.gateway.url, api.id!, "test", "/pets"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const created = await post({ name: "rex", owner: { id: 7 } });
    assert.equal(created.status, 200);
    assert.equal(await created.text(), "created");
    for (const body of [{ owner: { id: 7 } }, { name: "rex", owner: { id: "seven" } }]) {
      const refused = await post(body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.deepEqual(await refused.json(), { message: "Invalid request body" });
    }

    const exported = await exportOas30(api.id!);
    const schemas = (exported.components as { schemas: Record<string, unknown> }).schemas;
    assert.deepEqual(Object.keys(schemas).sort(), ["Empty", "Error", "Owner", requestModel, responseModel].sort());
    assert.deepEqual(schemas[responseModel], { type: "array", items: { $ref: "#/components/schemas/Owner" } });
    const paths = exported.paths as Record<string, Record<string, { requestBody: { content: Record<string, unknown> } }>>;
    assert.deepEqual(paths["/pets"]!.post!.requestBody.content["application/json"], { schema: { $ref: `#/components/schemas/${requestModel}` } });

    // The export imports back with the same models.
    const copy = await h.client.send(new apigw.ImportRestApiCommand({ body: Buffer.from(JSON.stringify(exported)) }));
    assert.equal(copy.warnings, undefined);
    assert.equal((await methodsOf(copy.id!)).POST!.requestModels!["application/json"], requestModel);
  });

  test("Swagger 2.0: an inline body parameter schema becomes the request model of every media type the operation consumes", async () => {
    const swagger = yaml.dump({
      swagger: "2.0",
      info: { title: "inline-swagger", version: "1" },
      paths: {
        "/pets": {
          post: {
            consumes: ["application/json", "application/x-pet+json"],
            parameters: [{ in: "body", name: "pet", schema: { type: "object", required: ["name"] } }],
            responses: { "200": { description: "ok" } },
          },
        },
      },
    });
    const api = await h.client.send(new apigw.ImportRestApiCommand({ body: Buffer.from(swagger) }));
    assert.equal(api.warnings, undefined);
    const { requestModels = {} } = (await methodsOf(api.id!)).POST!;
    assert.deepEqual(Object.keys(requestModels), ["application/json", "application/x-pet+json"]);
    assert.match(requestModels["application/json"]!, GENERATED);
    assert.equal(requestModels["application/x-pet+json"], requestModels["application/json"]);
  });
});
