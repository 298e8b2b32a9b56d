// Account and region isolation, and team roles, through the SDK.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { assertLambdaError, createFunction, type LambdaHarness, startLambda, type TeamClient, uniqueName } from "./helpers";

let h: LambdaHarness;
let other: TeamClient;
let name: string;
let arn: string;

before(async () => {
  h = await startLambda();
  other = await h.otherTeam();
  name = uniqueName("private");
  arn = `arn:aws:lambda:us-east-1:${h.team.accountId}:function:${name}`;
  await createFunction(h, name);
});
after(() => h.close());

describe("another team", () => {
  it("does not see the function by name, and is denied it by ARN", async () => {
    await assertLambdaError(other.client.send(new lambda.GetFunctionCommand({ FunctionName: name })), {
      name: "ResourceNotFoundException",
      status: 404,
      message: `Function not found: arn:aws:lambda:us-east-1:${other.team.accountId}:function:${name}`,
    });
    const denied = (action: string, resource = arn) => ({
      name: "AccessDeniedException",
      status: 403,
      message: `User: ${other.team.principal.arn} is not authorized to perform: lambda:${action} on resource: ${resource} because no resource-based policy allows the lambda:${action} action`,
    });
    await assertLambdaError(other.client.send(new lambda.GetFunctionCommand({ FunctionName: arn })), denied("GetFunction"));
    await assertLambdaError(
      other.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: arn, Description: "mine now" })),
      denied("UpdateFunctionConfiguration"),
    );
    await assertLambdaError(other.client.send(new lambda.DeleteFunctionCommand({ FunctionName: `${h.team.accountId}:function:${name}` })), denied("DeleteFunction"));
    await assertLambdaError(other.client.send(new lambda.ListTagsCommand({ Resource: arn })), denied("ListTags"));
    assert.equal((await h.client.send(new lambda.GetFunctionConfigurationCommand({ FunctionName: name }))).Description, "");
  });

  it("lists only its own functions, and may use the same name", async () => {
    assert.deepEqual((await other.client.send(new lambda.ListFunctionsCommand({}))).Functions, []);
    const created = await createFunction(other, name);
    assert.equal(created.FunctionArn, `arn:aws:lambda:us-east-1:${other.team.accountId}:function:${name}`);
    assert.deepEqual((await other.client.send(new lambda.ListFunctionsCommand({}))).Functions?.map((f) => f.FunctionArn), [created.FunctionArn]);
    assert.ok((await h.client.send(new lambda.ListFunctionsCommand({}))).Functions?.every((f) => f.FunctionArn?.includes(h.team.accountId)));
  });
});

describe("another region", () => {
  it("has its own functions, and does not reach this region's by ARN", async () => {
    const west = h.clientFor(h.team, "us-west-2");
    await assertLambdaError(west.send(new lambda.GetFunctionCommand({ FunctionName: name })), {
      name: "ResourceNotFoundException",
      status: 404,
      message: `Function not found: arn:aws:lambda:us-west-2:${h.team.accountId}:function:${name}`,
    });
    await assertLambdaError(west.send(new lambda.GetFunctionCommand({ FunctionName: arn })), {
      name: "ResourceNotFoundException",
      status: 404,
      message: "Functions from 'us-east-1' are not reachable in this region ('us-west-2')",
    });
    assert.deepEqual((await west.send(new lambda.ListFunctionsCommand({}))).Functions, []);
    assert.equal((await west.send(new lambda.GetAccountSettingsCommand({}))).AccountUsage?.FunctionCount, 0);
  });
});

describe("team roles", () => {
  it("let a viewer read but not change functions", async () => {
    const viewer = await h.otherTeam("viewer");
    const name = uniqueName("viewer");
    await assertLambdaError(createFunction(viewer, name), {
      name: "AccessDeniedException",
      status: 403,
      message: `User: ${viewer.team.principal.arn} is not authorized to perform: lambda:CreateFunction on resource: arn:aws:lambda:us-east-1:${viewer.team.accountId}:function:${name} (requires the developer role or higher)`,
    });
    assert.deepEqual((await viewer.client.send(new lambda.ListFunctionsCommand({}))).Functions, []);
  });
});
