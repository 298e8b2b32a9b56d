// Function lifecycle through the SDK: create, get (with the downloadable code location), update code and configuration, delete, list.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { pgPool } from "../../../server/db/pool";
import { codeLocation } from "../../../server/services/lambda/code-location";
import { assertLambdaError, createFunction, handlerZip, type LambdaHarness, PRECONDITION_FAILED, startLambda, uniqueName, zipOf } from "./helpers";

let h: LambdaHarness;

before(async () => {
  h = await startLambda();
});
after(() => h.close());

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("base64");
const LAMBDA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function blobExists(sha: string): Promise<boolean> {
  const { rowCount } = await pgPool().query("SELECT 1 FROM lambda_code_blobs WHERE sha256 = $1", [sha]);
  return rowCount === 1;
}

async function getConfig(name: string, qualifier?: string) {
  return h.client.send(new lambda.GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: qualifier }));
}

describe("CreateFunction / GetFunction / GetFunctionConfiguration", () => {
  it("creates a function Pending, which GetFunction then reports Active with AWS's configuration shape", async () => {
    const name = uniqueName("create");
    const zip = handlerZip("created");
    const created = await createFunction(h, name, { Code: { ZipFile: zip } });
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.State, "Pending");
    assert.equal(created.StateReasonCode, "Creating");
    assert.equal(created.LastUpdateStatus, undefined);

    const { Configuration: config, Code, Tags, Concurrency } = await h.client.send(new lambda.GetFunctionCommand({ FunctionName: name }));
    assert.ok(config);
    assert.equal(config.FunctionName, name);
    assert.equal(config.FunctionArn, `${h.arnPrefix}${name}`);
    assert.equal(config.Runtime, "nodejs20.x");
    assert.equal(config.Handler, "index.handler");
    assert.equal(config.Role, h.role);
    assert.equal(config.CodeSha256, sha256(zip));
    assert.equal(config.CodeSize, zip.length);
    assert.equal(config.Description, "");
    assert.equal(config.Timeout, 3);
    assert.equal(config.MemorySize, 128);
    assert.equal(config.Version, "$LATEST");
    assert.match(config.LastModified ?? "", LAMBDA_DATE);
    assert.match(config.RevisionId ?? "", UUID);
    assert.equal(config.RevisionId, created.RevisionId);
    assert.equal(config.State, "Active");
    assert.equal(config.LastUpdateStatus, "Successful");
    assert.equal(config.PackageType, "Zip");
    assert.deepEqual(config.Architectures, ["x86_64"]);
    assert.deepEqual(config.EphemeralStorage, { Size: 512 });
    assert.deepEqual(config.TracingConfig, { Mode: "PassThrough" });
    assert.deepEqual(config.SnapStart, { ApplyOn: "None", OptimizationStatus: "Off" });
    assert.deepEqual(config.LoggingConfig, { LogFormat: "Text", LogGroup: `/aws/lambda/${name}` });
    assert.match(config.RuntimeVersionConfig?.RuntimeVersionArn ?? "", /^arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/);
    assert.equal(config.Environment, undefined);
    assert.equal(config.Layers, undefined);
    assert.equal(Code?.RepositoryType, "S3");
    assert.equal(Tags, undefined);
    assert.equal(Concurrency, undefined);
    const { $metadata: _, ...configuration } = await getConfig(name);
    assert.deepEqual(configuration, config);
  });

  it("stores every configuration member it is given", async () => {
    const name = uniqueName("full");
    const queue = `arn:aws:sqs:us-east-1:${h.team.accountId}:dlq`;
    const created = await createFunction(h, name, {
      Runtime: "python3.12",
      Handler: "app.lambda_handler",
      Code: { ZipFile: zipOf({ "app.py": "def lambda_handler(event, context):\n    return event\n" }) },
      Description: "every member",
      Timeout: 30,
      MemorySize: 1024,
      Environment: { Variables: { STAGE: "test", GREETING: "hi" } },
      TracingConfig: { Mode: "Active" },
      EphemeralStorage: { Size: 2048 },
      DeadLetterConfig: { TargetArn: queue },
      Architectures: ["arm64"],
      LoggingConfig: { LogFormat: "JSON" },
      Tags: { team: "core", env: "test" },
    });
    const { Configuration: config, Tags } = await h.client.send(new lambda.GetFunctionCommand({ FunctionName: name }));
    for (const c of [created, config]) {
      assert.ok(c);
      assert.equal(c.Runtime, "python3.12");
      assert.equal(c.Handler, "app.lambda_handler");
      assert.equal(c.Description, "every member");
      assert.equal(c.Timeout, 30);
      assert.equal(c.MemorySize, 1024);
      assert.deepEqual(c.Environment, { Variables: { STAGE: "test", GREETING: "hi" } });
      assert.deepEqual(c.TracingConfig, { Mode: "Active" });
      assert.deepEqual(c.EphemeralStorage, { Size: 2048 });
      assert.deepEqual(c.DeadLetterConfig, { TargetArn: queue });
      assert.deepEqual(c.Architectures, ["arm64"]);
      assert.deepEqual(c.LoggingConfig, { LogFormat: "JSON", LogGroup: `/aws/lambda/${name}`, ApplicationLogLevel: "INFO", SystemLogLevel: "INFO" });
    }
    assert.deepEqual(Tags, { team: "core", env: "test" });
  });

  it("refuses a second function with the same name", async () => {
    const name = uniqueName("twice");
    await createFunction(h, name);
    await assertLambdaError(createFunction(h, name), { name: "ResourceConflictException", status: 409, message: `Function already exist: ${name}` });
  });

  it("answers an unknown function with AWS's ResourceNotFoundException, naming the qualified ARN when one was asked for", async () => {
    await assertLambdaError(h.client.send(new lambda.GetFunctionCommand({ FunctionName: "no-such-function" })), {
      name: "ResourceNotFoundException",
      status: 404,
      message: `Function not found: ${h.arnPrefix}no-such-function`,
    });
    const name = uniqueName("unknown-version");
    await createFunction(h, name);
    await assertLambdaError(getConfig(name, "7"), { name: "ResourceNotFoundException", status: 404, message: `Function not found: ${h.arnPrefix}${name}:7` });
    await assertLambdaError(getConfig(name, "live"), { name: "ResourceNotFoundException", status: 404, message: `Function not found: ${h.arnPrefix}${name}:live` });
  });

  it("addresses a function by name, name:qualifier, partial ARN and full ARN", async () => {
    const name = uniqueName("names");
    await createFunction(h, name, { Publish: true });
    const forms = [name, `${h.team.accountId}:function:${name}`, `${h.arnPrefix}${name}`];
    for (const form of forms) assert.equal((await getConfig(form)).FunctionArn, `${h.arnPrefix}${name}`);
    for (const form of [`${name}:1`, `${h.arnPrefix}${name}:1`]) {
      const config = await getConfig(form);
      assert.equal(config.Version, "1");
      assert.equal(config.FunctionArn, `${h.arnPrefix}${name}:1`);
    }
    assert.equal((await getConfig(name, "$LATEST")).FunctionArn, `${h.arnPrefix}${name}:$LATEST`);
    await assertLambdaError(getConfig(`${name}:1`, "$LATEST"), {
      name: "InvalidParameterValueException",
      status: 400,
      message: "The derived qualifier from the function name does not match the specified qualifier.",
    });
  });
});

describe("GetFunction's code location", () => {
  it("downloads the exact package without credentials", async () => {
    const name = uniqueName("download");
    const zip = zipOf({ "index.js": `exports.handler = async () => "${name}";` });
    await createFunction(h, name, { Code: { ZipFile: zip } });
    const { Code } = await h.client.send(new lambda.GetFunctionCommand({ FunctionName: name }));
    const location = Code?.Location ?? "";
    assert.ok(location.startsWith(`${h.gateway.url}/_stratus/lambda/code/`));
    const res = await fetch(location);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/zip");
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), zip);
  });

  it("refuses a tampered or expired location", async () => {
    const name = uniqueName("tamper");
    const zip = handlerZip(name);
    await createFunction(h, name, { Code: { ZipFile: zip } });
    const { Code } = await h.client.send(new lambda.GetFunctionCommand({ FunctionName: name }));
    const tampered = new URL(Code!.Location!);
    tampered.searchParams.set("Expires", String(Number(tampered.searchParams.get("Expires")) + 3600));
    const forged = await fetch(tampered);
    assert.equal(forged.status, 403);
    assert.match(await forged.text(), /<Code>AccessDenied<\/Code><Message>Invalid signature<\/Message>/);
    const expired = await fetch(codeLocation(sha256(zip), h.gateway.url, Date.now() - 11 * 60_000));
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /<Message>Request has expired<\/Message>/);
  });
});

describe("UpdateFunctionCode", () => {
  it("replaces the code with a new RevisionId, reporting InProgress and then Successful", async () => {
    const name = uniqueName("code");
    const created = await createFunction(h, name);
    const zip = handlerZip("v2");
    const updated = await h.client.send(new lambda.UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip, RevisionId: created.RevisionId }));
    assert.equal(updated.CodeSha256, sha256(zip));
    assert.equal(updated.CodeSize, zip.length);
    assert.equal(updated.LastUpdateStatus, "InProgress");
    assert.equal(updated.FunctionArn, `${h.arnPrefix}${name}`);
    assert.notEqual(updated.RevisionId, created.RevisionId);
    const config = await getConfig(name);
    assert.equal(config.LastUpdateStatus, "Successful");
    assert.equal(config.CodeSha256, sha256(zip));
    const { Code } = await h.client.send(new lambda.GetFunctionCommand({ FunctionName: name }));
    assert.deepEqual(new Uint8Array(await (await fetch(Code!.Location!)).arrayBuffer()), zip);
  });

  it("refuses a stale RevisionId with PreconditionFailedException", async () => {
    const name = uniqueName("stale");
    const created = await createFunction(h, name);
    await h.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: name, Description: "moved on" }));
    await assertLambdaError(h.client.send(new lambda.UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: handlerZip("x"), RevisionId: created.RevisionId })), PRECONDITION_FAILED);
  });

  it("DryRun checks the package without changing the function", async () => {
    const name = uniqueName("dry");
    const created = await createFunction(h, name);
    const dry = await h.client.send(new lambda.UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: handlerZip("dry"), DryRun: true }));
    assert.equal(dry.CodeSha256, created.CodeSha256);
    assert.equal((await getConfig(name)).RevisionId, created.RevisionId);
    await assertLambdaError(h.client.send(new lambda.UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: Buffer.from("not a zip"), DryRun: true })), {
      name: "InvalidParameterValueException",
      status: 400,
      message: "Could not unzip uploaded file. Please check your file, then try to upload again.",
    });
  });

  it("with Publish returns the new version under its qualified ARN", async () => {
    const name = uniqueName("code-publish");
    await createFunction(h, name);
    const zip = handlerZip("published");
    const published = await h.client.send(new lambda.UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip, Publish: true }));
    assert.equal(published.Version, "1");
    assert.equal(published.FunctionArn, `${h.arnPrefix}${name}:1`);
    assert.equal(published.CodeSha256, sha256(zip));
    assert.equal((await getConfig(name, "1")).CodeSha256, sha256(zip));
  });

  it("refuses a qualified function name", async () => {
    const name = uniqueName("code-qualified");
    await createFunction(h, name);
    await assertLambdaError(h.client.send(new lambda.UpdateFunctionCodeCommand({ FunctionName: `${name}:1`, ZipFile: handlerZip() })), {
      name: "InvalidParameterValueException",
      status: 400,
      message:
        "This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.",
    });
  });
});

describe("UpdateFunctionConfiguration", () => {
  it("changes only the members given, and clears Environment and DeadLetterConfig with empty values", async () => {
    const name = uniqueName("config");
    const created = await createFunction(h, name, {
      Environment: { Variables: { AB: "1" } },
      DeadLetterConfig: { TargetArn: `arn:aws:sns:us-east-1:${h.team.accountId}:failures` },
      Timeout: 10,
    });
    const updated = await h.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: name, MemorySize: 512, Description: "bigger" }));
    assert.equal(updated.MemorySize, 512);
    assert.equal(updated.Description, "bigger");
    assert.equal(updated.Timeout, 10);
    assert.deepEqual(updated.Environment, { Variables: { AB: "1" } });
    assert.equal(updated.LastUpdateStatus, "InProgress");
    assert.notEqual(updated.RevisionId, created.RevisionId);
    assert.equal(updated.CodeSha256, created.CodeSha256);

    const cleared = await h.client.send(
      new lambda.UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: {} }, DeadLetterConfig: { TargetArn: "" } }),
    );
    assert.equal(cleared.Environment, undefined);
    assert.equal(cleared.DeadLetterConfig, undefined);
    const config = await getConfig(name);
    assert.equal(config.MemorySize, 512);
    assert.equal(config.Environment, undefined);
    assert.equal(config.LastUpdateStatus, "Successful");
  });

  it("checks the RevisionId", async () => {
    const name = uniqueName("config-rev");
    const created = await createFunction(h, name);
    const first = await h.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 5, RevisionId: created.RevisionId }));
    assert.equal(first.Timeout, 5);
    await assertLambdaError(h.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: name, Timeout: 6, RevisionId: created.RevisionId })), PRECONDITION_FAILED);
  });
});

describe("DeleteFunction", () => {
  it("deletes the function, and its package once nothing else uses it", async () => {
    const shared = handlerZip(uniqueName("shared"));
    const [a, b] = [uniqueName("del-a"), uniqueName("del-b")];
    await createFunction(h, a, { Code: { ZipFile: shared } });
    await createFunction(h, b, { Code: { ZipFile: shared } });
    const deleted = await h.client.send(new lambda.DeleteFunctionCommand({ FunctionName: a }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    assert.equal(deleted.StatusCode, 204);
    await assertLambdaError(getConfig(a), { name: "ResourceNotFoundException", status: 404, message: `Function not found: ${h.arnPrefix}${a}` });
    assert.equal(await blobExists(sha256(shared)), true, "the other function still uses the package");
    await h.client.send(new lambda.DeleteFunctionCommand({ FunctionName: `${h.arnPrefix}${b}` }));
    assert.equal(await blobExists(sha256(shared)), false);
    await assertLambdaError(h.client.send(new lambda.DeleteFunctionCommand({ FunctionName: b })), {
      name: "ResourceNotFoundException",
      status: 404,
      message: `Function not found: ${h.arnPrefix}${b}`,
    });
  });

  it("with a Qualifier deletes one published version, never $LATEST", async () => {
    const name = uniqueName("del-version");
    await createFunction(h, name, { Publish: true });
    await assertLambdaError(h.client.send(new lambda.DeleteFunctionCommand({ FunctionName: name, Qualifier: "$LATEST" })), {
      name: "InvalidParameterValueException",
      status: 400,
      message: "$LATEST version cannot be deleted without deleting the function.",
    });
    await h.client.send(new lambda.DeleteFunctionCommand({ FunctionName: name, Qualifier: "1" }));
    await assertLambdaError(getConfig(name, "1"), { name: "ResourceNotFoundException", status: 404, message: `Function not found: ${h.arnPrefix}${name}:1` });
    assert.equal((await getConfig(name)).Version, "$LATEST");
    await assertLambdaError(h.client.send(new lambda.DeleteFunctionCommand({ FunctionName: name, Qualifier: "1" })), {
      name: "ResourceNotFoundException",
      status: 404,
      message: `Function not found: ${h.arnPrefix}${name}:1`,
    });
  });
});

describe("ListFunctions", () => {
  it("pages through the account's functions, and with FunctionVersion=ALL through every version", async () => {
    const team = await h.otherTeam();
    const names = ["list-a", "list-b", "list-c"];
    for (const name of names) await createFunction(team, name);
    await team.client.send(new lambda.PublishVersionCommand({ FunctionName: "list-b" }));

    const first = await team.client.send(new lambda.ListFunctionsCommand({ MaxItems: 2 }));
    assert.deepEqual(first.Functions?.map((f) => f.FunctionName), ["list-a", "list-b"]);
    assert.ok(first.NextMarker);
    assert.equal(first.Functions?.[0]?.State, undefined, "list entries carry no state");
    const second = await team.client.send(new lambda.ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker }));
    assert.deepEqual(second.Functions?.map((f) => f.FunctionName), ["list-c"]);
    assert.equal(second.NextMarker, undefined);

    const all = await team.client.send(new lambda.ListFunctionsCommand({ FunctionVersion: "ALL" }));
    const prefix = `arn:aws:lambda:us-east-1:${team.team.accountId}:function:`;
    assert.deepEqual(
      all.Functions?.map((f) => f.FunctionArn),
      [`${prefix}list-a:$LATEST`, `${prefix}list-b:$LATEST`, `${prefix}list-b:1`, `${prefix}list-c:$LATEST`],
    );
    const paged: string[] = [];
    let marker: string | undefined;
    do {
      const page = await team.client.send(new lambda.ListFunctionsCommand({ FunctionVersion: "ALL", MaxItems: 1, Marker: marker }));
      paged.push(...(page.Functions ?? []).map((f) => f.FunctionArn!));
      marker = page.NextMarker;
    } while (marker);
    assert.deepEqual(paged, all.Functions?.map((f) => f.FunctionArn));
  });
});
