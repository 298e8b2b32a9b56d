import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateQueueCommand, DeleteQueueCommand, ListQueuesCommand, SendMessageCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { prisma } from "../../../server/db/client";
import { createCredentialResolver } from "../../../server/services/iam/credentials";
import { issueRoleSession } from "../../../server/services/sts/role-sessions";
import { createTestTeam, trpcAs, type TestTeam } from "../../helpers/fixtures";
import { startGateway, type RunningGateway } from "../gateway/helpers";
import { allowPolicy, assume, clients, rejectsWith, trustAccount } from "./harness";

let gateway: RunningGateway;
let team: TestTeam;
let admin: ReturnType<typeof clients>;

before(async () => {
  gateway = await startGateway();
  team = await createTestTeam();
  admin = clients(gateway.url, team);
});
after(async () => {
  await gateway.close();
  await prisma().$disconnect();
});

let roles = 0;
/** A fresh role trusting the team's account, with `inline` as its inline policy (if any). */
async function role(inline?: string, trust = trustAccount(team.accountId)): Promise<string> {
  const name = `role-${++roles}`;
  const { Role } = await admin.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
  if (inline) await admin.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "inline", PolicyDocument: inline }));
  return Role!.Arn!;
}

const queueArn = (name: string, accountId = team.accountId) => `arn:aws:sqs:us-east-1:${accountId}:${name}`;

describe("STS AssumeRole", () => {
  test("issues ASIA credentials acting as the assumed role, as GetCallerIdentity reports", async () => {
    const arn = await role();
    const out = await admin.sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: "alice", DurationSeconds: 900 }));
    assert.match(out.Credentials?.AccessKeyId ?? "", /^ASIA/);
    assert.ok(out.Credentials!.Expiration!.getTime() - Date.now() <= 900_000);
    const name = arn.split("/").pop();
    assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${team.accountId}:assumed-role/${name}/alice`);
    const session = clients(gateway.url, { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! });
    const who = await session.sts.send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, out.AssumedRoleUser?.Arn);
    assert.equal(who.UserId, out.AssumedRoleUser?.AssumedRoleId);
  });

  test("refuses a role whose trust policy does not name the caller, a role that does not exist (strict), and too long a session", async () => {
    const foreign = await role(undefined, trustAccount("999999999999"));
    await rejectsWith(admin.sts.send(new AssumeRoleCommand({ RoleArn: foreign, RoleSessionName: "s1" })), "AccessDenied", 403, /not authorized to perform: sts:AssumeRole/);
    await rejectsWith(admin.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${team.accountId}:role/never-made`, RoleSessionName: "s1" })), "AccessDenied", 403);
    await rejectsWith(admin.sts.send(new AssumeRoleCommand({ RoleArn: await role(), RoleSessionName: "s1", DurationSeconds: 7200 })), "ValidationError", 400, /MaxSessionDuration/);
    await rejectsWith(admin.sts.send(new AssumeRoleCommand({ RoleArn: await role(), RoleSessionName: "s1", Policy: "{" })), "MalformedPolicyDocumentException", 400);
  });
});

describe("policies decide what role sessions may do", () => {
  test("no policy: implicit deny; an attached AWS managed policy takes effect at once", async () => {
    const arn = await role();
    const session = clients(gateway.url, await assume(gateway.url, team, arn));
    await rejectsWith(session.sqs.send(new ListQueuesCommand({})), "AccessDenied", 403, /is not authorized to perform: sqs:ListQueues because no identity-based policy allows the sqs:ListQueues action/);
    await admin.iam.send(new AttachRolePolicyCommand({ RoleName: arn.split("/").pop(), PolicyArn: "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess" }));
    await session.sqs.send(new ListQueuesCommand({}));
    await rejectsWith(session.sqs.send(new CreateQueueCommand({ QueueName: "nope" })), "AccessDenied", 403);
  });

  test("resource ARNs scope an Allow; an explicit Deny wins over it", async () => {
    const { QueueUrl: mine } = await admin.sqs.send(new CreateQueueCommand({ QueueName: "scoped-mine" }));
    const { QueueUrl: theirs } = await admin.sqs.send(new CreateQueueCommand({ QueueName: "scoped-theirs" }));
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "sqs:*", Resource: queueArn("scoped-*") },
        { Effect: "Deny", Action: ["sqs:DeleteQueue", "sqs:SendMessage"], Resource: queueArn("scoped-theirs") },
      ],
    });
    const session = clients(gateway.url, await assume(gateway.url, team, await role(policy)));
    await session.sqs.send(new SendMessageCommand({ QueueUrl: mine, MessageBody: "ok" }));
    await rejectsWith(session.sqs.send(new SendMessageCommand({ QueueUrl: theirs, MessageBody: "no" })), "AccessDenied", 403, /with an explicit deny in an identity-based policy/);
    await rejectsWith(session.sqs.send(new DeleteQueueCommand({ QueueUrl: theirs })), "AccessDenied", 403);
    await session.sqs.send(new SetQueueAttributesCommand({ QueueUrl: theirs, Attributes: { VisibilityTimeout: "40" } }));
    const stored = await prisma().sqsMessage.count({ where: { queue: { accountId: team.accountId, name: "scoped-theirs" } } });
    assert.equal(stored, 0, "a denied SendMessage stores nothing");
  });

  test("a session policy narrows what the role allows", async () => {
    const arn = await role(allowPolicy("sqs:*"));
    const session = clients(gateway.url, await assume(gateway.url, team, arn, { Policy: allowPolicy("sqs:ListQueues") }));
    await session.sqs.send(new ListQueuesCommand({}));
    await rejectsWith(session.sqs.send(new CreateQueueCommand({ QueueName: "narrowed" })), "AccessDenied", 403, /because no session policy allows the sqs:CreateQueue action/);
  });

  test("conditions on aws: keys are evaluated (SourceIp)", async () => {
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "sqs:*", Resource: "*" },
        { Effect: "Deny", Action: "sqs:CreateQueue", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "127.0.0.0/8" } } },
      ],
    });
    const session = clients(gateway.url, await assume(gateway.url, team, await role(policy)));
    await session.sqs.send(new ListQueuesCommand({}));
    await rejectsWith(session.sqs.send(new CreateQueueCommand({ QueueName: "from-loopback" })), "AccessDenied", 403);
  });

  test("sts:AssumeRole itself must be allowed to a role session", async () => {
    const first = clients(gateway.url, await assume(gateway.url, team, await role(allowPolicy("sqs:*"))));
    const target = await role();
    await rejectsWith(first.sts.send(new AssumeRoleCommand({ RoleArn: target, RoleSessionName: "chain" })), "AccessDenied", 403, /sts:AssumeRole/);
    const chaining = clients(gateway.url, await assume(gateway.url, team, await role(allowPolicy("sts:AssumeRole", target))));
    await chaining.sts.send(new AssumeRoleCommand({ RoleArn: target, RoleSessionName: "chain" }));
  });
});

describe("IAM users, team viewers and enforcement modes", () => {
  test("an IAM user's key acts with the user's policies", async () => {
    await admin.iam.send(new CreateUserCommand({ UserName: "deployer" }));
    await admin.iam.send(new AttachUserPolicyCommand({ UserName: "deployer", PolicyArn: "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess" }));
    const { AccessKey } = await admin.iam.send(new CreateAccessKeyCommand({ UserName: "deployer" }));
    const user = clients(gateway.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    assert.equal((await user.sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${team.accountId}:user/deployer`);
    await user.sqs.send(new ListQueuesCommand({}));
    await rejectsWith(user.sqs.send(new CreateQueueCommand({ QueueName: "by-deployer" })), "AccessDenied", 403, /user\/deployer is not authorized to perform: sqs:CreateQueue/);
  });

  test("GetCallerIdentity and GetSessionToken need no permission: a user with no policies, or denied everything, may call both", async () => {
    const keyOf = async (userName: string) => {
      await admin.iam.send(new CreateUserCommand({ UserName: userName }));
      const { AccessKey } = await admin.iam.send(new CreateAccessKeyCommand({ UserName: userName }));
      return clients(gateway.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    };
    const bare = await keyOf("no-policies");
    const denied = await keyOf("denied-all");
    const denyAll = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] });
    await admin.iam.send(new PutUserPolicyCommand({ UserName: "denied-all", PolicyName: "deny", PolicyDocument: denyAll }));
    for (const [user, name] of [[bare, "no-policies"], [denied, "denied-all"]] as const) {
      assert.equal((await user.sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${team.accountId}:user/${name}`);
      const { Credentials } = await user.sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
      assert.match(Credentials?.AccessKeyId ?? "", /^ASIA/);
      // The session has the user's rights and no more: nothing else is allowed.
      await rejectsWith(user.sqs.send(new ListQueuesCommand({})), "AccessDenied", 403);
    }
  });

  test("a team viewer's key may read but not change", async () => {
    const viewer = await createTestTeam({ role: "viewer" });
    const client = clients(gateway.url, viewer);
    await client.sqs.send(new ListQueuesCommand({}));
    await rejectsWith(client.sqs.send(new CreateQueueCommand({ QueueName: "by-viewer" })), "AccessDenied", 403);
    await rejectsWith(client.iam.send(new CreateRoleCommand({ RoleName: "by-viewer", AssumeRolePolicyDocument: trustAccount(viewer.accountId) })), "AccessDenied", 403);
  });

  test("permissive teams let sessions of roles that were never created act with full access; strict ones refuse them", async () => {
    const permissive = await createTestTeam();
    await prisma().team.update({ where: { accountId: permissive.accountId }, data: { iamEnforcement: "permissive" } });
    const ghost = `arn:aws:iam::${permissive.accountId}:role/ghost`;
    const session = clients(gateway.url, await assume(gateway.url, permissive, ghost));
    await session.sqs.send(new CreateQueueCommand({ QueueName: "by-ghost" }));

    // Switching the team to strict takes the ghost role's access away (the setting is announced like any IAM change).
    await trpcAs(permissive, { accountId: permissive.accountId }).iam.setEnforcement({ mode: "strict" });
    await rejectsWith(session.sqs.send(new ListQueuesCommand({})), "AccessDenied", 403);
  });
});

describe("principal ARNs under a path", () => {
  // IAM paths may hold any printable ASCII between the slashes; the role or user is the ARN's last part.
  const path = "/team#a/ops/";
  const pathedRole = async (name: string) => {
    const { Role } = await admin.iam.send(new CreateRoleCommand({ RoleName: name, Path: path, AssumeRolePolicyDocument: trustAccount(team.accountId) }));
    await admin.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "inline", PolicyDocument: allowPolicy("sqs:ListQueues") }));
    return Role!.Arn!;
  };

  test("such a role can be assumed, and its session acts with the role's policies", async () => {
    const arn = await pathedRole("pathed");
    assert.equal(arn, `arn:aws:iam::${team.accountId}:role${path}pathed`);
    const session = clients(gateway.url, await assume(gateway.url, team, arn));
    assert.equal((await session.sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:sts::${team.accountId}:assumed-role/pathed/test-session`);
    await session.sqs.send(new ListQueuesCommand({}));
    await rejectsWith(session.sqs.send(new CreateQueueCommand({ QueueName: "by-pathed" })), "AccessDenied", 403, /assumed-role\/pathed\/test-session/);
  });

  test("such a user's GetSessionToken session acts with the user's policies", async () => {
    await admin.iam.send(new CreateUserCommand({ UserName: "pathed-user", Path: path }));
    await admin.iam.send(new PutUserPolicyCommand({ UserName: "pathed-user", PolicyName: "inline", PolicyDocument: allowPolicy("sqs:ListQueues") }));
    const { AccessKey } = await admin.iam.send(new CreateAccessKeyCommand({ UserName: "pathed-user" }));
    const user = clients(gateway.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    const { Credentials } = await user.sts.send(new GetSessionTokenCommand({}));
    const session = clients(gateway.url, { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey!, sessionToken: Credentials!.SessionToken! });
    assert.equal((await session.sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${team.accountId}:user${path}pathed-user`);
    await session.sqs.send(new ListQueuesCommand({}));
    await rejectsWith(session.sqs.send(new CreateQueueCommand({ QueueName: "by-pathed-user" })), "AccessDenied", 403);
  });

  test("SimulatePrincipalPolicy takes such a role's ARN, but not a session's or another account's", async () => {
    const arn = await pathedRole("pathed-sim");
    const simulate = (PolicySourceArn: string) => admin.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn, ActionNames: ["sqs:ListQueues", "sqs:CreateQueue"] }));
    const { EvaluationResults } = await simulate(arn);
    assert.deepEqual(EvaluationResults?.map((r) => r.EvalDecision), ["allowed", "implicitDeny"]);
    const session = `arn:aws:sts::${team.accountId}:assumed-role/pathed-sim/s1`;
    await rejectsWith(simulate(session), "InvalidInputException", 400, /Invalid PolicySourceArn/);
    await rejectsWith(simulate("arn:aws:iam::999999999999:role/team#a/ops/pathed-sim"), "InvalidInputException", 400, /Invalid PolicySourceArn/);
  });
});

describe("a web identity session's condition keys", () => {
  test("decide on every request while the session lives, and an expired or deleted session is refused", async () => {
    const amr = "cognito-identity.amazonaws.com:amr";
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "sqs:ListQueues", Resource: "*", Condition: { "ForAnyValue:StringEquals": { [amr]: "authenticated" } } }],
    });
    const roleArn = await role(policy);
    const session = async (context?: Record<string, string[]>) => {
      const c = await issueRoleSession(prisma(), { accountId: team.accountId, roleArn, sessionName: "web", durationSeconds: 900, context });
      return { credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken }, accessKeyId: c.accessKeyId };
    };
    const quick = await startGateway({ resolveCredential: createCredentialResolver({ cacheTtlMs: 100 }) });
    try {
      const signedIn = await session({ [amr]: ["authenticated"] });
      const guest = await session({ [amr]: ["unauthenticated"] });
      const client = clients(quick.url, signedIn.credentials);
      for (let i = 0; i < 3; i++) await client.sqs.send(new ListQueuesCommand({}));
      await rejectsWith(clients(quick.url, guest.credentials).sqs.send(new ListQueuesCommand({})), "AccessDenied", 403);

      const cacheExpiry = () => new Promise((resolve) => setTimeout(resolve, 150));
      await prisma().sessionCredential.update({ where: { accessKeyId: signedIn.accessKeyId }, data: { expiresAt: new Date(Date.now() - 1000) } });
      await cacheExpiry();
      await rejectsWith(client.sqs.send(new ListQueuesCommand({})), "ExpiredToken", 403);
      await prisma().sessionCredential.delete({ where: { accessKeyId: signedIn.accessKeyId } });
      await cacheExpiry();
      await rejectsWith(client.sqs.send(new ListQueuesCommand({})), "InvalidClientTokenId", 403);
    } finally {
      await quick.close();
    }
  });
});

describe("cross-account access needs the resource policy too", () => {
  test("a role allowed sqs:SendMessage on another team's queue is refused until the queue policy lets it in", async () => {
    const other = await createTestTeam();
    const otherAdmin = clients(gateway.url, other);
    const { QueueUrl } = await otherAdmin.sqs.send(new CreateQueueCommand({ QueueName: "shared" }));
    const arn = await role(allowPolicy("sqs:SendMessage", queueArn("shared", other.accountId)));
    const session = clients(gateway.url, await assume(gateway.url, team, arn));
    await rejectsWith(session.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "x" })), "AccessDenied", 403);
    const queuePolicy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: arn }, Action: "sqs:SendMessage", Resource: queueArn("shared", other.accountId) }],
    });
    await otherAdmin.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: queuePolicy } }));
    await session.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "x" }));
  });
});
