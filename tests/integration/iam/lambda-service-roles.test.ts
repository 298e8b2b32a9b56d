/**
 * Lambda's own service-to-service actions obey IAM as on AWS: Lambda assumes only a role that trusts
 * it, reads event sources and sends asynchronous results as the function's execution role, and SNS
 * invokes a function only when the function's policy lets it. Strict teams are held to it; a
 * permissive team keeps the local-emulator conventions.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DeleteRolePolicyCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import * as lambda from "@aws-sdk/client-lambda";
import * as sns from "@aws-sdk/client-sns";
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { prisma } from "../../../server/db/client";
import { ASYNC_INVOKE_JOB } from "../../../server/services/lambda/invocation/invoke";
import { createServiceRole, trpcAs } from "../../helpers/fixtures";
import { assertLambdaError, createFunction, roleArn, uniqueName } from "../lambda/helpers";
import { type KinesisEsmHarness, startKinesisEsmHarness } from "../lambda-esm/kinesis-harness";
import { counts, waitFor } from "../sqs/helpers";

let h: KinesisEsmHarness;
let iam: IAMClient;
let snsClient: sns.SNSClient;

before(async () => {
  h = await startKinesisEsmHarness();
  const options = { endpoint: h.gateway.url, region: "us-east-1", credentials: h.team, maxAttempts: 1 };
  iam = new IAMClient(options);
  snsClient = new sns.SNSClient(options);
});
after(async () => {
  iam.destroy();
  snsClient.destroy();
  await h.close();
});

const invalid = (message: string | RegExp) => ({ name: "InvalidParameterValueException", status: 400, message });

const policy = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (action: string | string[], resource = "*") => ({ Effect: "Allow", Action: action, Resource: resource });
const deny = (action: string | string[], resource = "*") => ({ Effect: "Deny", Action: action, Resource: resource });

/** A role Lambda may assume, with one inline policy of these statements (its name is the role's name). */
async function lambdaRole(label: string, statements: object[]): Promise<{ arn: string; name: string }> {
  const name = uniqueName(label);
  const arn = await createServiceRole(h.team, name, { policyArns: [] });
  if (statements.length > 0) await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "grants", PolicyDocument: policy(statements) }));
  return { arn, name };
}

/** The team's enforcement mode, changed as its owner would (every process's caches hear of it). */
async function setEnforcement(mode: "strict" | "permissive"): Promise<void> {
  await trpcAs(h.team, { accountId: h.team.accountId }).iam.setEnforcement({ mode });
}

/** A recording function subscribed to a new topic, permitting SNS to invoke it for that topic, another one or none; and how one message's delivery settled. */
async function subscribed(label: string, permit: "topic" | "other" | "none") {
  const fn = await h.recordingFunction(label);
  const TopicArn = (await snsClient.send(new sns.CreateTopicCommand({ Name: uniqueName(label) }))).TopicArn!;
  if (permit !== "none") {
    const SourceArn = permit === "topic" ? TopicArn : `${TopicArn}-other`;
    await h.client.send(new lambda.AddPermissionCommand({ FunctionName: fn.name, StatementId: "sns", Action: "lambda:InvokeFunction", Principal: "sns.amazonaws.com", SourceArn }));
  }
  await snsClient.send(new sns.SubscribeCommand({ TopicArn, Protocol: "lambda", Endpoint: `${h.arnPrefix}${fn.name}` }));
  const { MessageId } = await snsClient.send(new sns.PublishCommand({ TopicArn, Message: `to ${label}` }));
  const delivery = await waitFor(
    `the delivery of ${MessageId} to settle`,
    async () => {
      const row = await prisma().snsDelivery.findFirst({ where: { messageId: MessageId! } });
      return row && row.status !== "pending" ? row : undefined;
    },
    15_000,
  );
  return { fn, delivery };
}

describe("the execution role of CreateFunction and UpdateFunctionConfiguration", () => {
  test("in a strict team the role must exist and trust Lambda; the dead-letter target must be reachable", async () => {
    const name = uniqueName("role-check");
    const cannotAssume = invalid("The role defined for the function cannot be assumed by Lambda.");
    await assertLambdaError(createFunction(h, name, { Role: roleArn(h.team.accountId, uniqueName("never-made")) }), cannotAssume);
    const ec2Role = await createServiceRole(h.team, uniqueName("ec2-role"), { service: "ec2.amazonaws.com" });
    await assertLambdaError(createFunction(h, name, { Role: ec2Role }), cannotAssume);

    const logsOnly = await lambdaRole("logs-only", [allow("logs:*")]);
    const created = await createFunction(h, name, { Role: logsOnly.arn });
    assert.equal(created.Role, logsOnly.arn);
    await assertLambdaError(h.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: name, Role: ec2Role })), cannotAssume);

    const dlq = await h.queue("role-dlq");
    await assertLambdaError(
      h.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: name, DeadLetterConfig: { TargetArn: dlq.arn } })),
      invalid("The provided execution role does not have permissions to call SendMessage on SQS"),
    );
    const sender = await lambdaRole("dlq-sender", [allow("sqs:SendMessage", dlq.arn)]);
    const updated = await h.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: name, Role: sender.arn, DeadLetterConfig: { TargetArn: dlq.arn } }));
    assert.equal(updated.Role, sender.arn);
    assert.equal(updated.DeadLetterConfig?.TargetArn, dlq.arn);
  });
});

describe("event source mappings read as the execution role", () => {
  test("CreateEventSourceMapping needs the SQS read permissions; a later Deny stops the deliveries until it goes", async () => {
    const source = await h.queue("esm-source");
    const reader = await lambdaRole("sqs-reader", [allow("sqs:SendMessage"), allow(["sqs:ReceiveMessage", "sqs:GetQueueAttributes"], source.arn)]);
    const fn = await h.recordingFunction("esm-role", "", { Role: reader.arn });
    await assertLambdaError(
      h.createMapping({ EventSourceArn: source.arn, FunctionName: fn.name, BatchSize: 1 }),
      invalid("The provided execution role does not have permissions to call DeleteMessage on SQS"),
    );

    await iam.send(new PutRolePolicyCommand({ RoleName: reader.name, PolicyName: "grants", PolicyDocument: policy([allow("sqs:SendMessage"), allow("sqs:*", source.arn)]) }));
    const mapping = await h.createMapping({ EventSourceArn: source.arn, FunctionName: fn.name, BatchSize: 1 });
    await h.waitForState(mapping.UUID!, "Enabled");
    await h.sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: "first" }));
    assert.equal((await h.events(fn, 1))[0]!.Records[0]!.body, "first");

    await iam.send(new PutRolePolicyCommand({ RoleName: reader.name, PolicyName: "no-receive", PolicyDocument: policy([deny("sqs:ReceiveMessage", source.arn)]) }));
    await h.sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: "second" }));
    await h.assertNoEvent(fn, 7_000);
    const waiting = await counts(h.sqs, source.url);
    assert.equal(waiting.visible + waiting.inFlight, 1, "the message stays in the queue");

    await iam.send(new DeleteRolePolicyCommand({ RoleName: reader.name, PolicyName: "no-receive" }));
    assert.equal((await h.events(fn, 1))[0]!.Records[0]!.body, "second");
  });

  test("a Kinesis mapping needs the stream read permissions", async () => {
    const stream = await h.stream("esm-stream");
    const recorder = allow("sqs:SendMessage");
    const blind = await lambdaRole("blind", [recorder, allow(["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream"], stream.arn)]);
    const fn = await h.streamFunction("esm-stream-fn", "", { Role: blind.arn });
    await assertLambdaError(
      h.createMapping({ EventSourceArn: stream.arn, FunctionName: fn.name, StartingPosition: "TRIM_HORIZON" }),
      invalid(`Cannot access stream ${stream.arn}. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListShards Actions on your stream in IAM.`),
    );

    const reader = await createServiceRole(h.team, uniqueName("kinesis-reader"), {
      policyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaKinesisExecutionRole", "arn:aws:iam::aws:policy/AmazonSQSFullAccess"],
    });
    await h.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: fn.name, Role: reader }));
    const mapping = await h.createMapping({ EventSourceArn: stream.arn, FunctionName: fn.name, StartingPosition: "TRIM_HORIZON" });
    await h.waitForState(mapping.UUID!, "Enabled");
    await h.put(stream, [{ data: "read" }]);
    const [invocation] = await h.invocations(fn, 1);
    assert.equal(Buffer.from(invocation!.event.Records[0]!.kinesis.data, "base64").toString(), "read");
  });
});

describe("asynchronous invocations send their results as the execution role", () => {
  test("PutFunctionEventInvokeConfig needs the send permission; a send refused later fails the delivery", async () => {
    const destination = await h.queue("on-success");
    const name = uniqueName("async-role");
    const logsOnly = await lambdaRole("async-logs", [allow("logs:*")]);
    await createFunction(h, name, { Role: logsOnly.arn });
    const onSuccess = { OnSuccess: { Destination: destination.arn } };
    await assertLambdaError(
      h.client.send(new lambda.PutFunctionEventInvokeConfigCommand({ FunctionName: name, DestinationConfig: onSuccess })),
      invalid(`The function's execution role does not have permissions to call SendMessage on ${destination.arn}`),
    );

    const sender = await lambdaRole("async-sender", [allow("sqs:SendMessage", destination.arn)]);
    await h.client.send(new lambda.UpdateFunctionConfigurationCommand({ FunctionName: name, Role: sender.arn }));
    await h.client.send(new lambda.PutFunctionEventInvokeConfigCommand({ FunctionName: name, DestinationConfig: onSuccess }));
    await h.client.send(new lambda.InvokeCommand({ FunctionName: name, InvocationType: "Event", Payload: Buffer.from('{"n":1}') }));
    const [record] = (await h.messages(destination, 1)) as { requestContext: { condition: string }; requestPayload: unknown }[];
    assert.equal(record!.requestContext.condition, "Success");
    assert.deepEqual(record!.requestPayload, { n: 1 });

    await iam.send(new PutRolePolicyCommand({ RoleName: sender.name, PolicyName: "no-send", PolicyDocument: policy([deny("sqs:SendMessage", destination.arn)]) }));
    await h.client.send(new lambda.InvokeCommand({ FunctionName: name, InvocationType: "Event", Payload: Buffer.from('{"n":2}') }));
    const failed = await waitFor(
      "the refused delivery to be recorded",
      async () =>
        (await prisma().outboxEvent.findFirst({
          where: { accountId: h.team.accountId, job: ASYNC_INVOKE_JOB, status: "failed", lastError: { contains: `assumed-role/${sender.name}/${name}` } },
        })) ?? undefined,
      30_000,
    );
    assert.match(failed.lastError ?? "", new RegExp(`is not authorized to perform: sqs:SendMessage on resource: ${destination.arn}`));
    const left = await counts(h.sqs, destination.url);
    assert.equal(left.visible + left.inFlight + left.delayed, 0, "nothing reached the destination");
  });
});

describe("SNS invokes a function only when the function's policy lets it", () => {
  test("in a strict team: delivered with a permission for the topic, refused without one (or for another topic)", async () => {
    const permitted = await subscribed("sns-permitted", "topic");
    assert.equal(permitted.delivery.status, "delivered");
    assert.equal((await h.events(permitted.fn, 1)).length, 1);

    for (const permit of ["none", "other"] as const) {
      const refused = await subscribed(`sns-${permit}`, permit);
      assert.equal(refused.delivery.status, "failed");
      assert.equal(refused.delivery.statusCode, 403);
      assert.match(refused.delivery.error ?? "", /^User: sns\.amazonaws\.com is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:/);
      await h.assertNoEvent(refused.fn, 2_000);
    }
  });
});

describe("a permissive team keeps the local-emulator conventions", () => {
  test("a role that was never created may run a function, read its source and send its results; SNS needs no permission", async () => {
    await setEnforcement("permissive");
    try {
      const ghost = roleArn(h.team.accountId, uniqueName("ghost"));
      const source = await h.queue("ghost-source");
      const destination = await h.queue("ghost-destination");
      const fn = await h.recordingFunction("ghost-fn", "", { Role: ghost });
      await h.client.send(new lambda.PutFunctionEventInvokeConfigCommand({ FunctionName: fn.name, DestinationConfig: { OnSuccess: { Destination: destination.arn } } }));
      const mapping = await h.createMapping({ EventSourceArn: source.arn, FunctionName: fn.name, BatchSize: 1 });
      await h.waitForState(mapping.UUID!, "Enabled");
      await h.sqs.send(new SendMessageCommand({ QueueUrl: source.url, MessageBody: "from the source" }));
      assert.equal((await h.events(fn, 1))[0]!.Records[0]!.body, "from the source");

      await h.client.send(new lambda.InvokeCommand({ FunctionName: fn.name, InvocationType: "Event", Payload: Buffer.from("{}") }));
      assert.equal((await h.messages(destination, 1)).length, 1);
      await h.events(fn, 1);

      const unpermitted = await subscribed("sns-permissive", "none");
      assert.equal(unpermitted.delivery.status, "delivered");
    } finally {
      await setEnforcement("strict");
    }
  });
});
