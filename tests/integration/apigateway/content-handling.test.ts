import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { ContentHandlingStrategy } from "@aws-sdk/client-api-gateway";
import { type ApigwHarness, startApigw } from "./helpers";
import { deployApi, expectGatewayResponse, invokeUrl, type MethodSpec, startBackend, type TestBackend } from "./invoke-helpers";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]);

let h: ApigwHarness;
let backend: TestBackend;

before(async () => {
  h = await startApigw();
  // /received echoes the body it got as base64 (and its type); /png answers PNG bytes; /base64 answers them base64-encoded as text.
  backend = await startBackend((req, body, res) => {
    if (req.url === "/png") {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(PNG);
    } else if (req.url === "/base64") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(PNG.toString("base64"));
    } else {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ base64: body.toString("base64"), type: req.headers["content-type"] }));
    }
  });
});
after(async () => {
  await backend.close();
  await h.close();
});

/** POST `path` → the backend's `backendPath` through a non-proxy HTTP integration, its content type passed on. */
function httpRoute(
  path: string,
  backendPath: string,
  options: { contentHandling?: ContentHandlingStrategy; responseContentHandling?: ContentHandlingStrategy; requestTemplates?: Record<string, string> } = {},
): MethodSpec {
  return {
    path,
    httpMethod: "POST",
    integration: {
      type: "HTTP",
      integrationHttpMethod: "POST",
      uri: `${backend.url}${backendPath}`,
      requestParameters: { "integration.request.header.Content-Type": "method.request.header.Content-Type" },
      ...(options.requestTemplates && { requestTemplates: options.requestTemplates }),
      ...(options.contentHandling && { contentHandling: options.contentHandling }),
    },
    integrationResponses: [
      {
        statusCode: "200",
        responseParameters: { "method.response.header.Content-Type": "integration.response.header.Content-Type" },
        ...(options.responseContentHandling && { contentHandling: options.responseContentHandling }),
      },
    ],
  };
}

describe("contentHandling of integration requests", () => {
  let url: (path: string) => string;
  before(async () => {
    const wrap = { "application/octet-stream": '{"data": "$input.body"}' };
    const api = await deployApi(
      h.client,
      [
        httpRoute("/passthrough", "/received", { requestTemplates: wrap }),
        httpRoute("/to-text", "/received", { contentHandling: "CONVERT_TO_TEXT", requestTemplates: wrap }),
        httpRoute("/to-binary", "/received", { contentHandling: "CONVERT_TO_BINARY" }),
      ],
      { api: { binaryMediaTypes: ["application/octet-stream"] } },
    );
    url = (path) => invokeUrl(h.gateway.url, api.id, "test", path);
  });

  const post = (path: string, contentType: string, body: RequestInit["body"]) => fetch(url(path), { method: "POST", headers: { "content-type": contentType }, body });
  const received = async (response: Response) => {
    assert.equal(response.status, 200);
    return (await response.json()) as { base64: string; type: string };
  };

  test("unset, a binary body passes through as it is (templates transform only text)", async () => {
    const got = await received(await post("/passthrough", "application/octet-stream", PNG));
    assert.deepEqual(Buffer.from(got.base64, "base64"), PNG);
    assert.equal(got.type, "application/octet-stream");
  });

  test("CONVERT_TO_TEXT base64-encodes a binary body, which the template then sees as $input.body", async () => {
    const got = await received(await post("/to-text", "application/octet-stream", PNG));
    assert.equal(Buffer.from(got.base64, "base64").toString(), `{"data": "${PNG.toString("base64")}"}`);
  });

  test("CONVERT_TO_BINARY base64-decodes a text body; one that is not base64 is 500", async () => {
    const got = await received(await post("/to-binary", "text/plain", PNG.toString("base64")));
    assert.deepEqual(Buffer.from(got.base64, "base64"), PNG);
    await expectGatewayResponse(await post("/to-binary", "text/plain", "not base64!"), 500, "InternalServerErrorException", "Internal server error");
  });
});

describe("contentHandling of integration responses", () => {
  let url: (path: string) => string;
  before(async () => {
    const api = await deployApi(
      h.client,
      [
        httpRoute("/png", "/png"),
        httpRoute("/png-as-text", "/png", { responseContentHandling: "CONVERT_TO_TEXT" }),
        httpRoute("/base64", "/base64"),
        httpRoute("/base64-as-binary", "/base64", { responseContentHandling: "CONVERT_TO_BINARY" }),
        httpRoute("/json", "/received"),
      ],
      { api: { binaryMediaTypes: ["image/png"] } },
    );
    url = (path) => invokeUrl(h.gateway.url, api.id, "test", path);
  });

  const post = (path: string, accept: string) => fetch(url(path), { method: "POST", headers: { accept }, body: "" });
  const bytes = async (response: Response) => {
    assert.equal(response.status, 200);
    return Buffer.from(await response.arrayBuffer());
  };

  test("unset, the body becomes what the client's first Accept type asks for", async () => {
    const binary = await post("/png", "image/png, application/json");
    assert.equal(binary.headers.get("content-type"), "image/png");
    assert.deepEqual(await bytes(binary), PNG);
    // A text type gets binary data base64-encoded…
    assert.equal((await bytes(await post("/png", "application/json, image/png"))).toString(), PNG.toString("base64"));
    // …and a binary type gets text base64-decoded (text that is not base64 is 500).
    assert.deepEqual(await bytes(await post("/base64", "image/png")), PNG);
    assert.equal((await bytes(await post("/base64", "text/plain"))).toString(), PNG.toString("base64"));
    await expectGatewayResponse(await post("/json", "image/png"), 500, "InternalServerErrorException", "Internal server error");
  });

  test("CONVERT_TO_TEXT and CONVERT_TO_BINARY convert whatever the client accepts", async () => {
    assert.equal((await bytes(await post("/png-as-text", "image/png"))).toString(), PNG.toString("base64"));
    assert.deepEqual(await bytes(await post("/base64-as-binary", "application/json")), PNG);
  });
});
