import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DeleteUserCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedRolePoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  SetDefaultPolicyVersionCommand,
  TagRoleCommand,
  ListRoleTagsCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { prisma } from "../../../server/db/client";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { startGateway, type RunningGateway } from "../gateway/helpers";
import { allowPolicy, clients, rejectsWith, trustAccount } from "./harness";

let gateway: RunningGateway;
let team: TestTeam;
let iam: ReturnType<typeof clients>["iam"];

before(async () => {
  gateway = await startGateway();
  team = await createTestTeam();
  iam = clients(gateway.url, team).iam;
});
after(async () => {
  await gateway.close();
  await prisma().$disconnect();
});

describe("IAM roles through @aws-sdk/client-iam", () => {
  test("CreateRole, GetRole (URL-encoded trust policy), ListRoles with a path prefix, tags, DeleteRole", async () => {
    const created = await iam.send(
      new CreateRoleCommand({ RoleName: "app-role", Path: "/apps/", AssumeRolePolicyDocument: trustAccount(team.accountId), Description: "the app", Tags: [{ Key: "team", Value: "a" }] }),
    );
    assert.equal(created.Role?.Arn, `arn:aws:iam::${team.accountId}:role/apps/app-role`);
    assert.match(created.Role?.RoleId ?? "", /^AROA[A-Z2-7]{17}$/);
    assert.equal(created.Role?.MaxSessionDuration, 3600);

    const got = await iam.send(new GetRoleCommand({ RoleName: "APP-ROLE" }));
    assert.equal(got.Role?.RoleName, "app-role", "role names are matched ignoring case");
    assert.deepEqual(JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!)), JSON.parse(trustAccount(team.accountId)));
    assert.deepEqual(got.Role?.Tags, [{ Key: "team", Value: "a" }]);

    await iam.send(new CreateRoleCommand({ RoleName: "other-role", AssumeRolePolicyDocument: trustAccount(team.accountId) }));
    const listed = await iam.send(new ListRolesCommand({ PathPrefix: "/apps/" }));
    assert.deepEqual(listed.Roles?.map((r) => r.RoleName), ["app-role"]);
    const paged = await iam.send(new ListRolesCommand({ MaxItems: 1 }));
    assert.equal(paged.IsTruncated, true);
    const rest = await iam.send(new ListRolesCommand({ Marker: paged.Marker }));
    assert.deepEqual([...paged.Roles!, ...rest.Roles!].map((r) => r.RoleName), ["app-role", "other-role"]);

    await iam.send(new TagRoleCommand({ RoleName: "app-role", Tags: [{ Key: "team", Value: "b" }, { Key: "env", Value: "dev" }] }));
    assert.deepEqual((await iam.send(new ListRoleTagsCommand({ RoleName: "app-role" }))).Tags, [{ Key: "team", Value: "b" }, { Key: "env", Value: "dev" }]);

    await iam.send(new DeleteRoleCommand({ RoleName: "other-role" }));
    await rejectsWith(iam.send(new GetRoleCommand({ RoleName: "other-role" })), "NoSuchEntityException", 404, /The role with name other-role cannot be found/);
  });

  test("errors: duplicate names (any case), malformed trust policies, DeleteRole with policies", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "dup", AssumeRolePolicyDocument: trustAccount(team.accountId) }));
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: "DUP", AssumeRolePolicyDocument: trustAccount(team.accountId) })), "EntityAlreadyExistsException", 409);
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: "bad", AssumeRolePolicyDocument: "{not json" })), "MalformedPolicyDocumentException", 400);
    // A trust policy must name who may assume the role.
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: "bad", AssumeRolePolicyDocument: allowPolicy("sts:AssumeRole") })), "MalformedPolicyDocumentException", 400);
    await rejectsWith(iam.send(new CreateRoleCommand({ RoleName: "bad name!", AssumeRolePolicyDocument: trustAccount(team.accountId) })), "ValidationError", 400);
    await rejectsWith(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: "dup", PolicyDocument: "[]" })), "MalformedPolicyDocumentException", 400);

    await iam.send(new PutRolePolicyCommand({ RoleName: "dup", PolicyName: "inline", PolicyDocument: allowPolicy("sqs:*") }));
    await rejectsWith(iam.send(new DeleteRoleCommand({ RoleName: "dup" })), "DeleteConflictException", 409, /must delete policies first/);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "dup", PolicyName: "inline" }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: "dup", PolicyArn: "arn:aws:iam::aws:policy/AmazonSQSFullAccess" }));
    await rejectsWith(iam.send(new DeleteRoleCommand({ RoleName: "dup" })), "DeleteConflictException", 409, /must detach all policies first/);
    await iam.send(new DetachRolePolicyCommand({ RoleName: "dup", PolicyArn: "arn:aws:iam::aws:policy/AmazonSQSFullAccess" }));
    await iam.send(new DeleteRoleCommand({ RoleName: "dup" }));
  });
});

describe("managed and inline policies", () => {
  test("CreatePolicy, versions (at most five, default can't be deleted), attach, ListEntitiesForPolicy, DeletePolicy", async () => {
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "queues", PolicyDocument: allowPolicy("sqs:SendMessage"), Description: "send" }));
    const arn = Policy!.Arn!;
    assert.equal(arn, `arn:aws:iam::${team.accountId}:policy/queues`);
    assert.equal(Policy?.DefaultVersionId, "v1");
    assert.match(Policy?.PolicyId ?? "", /^ANPA/);
    await rejectsWith(iam.send(new CreatePolicyCommand({ PolicyName: "queues", PolicyDocument: allowPolicy("sqs:*") })), "EntityAlreadyExistsException", 409);
    await rejectsWith(iam.send(new CreatePolicyCommand({ PolicyName: "p", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:*" }] }) })), "MalformedPolicyDocumentException", 400);

    for (let i = 2; i <= 5; i++) {
      const v = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowPolicy(`sqs:Action${i}`), SetAsDefault: i === 3 }));
      assert.equal(v.PolicyVersion?.VersionId, `v${i}`);
    }
    await rejectsWith(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowPolicy("sqs:*") })), "LimitExceededException", 409, /up to 5 versions/);
    await rejectsWith(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v3" })), "DeleteConflictException", 409, /default version/);
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v1" }));
    const next = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allowPolicy("sqs:*") }));
    assert.equal(next.PolicyVersion?.VersionId, "v6", "version numbers are never reused");
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: "v6" }));
    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    assert.deepEqual(versions.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion]).sort(), [["v2", false], ["v3", false], ["v4", false], ["v5", false], ["v6", true]]);
    const doc = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v6" }));
    assert.deepEqual(JSON.parse(decodeURIComponent(doc.PolicyVersion!.Document!)), JSON.parse(allowPolicy("sqs:*")));

    await iam.send(new CreateRoleCommand({ RoleName: "worker", AssumeRolePolicyDocument: trustAccount(team.accountId) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: "worker", PolicyArn: arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: "worker", PolicyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" }));
    await rejectsWith(iam.send(new AttachRolePolicyCommand({ RoleName: "worker", PolicyArn: `arn:aws:iam::${team.accountId}:policy/missing` })), "NoSuchEntityException", 404);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "worker" }));
    assert.deepEqual(attached.AttachedPolicies?.map((p) => p.PolicyName), ["queues", "AWSLambdaBasicExecutionRole"]);
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount, 1);
    assert.deepEqual((await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }))).PolicyRoles?.map((r) => r.RoleName), ["worker"]);
    const local = await iam.send(new ListPoliciesCommand({ Scope: "Local", OnlyAttached: true }));
    assert.deepEqual(local.Policies?.map((p) => p.PolicyName), ["queues"]);
    const aws = await iam.send(new ListPoliciesCommand({ Scope: "AWS", MaxItems: 1000 }));
    assert.ok(aws.Policies?.some((p) => p.Arn === "arn:aws:iam::aws:policy/AdministratorAccess"));

    await rejectsWith(iam.send(new DeletePolicyCommand({ PolicyArn: arn })), "DeleteConflictException", 409, /attached to entities/);
    await iam.send(new DetachRolePolicyCommand({ RoleName: "worker", PolicyArn: arn }));
    await rejectsWith(iam.send(new DeletePolicyCommand({ PolicyArn: arn })), "DeleteConflictException", 409, /more than one version/);
    for (const v of ["v2", "v3", "v4", "v5"]) await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    await rejectsWith(iam.send(new GetPolicyCommand({ PolicyArn: arn })), "NoSuchEntityException", 404);
  });

  test("inline role policies: put (replace), get, list, delete, and their errors", async () => {
    await iam.send(new CreateRoleCommand({ RoleName: "inline-role", AssumeRolePolicyDocument: trustAccount(team.accountId) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: "inline-role", PolicyName: "a", PolicyDocument: allowPolicy("sqs:ListQueues") }));
    await iam.send(new PutRolePolicyCommand({ RoleName: "inline-role", PolicyName: "a", PolicyDocument: allowPolicy("sqs:*") }));
    await iam.send(new PutRolePolicyCommand({ RoleName: "inline-role", PolicyName: "b", PolicyDocument: allowPolicy("sns:*") }));
    assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: "inline-role" }))).PolicyNames, ["a", "b"]);
    const got = await iam.send(new GetRolePolicyCommand({ RoleName: "inline-role", PolicyName: "a" }));
    assert.equal(got.RoleName, "inline-role");
    assert.deepEqual(JSON.parse(decodeURIComponent(got.PolicyDocument!)), JSON.parse(allowPolicy("sqs:*")));
    await rejectsWith(iam.send(new GetRolePolicyCommand({ RoleName: "inline-role", PolicyName: "zzz" })), "NoSuchEntityException", 404, /role policy with name zzz/);
    await rejectsWith(iam.send(new PutRolePolicyCommand({ RoleName: "nobody", PolicyName: "a", PolicyDocument: allowPolicy("sqs:*") })), "NoSuchEntityException", 404);
    await rejectsWith(
      iam.send(new PutRolePolicyCommand({ RoleName: "inline-role", PolicyName: "c", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Principal: "*", Action: "sqs:*", Resource: "*" } }) })),
      "MalformedPolicyDocumentException",
      400,
    );
  });
});

describe("IAM users and access keys", () => {
  test("CreateUser, keys (at most two), GetUser, DeleteUser only without keys", async () => {
    const { User } = await iam.send(new CreateUserCommand({ UserName: "ci-bot" }));
    assert.equal(User?.Arn, `arn:aws:iam::${team.accountId}:user/ci-bot`);
    assert.match(User?.UserId ?? "", /^AIDA/);
    const first = await iam.send(new CreateAccessKeyCommand({ UserName: "ci-bot" }));
    assert.match(first.AccessKey?.AccessKeyId ?? "", /^AKIA/);
    assert.equal(first.AccessKey?.SecretAccessKey?.length, 40);
    await iam.send(new CreateAccessKeyCommand({ UserName: "ci-bot" }));
    await rejectsWith(iam.send(new CreateAccessKeyCommand({ UserName: "ci-bot" })), "LimitExceededException", 409, /AccessKeysPerUser: 2/);
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: "ci-bot" }));
    assert.equal(keys.AccessKeyMetadata?.length, 2);

    // The user's key authenticates and reports the user.
    const bot = clients(gateway.url, { accessKeyId: first.AccessKey!.AccessKeyId!, secretAccessKey: first.AccessKey!.SecretAccessKey! });
    const self = await bot.iam.send(new GetUserCommand({})).catch((e: Error) => e);
    assert.ok(self instanceof Error, "a user without policies may not even read itself");

    await rejectsWith(iam.send(new DeleteUserCommand({ UserName: "ci-bot" })), "DeleteConflictException", 409, /access keys/);
    for (const key of keys.AccessKeyMetadata!) await iam.send(new DeleteAccessKeyCommand({ UserName: "ci-bot", AccessKeyId: key.AccessKeyId! }));
    await iam.send(new DeleteUserCommand({ UserName: "ci-bot" }));
    await rejectsWith(iam.send(new GetUserCommand({ UserName: "ci-bot" })), "NoSuchEntityException", 404);
  });

  test("a console user's GetUser and ListAccessKeys without a name are about themselves", async () => {
    const me = await iam.send(new GetUserCommand({}));
    assert.equal(me.User?.UserName, team.email);
    const keys = await iam.send(new ListAccessKeysCommand({}));
    assert.deepEqual(keys.AccessKeyMetadata?.map((k) => k.AccessKeyId), [team.accessKeyId]);
  });
});
