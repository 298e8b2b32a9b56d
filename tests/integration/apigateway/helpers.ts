/** API Gateway test helpers: an in-process gateway with a team and an SDK client, API builders, and AWS error assertions. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as apigw from "@aws-sdk/client-api-gateway";
import { prisma } from "../../../server/db/client";
import { pgPool } from "../../../server/db/pool";
import type { TeamRole } from "../../../server/services/context";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { type Credentials, startGateway, type RunningGateway } from "../gateway/helpers";

export interface ApigwHarness {
  gateway: RunningGateway;
  team: TestTeam;
  client: apigw.APIGatewayClient;
  /** An SDK client for other credentials or another region, destroyed by close(). */
  clientFor(credentials: Credentials, region?: string): apigw.APIGatewayClient;
  /** Another team (its own account) on the same gateway, holding `role` there. */
  otherTeam(role?: TeamRole): Promise<{ team: TestTeam; client: apigw.APIGatewayClient }>;
  close(): Promise<void>;
}

export async function startApigw(): Promise<ApigwHarness> {
  const gateway = await startGateway();
  const team = await createTestTeam();
  const clients: apigw.APIGatewayClient[] = [];
  const clientFor = (credentials: Credentials, region = "us-east-1") => {
    const client = new apigw.APIGatewayClient({ endpoint: gateway.url, region, credentials, maxAttempts: 1 });
    clients.push(client);
    return client;
  };
  return {
    gateway,
    team,
    client: clientFor(team),
    clientFor,
    async otherTeam(role) {
      const other = await createTestTeam({ role });
      return { team: other, client: clientFor(other) };
    },
    async close() {
      for (const client of clients) client.destroy();
      await gateway.close();
      await Promise.allSettled([pgPool().end(), prisma().$disconnect()]);
    },
  };
}

export function uniqueName(label: string): string {
  return `${label}-${randomBytes(5).toString("hex")}`;
}

export interface ExpectedError {
  name: string;
  status: number;
  message: string | RegExp;
}

/** Asserts an SDK call fails with exactly AWS's error: exception name, HTTP status and message. */
export async function assertApigwError(call: Promise<unknown>, expected: ExpectedError): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof apigw.APIGatewayServiceException, `expected an API Gateway service error, got ${String(e)}`);
    assert.equal(e.name, expected.name);
    assert.equal(e.$metadata.httpStatusCode, expected.status);
    if (typeof expected.message === "string") assert.equal(e.message, expected.message);
    else assert.match(e.message, expected.message);
    return true;
  });
}

export const badRequest = (message: string | RegExp): ExpectedError => ({ name: "BadRequestException", status: 400, message });
export const notFound = (message: string | RegExp): ExpectedError => ({ name: "NotFoundException", status: 404, message });
export const conflict = (message: string | RegExp): ExpectedError => ({ name: "ConflictException", status: 409, message });

export interface BuiltApi {
  id: string;
  rootId: string;
}

export async function createApi(client: apigw.APIGatewayClient, input: Partial<apigw.CreateRestApiCommandInput> = {}): Promise<BuiltApi> {
  const api = await client.send(new apigw.CreateRestApiCommand({ name: uniqueName("api"), ...input }));
  return { id: api.id!, rootId: api.rootResourceId! };
}

export async function createResource(client: apigw.APIGatewayClient, restApiId: string, parentId: string, pathPart: string): Promise<string> {
  return (await client.send(new apigw.CreateResourceCommand({ restApiId, parentId, pathPart }))).id!;
}

/** A method with a MOCK integration on the resource: the least a deployment needs. */
export async function mockMethod(client: apigw.APIGatewayClient, restApiId: string, resourceId: string, httpMethod = "GET"): Promise<void> {
  await client.send(new apigw.PutMethodCommand({ restApiId, resourceId, httpMethod, authorizationType: "NONE" }));
  await client.send(new apigw.PutIntegrationCommand({ restApiId, resourceId, httpMethod, type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }));
}

export const lambdaUri = (accountId: string, name: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:${accountId}:function:${name}/invocations`;
