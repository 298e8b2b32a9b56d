/** Lambda test helpers: an in-process gateway with a team and an SDK client, zips, and AWS error assertions. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as lambda from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import { prisma } from "../../../server/db/client";
import { pgPool } from "../../../server/db/pool";
import type { TeamRole } from "../../../server/services/context";
import { createServiceRole, createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { type Credentials, startGateway, type RunningGateway } from "../gateway/helpers";

export interface LambdaHarness {
  gateway: RunningGateway;
  team: TestTeam;
  client: lambda.LambdaClient;
  /** An SDK client for other credentials or another region, destroyed by close(). */
  clientFor(credentials: Credentials, region?: string): lambda.LambdaClient;
  /** An IAM role ARN of the team's account. */
  role: string;
  /** The team's function ARNs in us-east-1 up to the name: `arn:aws:lambda:us-east-1:<acct>:function:`. */
  arnPrefix: string;
  /** Another team (its own account) on the same gateway, holding `role` there. */
  otherTeam(role?: TeamRole): Promise<TeamClient>;
  close(): Promise<void>;
}

export interface TeamClient {
  team: TestTeam;
  client: lambda.LambdaClient;
  role: string;
}

export async function startLambda(): Promise<LambdaHarness> {
  const gateway = await startGateway();
  const team = await createTestTeam();
  // The functions' execution role exists and may do anything, so functions calling services work in a strict team.
  const role = await createServiceRole(team, "lambda-exec");
  const clients: lambda.LambdaClient[] = [];
  const clientFor = (credentials: Credentials, region = "us-east-1") => {
    const client = new lambda.LambdaClient({ endpoint: gateway.url, region, credentials, maxAttempts: 1 });
    clients.push(client);
    return client;
  };
  return {
    gateway,
    team,
    client: clientFor(team),
    clientFor,
    role,
    arnPrefix: `arn:aws:lambda:us-east-1:${team.accountId}:function:`,
    async otherTeam(role) {
      const other = await createTestTeam({ role });
      return { team: other, client: clientFor(other), role: await createServiceRole(other, "lambda-exec") };
    },
    async close() {
      for (const client of clients) client.destroy();
      await gateway.close();
      await Promise.allSettled([pgPool().end(), prisma().$disconnect()]);
    },
  };
}

export const roleArn = (accountId: string, name = "lambda-exec") => `arn:aws:iam::${accountId}:role/${name}`;

/** A name no other test (or earlier run) uses. */
export function uniqueName(label: string): string {
  return `${label}-${randomBytes(5).toString("hex")}`;
}

/** A deployment package holding these files. */
export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([path, content]) => [path, strToU8(content)])));
}

export const handlerZip = (body = "ok") => zipOf({ "index.js": `exports.handler = async () => ${JSON.stringify(body)};\n` });

export const PRECONDITION_FAILED = {
  name: "PreconditionFailedException",
  status: 412,
  message: "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
};

export interface ExpectedError {
  name: string;
  status: number;
  message: string | RegExp;
}

/** Asserts an SDK call fails with exactly AWS's error: exception name, HTTP status and message. */
export async function assertLambdaError(call: Promise<unknown>, expected: ExpectedError): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof lambda.LambdaServiceException, `expected a Lambda service error, got ${String(e)}`);
    assert.equal(e.name, expected.name);
    assert.equal(e.$metadata.httpStatusCode, expected.status);
    if (typeof expected.message === "string") assert.equal(e.message, expected.message);
    else assert.match(e.message, expected.message);
    return true;
  });
}

/** Creates a Node.js function with a trivial handler (overrides win). */
export async function createFunction(
  h: Pick<LambdaHarness, "client" | "role">,
  name: string,
  overrides: Partial<lambda.CreateFunctionCommandInput> = {},
): Promise<lambda.CreateFunctionCommandOutput> {
  return h.client.send(
    new lambda.CreateFunctionCommand({
      FunctionName: name,
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Role: h.role,
      Code: { ZipFile: handlerZip() },
      ...overrides,
    }),
  );
}
