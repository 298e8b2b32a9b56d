// The console's tRPC procedures: the same operations as the gateway (shared data, AWS errors mapped to tRPC codes),
// the console read models, and team roles (a viewer can look but not act).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { TRPCError } from "@trpc/server";
import { prisma } from "../../../server/db/client";
import { isAwsError } from "../../../server/errors";
import { newAccessKeyId, newSecretAccessKey, storeAccessKey } from "../../../server/services/accounts/access-keys";
import { flushQueueMetrics } from "../../../server/services/sqs/metrics";
import { createTestUser, trpcAs, type TestUser } from "../../helpers/fixtures";
import { assertSqsError, type SqsHarness, startSqs, uniqueName } from "./helpers";

let h: SqsHarness;
let owner: ReturnType<typeof trpcAs>;
let viewerUser: TestUser;
let viewer: ReturnType<typeof trpcAs>;
let viewerSdk: sqs.SQSClient;

before(async () => {
  h = await startSqs();
  owner = trpcAs(h.team, { accountId: h.team.accountId });
  viewerUser = await createTestUser("viewer");
  await prisma().membership.create({ data: { accountId: h.team.accountId, userId: viewerUser.userId, role: "viewer" } });
  viewer = trpcAs(viewerUser, { accountId: h.team.accountId });
  const key = { accessKeyId: newAccessKeyId(), secretAccessKey: newSecretAccessKey() };
  await storeAccessKey(prisma(), { accountId: h.team.accountId, userId: viewerUser.userId, ...key });
  viewerSdk = h.clientFor(key);
});
after(() => h.close());

/** Asserts a tRPC call fails with `code`, caused by the AWS error `awsCode`. */
async function assertTrpcError(call: Promise<unknown>, code: TRPCError["code"], awsCode: string): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof TRPCError, `expected a TRPCError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.ok(isAwsError(e.cause), "caused by an AWS error");
    assert.equal(e.cause.code, awsCode);
    return true;
  });
}

describe("sqs over tRPC", () => {
  it("runs the same operations on the same queues as the gateway", async () => {
    const name = uniqueName("console");
    const { QueueUrl } = await owner.sqs.createQueue({ QueueName: name, Attributes: { VisibilityTimeout: "45" }, tags: { via: "console" } });
    assert.match(QueueUrl, new RegExp(`/${h.team.accountId}/${name}$`));
    const { QueueUrls = [] } = await owner.sqs.listQueues({ QueueNamePrefix: name });
    assert.deepEqual(QueueUrls, [QueueUrl]);

    const sent = await owner.sqs.sendMessage({ QueueUrl, MessageBody: "from the console", MessageAttributes: { a: { DataType: "String", StringValue: "1" } } });
    // The console's URL names the queue for the SDK too, whatever host it carries.
    const { Messages = [] } = await h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ["All"] }));
    assert.equal(Messages[0]?.MessageId, sent.MessageId);
    assert.equal(Messages[0]?.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    await owner.sqs.deleteMessage({ QueueUrl, ReceiptHandle: Messages[0]!.ReceiptHandle! });

    await h.client.send(new sqs.SendMessageCommand({ QueueUrl, MessageBody: "from the SDK" }));
    const received = await owner.sqs.receiveMessage({ QueueUrl, MessageSystemAttributeNames: ["SenderId"] });
    assert.equal(received.Messages?.[0]?.Body, "from the SDK");
    assert.equal(received.Messages?.[0]?.Attributes?.SenderId, h.team.principal.userId);

    const { Attributes } = await owner.sqs.getQueueAttributes({ QueueUrl, AttributeNames: ["VisibilityTimeout", "ApproximateNumberOfMessagesNotVisible"] });
    assert.deepEqual(Attributes, { VisibilityTimeout: "45", ApproximateNumberOfMessagesNotVisible: "1" });
    assert.deepEqual((await owner.sqs.listQueueTags({ QueueUrl })).Tags, { via: "console" });

    const audited = await prisma().auditEvent.findMany({ where: { accountId: h.team.accountId, action: "sqs:CreateQueue" } });
    assert.ok(audited.some((e) => e.success && e.userId === h.team.userId), "mutations are audited");
  });

  it("maps AWS errors onto tRPC codes, keeping the AWS error as the cause", async () => {
    await assertTrpcError(owner.sqs.getQueueUrl({ QueueName: "no-such-queue" }), "BAD_REQUEST", "QueueDoesNotExist");
    const { QueueUrl } = await owner.sqs.createQueue({ QueueName: uniqueName("console-err") });
    await owner.sqs.purgeQueue({ QueueUrl });
    await assertTrpcError(owner.sqs.purgeQueue({ QueueUrl }), "FORBIDDEN", "PurgeQueueInProgress");
    await assertTrpcError(owner.sqs.deleteMessage({ QueueUrl, ReceiptHandle: "garbage" }), "NOT_FOUND", "ReceiptHandleIsInvalid");
  });

  it("serves the console's queue summaries and per-minute metrics", async () => {
    const name = uniqueName("summary");
    const { QueueUrl } = await owner.sqs.createQueue({ QueueName: name });
    await owner.sqs.sendMessageBatch({ QueueUrl, Entries: ["a", "b", "c"].map((id) => ({ Id: id, MessageBody: id })) });
    const { Messages = [] } = await owner.sqs.receiveMessage({ QueueUrl });
    await owner.sqs.deleteMessage({ QueueUrl, ReceiptHandle: Messages[0]!.ReceiptHandle });

    const summary = (await owner.sqs.listQueueSummaries()).find((q) => q.name === name);
    assert.deepEqual(
      summary && { type: summary.type, visible: summary.visible, notVisible: summary.notVisible, delayed: summary.delayed, url: summary.url },
      { type: "Standard", visible: 2, notVisible: 0, delayed: 0, url: QueueUrl },
    );

    await flushQueueMetrics();
    const minutes = await owner.sqs.queueMetrics({ QueueUrl, minutes: 5 });
    assert.equal(minutes.length, 5);
    const total = (metric: "sent" | "received" | "deleted") => minutes.reduce((sum, m) => sum + m[metric], 0);
    assert.deepEqual({ sent: total("sent"), received: total("received"), deleted: total("deleted") }, { sent: 3, received: 1, deleted: 1 });
  });
});

describe("roles", () => {
  it("lets a viewer list and inspect queues, but not send, receive or change them", async () => {
    const { QueueUrl } = await owner.sqs.createQueue({ QueueName: uniqueName("viewed") });
    await owner.sqs.sendMessage({ QueueUrl, MessageBody: "look, don't touch" });

    assert.ok((await viewer.sqs.listQueues({})).QueueUrls?.includes(QueueUrl));
    assert.equal((await viewer.sqs.getQueueAttributes({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] })).Attributes.ApproximateNumberOfMessages, "1");
    assert.ok((await viewer.sqs.listQueueSummaries()).some((q) => q.url === QueueUrl));

    await assertTrpcError(viewer.sqs.sendMessage({ QueueUrl, MessageBody: "no" }), "FORBIDDEN", "AccessDenied");
    await assertTrpcError(viewer.sqs.receiveMessage({ QueueUrl }), "FORBIDDEN", "AccessDenied");
    await assertTrpcError(viewer.sqs.purgeQueue({ QueueUrl }), "FORBIDDEN", "AccessDenied");
    await assertTrpcError(viewer.sqs.createQueue({ QueueName: uniqueName("viewer-made") }), "FORBIDDEN", "AccessDenied");
    await assertTrpcError(viewer.sqs.deleteQueue({ QueueUrl }), "FORBIDDEN", "AccessDenied");
    assert.equal((await owner.sqs.getQueueAttributes({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] })).Attributes.ApproximateNumberOfMessages, "1");
  });

  it("holds a viewer's access key to the same rules on the gateway", async () => {
    const { QueueUrl } = await owner.sqs.createQueue({ QueueName: uniqueName("viewed-sdk") });
    const { QueueUrls = [] } = await viewerSdk.send(new sqs.ListQueuesCommand({}));
    assert.ok(QueueUrls.some((url) => url.endsWith(new URL(QueueUrl).pathname)));
    await assertSqsError(viewerSdk.send(new sqs.SendMessageCommand({ QueueUrl, MessageBody: "no" })), {
      name: "AccessDenied",
      status: 403,
      message: /^User: arn:aws:iam::\d{12}:user\/.+ is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:us-east-1:\d{12}:[\w-]+ \(requires the developer role or higher\)$/,
    });
  });

  it("refuses callers who are not in the team", async () => {
    const outsider = await createTestUser("outsider");
    await assert.rejects(trpcAs(outsider, { accountId: h.team.accountId }).sqs.listQueues({}), (e: unknown) => e instanceof TRPCError && e.code === "NOT_FOUND");
  });
});
