// The resource-based policy (AddPermission / RemovePermission / GetPolicy) and tags (TagResource / UntagResource / ListTags) through the SDK.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { assertLambdaError, createFunction, type LambdaHarness, PRECONDITION_FAILED, startLambda, uniqueName } from "./helpers";

let h: LambdaHarness;

before(async () => {
  h = await startLambda();
});
after(() => h.close());

const allow = (FunctionName: string, input: Partial<lambda.AddPermissionCommandInput> = {}) =>
  h.client.send(new lambda.AddPermissionCommand({ FunctionName, StatementId: "s1", Action: "lambda:InvokeFunction", Principal: "s3.amazonaws.com", ...input }));
const policyOf = async (FunctionName: string, Qualifier?: string) => {
  const out = await h.client.send(new lambda.GetPolicyCommand({ FunctionName, Qualifier }));
  return { policy: JSON.parse(out.Policy!) as { Version: string; Id: string; Statement: Record<string, unknown>[] }, revisionId: out.RevisionId };
};
const revisionOf = async (FunctionName: string, Qualifier?: string) =>
  (await h.client.send(new lambda.GetFunctionConfigurationCommand({ FunctionName, Qualifier }))).RevisionId;
const invalid = (message: string) => ({ name: "InvalidParameterValueException", status: 400, message });

describe("AddPermission / GetPolicy / RemovePermission", () => {
  it("add statements as AWS writes them, each giving the function a new RevisionId", async () => {
    const name = uniqueName("policy");
    const created = await createFunction(h, name);
    const added = await allow(name, { SourceArn: "arn:aws:s3:::uploads", SourceAccount: h.team.accountId });
    assert.equal(added.$metadata.httpStatusCode, 201);
    const statement = {
      Sid: "s1",
      Effect: "Allow",
      Principal: { Service: "s3.amazonaws.com" },
      Action: "lambda:InvokeFunction",
      Resource: `${h.arnPrefix}${name}`,
      Condition: { StringEquals: { "AWS:SourceAccount": h.team.accountId }, ArnLike: { "AWS:SourceArn": "arn:aws:s3:::uploads" } },
    };
    assert.deepEqual(JSON.parse(added.Statement!), statement);
    await allow(name, { StatementId: "account", Principal: "111122223333" });
    await allow(name, { StatementId: "everyone", Principal: "*", Action: "lambda:GetFunction" });

    const { policy, revisionId } = await policyOf(name);
    assert.equal(policy.Version, "2012-10-17");
    assert.equal(policy.Id, "default");
    assert.deepEqual(policy.Statement[0], statement);
    assert.deepEqual(policy.Statement[1]?.Principal, { AWS: "arn:aws:iam::111122223333:root" });
    assert.equal(policy.Statement[2]?.Principal, "*");
    assert.notEqual(revisionId, created.RevisionId);
    assert.equal(revisionId, await revisionOf(name));

    const removed = await h.client.send(new lambda.RemovePermissionCommand({ FunctionName: name, StatementId: "account", RevisionId: revisionId }));
    assert.equal(removed.$metadata.httpStatusCode, 204);
    assert.deepEqual((await policyOf(name)).policy.Statement.map((s) => s.Sid), ["s1", "everyone"]);
    await assertLambdaError(h.client.send(new lambda.RemovePermissionCommand({ FunctionName: name, StatementId: "s1", RevisionId: revisionId })), PRECONDITION_FAILED);
  });

  it("keep separate policies for a version and an alias", async () => {
    const name = uniqueName("qualified-policy");
    await createFunction(h, name, { Publish: true });
    await h.client.send(new lambda.CreateAliasCommand({ FunctionName: name, Name: "live", FunctionVersion: "1" }));
    const aliasRevision = (await h.client.send(new lambda.GetAliasCommand({ FunctionName: name, Name: "live" }))).RevisionId;
    await allow(name, { Qualifier: "live", RevisionId: aliasRevision });
    await allow(name, { Qualifier: "1", StatementId: "v1" });
    const onAlias = await policyOf(name, "live");
    assert.deepEqual(onAlias.policy.Statement.map((s) => [s.Sid, s.Resource]), [["s1", `${h.arnPrefix}${name}:live`]]);
    assert.equal(onAlias.revisionId, (await h.client.send(new lambda.GetAliasCommand({ FunctionName: name, Name: "live" }))).RevisionId);
    assert.notEqual(onAlias.revisionId, aliasRevision);
    assert.deepEqual((await policyOf(`${name}:1`)).policy.Statement.map((s) => s.Sid), ["v1"]);
    await assertLambdaError(h.client.send(new lambda.GetPolicyCommand({ FunctionName: name })), {
      name: "ResourceNotFoundException",
      status: 404,
      message: "The resource you requested does not exist.",
    });
  });

  it("refuse duplicates, bad actions and principals, and $LATEST", async () => {
    const name = uniqueName("policy-checks");
    await createFunction(h, name);
    await allow(name);
    await assertLambdaError(allow(name), {
      name: "ResourceConflictException",
      status: 409,
      message: "The statement id (s1) provided already exists. Please provide a new statement id, or remove the existing statement.",
    });
    await assertLambdaError(allow(name, { StatementId: "s2", Action: "s3:GetObject" }), {
      name: "ValidationException",
      status: 400,
      message: "1 validation error detected: Value 's3:GetObject' at 'action' failed to satisfy constraint: Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])",
    });
    await assertLambdaError(allow(name, { StatementId: "s3", Principal: "someone" }), invalid("The provided principal was invalid. Please check the principal and try again."));
    await assertLambdaError(allow(name, { StatementId: "s4", Qualifier: "$LATEST" }), invalid("We currently do not support adding policies for $LATEST."));
    await assertLambdaError(allow(name, { StatementId: "s5", RevisionId: "00000000-0000-0000-0000-000000000000" }), PRECONDITION_FAILED);
    await assertLambdaError(h.client.send(new lambda.RemovePermissionCommand({ FunctionName: name, StatementId: "nope" })), {
      name: "ResourceNotFoundException",
      status: 404,
      message: "Statement nope is not found in resource policy.",
    });
    const bare = uniqueName("no-policy");
    await createFunction(h, bare);
    await assertLambdaError(h.client.send(new lambda.RemovePermissionCommand({ FunctionName: bare, StatementId: "s1" })), {
      name: "ResourceNotFoundException",
      status: 404,
      message: "No policy is associated with the given resource.",
    });
  });

  it("refuse a policy larger than 20 KB", async () => {
    const name = uniqueName("big-policy");
    await createFunction(h, name);
    let added = 0;
    await assert.rejects(
      (async () => {
        for (;;) {
          await allow(name, { StatementId: `statement-${added}-${"x".repeat(80)}`, SourceArn: `arn:aws:s3:::${"b".repeat(60)}` });
          added++;
        }
      })(),
      (e: unknown) => {
        assert.ok(e instanceof lambda.PolicyLengthExceededException);
        assert.match(e.message, /^The final policy size \(\d+\) is bigger than the limit \(20480\)\.$/);
        return true;
      },
    );
    assert.ok(added > 10);
    assert.equal((await policyOf(name)).policy.Statement.length, added);
  });
});

describe("TagResource / UntagResource / ListTags", () => {
  it("tag the function, with a new RevisionId each time", async () => {
    const name = uniqueName("tags");
    const created = await createFunction(h, name, { Tags: { owner: "core" } });
    const arn = `${h.arnPrefix}${name}`;
    const tagged = await h.client.send(new lambda.TagResourceCommand({ Resource: arn, Tags: { env: "test", cost: "42" } }));
    assert.equal(tagged.$metadata.httpStatusCode, 204);
    assert.deepEqual((await h.client.send(new lambda.ListTagsCommand({ Resource: arn }))).Tags, { owner: "core", env: "test", cost: "42" });
    assert.notEqual(await revisionOf(name), created.RevisionId);
    await h.client.send(new lambda.UntagResourceCommand({ Resource: arn, TagKeys: ["cost", "owner", "absent"] }));
    assert.deepEqual((await h.client.send(new lambda.ListTagsCommand({ Resource: arn }))).Tags, { env: "test" });
    assert.deepEqual((await h.client.send(new lambda.GetFunctionCommand({ FunctionName: name }))).Tags, { env: "test" });
  });

  it("refuse versions and aliases, malformed ARNs, too many tags and unknown functions", async () => {
    const name = uniqueName("tag-checks");
    await createFunction(h, name);
    const arn = `${h.arnPrefix}${name}`;
    await assertLambdaError(
      h.client.send(new lambda.TagResourceCommand({ Resource: `${arn}:1`, Tags: { a: "b" } })),
      invalid("Tags on function aliases and versions are not supported. Please specify a function ARN."),
    );
    await assertLambdaError(h.client.send(new lambda.ListTagsCommand({ Resource: name })), {
      name: "ValidationException",
      status: 400,
      message: /^1 validation error detected: Value '.+' at 'resource' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:\(aws\[a-zA-Z-\]\*\):lambda:/,
    });
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    await assertLambdaError(h.client.send(new lambda.TagResourceCommand({ Resource: arn, Tags: many })), invalid("Number of tags exceeds resource tag limit."));
    await assertLambdaError(h.client.send(new lambda.UntagResourceCommand({ Resource: arn, TagKeys: [] })), {
      name: "ValidationException",
      status: 400,
      message: "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null",
    });
    await assertLambdaError(h.client.send(new lambda.ListTagsCommand({ Resource: `${h.arnPrefix}gone` })), {
      name: "ResourceNotFoundException",
      status: 404,
      message: `Function not found: ${h.arnPrefix}gone`,
    });
  });
});
