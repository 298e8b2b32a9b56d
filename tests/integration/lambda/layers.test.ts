// PublishLayerVersion / ListLayers / ListLayerVersions / GetLayerVersion(ByArn) / DeleteLayerVersion through the SDK.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { assertLambdaError, createFunction, type LambdaHarness, startLambda, uniqueName, zipOf } from "./helpers";

let h: LambdaHarness;

before(async () => {
  h = await startLambda();
});
after(() => h.close());

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("base64");
const publish = (input: Partial<lambda.PublishLayerVersionCommandInput> & { LayerName: string }) =>
  h.client.send(new lambda.PublishLayerVersionCommand({ Content: { ZipFile: zipOf({ "nodejs/node_modules/lib/index.js": input.LayerName }) }, ...input }));
const notFound = { name: "ResourceNotFoundException", status: 404, message: "The resource you requested does not exist." };

describe("layer versions", () => {
  it("are published with increasing numbers, and their content downloads from the location given", async () => {
    const name = uniqueName("layer");
    const zip = zipOf({ "python/util.py": "VALUE = 1\n" });
    const v1 = await publish({
      LayerName: name,
      Content: { ZipFile: zip },
      Description: "utilities",
      CompatibleRuntimes: ["python3.11", "python3.12"],
      CompatibleArchitectures: ["x86_64"],
      LicenseInfo: "MIT",
    });
    const layerArn = `arn:aws:lambda:us-east-1:${h.team.accountId}:layer:${name}`;
    assert.equal(v1.$metadata.httpStatusCode, 201);
    assert.equal(v1.LayerArn, layerArn);
    assert.equal(v1.LayerVersionArn, `${layerArn}:1`);
    assert.equal(v1.Version, 1);
    assert.equal(v1.Description, "utilities");
    assert.deepEqual(v1.CompatibleRuntimes, ["python3.11", "python3.12"]);
    assert.deepEqual(v1.CompatibleArchitectures, ["x86_64"]);
    assert.equal(v1.LicenseInfo, "MIT");
    assert.match(v1.CreatedDate ?? "", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    assert.equal(v1.Content?.CodeSha256, sha256(zip));
    assert.equal(v1.Content?.CodeSize, zip.length);
    const download = await fetch(v1.Content!.Location!);
    assert.deepEqual(new Uint8Array(await download.arrayBuffer()), zip);

    const v2 = await publish({ LayerName: layerArn });
    assert.equal(v2.Version, 2);

    for (const got of [
      await h.client.send(new lambda.GetLayerVersionCommand({ LayerName: name, VersionNumber: 1 })),
      await h.client.send(new lambda.GetLayerVersionByArnCommand({ Arn: `${layerArn}:1` })),
    ]) {
      assert.equal(got.LayerVersionArn, `${layerArn}:1`);
      assert.equal(got.Content?.CodeSha256, sha256(zip));
      assert.equal(got.LicenseInfo, "MIT");
    }
  });

  it("are listed newest first, filtered by runtime and architecture, page by page", async () => {
    const name = uniqueName("listed");
    await publish({ LayerName: name, CompatibleRuntimes: ["nodejs20.x"], CompatibleArchitectures: ["arm64"] });
    await publish({ LayerName: name, CompatibleRuntimes: ["python3.12"] });
    await publish({ LayerName: name, CompatibleRuntimes: ["nodejs20.x", "nodejs22.x"] });
    const all = await h.client.send(new lambda.ListLayerVersionsCommand({ LayerName: name }));
    assert.deepEqual(all.LayerVersions?.map((v) => v.Version), [3, 2, 1]);
    const node = await h.client.send(new lambda.ListLayerVersionsCommand({ LayerName: name, CompatibleRuntime: "nodejs20.x" }));
    assert.deepEqual(node.LayerVersions?.map((v) => v.Version), [3, 1]);
    const arm = await h.client.send(new lambda.ListLayerVersionsCommand({ LayerName: name, CompatibleArchitecture: "arm64" }));
    assert.deepEqual(arm.LayerVersions?.map((v) => v.Version), [1]);
    const first = await h.client.send(new lambda.ListLayerVersionsCommand({ LayerName: name, MaxItems: 2 }));
    assert.deepEqual(first.LayerVersions?.map((v) => v.Version), [3, 2]);
    const rest = await h.client.send(new lambda.ListLayerVersionsCommand({ LayerName: name, MaxItems: 2, Marker: first.NextMarker }));
    assert.deepEqual(rest.LayerVersions?.map((v) => v.Version), [1]);
    assert.deepEqual((await h.client.send(new lambda.ListLayerVersionsCommand({ LayerName: uniqueName("none") }))).LayerVersions, []);
  });

  it("are deleted without affecting the functions that use them, and their numbers are not reused", async () => {
    const name = uniqueName("deleted");
    const v1 = await publish({ LayerName: name });
    const fn = uniqueName("uses-layer");
    await createFunction(h, fn, { Layers: [v1.LayerVersionArn!] });
    const deleted = await h.client.send(new lambda.DeleteLayerVersionCommand({ LayerName: name, VersionNumber: 1 }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    await assertLambdaError(h.client.send(new lambda.GetLayerVersionCommand({ LayerName: name, VersionNumber: 1 })), notFound);
    await h.client.send(new lambda.DeleteLayerVersionCommand({ LayerName: name, VersionNumber: 1 }));
    const config = await h.client.send(new lambda.GetFunctionConfigurationCommand({ FunctionName: fn }));
    assert.deepEqual(config.Layers, [{ Arn: v1.LayerVersionArn, CodeSize: v1.Content?.CodeSize }]);
    assert.equal((await publish({ LayerName: name })).Version, 2);
  });
});

describe("ListLayers", () => {
  it("lists each layer with its latest version matching the filters", async () => {
    const { client } = await h.otherTeam();
    const publishIn = (LayerName: string, CompatibleRuntimes: string[]) =>
      client.send(new lambda.PublishLayerVersionCommand({ LayerName, Content: { ZipFile: zipOf({ "a.txt": LayerName }) }, CompatibleRuntimes: CompatibleRuntimes as lambda.Runtime[] }));
    await publishIn("alpha", ["python3.12"]);
    await publishIn("alpha", ["nodejs22.x"]);
    await publishIn("beta", ["nodejs22.x"]);
    const all = await client.send(new lambda.ListLayersCommand({}));
    assert.deepEqual(all.Layers?.map((l) => [l.LayerName, l.LatestMatchingVersion?.Version]), [["alpha", 2], ["beta", 1]]);
    const python = await client.send(new lambda.ListLayersCommand({ CompatibleRuntime: "python3.12" }));
    assert.deepEqual(python.Layers?.map((l) => [l.LayerName, l.LatestMatchingVersion?.Version]), [["alpha", 1]]);
    const first = await client.send(new lambda.ListLayersCommand({ MaxItems: 1 }));
    assert.deepEqual(first.Layers?.map((l) => l.LayerName), ["alpha"]);
    const rest = await client.send(new lambda.ListLayersCommand({ MaxItems: 1, Marker: first.NextMarker }));
    assert.deepEqual(rest.Layers?.map((l) => l.LayerName), ["beta"]);
  });
});

describe("layer input checks", () => {
  it("refuse unknown runtimes and architectures, bad names and numbers, and missing versions", async () => {
    const name = uniqueName("checks");
    await assertLambdaError(publish({ LayerName: name, CompatibleArchitectures: ["sparc" as lambda.Architecture] }), {
      name: "ValidationException",
      status: 400,
      message: "1 validation error detected: Value '[sparc]' at 'compatibleArchitectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]",
    });
    await assertLambdaError(publish({ LayerName: name, CompatibleRuntimes: ["cobol85" as lambda.Runtime] }), {
      name: "ValidationException",
      status: 400,
      message: /^1 validation error detected: Value '\[cobol85\]' at 'compatibleRuntimes' failed to satisfy constraint: Member must satisfy constraint: \[Member must satisfy enum value set: \[nodejs, nodejs4\.3, .*nodejs22\.x.*\]\]$/,
    });
    await assertLambdaError(publish({ LayerName: "bad name" }), {
      name: "ValidationException",
      status: 400,
      message: /^1 validation error detected: Value 'bad name' at 'layerName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    });
    await assertLambdaError(h.client.send(new lambda.PublishLayerVersionCommand({ LayerName: name, Content: {} })), {
      name: "InvalidParameterValueException",
      status: 400,
      message: "Please provide a source for layer content.",
    });
    await assertLambdaError(h.client.send(new lambda.GetLayerVersionCommand({ LayerName: name, VersionNumber: 0 })), {
      name: "InvalidParameterValueException",
      status: 400,
      message: "Layer Version Cannot be less than 1",
    });
    await assertLambdaError(h.client.send(new lambda.GetLayerVersionCommand({ LayerName: name, VersionNumber: 1 })), notFound);
    await assertLambdaError(h.client.send(new lambda.GetLayerVersionByArnCommand({ Arn: `arn:aws:lambda:us-east-1:${h.team.accountId}:layer:${name}` })), {
      name: "ValidationException",
      status: 400,
      message: `1 validation error detected: Value 'arn:aws:lambda:us-east-1:${h.team.accountId}:layer:${name}' at 'arn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+`,
    });
  });
});
