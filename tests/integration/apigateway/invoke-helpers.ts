/**
 * Invoking deployed APIs in tests: a gateway with workers (functions run for real), an API Gateway client,
 * a builder that creates an API's resources, methods and integrations from a list and deploys it, and
 * plain HTTP calls to the invoke URL.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as apigw from "@aws-sdk/client-api-gateway";
import * as lambda from "@aws-sdk/client-lambda";
import { type InvokeHarness, startInvokeHarness } from "../lambda-invoke/harness";
import { uniqueName, zipOf } from "../lambda/helpers";

export interface ApiInvokeHarness extends InvokeHarness {
  apigw: apigw.APIGatewayClient;
}

export async function startApiInvokeHarness(): Promise<ApiInvokeHarness> {
  const h = await startInvokeHarness();
  const client = new apigw.APIGatewayClient({ endpoint: h.gateway.url, region: "us-east-1", credentials: h.team, maxAttempts: 1 });
  return {
    ...h,
    apigw: client,
    async close() {
      client.destroy();
      await h.close();
    },
  };
}

type IntegrationInput = Omit<apigw.PutIntegrationCommandInput, "restApiId" | "resourceId" | "httpMethod">;
type IntegrationResponseInput = Omit<apigw.PutIntegrationResponseCommandInput, "restApiId" | "resourceId" | "httpMethod">;

export interface MethodSpec {
  /** Resource path, e.g. `/items/{id}`; parents are created as needed. */
  path: string;
  httpMethod: string;
  authorizationType?: string;
  integration: IntegrationInput;
  integrationResponses?: IntegrationResponseInput[];
}

export interface DeployedTestApi {
  id: string;
  /** Resource ids by path. */
  resources: Map<string, string>;
}

/** Creates the API with `methods` and deploys it to `stage` (with `variables`). */
export async function deployApi(
  client: apigw.APIGatewayClient,
  methods: MethodSpec[],
  options: { stage?: string; variables?: Record<string, string>; api?: Partial<apigw.CreateRestApiCommandInput> } = {},
): Promise<DeployedTestApi> {
  const api = await client.send(new apigw.CreateRestApiCommand({ name: uniqueName("api"), ...options.api }));
  const restApiId = api.id!;
  const resources = new Map<string, string>([["/", api.rootResourceId!]]);
  for (const spec of methods) {
    const resourceId = await ensureResource(client, restApiId, resources, spec.path);
    await client.send(new apigw.PutMethodCommand({ restApiId, resourceId, httpMethod: spec.httpMethod, authorizationType: spec.authorizationType ?? "NONE" }));
    await client.send(new apigw.PutIntegrationCommand({ restApiId, resourceId, httpMethod: spec.httpMethod, ...spec.integration }));
    for (const response of spec.integrationResponses ?? []) {
      await client.send(new apigw.PutMethodResponseCommand({ restApiId, resourceId, httpMethod: spec.httpMethod, statusCode: response.statusCode }));
      await client.send(new apigw.PutIntegrationResponseCommand({ restApiId, resourceId, httpMethod: spec.httpMethod, ...response }));
    }
  }
  await client.send(new apigw.CreateDeploymentCommand({ restApiId, stageName: options.stage ?? "test", variables: options.variables }));
  return { id: restApiId, resources };
}

async function ensureResource(client: apigw.APIGatewayClient, restApiId: string, resources: Map<string, string>, path: string): Promise<string> {
  let current = "";
  let parentId = resources.get("/")!;
  for (const part of path.split("/").filter(Boolean)) {
    current += `/${part}`;
    let id = resources.get(current);
    if (!id) {
      id = (await client.send(new apigw.CreateResourceCommand({ restApiId, parentId, pathPart: part }))).id!;
      resources.set(current, id);
    }
    parentId = id;
  }
  return parentId;
}

/** A MOCK method answering 200 with `body`. */
export function mockRoute(path: string, body: string, httpMethod = "GET"): MethodSpec {
  return {
    path,
    httpMethod,
    integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
    integrationResponses: [{ statusCode: "200", responseTemplates: { "application/json": body } }],
  };
}

export interface TestBackend {
  url: string;
  close(): Promise<void>;
}

/** A local HTTP backend for HTTP integrations: `answer` gets each request with its whole body. */
export async function startBackend(answer: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void): Promise<TestBackend> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => answer(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The invoke URL of `path` on a stage, in the `_user_request_` form. */
export const invokeUrl = (gatewayUrl: string, restApiId: string, stage: string, path: string) => `${gatewayUrl}/restapis/${restApiId}/${stage}/_user_request_${path}`;

/** A Node.js function with this handler source, answering its ARN. */
export async function nodeFunction(h: Pick<InvokeHarness, "client" | "role">, source: string, overrides: Partial<lambda.CreateFunctionCommandInput> = {}): Promise<{ name: string; arn: string }> {
  const name = uniqueName("fn");
  const created = await h.client.send(
    new lambda.CreateFunctionCommand({ FunctionName: name, Runtime: "nodejs20.x", Handler: "index.handler", Role: h.role, Code: { ZipFile: zipOf({ "index.js": source }) }, ...overrides }),
  );
  return { name, arn: created.FunctionArn! };
}

/** An AWS_PROXY or AWS integration's URI for a function ARN. */
export const functionUri = (functionArn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn}/invocations`;

/** The gateway response API Gateway sends itself: status, `x-amzn-ErrorType` and JSON message. */
export async function expectGatewayResponse(response: Response, status: number, errorType: string, message: string | null): Promise<void> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get("x-amzn-errortype"), errorType);
  assert.deepEqual(await response.json(), { message });
}
