// Reserved and provisioned concurrency, and GetAccountSettings, through the SDK (default limits: 100, unreserved minimum 10).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { prisma } from "../../../server/db/client";
import { setProvisionedConcurrencyStatus } from "../../../server/services/lambda/concurrency";
import { assertLambdaError, createFunction, handlerZip, type LambdaHarness, startLambda, type TeamClient, uniqueName } from "./helpers";

let h: LambdaHarness;

before(async () => {
  h = await startLambda();
});
after(() => h.close());

const settings = (client: lambda.LambdaClient) => client.send(new lambda.GetAccountSettingsCommand({}));
const reserve = (client: lambda.LambdaClient, FunctionName: string, ReservedConcurrentExecutions: number) =>
  client.send(new lambda.PutFunctionConcurrencyCommand({ FunctionName, ReservedConcurrentExecutions }));
const provision = (client: lambda.LambdaClient, FunctionName: string, Qualifier: string, ProvisionedConcurrentExecutions: number) =>
  client.send(new lambda.PutProvisionedConcurrencyConfigCommand({ FunctionName, Qualifier, ProvisionedConcurrentExecutions }));
const invalid = (message: string) => ({ name: "InvalidParameterValueException", status: 400, message });

/** A fresh team (so the account's pool is the test's alone) with one published function. */
async function account(): Promise<TeamClient & { name: string }> {
  const team = await h.otherTeam();
  const name = uniqueName("conc");
  await createFunction(team, name, { Publish: true });
  return { ...team, name };
}

describe("reserved concurrency", () => {
  it("is put, read (also by GetFunction) and deleted, and taken from the unreserved pool", async () => {
    const { client, name } = await account();
    assert.deepEqual((await settings(client)).AccountLimit?.UnreservedConcurrentExecutions, 100);
    const put = await reserve(client, name, 25);
    assert.equal(put.ReservedConcurrentExecutions, 25);
    assert.equal((await client.send(new lambda.GetFunctionConcurrencyCommand({ FunctionName: name }))).ReservedConcurrentExecutions, 25);
    assert.deepEqual((await client.send(new lambda.GetFunctionCommand({ FunctionName: name }))).Concurrency, { ReservedConcurrentExecutions: 25 });
    assert.equal((await settings(client)).AccountLimit?.UnreservedConcurrentExecutions, 75);
    const deleted = await client.send(new lambda.DeleteFunctionConcurrencyCommand({ FunctionName: name }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    assert.equal((await client.send(new lambda.GetFunctionConcurrencyCommand({ FunctionName: name }))).ReservedConcurrentExecutions, undefined);
    assert.equal((await settings(client)).AccountLimit?.UnreservedConcurrentExecutions, 100);
  });

  it("may be zero, and must leave the account its unreserved minimum", async () => {
    const { client, role, name } = await account();
    assert.equal((await reserve(client, name, 0)).ReservedConcurrentExecutions, 0);
    await reserve(client, name, 60);
    const other = uniqueName("conc-other");
    await createFunction({ client, role }, other);
    const message = "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [10].";
    await assertLambdaError(reserve(client, other, 31), invalid(message));
    assert.equal((await reserve(client, other, 30)).ReservedConcurrentExecutions, 30);
    // Replacing a function's own reservation does not count it twice.
    assert.equal((await reserve(client, name, 60)).ReservedConcurrentExecutions, 60);
    await assertLambdaError(
      reserve(client, name, -1),
      { name: "ValidationException", status: 400, message: "1 validation error detected: Value '-1' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0" },
    );
    await assertLambdaError(client.send(new lambda.PutFunctionConcurrencyCommand({ FunctionName: `${name}:1`, ReservedConcurrentExecutions: 1 })), invalid(
      "This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.",
    ));
  });
});

describe("provisioned concurrency", () => {
  it("is configured per version or alias, IN_PROGRESS until the engine reports it READY", async () => {
    const { client, team, name } = await account();
    const put = await provision(client, name, "1", 3);
    assert.equal(put.$metadata.httpStatusCode, 202);
    assert.equal(put.RequestedProvisionedConcurrentExecutions, 3);
    assert.equal(put.AllocatedProvisionedConcurrentExecutions, 0);
    assert.equal(put.AvailableProvisionedConcurrentExecutions, 0);
    assert.equal(put.Status, "IN_PROGRESS");
    assert.match(put.LastModified ?? "", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    assert.equal((await settings(client)).AccountLimit?.UnreservedConcurrentExecutions, 97);

    const fn = await prisma().lambdaFunction.findFirstOrThrow({ where: { accountId: team.accountId, name } });
    await setProvisionedConcurrencyStatus(prisma(), fn.id, "1", { allocated: 3, available: 3, status: "READY" });
    const got = await client.send(new lambda.GetProvisionedConcurrencyConfigCommand({ FunctionName: name, Qualifier: "1" }));
    assert.equal(got.Status, "READY");
    assert.equal(got.AllocatedProvisionedConcurrentExecutions, 3);

    await client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: "$LATEST" }));
    await provision(client, name, "live", 2);
    const listed = await client.send(new lambda.ListProvisionedConcurrencyConfigsCommand({ FunctionName: name }));
    const prefix = `arn:aws:lambda:us-east-1:${team.accountId}:function:${name}`;
    assert.deepEqual(
      listed.ProvisionedConcurrencyConfigs?.map((c) => [c.FunctionArn, c.RequestedProvisionedConcurrentExecutions, c.Status]),
      [
        [`${prefix}:1`, 3, "READY"],
        [`${prefix}:live`, 2, "IN_PROGRESS"],
      ],
    );
    const deleted = await client.send(new lambda.DeleteProvisionedConcurrencyConfigCommand({ FunctionName: name, Qualifier: "1" }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    await assertLambdaError(client.send(new lambda.GetProvisionedConcurrencyConfigCommand({ FunctionName: name, Qualifier: "1" })), {
      name: "ProvisionedConcurrencyConfigNotFoundException",
      status: 404,
      message: "No Provisioned Concurrency Config found for this function",
    });
  });

  it("never applies to $LATEST, fits within reserved concurrency, and is set once per version", async () => {
    const { client, team, name } = await account();
    await assertLambdaError(provision(client, name, "$LATEST", 1), invalid("Provisioned Concurrency Configs cannot be applied to unpublished function versions."));
    await assertLambdaError(
      client.send(new lambda.GetProvisionedConcurrencyConfigCommand({ FunctionName: name, Qualifier: "$LATEST" })),
      invalid("The function resource provided must be an alias or a published version."),
    );
    await assertLambdaError(provision(client, name, "1", 0), {
      name: "ValidationException",
      status: 400,
      message: "1 validation error detected: Value '0' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
    await reserve(client, name, 5);
    await assertLambdaError(provision(client, name, "1", 6), invalid("Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function"));
    await provision(client, name, "1", 4);
    await assertLambdaError(reserve(client, name, 3), invalid(" ReservedConcurrentExecutions  3 should not be lower than function's total provisioned concurrency [4]."));

    await client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: "on-one", FunctionVersion: "1" }));
    await assertLambdaError(provision(client, name, "on-one", 1), {
      name: "ResourceConflictException",
      status: 409,
      message: "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version",
    });
    await assertLambdaError(provision(client, name, "7", 1), {
      name: "ResourceNotFoundException",
      status: 404,
      message: `Function not found: arn:aws:lambda:us-east-1:${team.accountId}:function:${name}:7`,
    });
  });

  it("on an alias keeps its version from being provisioned directly, and takes from the unreserved pool", async () => {
    const { client, name } = await account();
    await client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: "prod", FunctionVersion: "1" }));
    await provision(client, name, "prod", 2);
    await assertLambdaError(provision(client, name, "1", 1), { name: "ResourceConflictException", status: 409, message: "Version is pointed by a Provisioned Concurrency alias" });
    await assertLambdaError(
      provision(client, name, "prod", 91),
      invalid("Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [10]."),
    );
    assert.equal((await provision(client, name, "prod", 90)).RequestedProvisionedConcurrentExecutions, 90);
  });
});

describe("GetAccountSettings", () => {
  it("reports the account's limits and its functions' and layers' code", async () => {
    const { client, role } = await h.otherTeam();
    const empty = await settings(client);
    assert.deepEqual(empty.AccountLimit, {
      TotalCodeSize: 80_530_636_800,
      CodeSizeUnzipped: 262_144_000,
      CodeSizeZipped: 52_428_800,
      ConcurrentExecutions: 100,
      UnreservedConcurrentExecutions: 100,
    });
    assert.deepEqual(empty.AccountUsage, { TotalCodeSize: 0, FunctionCount: 0 });
    const a = await createFunction({ client, role }, uniqueName("usage"), { Publish: true });
    const b = await createFunction({ client, role }, uniqueName("usage"));
    const layer = await client.send(new lambda.PublishLayerVersionCommand({ LayerName: uniqueName("usage"), Content: { ZipFile: handlerZip("layer") } }));
    const usage = (await settings(client)).AccountUsage;
    // $LATEST and version 1 of the first function each count.
    assert.deepEqual(usage, { FunctionCount: 2, TotalCodeSize: 2 * a.CodeSize! + b.CodeSize! + layer.Content!.CodeSize! });
  });
});
