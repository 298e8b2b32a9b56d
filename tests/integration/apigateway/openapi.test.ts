import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import yaml from "js-yaml";
import { assertApigwError, badRequest, notFound } from "./helpers";
import { type ApiInvokeHarness, functionUri, invokeUrl, startApiInvokeHarness } from "./invoke-helpers";

let h: ApiInvokeHarness;
before(async () => {
  h = await startApiInvokeHarness();
});
after(async () => {
  await h.close();
});

const LAMBDA_URI = functionUri("arn:aws:lambda:us-east-1:123456789012:function:pets");
const AUTHORIZER_URI = functionUri("arn:aws:lambda:us-east-1:123456789012:function:auth");

/** An OpenAPI 3 document with a MOCK route (templates, integration responses by selection pattern), a Lambda proxy route, path parameters, a greedy proxy, an authorizer, an API key, a validator and models. */
const petstore = {
  openapi: "3.0.1",
  info: { title: "petstore", description: "Pets for sale", version: "1.0" },
  paths: {
    "/pets": {
      get: {
        operationId: "listPets",
        parameters: [
          { name: "type", in: "query", schema: { type: "string" } },
          { name: "X-Trace", in: "header", required: true, schema: { type: "string" } },
        ],
        responses: {
          "200": {
            description: "the pets",
            headers: { "X-Count": { schema: { type: "string" } } },
            content: { "application/json": { schema: { $ref: "#/components/schemas/Pets" } } },
          },
        },
        "x-amazon-apigateway-integration": {
          type: "mock",
          passthroughBehavior: "when_no_templates",
          requestTemplates: { "application/json": '{"statusCode": 200}' },
          responses: {
            default: {
              statusCode: "200",
              responseParameters: { "method.response.header.X-Count": "'1'" },
              responseTemplates: { "application/json": `[{"id": 1, "type": "$input.params('type')"}]` },
            },
          },
        },
      },
      post: {
        security: [{ tokenAuth: [] }],
        "x-amazon-apigateway-request-validator": "body-only",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
        responses: { "201": { description: "created" } },
        "x-amazon-apigateway-integration": { type: "aws_proxy", httpMethod: "POST", uri: LAMBDA_URI },
      },
    },
    "/pets/{petId}": {
      parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
      get: {
        responses: { "200": { description: "a pet" }, "404": { description: "no such pet" } },
        "x-amazon-apigateway-integration": {
          type: "mock",
          requestTemplates: { "application/json": `#if($input.params('petId') == '0'){"statusCode": 404}#else{"statusCode": 200}#end` },
          responses: {
            default: { statusCode: "200", responseTemplates: { "application/json": `{"id": "$input.params('petId')"}` } },
            "404": { statusCode: "404", responseTemplates: { "application/json": '{"message": "no such pet"}' } },
          },
        },
      },
      delete: {
        security: [{ api_key: [] }],
        responses: { "204": { description: "deleted" } },
        "x-amazon-apigateway-integration": { type: "mock", requestTemplates: { "application/json": '{"statusCode": 204}' }, responses: { default: { statusCode: "204" } } },
      },
    },
    "/files/{proxy+}": {
      "x-amazon-apigateway-any-method": {
        parameters: [{ name: "proxy", in: "path", required: true, schema: { type: "string" } }],
        responses: {},
        "x-amazon-apigateway-integration": {
          type: "http_proxy",
          httpMethod: "ANY",
          uri: "http://files.example.com/{proxy}",
          requestParameters: { "integration.request.path.proxy": "method.request.path.proxy" },
          cacheKeyParameters: ["method.request.path.proxy"],
        },
      },
    },
  },
  components: {
    schemas: {
      Pet: { type: "object", required: ["name"], properties: { name: { type: "string" }, type: { type: "string" } } },
      Pets: { type: "array", items: { $ref: "#/components/schemas/Pet" } },
    },
    securitySchemes: {
      tokenAuth: {
        type: "apiKey",
        name: "X-Token",
        in: "header",
        "x-amazon-apigateway-authtype": "custom",
        "x-amazon-apigateway-authorizer": { type: "token", authorizerUri: AUTHORIZER_URI, authorizerResultTtlInSeconds: 60 },
      },
      api_key: { type: "apiKey", name: "x-api-key", in: "header" },
    },
  },
  "x-amazon-apigateway-request-validators": { "body-only": { validateRequestBody: true, validateRequestParameters: false } },
  "x-amazon-apigateway-gateway-responses": {
    MISSING_AUTHENTICATION_TOKEN: { statusCode: 404, responseTemplates: { "application/json": '{"error": "no route"}' } },
  },
  "x-amazon-apigateway-binary-media-types": ["image/png"],
};

const importDocument = (body: string, input: Omit<apigw.ImportRestApiCommandInput, "body"> = {}) =>
  h.apigw.send(new apigw.ImportRestApiCommand({ body: Buffer.from(body), ...input }));

async function resourcesByPath(restApiId: string): Promise<Map<string, apigw.Resource>> {
  const { items = [] } = await h.apigw.send(new apigw.GetResourcesCommand({ restApiId, embed: ["methods"], limit: 500 }));
  return new Map(items.map((resource) => [resource.path!, resource]));
}

async function exportDocument(restApiId: string, input: Partial<apigw.GetExportCommandInput> = {}): Promise<{ document: Record<string, unknown>; output: apigw.GetExportCommandOutput }> {
  const output = await h.apigw.send(new apigw.GetExportCommand({ restApiId, stageName: "test", exportType: "oas30", ...input }));
  const text = Buffer.from(output.body!).toString("utf8");
  const document = output.contentType === "application/yaml" ? yaml.load(text) : JSON.parse(text);
  return { document: document as Record<string, unknown>, output };
}

describe("ImportRestApi", () => {
  let api: apigw.ImportRestApiCommandOutput;
  before(async () => {
    api = await importDocument(JSON.stringify(petstore), { parameters: { endpointConfigurationTypes: "REGIONAL" } });
  });

  test("the API takes the document's info and settings", async () => {
    assert.equal(api.name, "petstore");
    assert.equal(api.description, "Pets for sale");
    assert.equal(api.version, "1.0");
    assert.deepEqual(api.binaryMediaTypes, ["image/png"]);
    assert.deepEqual(api.endpointConfiguration?.types, ["REGIONAL"]);
    assert.equal(api.warnings, undefined);
  });

  test("paths become the resource tree, operations its methods with parameters, responses and integrations", async () => {
    const resources = await resourcesByPath(api.id!);
    assert.deepEqual([...resources.keys()].sort(), ["/", "/files", "/files/{proxy+}", "/pets", "/pets/{petId}"]);
    assert.equal(resources.get("/pets/{petId}")?.parentId, resources.get("/pets")?.id);
    assert.deepEqual(Object.keys(resources.get("/pets")?.resourceMethods ?? {}).sort(), ["GET", "POST"]);

    const list = await h.apigw.send(new apigw.GetMethodCommand({ restApiId: api.id, resourceId: resources.get("/pets")!.id, httpMethod: "GET" }));
    assert.equal(list.operationName, "listPets");
    assert.equal(list.authorizationType, "NONE");
    assert.deepEqual(list.requestParameters, { "method.request.querystring.type": false, "method.request.header.X-Trace": true });
    assert.deepEqual(list.methodResponses?.["200"], {
      statusCode: "200",
      responseParameters: { "method.response.header.X-Count": false },
      responseModels: { "application/json": "Pets" },
    });
    assert.equal(list.methodIntegration?.type, "MOCK");
    assert.equal(list.methodIntegration?.passthroughBehavior, "WHEN_NO_TEMPLATES");
    assert.equal(list.methodIntegration?.timeoutInMillis, 29000);
    assert.deepEqual(list.methodIntegration?.integrationResponses?.["200"], {
      statusCode: "200",
      responseParameters: { "method.response.header.X-Count": "'1'" },
      responseTemplates: { "application/json": `[{"id": 1, "type": "$input.params('type')"}]` },
    });

    const { items: authorizers = [] } = await h.apigw.send(new apigw.GetAuthorizersCommand({ restApiId: api.id }));
    assert.deepEqual(
      authorizers.map(({ name, type, identitySource, authorizerUri, authorizerResultTtlInSeconds, authType }) => ({ name, type, identitySource, authorizerUri, authorizerResultTtlInSeconds, authType })),
      [{ name: "tokenAuth", type: "TOKEN", identitySource: "method.request.header.X-Token", authorizerUri: AUTHORIZER_URI, authorizerResultTtlInSeconds: 60, authType: "custom" }],
    );
    const { items: validators = [] } = await h.apigw.send(new apigw.GetRequestValidatorsCommand({ restApiId: api.id }));
    assert.deepEqual(validators.map(({ name, validateRequestBody, validateRequestParameters }) => ({ name, validateRequestBody, validateRequestParameters })), [
      { name: "body-only", validateRequestBody: true, validateRequestParameters: false },
    ]);
    const create = await h.apigw.send(new apigw.GetMethodCommand({ restApiId: api.id, resourceId: resources.get("/pets")!.id, httpMethod: "POST" }));
    assert.equal(create.authorizationType, "CUSTOM");
    assert.equal(create.authorizerId, authorizers[0]!.id);
    assert.equal(create.requestValidatorId, validators[0]!.id);
    assert.deepEqual(create.requestModels, { "application/json": "Pet" });
    assert.deepEqual(
      { type: create.methodIntegration?.type, httpMethod: create.methodIntegration?.httpMethod, uri: create.methodIntegration?.uri },
      { type: "AWS_PROXY", httpMethod: "POST", uri: LAMBDA_URI },
    );

    const pet = resources.get("/pets/{petId}")!;
    const get = await h.apigw.send(new apigw.GetMethodCommand({ restApiId: api.id, resourceId: pet.id, httpMethod: "GET" }));
    assert.deepEqual(get.requestParameters, { "method.request.path.petId": true });
    assert.deepEqual(Object.keys(get.methodResponses ?? {}).sort(), ["200", "404"]);
    assert.equal(get.methodIntegration?.integrationResponses?.["404"]?.selectionPattern, "404");
    assert.equal(get.methodIntegration?.integrationResponses?.["200"]?.selectionPattern, undefined);
    const remove = await h.apigw.send(new apigw.GetMethodCommand({ restApiId: api.id, resourceId: pet.id, httpMethod: "DELETE" }));
    assert.equal(remove.apiKeyRequired, true);
    assert.equal(remove.authorizationType, "NONE");

    const proxy = await h.apigw.send(new apigw.GetMethodCommand({ restApiId: api.id, resourceId: resources.get("/files/{proxy+}")!.id, httpMethod: "ANY" }));
    assert.deepEqual(proxy.requestParameters, { "method.request.path.proxy": true });
    assert.deepEqual(
      { type: proxy.methodIntegration?.type, httpMethod: proxy.methodIntegration?.httpMethod, uri: proxy.methodIntegration?.uri, cacheKeyParameters: proxy.methodIntegration?.cacheKeyParameters },
      { type: "HTTP_PROXY", httpMethod: "ANY", uri: "http://files.example.com/{proxy}", cacheKeyParameters: ["method.request.path.proxy"] },
    );
  });

  test("schemas become models, their references to each other model URLs; gateway responses are customised", async () => {
    const pets = await h.apigw.send(new apigw.GetModelCommand({ restApiId: api.id, modelName: "Pets" }));
    assert.equal(pets.contentType, "application/json");
    assert.deepEqual(JSON.parse(pets.schema!), { type: "array", items: { $ref: `https://apigateway.amazonaws.com/restapis/${api.id}/models/Pet` } });
    const missing = await h.apigw.send(new apigw.GetGatewayResponseCommand({ restApiId: api.id, responseType: "MISSING_AUTHENTICATION_TOKEN" }));
    assert.deepEqual({ statusCode: missing.statusCode, templates: missing.responseTemplates }, { statusCode: "404", templates: { "application/json": '{"error": "no route"}' } });
  });

  test("once deployed, the imported MOCK routes answer over HTTP", async () => {
    await h.apigw.send(new apigw.CreateDeploymentCommand({ restApiId: api.id, stageName: "test" }));
    const list = await fetch(`${invokeUrl(h.gateway.url, api.id!, "test", "/pets")}?type=cat`, { headers: { "X-Trace": "1" } });
    assert.equal(list.status, 200);
    assert.equal(list.headers.get("x-count"), "1");
    assert.deepEqual(await list.json(), [{ id: 1, type: "cat" }]);
    const found = await fetch(invokeUrl(h.gateway.url, api.id!, "test", "/pets/7"));
    assert.equal(found.status, 200);
    assert.deepEqual(await found.json(), { id: "7" });
    const absent = await fetch(invokeUrl(h.gateway.url, api.id!, "test", "/pets/0"));
    assert.equal(absent.status, 404);
    assert.deepEqual(await absent.json(), { message: "no such pet" });
    const unknown = await fetch(invokeUrl(h.gateway.url, api.id!, "test", "/nowhere"));
    assert.equal(unknown.status, 404);
    assert.deepEqual(await unknown.json(), { error: "no route" });
  });
});

describe("ImportRestApi: Swagger 2.0 in YAML", () => {
  const swagger = `
swagger: "2.0"
info:
  title: swagger-items
  version: 2
basePath: /v1
produces: [application/json]
paths:
  /items/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, type: string }
        - $ref: "#/parameters/Verbose"
      security:
        - sigv4: []
      responses:
        200:
          description: an item
          schema: { $ref: "#/definitions/Item" }
          headers:
            X-Version: { type: string }
      x-amazon-apigateway-integration:
        type: http
        httpMethod: GET
        uri: https://items.example.com/items/{id}
        requestParameters:
          integration.request.path.id: method.request.path.id
        responses:
          default:
            statusCode: 200
    put:
      consumes: [application/json]
      parameters:
        - { name: id, in: path, required: true, type: string }
        - { in: body, name: Item, required: true, schema: { $ref: "#/definitions/Item" } }
      responses:
        200: { description: stored }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
parameters:
  Verbose: { name: verbose, in: query, required: false, type: boolean }
definitions:
  Item:
    type: object
    properties:
      id: { type: string }
securityDefinitions:
  sigv4: { type: apiKey, name: Authorization, in: header, x-amazon-apigateway-authtype: awsSigv4 }
`;

  test("definitions, parameters by reference, body parameters and IAM security; basepath=prepend keeps the base path", async () => {
    const api = await importDocument(swagger, { parameters: { basepath: "prepend" } });
    assert.equal(api.name, "swagger-items");
    assert.equal(api.version, "2");
    const resources = await resourcesByPath(api.id!);
    assert.deepEqual([...resources.keys()].sort(), ["/", "/v1", "/v1/items", "/v1/items/{id}"]);
    const resourceId = resources.get("/v1/items/{id}")!.id;
    const get = await h.apigw.send(new apigw.GetMethodCommand({ restApiId: api.id, resourceId, httpMethod: "GET" }));
    assert.equal(get.authorizationType, "AWS_IAM");
    assert.deepEqual(get.requestParameters, { "method.request.path.id": true, "method.request.querystring.verbose": false });
    assert.deepEqual(get.methodResponses?.["200"], {
      statusCode: "200",
      responseParameters: { "method.response.header.X-Version": false },
      responseModels: { "application/json": "Item" },
    });
    assert.deepEqual(
      { type: get.methodIntegration?.type, uri: get.methodIntegration?.uri, connectionType: get.methodIntegration?.connectionType, responses: get.methodIntegration?.integrationResponses },
      { type: "HTTP", uri: "https://items.example.com/items/{id}", connectionType: "INTERNET", responses: { "200": { statusCode: "200" } } },
    );
    const put = await h.apigw.send(new apigw.GetMethodCommand({ restApiId: api.id, resourceId, httpMethod: "PUT" }));
    assert.deepEqual(put.requestModels, { "application/json": "Item" });
  });

  test("without basepath, the base path is ignored", async () => {
    const api = await importDocument(swagger);
    assert.deepEqual([...(await resourcesByPath(api.id!)).keys()].sort(), ["/", "/items", "/items/{id}"]);
  });
});

describe("GetExport", () => {
  let restApiId: string;
  before(async () => {
    restApiId = (await importDocument(JSON.stringify(petstore))).id!;
    await h.apigw.send(new apigw.CreateDeploymentCommand({ restApiId, stageName: "test" }));
  });

  test("oas30 with integrations and authorizers names the stage's invoke URL; re-imported and exported again, the document is the same", async () => {
    const { document: first, output } = await exportDocument(restApiId, { parameters: { extensions: "integrations,authorizers" }, accepts: "application/json" });
    assert.equal(output.contentType, "application/json");
    assert.match(output.contentDisposition!, /^attachment; filename="oas30_1\.0\.json"$/);
    assert.deepEqual(first.servers, [{ url: `${h.gateway.url}/restapis/${restApiId}/{basePath}/_user_request_`, variables: { basePath: { default: "test" } } }]);
    const paths = first.paths as Record<string, Record<string, Record<string, unknown>>>;
    assert.deepEqual(Object.keys(paths), ["/files/{proxy+}", "/pets", "/pets/{petId}"]);
    assert.deepEqual(paths["/pets"]!.post!.security, [{ tokenAuth: [] }]);
    assert.deepEqual(paths["/pets"]!.post!["x-amazon-apigateway-integration"], { type: "aws_proxy", httpMethod: "POST", uri: LAMBDA_URI, passthroughBehavior: "when_no_match", timeoutInMillis: 29000 });
    const components = first.components as { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    assert.deepEqual(components.schemas.Pets, { type: "array", items: { $ref: "#/components/schemas/Pet" } });
    assert.deepEqual(components.securitySchemes.tokenAuth, petstore.components.securitySchemes.tokenAuth);
    // Only `apigateway` adds validators and gateway responses.
    assert.equal(first["x-amazon-apigateway-request-validators"], undefined);

    const copy = await importDocument(JSON.stringify(first));
    assert.equal(copy.warnings, undefined);
    await h.apigw.send(new apigw.CreateDeploymentCommand({ restApiId: copy.id, stageName: "test" }));
    const { document: second } = await exportDocument(copy.id!, { parameters: { extensions: "integrations,authorizers" } });
    const withoutServers = ({ servers: _servers, ...document }: Record<string, unknown>) => document;
    assert.deepEqual(withoutServers(second), withoutServers(first));
  });

  test("swagger in YAML with every API Gateway extension", async () => {
    const { document, output } = await exportDocument(restApiId, { exportType: "swagger", accepts: "application/yaml", parameters: { extensions: "apigateway" } });
    assert.equal(output.contentType, "application/yaml");
    const url = new URL(h.gateway.url);
    assert.equal(document.swagger, "2.0");
    assert.equal(document.host, url.host);
    assert.equal(document.basePath, `/restapis/${restApiId}/test/_user_request_`);
    assert.deepEqual(document["x-amazon-apigateway-request-validators"], petstore["x-amazon-apigateway-request-validators"]);
    assert.deepEqual(document["x-amazon-apigateway-gateway-responses"], {
      MISSING_AUTHENTICATION_TOKEN: { statusCode: "404", responseTemplates: { "application/json": '{"error": "no route"}' } },
    });
    const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
    assert.equal(paths["/pets"]!.post!["x-amazon-apigateway-request-validator"], "body-only");
    assert.deepEqual(paths["/pets"]!.post!.parameters, [{ in: "body", name: "Pet", required: true, schema: { $ref: "#/definitions/Pet" } }]);
    assert.deepEqual((document.definitions as Record<string, unknown>).Pets, { type: "array", items: { $ref: "#/definitions/Pet" } });
  });

  test("without extensions there are no integrations; unknown export types and stages are refused", async () => {
    const { document } = await exportDocument(restApiId);
    const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
    assert.equal(paths["/pets"]!.get!["x-amazon-apigateway-integration"], undefined);
    assert.deepEqual((document.components as { securitySchemes: Record<string, unknown> }).securitySchemes.tokenAuth, {
      type: "apiKey",
      name: "X-Token",
      in: "header",
      "x-amazon-apigateway-authtype": "custom",
    });
    await assertApigwError(exportDocument(restApiId, { exportType: "raml" }), badRequest("No API exporter for type 'raml'"));
    await assertApigwError(exportDocument(restApiId, { stageName: "prod" }), notFound("Invalid Stage identifier specified"));
  });
});

describe("PutRestApi", () => {
  const small = (title: string, paths: Record<string, unknown>) =>
    JSON.stringify({ openapi: "3.0.1", info: { title, version: "2.0" }, paths, components: { schemas: { Thing: { type: "object" } } } });
  const mockGet = { get: { responses: { "200": { description: "ok" } }, "x-amazon-apigateway-integration": { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' } } } };

  test("merge adds the document's paths and replaces the methods it redefines; overwrite replaces the whole API", async () => {
    const api = await importDocument(JSON.stringify(petstore));
    const merged = await h.apigw.send(
      new apigw.PutRestApiCommand({ restApiId: api.id, mode: "merge", body: Buffer.from(small("petstore-merged", { "/things": mockGet, "/pets": mockGet })) }),
    );
    assert.equal(merged.name, "petstore-merged");
    assert.equal(merged.description, "Pets for sale");
    let resources = await resourcesByPath(api.id!);
    assert.deepEqual([...resources.keys()].sort(), ["/", "/files", "/files/{proxy+}", "/pets", "/pets/{petId}", "/things"]);
    assert.deepEqual(Object.keys(resources.get("/pets")?.resourceMethods ?? {}).sort(), ["GET", "POST"]);
    const replaced = await h.apigw.send(new apigw.GetMethodCommand({ restApiId: api.id, resourceId: resources.get("/pets")!.id, httpMethod: "GET" }));
    assert.equal(replaced.operationName, undefined);

    const overwritten = await h.apigw.send(new apigw.PutRestApiCommand({ restApiId: api.id, mode: "overwrite", body: Buffer.from(small("petstore-new", { "/things": mockGet })) }));
    assert.equal(overwritten.name, "petstore-new");
    assert.equal(overwritten.description, undefined);
    assert.equal(overwritten.version, "2.0");
    resources = await resourcesByPath(api.id!);
    assert.deepEqual([...resources.keys()].sort(), ["/", "/things"]);
    assert.equal(resources.get("/")?.id, api.rootResourceId);
    const { items: models = [] } = await h.apigw.send(new apigw.GetModelsCommand({ restApiId: api.id }));
    assert.deepEqual(models.map((model) => model.name), ["Thing"]);
    assert.deepEqual((await h.apigw.send(new apigw.GetAuthorizersCommand({ restApiId: api.id }))).items, []);
    assert.deepEqual((await h.apigw.send(new apigw.GetRequestValidatorsCommand({ restApiId: api.id }))).items, []);
  });

  test("an unknown mode is refused; a failed put changes nothing", async () => {
    const api = await importDocument(small("steady", { "/things": mockGet }));
    await assertApigwError(h.apigw.send(new apigw.PutRestApiCommand({ restApiId: api.id, mode: "replace" as apigw.PutMode, body: Buffer.from(small("x", {})) })), {
      name: "ValidationException",
      status: 400,
      message: "1 validation error detected: Value 'replace' at 'putRestApiInput.mode' failed to satisfy constraint: Member must satisfy enum value set: [merge, overwrite]",
    });
    const broken = small("broken", { "/other": { get: { responses: {}, "x-amazon-apigateway-integration": { type: "http", httpMethod: "GET", uri: "not a url" } } } });
    await assertApigwError(
      h.apigw.send(new apigw.PutRestApiCommand({ restApiId: api.id, mode: "overwrite", body: Buffer.from(broken) })),
      badRequest("Errors found during import:\n\tUnable to put integration on 'GET' for resource at path '/other': Invalid HTTP endpoint specified for URI"),
    );
    assert.equal((await h.apigw.send(new apigw.GetRestApiCommand({ restApiId: api.id }))).name, "steady");
    assert.deepEqual([...(await resourcesByPath(api.id!)).keys()].sort(), ["/", "/things"]);
  });
});

describe("ImportRestApi: invalid documents and warnings", () => {
  test("a body that is not OpenAPI 3.0 or Swagger 2.0 is invalid input", async () => {
    await assertApigwError(importDocument("paths: [unclosed"), badRequest("Invalid OpenAPI input."));
    await assertApigwError(importDocument(JSON.stringify({ openapi: "3.1.0", info: { title: "x", version: "1" }, paths: {} })), badRequest("Invalid OpenAPI input."));
    await assertApigwError(importDocument("just text"), badRequest("Invalid OpenAPI input."));
  });

  test("a document of the wrong shape, or one the API's rules refuse, lists its errors and creates nothing", async () => {
    await assertApigwError(
      importDocument(JSON.stringify({ openapi: "3.0.1", info: { version: "1" }, paths: { "/a": { get: { parameters: [{ in: "query" }] } } } })),
      badRequest("Errors found during import:\n\tParse issue: attribute info.title is missing\n\tParse issue: attribute paths.'/a'.get.parameters[0].name is missing"),
    );
    const title = `refused-${Date.now()}`;
    const refused = {
      openapi: "3.0.1",
      info: { title, version: "1" },
      paths: {
        "/a": { get: { "x-amazon-apigateway-integration": { type: "http", httpMethod: "GET", uri: "not a url" } } },
        "/b": { get: { "x-amazon-apigateway-integration": { type: "telepathy" } } },
      },
    };
    await assertApigwError(
      importDocument(JSON.stringify(refused)),
      badRequest(
        "Errors found during import:\n" +
          "\tUnable to put integration on 'GET' for resource at path '/a': Invalid HTTP endpoint specified for URI\n" +
          "\tUnable to put integration on 'GET' for resource at path '/b': 1 validation error detected: Value 'TELEPATHY' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]",
      ),
    );
    const { items = [] } = await h.apigw.send(new apigw.GetRestApisCommand({ limit: 500 }));
    assert.equal(items.some((item) => item.name === title), false);
  });

  test("warnings come back with the API, or fail the import with failonwarnings", async () => {
    const document = JSON.stringify({
      openapi: "3.0.1",
      info: { title: "warned", version: "1" },
      paths: {
        "/a": {
          get: {
            security: [{ oauth: [] }],
            responses: { default: { description: "anything" } },
            "x-amazon-apigateway-integration": { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' } },
          },
        },
      },
    });
    const warnings = ["GET /a: security scheme 'oauth' is not defined; ignored", "GET /a: response 'default' is not an HTTP status code; ignored"];
    const api = await importDocument(document);
    assert.deepEqual(api.warnings, warnings);
    await assertApigwError(importDocument(document, { failOnWarnings: true }), badRequest(`Warnings found during import:\n\t${warnings.join("\n\t")}`));
  });
});
