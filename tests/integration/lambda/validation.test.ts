// CreateFunction / UpdateFunctionConfiguration input checks through the SDK: AWS's error codes, statuses and messages.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { signedFetch } from "../gateway/helpers";
import { assertLambdaError, createFunction, handlerZip, type LambdaHarness, roleArn, startLambda, uniqueName, zipOf } from "./helpers";

let h: LambdaHarness;
let existing: string;

before(async () => {
  h = await startLambda();
  existing = uniqueName("existing");
  await createFunction(h, existing);
});
after(() => h.close());

const validation = (message: string) => ({ name: "ValidationException", status: 400, message: `1 validation error detected: ${message}` });
const invalid = (message: string) => ({ name: "InvalidParameterValueException", status: 400, message });
const create = (overrides: Partial<lambda.CreateFunctionCommandInput>) => createFunction(h, uniqueName("invalid"), overrides);
const update = (input: Omit<lambda.UpdateFunctionConfigurationCommandInput, "FunctionName">) =>
  h.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: existing, ...input }));

/** A valid zip whose central directory claims `size` extracted bytes for its one entry. */
function zipClaiming(size: number): Uint8Array {
  const zip = zipOf({ "index.js": "exports.handler = async () => 1;" });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let i = zip.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x02014b50) {
      view.setUint32(i + 24, size, true);
      return zip;
    }
  }
  throw new Error("no central directory");
}

describe("configuration members", () => {
  it("Runtime must be one Stratus runs", async () => {
    const message = "Value nodejs8.10 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [nodejs20.x, nodejs22.x, python3.11, python3.12, provided.al2023] or be a valid ARN";
    await assertLambdaError(create({ Runtime: "nodejs8.10" }), invalid(message));
    await assertLambdaError(update({ Runtime: "nodejs8.10" }), invalid(message));
    await assertLambdaError(create({ Runtime: undefined }), invalid("Runtime is required for Zip package type functions."));
  });

  it("Handler is required and has no whitespace", async () => {
    await assertLambdaError(create({ Handler: "index handler" }), validation("Value 'index handler' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+"));
    await assertLambdaError(create({ Handler: undefined }), invalid("Handler is required for Zip package type functions."));
    await assertLambdaError(update({ Handler: "x".repeat(129) }), validation(`Value '${"x".repeat(129)}' at 'handler' failed to satisfy constraint: Member must have length less than or equal to 128`));
  });

  it("MemorySize is 128–10240 MB", async () => {
    await assertLambdaError(create({ MemorySize: 127 }), validation("Value '127' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128"));
    await assertLambdaError(update({ MemorySize: 10241 }), validation("Value '10241' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240"));
  });

  it("Timeout is 1–900 s", async () => {
    await assertLambdaError(create({ Timeout: 0 }), validation("Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"));
    await assertLambdaError(update({ Timeout: 901 }), validation("Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900"));
  });

  it("EphemeralStorage.Size is 512–10240 MB", async () => {
    await assertLambdaError(
      create({ EphemeralStorage: { Size: 511 } }),
      validation("Value '511' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value greater than or equal to 512"),
    );
    await assertLambdaError(
      update({ EphemeralStorage: { Size: 10241 } }),
      validation("Value '10241' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value less than or equal to 10240"),
    );
  });

  it("reports every violation of a request at once", async () => {
    await assertLambdaError(create({ MemorySize: 64, Timeout: 1000 }), {
      name: "ValidationException",
      status: 400,
      message:
        "2 validation errors detected: Value '1000' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900; Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
    });
  });

  it("Environment: no reserved keys, names as AWS allows, at most 4 KB", async () => {
    await assertLambdaError(
      create({ Environment: { Variables: { AWS_REGION: "eu-west-1", LAMBDA_TASK_ROOT: "/x", MINE: "ok" } } }),
      invalid(
        "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION, LAMBDA_TASK_ROOT",
      ),
    );
    await assertLambdaError(
      update({ Environment: { Variables: { "1BAD": "x" } } }),
      validation("Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]"),
    );
    const big = { BIG: "x".repeat(4096) };
    await assertLambdaError(
      update({ Environment: { Variables: big } }),
      invalid(
        `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${JSON.stringify(big)}`,
      ),
    );
  });

  it("Role is a well-formed role ARN of the caller's account", async () => {
    await assertLambdaError(
      create({ Role: "lambda-exec" }),
      validation("Value 'lambda-exec' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"),
    );
    await assertLambdaError(create({ Role: roleArn("111122223333") }), invalid("The role defined for the function cannot be assumed by Lambda."));
    await assertLambdaError(update({ Role: roleArn("111122223333") }), invalid("The role defined for the function cannot be assumed by Lambda."));
  });

  it("Description is at most 256 characters", async () => {
    const long = "d".repeat(257);
    await assertLambdaError(update({ Description: long }), validation(`Value '${long}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256`));
  });

  it("DeadLetterConfig.TargetArn names an SQS queue or SNS topic", async () => {
    const fn = `arn:aws:lambda:us-east-1:${h.team.accountId}:function:${existing}`;
    await assertLambdaError(
      update({ DeadLetterConfig: { TargetArn: fn } }),
      invalid(`The provided DeadLetterConfig TargetArn ${fn} is invalid: it must be the ARN of an SQS queue or an SNS topic.`),
    );
    await assertLambdaError(
      create({ DeadLetterConfig: { TargetArn: "queue" } }),
      validation("Value 'queue' at 'deadLetterConfig.targetArn' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()"),
    );
  });

  it("TracingConfig.Mode is Active or PassThrough", async () => {
    await assertLambdaError(
      update({ TracingConfig: { Mode: "Sometimes" as lambda.TracingMode } }),
      validation("Value 'Sometimes' at 'tracingConfig.mode' failed to satisfy constraint: Member must satisfy enum value set: [Active, PassThrough]"),
    );
  });

  it("PackageType is Zip; Image packages are not run", async () => {
    await assertLambdaError(create({ PackageType: "Image" }), invalid("Stratus runs .zip deployment packages only: PackageType Image is not supported."));
    await assertLambdaError(
      create({ PackageType: "Jar" as lambda.PackageType }),
      validation("Value 'Jar' at 'packageType' failed to satisfy constraint: Member must satisfy enum value set: [Zip, Image]"),
    );
  });

  it("Architectures is one of x86_64 and arm64", async () => {
    await assertLambdaError(
      create({ Architectures: ["x86_64", "arm64"] }),
      validation("Value '[x86_64, arm64]' at 'architectures' failed to satisfy constraint: Member must have length less than or equal to 1"),
    );
    await assertLambdaError(
      h.client.send(new lambda.UpdateFunctionCodeCommand({ FunctionName: existing, ZipFile: handlerZip(), Architectures: ["sparc" as lambda.Architecture] })),
      validation("Value '[sparc]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]"),
    );
  });

  it("Layers: existing layer versions of the account and region, one version per layer, at most five", async () => {
    const layer = uniqueName("layer");
    const publish = () => h.client.send(new lambda.PublishLayerVersionCommand({ LayerName: layer, Content: { ZipFile: zipOf({ "nodejs/lib.js": layer }) } }));
    const [v1, v2] = [await publish(), await publish()];
    await assertLambdaError(
      update({ Layers: [v1.LayerVersionArn!, v2.LayerVersionArn!] }),
      invalid(`Two different versions of the same layer are not allowed to be referenced in the same function. ${v1.LayerVersionArn} and ${v2.LayerVersionArn} are versions of the same layer.`),
    );
    const missing = `${v1.LayerArn}:99`;
    await assertLambdaError(update({ Layers: [missing] }), invalid(`Layer version ${missing} does not exist.`));
    await assertLambdaError(update({ Layers: Array.from({ length: 6 }, (_, i) => `${v1.LayerArn}-${i}:1`) }), invalid("Cannot reference more than 5 layers."));
    await assertLambdaError(
      update({ Layers: [v1.LayerVersionArn!.replace("us-east-1", "eu-west-1")] }),
      invalid("Layers are not in the same region as the function. Layers are expected to be in region us-east-1."),
    );
    await assertLambdaError(
      update({ Layers: [v1.LayerArn!] }),
      validation(
        `Value '[${v1.LayerArn}]' at 'layers' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 140, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+, Member must not be null]`,
      ),
    );
    const updated = await update({ Layers: [v2.LayerVersionArn!] });
    assert.deepEqual(updated.Layers, [{ Arn: v2.LayerVersionArn, CodeSize: v2.Content?.CodeSize }]);
  });

  it("a missing required member is named as AWS names it", async () => {
    await assertLambdaError(
      h.client.send(new lambda.CreateFunctionCommand({ FunctionName: uniqueName("no-role"), Runtime: "nodejs20.x", Handler: "index.handler", Code: { ZipFile: handlerZip() } } as lambda.CreateFunctionCommandInput)),
      validation("Value null at 'role' failed to satisfy constraint: Member must not be null"),
    );
    const mistyped = await signedFetch(h.gateway, h.team, "lambda", {
      method: "PUT",
      path: `/2015-03-31/functions/${existing}/configuration`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ MemorySize: "big" }),
    });
    assert.equal(mistyped.status, 400);
    assert.equal(mistyped.headers.get("x-amzn-errortype"), "ValidationException");
    assert.deepEqual(await mistyped.json(), {
      Type: "User",
      message: "1 validation error detected: Value at 'memorySize' failed to satisfy constraint: Expected number, received string",
    });
  });
});

describe("function names", () => {
  it("are at most 64 characters of letters, digits, hyphens and underscores", async () => {
    const long = "f".repeat(65);
    await assertLambdaError(
      createFunction(h, long),
      invalid(`1 validation error detected: Value '${long}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`),
    );
    await assertLambdaError(
      createFunction(h, "bad name!"),
      validation(
        "Value 'bad name!' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?",
      ),
    );
  });
});

describe("deployment packages", () => {
  it("must be readable zips", async () => {
    await assertLambdaError(
      create({ Code: { ZipFile: Buffer.from("this is not a zip archive") } }),
      invalid("Could not unzip uploaded file. Please check your file, then try to upload again."),
    );
  });

  it("must come as ZipFile", async () => {
    await assertLambdaError(create({ Code: {} }), invalid("Please provide a source for function code."));
    await assertLambdaError(
      create({ Code: { S3Bucket: "code", S3Key: "fn.zip" } }),
      invalid("Stratus accepts function code as ZipFile only: code from S3 is not supported."),
    );
  });

  it("extract to at most 250 MB", async () => {
    const message = "Unzipped size must be smaller than 262144000 bytes";
    await assertLambdaError(create({ Code: { ZipFile: zipClaiming(262_144_001) } }), invalid(message));
    await assertLambdaError(h.client.send(new lambda.UpdateFunctionCodeCommand({ FunctionName: existing, ZipFile: zipClaiming(262_144_001) })), invalid(message));
    const accepted = await create({ Code: { ZipFile: zipClaiming(262_144_000) } });
    assert.equal(accepted.State, "Pending");
  });

  it("are at most 50 MB zipped, in a request of at most AWS's size", async () => {
    await assertLambdaError(create({ Code: { ZipFile: randomBytes(52_428_801) } }), {
      name: "RequestEntityTooLargeException",
      status: 413,
      message: "Zipped size must be smaller than 52428800 bytes",
    });
    const res = await signedFetch(h.gateway, h.team, "lambda", {
      path: "/2015-03-31/functions",
      headers: { "content-type": "application/json" },
      body: "x".repeat(70_167_212),
    });
    assert.equal(res.status, 413);
    assert.equal(res.headers.get("x-amzn-errortype"), "RequestEntityTooLargeException");
    assert.deepEqual(await res.json(), { Type: "User", message: "Request must be smaller than 70167211 bytes for the CreateFunction operation" });
  });
});

describe("list parameters", () => {
  it("MaxItems is 1–10000 and FunctionVersion is ALL", async () => {
    await assertLambdaError(
      h.client.send(new lambda.ListFunctionsCommand({ MaxItems: 0 })),
      validation("Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"),
    );
    await assertLambdaError(
      h.client.send(new lambda.ListFunctionsCommand({ FunctionVersion: "SOME" as lambda.FunctionVersion })),
      validation("Value 'SOME' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]"),
    );
  });
});
