// Integrations of each type with AWS's validation, integration responses, and the request validators and models methods name.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { type ApigwHarness, assertApigwError, badRequest, conflict, createApi, createResource, lambdaUri, notFound, startApigw } from "./helpers";

let h: ApigwHarness;

before(async () => {
  h = await startApigw();
});
after(() => h.close());

interface Target {
  restApiId: string;
  resourceId: string;
  httpMethod: string;
}

/** A fresh API with a GET method on /items. */
async function method(httpMethod = "GET"): Promise<Target> {
  const api = await createApi(h.client);
  const resourceId = await createResource(h.client, api.id, api.rootId, "items");
  await h.client.send(new apigw.PutMethodCommand({ restApiId: api.id, resourceId, httpMethod, authorizationType: "NONE" }));
  return { restApiId: api.id, resourceId, httpMethod };
}

const put = (target: Target, input: Omit<apigw.PutIntegrationCommandInput, keyof Target>) => h.client.send(new apigw.PutIntegrationCommand({ ...target, ...input }));
const strip = <T extends { $metadata?: unknown }>(output: T) => ({ ...output, $metadata: undefined });

describe("PutIntegration / GetIntegration", () => {
  it("AWS_PROXY to a Lambda function, with AWS's defaults", async () => {
    const target = await method();
    const uri = lambdaUri(h.team.accountId, "hello");
    const out = await put(target, { type: "AWS_PROXY", integrationHttpMethod: "POST", uri });
    assert.equal(out.$metadata.httpStatusCode, 201);
    assert.deepEqual(strip(out), {
      $metadata: undefined,
      type: "AWS_PROXY",
      httpMethod: "POST",
      uri,
      passthroughBehavior: "WHEN_NO_MATCH",
      timeoutInMillis: 29000,
      cacheNamespace: target.resourceId,
      cacheKeyParameters: [],
    });
    assert.deepEqual(strip(await h.client.send(new apigw.GetIntegrationCommand(target))), strip(out));
    // The method shows its integration.
    assert.equal((await h.client.send(new apigw.GetMethodCommand(target))).methodIntegration?.uri, uri);
  });

  it("HTTP, HTTP_PROXY, AWS and MOCK keep what they were given", async () => {
    const target = await method();
    const http = await put(target, {
      type: "HTTP",
      integrationHttpMethod: "GET",
      uri: "https://example.com/items/{id}",
      requestParameters: { "integration.request.path.id": "method.request.path.id" },
      requestTemplates: { "application/json": '{"q": "$input.params(\'q\')"}' },
      passthroughBehavior: "WHEN_NO_TEMPLATES",
      timeoutInMillis: 5000,
      cacheKeyParameters: ["method.request.path.id"],
      cacheNamespace: "items",
      contentHandling: "CONVERT_TO_TEXT",
    });
    assert.equal(http.connectionType, "INTERNET");
    assert.equal(http.passthroughBehavior, "WHEN_NO_TEMPLATES");
    assert.equal(http.timeoutInMillis, 5000);
    assert.deepEqual(http.cacheKeyParameters, ["method.request.path.id"]);
    assert.equal(http.cacheNamespace, "items");
    assert.equal(http.contentHandling, "CONVERT_TO_TEXT");
    assert.deepEqual(http.requestParameters, { "integration.request.path.id": "method.request.path.id" });

    // A second Put replaces the integration.
    const proxy = await put(target, { type: "HTTP_PROXY", integrationHttpMethod: "ANY", uri: "http://${stageVariables.host}/{proxy}" });
    assert.equal(proxy.type, "HTTP_PROXY");
    assert.equal(proxy.requestTemplates, undefined);
    assert.equal(proxy.timeoutInMillis, 29000);

    const aws = await put(target, {
      type: "AWS",
      integrationHttpMethod: "POST",
      uri: "arn:aws:apigateway:us-east-1:sqs:path/000000000000/jobs",
      credentials: "arn:aws:iam::000000000000:role/apigw",
    });
    assert.equal(aws.credentials, "arn:aws:iam::000000000000:role/apigw");
    assert.equal(aws.connectionType, undefined);

    const mock = await put(target, { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } });
    assert.deepEqual(strip(mock), {
      $metadata: undefined,
      type: "MOCK",
      requestTemplates: { "application/json": '{"statusCode": 200}' },
      passthroughBehavior: "WHEN_NO_MATCH",
      timeoutInMillis: 29000,
      cacheNamespace: target.resourceId,
      cacheKeyParameters: [],
    });
  });

  it("refuses each type's missing or wrong members as AWS does", async () => {
    const target = await method();
    await assertApigwError(put(target, { type: "SOAP" as apigw.IntegrationType }), {
      name: "ValidationException",
      status: 400,
      message:
        "1 validation error detected: Value 'SOAP' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]",
    });
    await assertApigwError(put(target, { type: "HTTP", uri: "https://example.com" }), badRequest("Enumeration value for HttpMethod must be non-empty"));
    await assertApigwError(put(target, { type: "AWS_PROXY", uri: lambdaUri(h.team.accountId, "f") }), badRequest("Enumeration value for HttpMethod must be non-empty"));
    await assertApigwError(put(target, { type: "HTTP", integrationHttpMethod: "GET" }), badRequest("Invalid HTTP endpoint specified for URI"));
    await assertApigwError(put(target, { type: "HTTP_PROXY", integrationHttpMethod: "GET", uri: "ftp://example.com" }), badRequest("Invalid HTTP endpoint specified for URI"));
    await assertApigwError(put(target, { type: "AWS", integrationHttpMethod: "POST", uri: "lambda-function" }), badRequest("Invalid ARN specified in the request"));
    await assertApigwError(
      put(target, { type: "AWS", integrationHttpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:lambda:functions/x" }),
      badRequest("AWS ARN for integration must contain path or action"),
    );
    await assertApigwError(
      put(target, { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:sqs:path/000000000000/jobs" }),
      badRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations."),
    );
    for (const timeoutInMillis of [49, 29001]) {
      await assertApigwError(put(target, { type: "MOCK", timeoutInMillis }), badRequest("Timeout should be between 50 ms and 29000 ms"));
    }
    await assertApigwError(put(target, { type: "MOCK", passthroughBehavior: "ALWAYS" }), badRequest(/^Invalid passthrough behavior specified: ALWAYS/));
    await assertApigwError(put(target, { type: "MOCK", contentHandling: "CONVERT" as apigw.ContentHandlingStrategy }), {
      name: "ValidationException",
      status: 400,
      message:
        "1 validation error detected: Value 'CONVERT' at 'putIntegrationInput.contentHandling' failed to satisfy constraint: Member must satisfy enum value set: [CONVERT_TO_BINARY, CONVERT_TO_TEXT]",
    });
    await assertApigwError(put({ ...target, httpMethod: "DELETE" }, { type: "MOCK" }), notFound("Invalid Method identifier specified"));
    await assertApigwError(h.client.send(new apigw.GetIntegrationCommand(target)), notFound("Invalid Integration identifier specified"));
  });
});

describe("UpdateIntegration / DeleteIntegration", () => {
  it("patches an integration, checking the result as Put does", async () => {
    const target = await method();
    await put(target, { type: "HTTP", integrationHttpMethod: "GET", uri: "https://example.com/a", requestTemplates: { "application/json": "{}" } });
    const update = (...patchOperations: apigw.PatchOperation[]) => h.client.send(new apigw.UpdateIntegrationCommand({ ...target, patchOperations }));
    const updated = await update(
      { op: "replace", path: "/uri", value: "https://example.com/b" },
      { op: "replace", path: "/timeoutInMillis", value: "1000" },
      { op: "add", path: "/requestParameters/integration.request.header.X-Source", value: "'apigw'" },
      { op: "remove", path: "/requestTemplates/application~1json" },
      { op: "add", path: "/cacheKeyParameters/method.request.querystring.q" },
      { op: "replace", path: "/passthroughBehavior", value: "NEVER" },
    );
    assert.equal(updated.uri, "https://example.com/b");
    assert.equal(updated.timeoutInMillis, 1000);
    assert.deepEqual(updated.requestParameters, { "integration.request.header.X-Source": "'apigw'" });
    assert.equal(updated.requestTemplates, undefined);
    assert.deepEqual(updated.cacheKeyParameters, ["method.request.querystring.q"]);
    assert.equal(updated.passthroughBehavior, "NEVER");
    assert.equal((await h.client.send(new apigw.GetIntegrationCommand(target))).uri, "https://example.com/b");

    await assertApigwError(update({ op: "replace", path: "/timeoutInMillis", value: "30000" }), badRequest("Timeout should be between 50 ms and 29000 ms"));
    await assertApigwError(update({ op: "replace", path: "/uri", value: "not a url" }), badRequest("Invalid HTTP endpoint specified for URI"));
    await assertApigwError(update({ op: "replace", path: "/timeoutInMillis", value: "soon" }), badRequest(/Must be an integer/));
    assert.equal((await h.client.send(new apigw.GetIntegrationCommand(target))).timeoutInMillis, 1000);
  });

  it("deletes an integration", async () => {
    const target = await method();
    await put(target, { type: "MOCK" });
    const deleted = await h.client.send(new apigw.DeleteIntegrationCommand(target));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    await assertApigwError(h.client.send(new apigw.GetIntegrationCommand(target)), notFound("Invalid Integration identifier specified"));
    assert.equal((await h.client.send(new apigw.GetMethodCommand(target))).methodIntegration, undefined);
  });
});

describe("integration responses", () => {
  it("put, get, patch and delete, embedded in the integration", async () => {
    const target = await method();
    await assertApigwError(h.client.send(new apigw.PutIntegrationResponseCommand({ ...target, statusCode: "200" })), notFound("No integration defined for method"));
    await put(target, { type: "MOCK" });
    const ok = await h.client.send(
      new apigw.PutIntegrationResponseCommand({
        ...target,
        statusCode: "200",
        selectionPattern: "",
        responseParameters: { "method.response.header.X-Id": "'1'" },
        responseTemplates: { "application/json": '{"ok": true}' },
      }),
    );
    assert.equal(ok.$metadata.httpStatusCode, 201);
    assert.deepEqual(strip(ok), {
      $metadata: undefined,
      statusCode: "200",
      selectionPattern: "",
      responseParameters: { "method.response.header.X-Id": "'1'" },
      responseTemplates: { "application/json": '{"ok": true}' },
    });
    await h.client.send(new apigw.PutIntegrationResponseCommand({ ...target, statusCode: "500", selectionPattern: ".*error.*", contentHandling: "CONVERT_TO_TEXT" }));
    const integration = await h.client.send(new apigw.GetIntegrationCommand(target));
    assert.deepEqual(Object.keys(integration.integrationResponses!).sort(), ["200", "500"]);
    assert.equal(integration.integrationResponses!["500"]!.selectionPattern, ".*error.*");

    const updated = await h.client.send(
      new apigw.UpdateIntegrationResponseCommand({
        ...target,
        statusCode: "500",
        patchOperations: [
          { op: "replace", path: "/selectionPattern", value: "5\\d{2}" },
          { op: "add", path: "/responseTemplates/application~1json", value: '{"error": true}' },
          { op: "remove", path: "/contentHandling" },
        ],
      }),
    );
    assert.deepEqual(strip(updated), { $metadata: undefined, statusCode: "500", selectionPattern: "5\\d{2}", responseTemplates: { "application/json": '{"error": true}' } });
    assert.deepEqual(strip(await h.client.send(new apigw.GetIntegrationResponseCommand({ ...target, statusCode: "500" }))), strip(updated));

    await h.client.send(new apigw.DeleteIntegrationResponseCommand({ ...target, statusCode: "500" }));
    await assertApigwError(h.client.send(new apigw.GetIntegrationResponseCommand({ ...target, statusCode: "500" })), notFound("Invalid Response status code specified"));
    await assertApigwError(h.client.send(new apigw.PutIntegrationResponseCommand({ ...target, statusCode: "2000" })), badRequest("Invalid status code specified"));
  });
});

describe("request validators and models", () => {
  it("CRUD for request validators", async () => {
    const api = await createApi(h.client);
    const created = await h.client.send(new apigw.CreateRequestValidatorCommand({ restApiId: api.id, name: "body", validateRequestBody: true }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.match(created.id!, /^[a-z0-9]{6}$/);
    assert.deepEqual(strip(created), { $metadata: undefined, id: created.id, name: "body", validateRequestBody: true, validateRequestParameters: false });
    const updated = await h.client.send(
      new apigw.UpdateRequestValidatorCommand({
        restApiId: api.id,
        requestValidatorId: created.id,
        patchOperations: [
          { op: "replace", path: "/validateRequestParameters", value: "true" },
          { op: "replace", path: "/name", value: "all" },
        ],
      }),
    );
    assert.deepEqual(strip(updated), { $metadata: undefined, id: created.id, name: "all", validateRequestBody: true, validateRequestParameters: true });
    assert.deepEqual((await h.client.send(new apigw.GetRequestValidatorsCommand({ restApiId: api.id }))).items, [
      { id: created.id, name: "all", validateRequestBody: true, validateRequestParameters: true },
    ]);
    await assertApigwError(h.client.send(new apigw.CreateRequestValidatorCommand({ restApiId: api.id, name: " " })), badRequest("Request Validator name cannot be blank"));
    await h.client.send(new apigw.DeleteRequestValidatorCommand({ restApiId: api.id, requestValidatorId: created.id }));
    await assertApigwError(
      h.client.send(new apigw.GetRequestValidatorCommand({ restApiId: api.id, requestValidatorId: created.id })),
      notFound("Invalid Request Validator identifier specified"),
    );
  });

  it("CRUD for models", async () => {
    const api = await createApi(h.client);
    const schema = '{"type":"object","properties":{"name":{"type":"string"}}}';
    const created = await h.client.send(new apigw.CreateModelCommand({ restApiId: api.id, name: "Pet", contentType: "application/json", schema, description: "a pet" }));
    assert.deepEqual(strip(created), { $metadata: undefined, id: created.id, name: "Pet", contentType: "application/json", schema, description: "a pet" });
    await assertApigwError(
      h.client.send(new apigw.CreateModelCommand({ restApiId: api.id, name: "Pet", contentType: "application/json" })),
      conflict("Model name already exists for this REST API"),
    );
    await assertApigwError(h.client.send(new apigw.CreateModelCommand({ restApiId: api.id, name: "my-pet", contentType: "application/json" })), badRequest("Model name must be alphanumeric"));
    await assertApigwError(
      h.client.send(new apigw.CreateModelCommand({ restApiId: api.id, name: "Bad", contentType: "application/json", schema: "{not json" })),
      badRequest("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]"),
    );
    const updated = await h.client.send(
      new apigw.UpdateModelCommand({ restApiId: api.id, modelName: "Pet", patchOperations: [{ op: "replace", path: "/schema", value: '{"type":"string"}' }] }),
    );
    assert.equal(updated.schema, '{"type":"string"}');
    assert.equal((await h.client.send(new apigw.GetModelCommand({ restApiId: api.id, modelName: "Pet" }))).schema, '{"type":"string"}');
    assert.deepEqual(
      (await h.client.send(new apigw.GetModelsCommand({ restApiId: api.id }))).items!.map((m) => m.name),
      ["Empty", "Error", "Pet"],
    );
    await h.client.send(new apigw.DeleteModelCommand({ restApiId: api.id, modelName: "Pet" }));
    await assertApigwError(h.client.send(new apigw.GetModelCommand({ restApiId: api.id, modelName: "Pet" })), notFound("Invalid model name specified: Pet"));
  });
});
