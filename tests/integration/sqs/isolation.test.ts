// Team isolation through the gateway: without a queue policy, team B can neither see nor touch team A's queues.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { assertSqsError, counts, createQueue, queueAttributes, queueDoesNotExist, type SqsHarness, startSqs, uniqueName } from "./helpers";

let h: SqsHarness;
let teamB: TestTeam;
let b: sqs.SQSClient;
let name: string;
let url: string;
let handle: string;

before(async () => {
  h = await startSqs();
  teamB = await createTestTeam();
  b = h.clientFor(teamB);
  name = uniqueName("private");
  url = await createQueue(h.client, name, { DelaySeconds: "0" });
  await h.client.send(new sqs.SendMessageBatchCommand({ QueueUrl: url, Entries: ["one", "two"].map((m) => ({ Id: m, MessageBody: m })) }));
  const { Messages = [] } = await h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url }));
  handle = Messages[0]!.ReceiptHandle!;
});
after(() => h.close());

const arn = (queue: string) => `arn:aws:sqs:us-east-1:${h.team.accountId}:${queue}`;
const denied = (action: string, queue = name) => ({
  name: "AccessDenied",
  status: 403,
  message: `User: ${teamB.principal.arn} is not authorized to perform: sqs:${action} on resource: ${arn(queue)} because no resource-based policy allows the sqs:${action} action`,
});

describe("another team", () => {
  it("does not see the queue in listings or by name", async () => {
    const { QueueUrls } = await b.send(new sqs.ListQueuesCommand({ QueueNamePrefix: name }));
    assert.equal(QueueUrls, undefined);
    await assertSqsError(b.send(new sqs.GetQueueUrlCommand({ QueueName: name })), queueDoesNotExist);
    await assertSqsError(b.send(new sqs.GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: h.team.accountId })), denied("getqueueurl"));
  });

  it("cannot read, change or delete anything through the queue's URL", async () => {
    const attempts: [string, () => Promise<unknown>][] = [
      ["getqueueattributes", () => b.send(new sqs.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }))],
      ["setqueueattributes", () => b.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { DelaySeconds: "9" } }))],
      ["sendmessage", () => b.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "intruder" }))],
      ["receivemessage", () => b.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }))],
      ["deletemessage", () => b.send(new sqs.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: handle }))],
      ["changemessagevisibility", () => b.send(new sqs.ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 0 }))],
      ["purgequeue", () => b.send(new sqs.PurgeQueueCommand({ QueueUrl: url }))],
      ["listqueuetags", () => b.send(new sqs.ListQueueTagsCommand({ QueueUrl: url }))],
      ["tagqueue", () => b.send(new sqs.TagQueueCommand({ QueueUrl: url, Tags: { owner: "b" } }))],
      ["deletequeue", () => b.send(new sqs.DeleteQueueCommand({ QueueUrl: url }))],
      ["listdeadlettersourcequeues", () => b.send(new sqs.ListDeadLetterSourceQueuesCommand({ QueueUrl: url }))],
    ];
    for (const [action, attempt] of attempts) await assertSqsError(attempt(), denied(action));
    // Nothing changed.
    assert.deepEqual(await counts(h.client, url), { visible: 1, inFlight: 1, delayed: 0 });
    assert.equal((await queueAttributes(h.client, url, ["DelaySeconds"])).DelaySeconds, "0");
  });

  it("cannot tell a missing queue from an existing one", async () => {
    await assertSqsError(
      b.send(new sqs.SendMessageCommand({ QueueUrl: `${h.gateway.url}/${h.team.accountId}/no-such-queue`, MessageBody: "probe" })),
      denied("sendmessage", "no-such-queue"),
    );
  });

  it("gets its own queue of the same name, separate from ours", async () => {
    const own = await createQueue(b, name);
    assert.equal(own, `${h.gateway.url}/${teamB.accountId}/${name}`);
    await b.send(new sqs.SendMessageCommand({ QueueUrl: own, MessageBody: "B's own" }));
    const { Messages = [] } = await b.send(new sqs.ReceiveMessageCommand({ QueueUrl: own, MaxNumberOfMessages: 10 }));
    assert.deepEqual(Messages.map((m) => m.Body), ["B's own"]);
    // A receipt handle from A's queue means nothing on B's queue of the same name.
    await assertSqsError(b.send(new sqs.DeleteMessageCommand({ QueueUrl: own, ReceiptHandle: handle })), {
      name: "ReceiptHandleIsInvalid",
      status: 404,
      message: `The input receipt handle "${handle}" is not a valid receipt handle.`,
    });
    assert.equal((await counts(h.client, url)).visible + (await counts(h.client, url)).inFlight, 2);
  });

  it("cannot use our queues as dead-letter queues or move their messages", async () => {
    const policy = JSON.stringify({ deadLetterTargetArn: arn(name), maxReceiveCount: 3 });
    await assertSqsError(b.send(new sqs.CreateQueueCommand({ QueueName: uniqueName("b-source"), Attributes: { RedrivePolicy: policy } })), {
      name: "InvalidParameterValue",
      status: 400,
      message: `Value ${policy} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`,
    });
    const notFound = {
      name: "ResourceNotFoundException",
      status: 404,
      message: "The resource that you specified for the SourceArn parameter doesn't exist.",
    };
    await assertSqsError(b.send(new sqs.StartMessageMoveTaskCommand({ SourceArn: arn(name) })), notFound);
    await assertSqsError(b.send(new sqs.ListMessageMoveTasksCommand({ SourceArn: arn(name) })), notFound);
  });
});
