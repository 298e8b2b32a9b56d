// The invoke path's lookups: resolveFunction (names, qualifiers, aliases, routing, cross-account policy), pickVersion and getCodeZip.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { prisma } from "../../../server/db/client";
import type { AwsError } from "../../../server/errors";
import { getCodeZip } from "../../../server/services/lambda/code";
import { chooseVersion, pickVersion, resolveFunction } from "../../../server/services/lambda/resolve";
import type { CallContext } from "../../../server/services/context";
import type { TestTeam } from "../../helpers/fixtures";
import { createFunction, type LambdaHarness, startLambda, uniqueName, zipOf } from "./helpers";

let h: LambdaHarness;
let ctx: CallContext;
let name: string;
let arn: string;
let layerArn: string;
const v1Zip = zipOf({ "index.js": "exports.handler = async () => 1;" });
const v2Zip = zipOf({ "index.js": "exports.handler = async () => 2;" });

const contextOf = (team: TestTeam, region = "us-east-1"): CallContext => ({
  accountId: team.accountId,
  region,
  principal: team.principal,
  requestId: randomUUID(),
  source: "gateway",
});

before(async () => {
  h = await startLambda();
  ctx = contextOf(h.team);
  name = uniqueName("resolve");
  arn = `arn:aws:lambda:us-east-1:${h.team.accountId}:function:${name}`;
  const layer = await h.client.send(new lambda.PublishLayerVersionCommand({ LayerName: uniqueName("lib"), Content: { ZipFile: zipOf({ "nodejs/lib.js": "1" }) } }));
  layerArn = layer.LayerVersionArn!;
  await createFunction(h, name, {
    Code: { ZipFile: v1Zip },
    Environment: { Variables: { STAGE: "one" } },
    Layers: [layerArn],
    Timeout: 7,
    DeadLetterConfig: { TargetArn: `arn:aws:sqs:us-east-1:${h.team.accountId}:dlq` },
    Publish: true,
  });
  await h.client.send(
    new lambda.UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: v2Zip, Publish: true }),
  );
  await h.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: { STAGE: "latest" } } }));
  await h.client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: "canary", FunctionVersion: "1", RoutingConfig: { AdditionalVersionWeights: { "2": 0.3 } } }));
  await h.client.send(new lambda.PutFunctionEventInvokeConfigCommand({ FunctionName: name, Qualifier: "canary", MaximumRetryAttempts: 0 }));
  await h.client.send(new lambda.PutFunctionConcurrencyCommand({ FunctionName: name, ReservedConcurrentExecutions: 4 }));
});
after(() => h.close());

const rejectsWith = (call: Promise<unknown>, code: string, message: string) =>
  assert.rejects(call, (e: AwsError) => {
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  });

describe("resolveFunction", () => {
  it("resolves a name to $LATEST with everything the engine needs", async () => {
    const resolved = await resolveFunction(prisma(), ctx, name);
    assert.equal(resolved.functionArn, arn);
    assert.equal(resolved.unqualifiedArn, arn);
    assert.equal(resolved.version, "$LATEST");
    assert.equal(resolved.alias, undefined);
    assert.equal(resolved.routing, undefined);
    assert.equal(resolved.reservedConcurrency, 4);
    assert.equal(resolved.eventInvokeConfig, null);
    const { config } = resolved;
    assert.equal(config.runtime, "nodejs20.x");
    assert.equal(config.handler, "index.handler");
    assert.equal(config.timeout, 7);
    assert.equal(config.memorySize, 128);
    assert.equal(config.ephemeralStorageSize, 512);
    assert.deepEqual(config.environment, { STAGE: "latest" });
    assert.equal(config.role, h.role);
    assert.equal(config.deadLetterTargetArn, `arn:aws:sqs:us-east-1:${h.team.accountId}:dlq`);
    assert.equal(config.layers.length, 1);
    assert.equal(config.layers[0]?.arn, layerArn);
    assert.deepEqual(await getCodeZip(prisma(), config.codeSha256), Buffer.from(v2Zip));
    assert.ok(config.layers[0] && (await getCodeZip(prisma(), config.layers[0].codeSha256)).length === config.layers[0].codeSize);
  });

  it("accepts a partial ARN, a full ARN, name:version and a Qualifier", async () => {
    for (const [nameOrArn, qualifier, version] of [
      [`${h.team.accountId}:function:${name}`, undefined, "$LATEST"],
      [`${arn}:1`, undefined, "1"],
      [`${name}:2`, undefined, "2"],
      [name, "1", "1"],
      [arn, "$LATEST", "$LATEST"],
    ] as const) {
      const resolved = await resolveFunction(prisma(), ctx, nameOrArn, qualifier);
      assert.equal(resolved.version, version, nameOrArn);
      assert.equal(resolved.config.version, version);
    }
    const one = await resolveFunction(prisma(), ctx, name, "1");
    assert.equal(one.functionArn, `${arn}:1`);
    assert.deepEqual(await getCodeZip(prisma(), one.config.codeSha256), Buffer.from(v1Zip));
  });

  it("resolves an alias to its version and its weighted second version", async () => {
    const resolved = await resolveFunction(prisma(), ctx, `${name}:canary`);
    assert.equal(resolved.functionArn, `${arn}:canary`);
    assert.equal(resolved.version, "1");
    assert.deepEqual(resolved.alias, { name: "canary", functionVersion: "1", additionalVersionWeights: { "2": 0.3 } });
    assert.equal(resolved.routing?.version, "2");
    assert.equal(resolved.routing?.weight, 0.3);
    assert.deepEqual(await getCodeZip(prisma(), resolved.routing!.config.codeSha256), Buffer.from(v2Zip));
    assert.equal(resolved.eventInvokeConfig?.maximumRetryAttempts, 0);
    assert.equal(chooseVersion(resolved, 0.29).version, "2");
    assert.equal(chooseVersion(resolved, 0.29).config.codeSha256, resolved.routing?.config.codeSha256);
    assert.equal(chooseVersion(resolved, 0.3).version, "1");
  });

  it("fails as AWS does for unknown functions, versions and aliases, and mismatched qualifiers", async () => {
    await rejectsWith(resolveFunction(prisma(), ctx, "no-such-fn"), "ResourceNotFoundException", `Function not found: arn:aws:lambda:us-east-1:${h.team.accountId}:function:no-such-fn`);
    await rejectsWith(resolveFunction(prisma(), ctx, name, "9"), "ResourceNotFoundException", `Function not found: ${arn}:9`);
    await rejectsWith(resolveFunction(prisma(), ctx, name, "blue"), "ResourceNotFoundException", `Function not found: ${arn}:blue`);
    await rejectsWith(
      resolveFunction(prisma(), ctx, `${name}:1`, "2"),
      "InvalidParameterValueException",
      "The derived qualifier from the function name does not match the specified qualifier.",
    );
    await rejectsWith(resolveFunction(prisma(), contextOf(h.team, "eu-west-1"), arn), "ResourceNotFoundException", "Functions from 'us-east-1' are not reachable in this region ('eu-west-1')");
  });

  it("lets another account in only when the function's policy allows it to invoke", async () => {
    const other = await h.otherTeam();
    const otherCtx = contextOf(other.team);
    const denied = `User: ${other.team.principal.arn} is not authorized to perform: lambda:InvokeFunction on resource: ${arn} because no resource-based policy allows the lambda:InvokeFunction action`;
    await rejectsWith(resolveFunction(prisma(), otherCtx, arn), "AccessDeniedException", denied);
    await h.client.send(
      new lambda.AddPermissionCommand({ FunctionName: name, StatementId: "partner", Action: "lambda:InvokeFunction", Principal: other.team.accountId }),
    );
    const resolved = await resolveFunction(prisma(), otherCtx, arn);
    assert.equal(resolved.accountId, h.team.accountId);
    assert.equal(resolved.version, "$LATEST");
    // The grant is for the unqualified function, not for its aliases.
    await rejectsWith(
      resolveFunction(prisma(), otherCtx, `${arn}:canary`),
      "AccessDeniedException",
      denied.replace(`resource: ${arn} `, `resource: ${arn}:canary `),
    );
  });
});

describe("pickVersion", () => {
  it("routes a random number below the weight to the additional version", () => {
    const alias = { functionVersion: "1", additionalVersionWeights: { "2": 0.25 } };
    assert.equal(pickVersion(alias, 0), "2");
    assert.equal(pickVersion(alias, 0.2499), "2");
    assert.equal(pickVersion(alias, 0.25), "1");
    assert.equal(pickVersion(alias, 0.99), "1");
    assert.equal(pickVersion({ functionVersion: "3", additionalVersionWeights: {} }, 0), "3");
  });
});
