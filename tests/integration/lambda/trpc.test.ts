// The console's tRPC procedures: the same operations as the gateway, the inline editor's files, the function list read model, and team roles.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { TRPCError } from "@trpc/server";
import { strFromU8, unzipSync } from "fflate";
import { prisma } from "../../../server/db/client";
import { isAwsError } from "../../../server/errors";
import { getCodeZip } from "../../../server/services/lambda/code";
import { createTestUser, trpcAs } from "../../helpers/fixtures";
import { type LambdaHarness, startLambda, uniqueName } from "./helpers";

let h: LambdaHarness;
let owner: ReturnType<typeof trpcAs>;
let viewer: ReturnType<typeof trpcAs>;

before(async () => {
  h = await startLambda();
  owner = trpcAs(h.team, { accountId: h.team.accountId });
  const viewerUser = await createTestUser("viewer");
  await prisma().membership.create({ data: { accountId: h.team.accountId, userId: viewerUser.userId, role: "viewer" } });
  viewer = trpcAs(viewerUser, { accountId: h.team.accountId });
});
after(() => h.close());

async function assertTrpcError(call: Promise<unknown>, code: TRPCError["code"], awsCode: string, message?: string): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof TRPCError, `expected a TRPCError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.ok(isAwsError(e.cause), "caused by an AWS error");
    assert.equal(e.cause.code, awsCode);
    if (message !== undefined) assert.equal(e.message, message);
    return true;
  });
}

/** Each entry's Unix mode, read from the zip's central directory. */
function unixModes(zip: Uint8Array): Record<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const modes: Record<string, number> = {};
  for (let i = 0; i + 46 <= zip.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    const name = strFromU8(zip.subarray(i + 46, i + 46 + nameLength));
    modes[name] = view.getUint32(i + 38, true) >>> 16;
  }
  return modes;
}

const handlerFiles = [
  { path: "index.mjs", content: "export const handler = async () => 'inline';\n" },
  { path: "lib/util.mjs", content: "export const one = 1;\n" },
  { path: "bootstrap", content: "#!/bin/sh\nexec node index.mjs\n", executable: true },
];

describe("lambda over tRPC", () => {
  it("creates a function from the inline editor's files, zipped with their modes", async () => {
    const name = uniqueName("inline");
    const created = await owner.lambda.createFunction({ FunctionName: name, Runtime: "nodejs22.x", Handler: "index.handler", Role: h.role, Code: { InlineFiles: handlerFiles } });
    assert.equal(created.State, "Pending");
    const zip = await getCodeZip(prisma(), created.CodeSha256);
    assert.deepEqual(
      Object.fromEntries(Object.entries(unzipSync(zip)).map(([path, bytes]) => [path, strFromU8(bytes)])),
      Object.fromEntries(handlerFiles.map((f) => [f.path, f.content])),
    );
    assert.deepEqual(unixModes(zip), { "index.mjs": 0o100644, "lib/util.mjs": 0o100644, bootstrap: 0o100755 });
    // The SDK sees the same function.
    const viaSdk = await h.client.send(new lambda.GetFunctionConfigurationCommand({ FunctionName: name }));
    assert.equal(viaSdk.CodeSha256, created.CodeSha256);
    assert.equal(viaSdk.Runtime, "nodejs22.x");
  });

  it("updates code from the editor's files, or from a base64 ZipFile, and runs the other operations", async () => {
    const name = uniqueName("edit");
    await owner.lambda.createFunction({ FunctionName: name, Runtime: "python3.12", Handler: "app.handler", Role: h.role, Code: { InlineFiles: [{ path: "app.py", content: "def handler(e, c):\n    return 1\n" }] } });
    const edited = await owner.lambda.updateFunctionCode({ FunctionName: name, InlineFiles: [{ path: "app.py", content: "def handler(e, c):\n    return 2\n" }] });
    assert.equal(edited.LastUpdateStatus, "InProgress");
    assert.equal(strFromU8(unzipSync(await getCodeZip(prisma(), edited.CodeSha256))["app.py"]!), "def handler(e, c):\n    return 2\n");
    const fromZip = await owner.lambda.updateFunctionCode({ FunctionName: name, ZipFile: (await getCodeZip(prisma(), edited.CodeSha256)).toString("base64"), Publish: true });
    assert.equal(fromZip.Version, "1");

    const got = await owner.lambda.getFunction({ FunctionName: name });
    assert.equal(got.Configuration.CodeSha256, edited.CodeSha256);
    assert.match(got.Code.Location, /^http:\/\/.+\/_stratus\/lambda\/code\/[\w-]+\?Expires=\d+&Signature=[\w-]+$/);
    await owner.lambda.createAlias({ FunctionName: name, Name: "live", FunctionVersion: "1" });
    assert.deepEqual((await owner.lambda.listAliases({ FunctionName: name })).Aliases.map((a) => a.Name), ["live"]);
    assert.equal((await owner.lambda.getAccountSettings({})).AccountLimit.ConcurrentExecutions, 100);
    await owner.lambda.deleteFunction({ FunctionName: name });
    await assertTrpcError(owner.lambda.getFunction({ FunctionName: name }), "NOT_FOUND", "ResourceNotFoundException");
  });

  it("takes either a ZipFile or the editor's files, not both", async () => {
    const both = owner.lambda.createFunction({
      FunctionName: uniqueName("both"),
      Runtime: "nodejs20.x",
      Handler: "index.handler",
      Role: h.role,
      Code: { ZipFile: Buffer.from("zip").toString("base64"), InlineFiles: handlerFiles },
    });
    await assert.rejects(both, (e: unknown) => e instanceof TRPCError && e.code === "BAD_REQUEST" && /either ZipFile or InlineFiles/.test(e.message));
  });

  it("refuses file paths that leave the package", async () => {
    for (const path of ["../escape.js", "/abs.js", "a//b.js"]) {
      await assertTrpcError(
        owner.lambda.createFunction({ FunctionName: uniqueName("paths"), Runtime: "nodejs20.x", Handler: "index.handler", Role: h.role, Code: { InlineFiles: [{ path, content: "" }] } }),
        "BAD_REQUEST",
        "InvalidParameterValueException",
        `Invalid file path ${path}: use a relative path without '.' or '..' segments.`,
      );
    }
  });

  it("lists function summaries for the console, and audits mutations", async () => {
    const { client, role, team } = await h.otherTeam();
    const other = trpcAs(team, { accountId: team.accountId });
    await other.lambda.createFunction({ FunctionName: "summary", Runtime: "nodejs20.x", Handler: "index.handler", Role: role, MemorySize: 256, Code: { InlineFiles: handlerFiles }, Publish: true });
    await client.send(new lambda.CreateAliasCommand({ FunctionName: "summary", Name: "live", FunctionVersion: "1" }));
    await client.send(new lambda.PutFunctionConcurrencyCommand({ FunctionName: "summary", ReservedConcurrentExecutions: 2 }));
    const [summary, ...rest] = await other.lambda.listFunctionSummaries();
    assert.equal(rest.length, 0);
    assert.equal(summary?.FunctionName, "summary");
    assert.equal(summary?.FunctionArn, `arn:aws:lambda:us-east-1:${team.accountId}:function:summary`);
    assert.equal(summary?.MemorySize, 256);
    assert.equal(summary?.State, "Active");
    assert.equal(summary?.PublishedVersions, 1);
    assert.equal(summary?.Aliases, 1);
    assert.equal(summary?.ReservedConcurrentExecutions, 2);
    const audited = await prisma().auditEvent.findMany({ where: { accountId: team.accountId, action: "lambda:CreateFunction" } });
    assert.deepEqual(audited.map((e) => [e.source, e.success]), [["trpc", true]]);
  });

  it("lets a viewer read but not change functions", async () => {
    const name = uniqueName("viewed");
    await owner.lambda.createFunction({ FunctionName: name, Runtime: "nodejs20.x", Handler: "index.handler", Role: h.role, Code: { InlineFiles: handlerFiles } });
    assert.equal((await viewer.lambda.getFunctionConfiguration({ FunctionName: name })).FunctionName, name);
    await assertTrpcError(viewer.lambda.updateFunctionConfiguration({ FunctionName: name, Timeout: 9 }), "FORBIDDEN", "AccessDenied");
  });
});
