// Versions (PublishVersion, ListVersionsByFunction) and aliases (Create/Get/Update/Delete/ListAliases) through the SDK.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { assertLambdaError, createFunction, handlerZip, type LambdaHarness, PRECONDITION_FAILED, startLambda, uniqueName } from "./helpers";

let h: LambdaHarness;

before(async () => {
  h = await startLambda();
});
after(() => h.close());

const publish = (FunctionName: string, input: Partial<lambda.PublishVersionCommandInput> = {}) =>
  h.client.send(new lambda.PublishVersionCommand({ FunctionName, ...input }));
const configOf = (FunctionName: string, Qualifier?: string) => h.client.send(new lambda.GetFunctionConfigurationCommand({ FunctionName, Qualifier }));

/** A function with published versions 1..count, each with its own description. */
async function withVersions(count: number): Promise<string> {
  const name = uniqueName("versions");
  await createFunction(h, name);
  for (let i = 1; i <= count; i++) {
    await h.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: name, Description: `v${i}` }));
    await publish(name);
  }
  return name;
}

describe("PublishVersion", () => {
  it("snapshots $LATEST immutably, and returns the last version when nothing changed", async () => {
    const name = uniqueName("publish");
    const created = await createFunction(h, name, { Description: "first" });
    const v1 = await publish(name);
    assert.equal(v1.$metadata.httpStatusCode, 201);
    assert.equal(v1.Version, "1");
    assert.equal(v1.FunctionArn, `${h.arnPrefix}${name}:1`);
    assert.equal(v1.Description, "first");
    assert.equal(v1.CodeSha256, created.CodeSha256);
    assert.equal(v1.State, "Pending");

    const again = await publish(name);
    assert.equal(again.Version, "1");
    assert.equal(again.RevisionId, v1.RevisionId);

    await h.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: name, Description: "second", MemorySize: 256 }));
    const v2 = await publish(name, { Description: "release 2" });
    assert.equal(v2.Version, "2");
    assert.equal(v2.Description, "release 2");
    assert.equal(v2.MemorySize, 256);

    const frozen = await configOf(name, "1");
    assert.equal(frozen.Description, "first");
    assert.equal(frozen.MemorySize, 128);
    assert.equal(frozen.State, "Active");
  });

  it("gives $LATEST a new RevisionId, and checks CodeSha256 and RevisionId", async () => {
    const name = uniqueName("publish-checks");
    const created = await createFunction(h, name);
    await assertLambdaError(publish(name, { CodeSha256: "bm90IHRoZSBjb2Rl" }), {
      name: "InvalidParameterValueException",
      status: 400,
      message: `CodeSHA256 (bm90IHRoZSBjb2Rl) is different from current CodeSHA256 in $LATEST (${created.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
    });
    await assertLambdaError(publish(name, { RevisionId: "00000000-0000-0000-0000-000000000000" }), PRECONDITION_FAILED);
    await publish(name, { CodeSha256: created.CodeSha256, RevisionId: created.RevisionId });
    assert.notEqual((await configOf(name)).RevisionId, created.RevisionId);
  });

  it("never reuses a deleted version's number", async () => {
    const name = await withVersions(2);
    await h.client.send(new lambda.DeleteFunctionCommand({ FunctionName: name, Qualifier: "2" }));
    await h.client.send(new lambda.UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: handlerZip("v3") }));
    assert.equal((await publish(name)).Version, "3");
  });

  it("publishes on CreateFunction when asked", async () => {
    const name = uniqueName("create-publish");
    const created = await createFunction(h, name, { Publish: true });
    assert.equal(created.Version, "1");
    assert.equal((await configOf(name, "1")).Version, "1");
  });
});

describe("ListVersionsByFunction", () => {
  it("lists $LATEST then the versions by number, with qualified ARNs, page by page", async () => {
    const name = await withVersions(2);
    const all = await h.client.send(new lambda.ListVersionsByFunctionCommand({ FunctionName: name }));
    assert.deepEqual(
      all.Versions?.map((v) => [v.Version, v.FunctionArn, v.Description]),
      [
        ["$LATEST", `${h.arnPrefix}${name}:$LATEST`, "v2"],
        ["1", `${h.arnPrefix}${name}:1`, "v1"],
        ["2", `${h.arnPrefix}${name}:2`, "v2"],
      ],
    );
    const first = await h.client.send(new lambda.ListVersionsByFunctionCommand({ FunctionName: name, MaxItems: 2 }));
    assert.deepEqual(first.Versions?.map((v) => v.Version), ["$LATEST", "1"]);
    const rest = await h.client.send(new lambda.ListVersionsByFunctionCommand({ FunctionName: name, MaxItems: 2, Marker: first.NextMarker }));
    assert.deepEqual(rest.Versions?.map((v) => v.Version), ["2"]);
    assert.equal(rest.NextMarker, undefined);
  });
});

describe("aliases", () => {
  it("create, get, update and delete an alias, each change with a new RevisionId", async () => {
    const name = await withVersions(2);
    const created = await h.client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: "1", Description: "production" }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.AliasArn, `${h.arnPrefix}${name}:live`);
    assert.equal(created.FunctionVersion, "1");
    assert.equal(created.Description, "production");
    assert.equal(created.RoutingConfig, undefined);
    const got = await h.client.send(new lambda.GetAliasCommand({ FunctionName: name, Name: "live" }));
    assert.equal(got.RevisionId, created.RevisionId);

    const byAlias = await h.client.send(new lambda.GetFunctionCommand({ FunctionName: name, Qualifier: "live" }));
    assert.equal(byAlias.Configuration?.FunctionArn, `${h.arnPrefix}${name}:live`);
    assert.equal(byAlias.Configuration?.Version, "1");
    assert.equal(byAlias.Configuration?.Description, "v1");

    const updated = await h.client.send(new lambda.UpdateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: "2", RevisionId: created.RevisionId }));
    assert.equal(updated.FunctionVersion, "2");
    assert.equal(updated.Description, "production");
    assert.notEqual(updated.RevisionId, created.RevisionId);
    await assertLambdaError(h.client.send(new lambda.UpdateAliasCommand({ FunctionName: name, Name: "live", Description: "x", RevisionId: created.RevisionId })), PRECONDITION_FAILED);

    const deleted = await h.client.send(new lambda.DeleteAliasCommand({ FunctionName: name, Name: "live" }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    const missing = { name: "ResourceNotFoundException", status: 404, message: `Cannot find alias arn: ${h.arnPrefix}${name}:live` };
    await assertLambdaError(h.client.send(new lambda.GetAliasCommand({ FunctionName: name, Name: "live" })), missing);
    await assertLambdaError(h.client.send(new lambda.DeleteAliasCommand({ FunctionName: name, Name: "live" })), missing);
  });

  it("refuse a duplicate name, a numeric name and a missing version", async () => {
    const name = await withVersions(1);
    await h.client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: "dup", FunctionVersion: "1" }));
    await assertLambdaError(h.client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: "dup", FunctionVersion: "$LATEST" })), {
      name: "ResourceConflictException",
      status: 409,
      message: `Alias already exists: ${h.arnPrefix}${name}:dup`,
    });
    await assertLambdaError(h.client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: "123", FunctionVersion: "1" })), {
      name: "ValidationException",
      status: 400,
      message: "1 validation error detected: Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
    });
    await assertLambdaError(h.client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: "future", FunctionVersion: "9" })), {
      name: "ResourceNotFoundException",
      status: 404,
      message: `Function not found: ${h.arnPrefix}${name}:9`,
    });
  });

  it("route a weighted share to one additional published version, as AWS allows", async () => {
    const name = await withVersions(3);
    const weighted = await h.client.send(
      new lambda.CreateAliasCommand({ FunctionName: name, Name: "canary", FunctionVersion: "1", RoutingConfig: { AdditionalVersionWeights: { "2": 0.25 } } }),
    );
    assert.deepEqual(weighted.RoutingConfig, { AdditionalVersionWeights: { "2": 0.25 } });
    const alias = (input: Partial<lambda.CreateAliasCommandInput>) =>
      h.client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: uniqueName("a"), FunctionVersion: "1", ...input }));
    const invalid = (message: string) => ({ name: "InvalidParameterValueException", status: 400, message });
    await assertLambdaError(
      alias({ RoutingConfig: { AdditionalVersionWeights: { "2": 0.1, "3": 0.1 } } }),
      invalid("Number of items in AdditionalVersionWeights cannot be greater than 1"),
    );
    await assertLambdaError(
      alias({ RoutingConfig: { AdditionalVersionWeights: { "1": 0.5 } } }),
      invalid("Invalid function version 1. Function version 1 is already included in routing configuration."),
    );
    await assertLambdaError(
      alias({ FunctionVersion: "$LATEST", RoutingConfig: { AdditionalVersionWeights: { "2": 0.5 } } }),
      invalid("$LATEST is not supported for an alias pointing to more than 1 version"),
    );
    await assertLambdaError(alias({ RoutingConfig: { AdditionalVersionWeights: { "8": 0.5 } } }), {
      name: "ResourceNotFoundException",
      status: 404,
      message: `Function not found: ${h.arnPrefix}${name}:8`,
    });
    await assertLambdaError(alias({ RoutingConfig: { AdditionalVersionWeights: { "2": 1.5 } } }), {
      name: "ValidationException",
      status: 400,
      message:
        "1 validation error detected: Value '{2=1.5}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]",
    });
    const cleared = await h.client.send(new lambda.UpdateAliasCommand({ FunctionName: name, Name: "canary", RoutingConfig: { AdditionalVersionWeights: {} } }));
    assert.equal(cleared.RoutingConfig, undefined);
  });

  it("keep the versions they reference from being deleted", async () => {
    const name = await withVersions(2);
    await h.client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: "blue", FunctionVersion: "1" }));
    await h.client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: "green", FunctionVersion: "2", RoutingConfig: { AdditionalVersionWeights: { "1": 0.5 } } }));
    await assertLambdaError(h.client.send(new lambda.DeleteFunctionCommand({ FunctionName: name, Qualifier: "1" })), {
      name: "ResourceConflictException",
      status: 409,
      message: "Unable to delete version because the following aliases reference it: [blue, green]",
    });
  });

  it("are listed by name, optionally for one version, page by page", async () => {
    const name = await withVersions(2);
    for (const [alias, version] of [["c", "2"], ["a", "1"], ["b", "2"]] as const) {
      await h.client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: alias, FunctionVersion: version }));
    }
    const all = await h.client.send(new lambda.ListAliasesCommand({ FunctionName: name }));
    assert.deepEqual(all.Aliases?.map((a) => a.Name), ["a", "b", "c"]);
    const onTwo = await h.client.send(new lambda.ListAliasesCommand({ FunctionName: name, FunctionVersion: "2" }));
    assert.deepEqual(onTwo.Aliases?.map((a) => a.Name), ["b", "c"]);
    const first = await h.client.send(new lambda.ListAliasesCommand({ FunctionName: name, MaxItems: 2 }));
    assert.deepEqual(first.Aliases?.map((a) => a.Name), ["a", "b"]);
    const rest = await h.client.send(new lambda.ListAliasesCommand({ FunctionName: name, MaxItems: 2, Marker: first.NextMarker }));
    assert.deepEqual(rest.Aliases?.map((a) => a.Name), ["c"]);
  });
});
