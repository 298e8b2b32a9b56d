/**
 * What IAM policy evaluation costs a gateway request (Stratus only: moto_server does not evaluate
 * policies). A role with a typical policy set — three managed policies (AmazonSQSFullAccess,
 * AWSLambdaBasicExecutionRole, a customer policy denying another queue and any call from outside the
 * local network) and two inline ones (with a condition) — is assumed with STS; then SQS SendMessage is
 * timed through the gateway signed with the team owner's key (a console key acts with its team role:
 * no policy evaluation) and with the role session, taking turns; and `authorizeRequest` itself is timed
 * in this process with warm caches.
 */
import { SendMessageCommand, CreateQueueCommand, DeleteQueueCommand } from "@aws-sdk/client-sqs";
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  IAMClient,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { CallContext, Principal } from "../../server/services/context";
import { assumeRolePolicy } from "../../server/services/iam/trust-policies";
import { warnNotDeleted } from "../lib/cli";
import type { Target } from "../lib/servers";
import { benchClient } from "../lib/sqs-client";
import { failureText, oneAtATime, signedConfig, takingTurns, type Timed } from "./measure";

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

/** The role's policies: [AWS managed policy names], the customer policy, and the inline policies by name. */
function policySet(region: string, accountId: string, runId: string, otherQueueArn: string) {
  return {
    awsManaged: ["arn:aws:iam::aws:policy/AmazonSQSFullAccess", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
    customer: doc(
      { Sid: "NotThatQueue", Effect: "Deny", Action: "sqs:*", Resource: otherQueueArn },
      { Sid: "OnlyFromTheLocalNetwork", Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": ["127.0.0.0/8", "10.0.0.0/8", "::1/128"] } } },
    ),
    inline: {
      "write-own-logs": doc({ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `arn:aws:logs:${region}:${accountId}:log-group:/bench/${runId}:*` }),
      "read-streams-here": doc({
        Effect: "Allow",
        Action: ["kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords"],
        Resource: `arn:aws:kinesis:${region}:${accountId}:stream/bench-*`,
        Condition: { StringEquals: { "aws:RequestedRegion": region } },
      }),
    },
  };
}

export interface PolicySet {
  target: Target;
  iam: IAMClient;
  /** The queue the role may send to, and the one its customer policy denies. */
  queueUrl: string;
  otherQueueUrl: string;
  roleName: string;
  customerPolicyArn: string;
  attached: string[];
  inline: string[];
  session: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
}

/** Creates the queues, the role and its policies with the team owner's key, and assumes the role. */
export async function createPolicySet(target: Target, accountId: string, runId: string): Promise<PolicySet> {
  const name = `bench-auth-${runId}`;
  const iam = new IAMClient(signedConfig(target));
  const sqs = benchClient(target, 1);
  const sts = new STSClient(signedConfig(target));
  try {
    const queueUrl = (await sqs.sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
    const otherQueueUrl = (await sqs.sqs.send(new CreateQueueCommand({ QueueName: `${name}-other` }))).QueueUrl!;
    const set = policySet(target.region, accountId, runId, `arn:aws:sqs:${target.region}:${accountId}:${name}-other`);
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: set.customer }));
    const trust = JSON.stringify(assumeRolePolicy({ AWS: `arn:aws:iam::${accountId}:root` }));
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
    const attached = [...set.awsManaged, Policy!.Arn!];
    for (const PolicyArn of attached) await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn }));
    for (const [PolicyName, PolicyDocument] of Object.entries(set.inline)) await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName, PolicyDocument }));
    const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: "bench" }));
    return {
      target,
      iam,
      queueUrl,
      otherQueueUrl,
      roleName: name,
      customerPolicyArn: Policy!.Arn!,
      attached,
      inline: Object.keys(set.inline),
      session: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! },
    };
  } finally {
    sqs.destroy();
    sts.destroy();
  }
}

export async function deletePolicySet(s: PolicySet): Promise<void> {
  const sqs = benchClient(s.target, 1);
  for (const QueueUrl of [s.queueUrl, s.otherQueueUrl]) await sqs.sqs.send(new DeleteQueueCommand({ QueueUrl })).catch(warnNotDeleted(QueueUrl));
  sqs.destroy();
  for (const PolicyArn of s.attached) await s.iam.send(new DetachRolePolicyCommand({ RoleName: s.roleName, PolicyArn })).catch(warnNotDeleted(PolicyArn));
  for (const PolicyName of s.inline) await s.iam.send(new DeleteRolePolicyCommand({ RoleName: s.roleName, PolicyName })).catch(warnNotDeleted(PolicyName));
  await s.iam.send(new DeleteRoleCommand({ RoleName: s.roleName })).catch(warnNotDeleted(s.roleName));
  await s.iam.send(new DeletePolicyCommand({ PolicyArn: s.customerPolicyArn })).catch(warnNotDeleted(s.customerPolicyArn));
  s.iam.destroy();
}

/** Resolves to the refusal's text; a call that should have been refused and was not fails the workload (the policies are not in force). */
async function refused(call: Promise<unknown>, what: string): Promise<string> {
  const outcome = await call.then(
    () => undefined,
    (e: unknown) => failureText(e),
  );
  if (outcome === undefined) throw new Error(`${what} was allowed, though the role's customer policy denies it`);
  return outcome;
}

export interface GatewayOverhead {
  /** SendMessage round trips (SDK) signed with the team owner's key and with the role session. */
  owner: Timed;
  role: Timed;
  /** What the gateway answered the role session's SendMessage to the denied queue. */
  denied: string;
}

/** SendMessage through the gateway, the two clients taking turns one call at a time. */
export async function gatewayOverhead(s: PolicySet, opts: { warmup: number; count: number }): Promise<GatewayOverhead> {
  const owner = benchClient(s.target, 1);
  const role = benchClient({ ...s.target, credentials: s.session }, 1);
  try {
    const send = (client: typeof owner, QueueUrl: string) => client.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: "bench" }));
    const denied = await refused(send(role, s.otherQueueUrl), "the role session's SendMessage to the other queue");
    const [o, r] = await takingTurns([() => send(owner, s.queueUrl), () => send(role, s.queueUrl)], opts);
    return { owner: o!, role: r!, denied };
  } finally {
    owner.destroy();
    role.destroy();
  }
}

export interface InProcessAuthorization {
  /** authorizeRequest for the role session's SendMessage (policy evaluation) and the owner key's (team role only). */
  role: Timed;
  owner: Timed;
  /** The policies the role's decision evaluated, by source. */
  policies: string[];
  denied: string;
}

/**
 * `authorizeRequest` (server/services/iam/authorize.ts) as the gateway calls it for the same SendMessage,
 * in this process: principals resolved from the same credentials, an IamDecisionData on the bench
 * database whose caches the first call warms.
 */
export async function authorizeInProcess(s: PolicySet, databaseUrl: string, opts: { warmup: number; count: number }): Promise<InProcessAuthorization> {
  // Imported here: server/env must only be read once startRun has pointed the process at the bench database.
  const { createPrisma } = await import("../../server/db/client");
  const { createCredentialResolver } = await import("../../server/services/iam/credentials");
  const { IamDecisionData } = await import("../../server/services/iam/policy-sets");
  const { authorizeRequest } = await import("../../server/services/iam/authorize");
  const { describeRequest } = await import("../../server/services/iam/authorization/request-actions");
  const db = createPrisma(databaseUrl, 2);
  const data = new IamDecisionData(db);
  try {
    const resolve = createCredentialResolver();
    const contextOf = async (accessKeyId: string, sessionToken?: string): Promise<CallContext> => {
      const resolved = await resolve(db, accessKeyId, sessionToken);
      if (!resolved) throw new Error(`${accessKeyId} does not resolve to a principal`);
      const principal: Principal = resolved.principal;
      return { accountId: principal.accountId, region: s.target.region, principal, requestId: "bench-auth", sourceIp: "127.0.0.1", source: "gateway" };
    };
    const role = await contextOf(s.session.accessKeyId, s.session.sessionToken);
    const owner = await contextOf(s.target.credentials.accessKeyId);
    const sendTo = (QueueUrl: string) => describeRequest("sqs", "SendMessage", { QueueUrl, MessageBody: "bench" }, role);
    const request = sendTo(s.queueUrl);
    const check = (ctx: CallContext, r = request) => authorizeRequest(data, ctx, "sqs", () => r, false);
    await check(role);
    const denied = await refused(check(role, sendTo(s.otherQueueUrl)), "authorizeRequest of the role session's SendMessage to the other queue");
    const { policies } = await data.identityPolicies(role.accountId, role.principal.iam!);
    return { role: await oneAtATime(() => check(role), opts), owner: await oneAtATime(() => check(owner), opts), policies: policies.map((p) => p.source), denied };
  } finally {
    await data.close();
    await db.$disconnect();
  }
}
