// Cross-account access: AddPermission / RemovePermission and the Policy attribute, enforced on another team's calls.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { assertSqsError, createQueue, queueAttributes, type SqsHarness, startSqs, uniqueName } from "./helpers";

let h: SqsHarness;
let teamB: TestTeam;
let b: sqs.SQSClient;

before(async () => {
  h = await startSqs();
  teamB = await createTestTeam();
  b = h.clientFor(teamB);
});
after(() => h.close());

const arnOf = (url: string) => `arn:aws:sqs:us-east-1:${h.team.accountId}:${new URL(url).pathname.split("/")[2]}`;
const denied = (action: string, url: string) => ({
  name: "AccessDenied",
  status: 403,
  message: `User: ${teamB.principal.arn} is not authorized to perform: sqs:${action} on resource: ${arnOf(url)} because no resource-based policy allows the sqs:${action} action`,
});
const addPermission = (QueueUrl: string, Label: string, Actions: string[], AWSAccountIds = [teamB.accountId]) =>
  h.client.send(new sqs.AddPermissionCommand({ QueueUrl, Label, AWSAccountIds, Actions }));

describe("AddPermission / RemovePermission", () => {
  it("lets another account send to the queue, and only send, until the permission is removed", async () => {
    const url = await createQueue(h.client, uniqueName("shared"));
    await assertSqsError(b.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "too early" })), denied("sendmessage", url));

    await addPermission(url, "b-send", ["SendMessage"]);
    const sent = await b.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "from B" }));
    assert.ok(sent.MessageId);
    // SendMessage covers SendMessageBatch, reported as sendmessage.
    await b.send(new sqs.SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: "1", MessageBody: "batched from B" }] }));
    await assertSqsError(b.send(new sqs.ReceiveMessageCommand({ QueueUrl: url })), denied("receivemessage", url));

    const { Messages = [] } = await h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["SenderId"] }));
    assert.deepEqual(Messages.map((m) => [m.Body, m.Attributes?.SenderId]).sort(), [
      ["batched from B", teamB.principal.userId],
      ["from B", teamB.principal.userId],
    ]);

    await h.client.send(new sqs.RemovePermissionCommand({ QueueUrl: url, Label: "b-send" }));
    assert.deepEqual(await queueAttributes(h.client, url, ["Policy"]), {}, "removing the last statement removes the Policy");
    await assertSqsError(b.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "too late" })), denied("sendmessage", url));
  });

  it("writes the Policy attribute as AWS renders it", async () => {
    const url = await createQueue(h.client, uniqueName("policy"));
    await addPermission(url, "one", ["ReceiveMessage"], ["111122223333"]);
    await addPermission(url, "many", ["SendMessage", "GetQueueUrl"], ["111122223333", "444455556666"]);
    const policy: unknown = JSON.parse((await queueAttributes(h.client, url, ["Policy"])).Policy ?? "null");
    assert.deepEqual(policy, {
      Version: "2008-10-17",
      Id: `${arnOf(url)}/SQSDefaultPolicy`,
      Statement: [
        { Sid: "one", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "SQS:ReceiveMessage", Resource: arnOf(url) },
        {
          Sid: "many",
          Effect: "Allow",
          Principal: { AWS: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] },
          Action: ["SQS:SendMessage", "SQS:GetQueueUrl"],
          Resource: arnOf(url),
        },
      ],
    });
  });

  it("never lets another account administer the queue, even with every action granted", async () => {
    const url = await createQueue(h.client, uniqueName("admin"));
    await addPermission(url, "b-all", ["*"]);
    const { QueueUrl } = await b.send(new sqs.GetQueueUrlCommand({ QueueName: new URL(url).pathname.split("/")[2], QueueOwnerAWSAccountId: h.team.accountId }));
    assert.equal(QueueUrl, url);
    await b.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "granted" }));
    const { Messages = [] } = await b.send(new sqs.ReceiveMessageCommand({ QueueUrl: url }));
    assert.equal(Messages[0]?.Body, "granted");
    await b.send(new sqs.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: Messages[0]?.ReceiptHandle }));
    assert.equal((await queueAttributes(b, url, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages, "0");

    await assertSqsError(b.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { DelaySeconds: "5" } })), denied("setqueueattributes", url));
    await assertSqsError(b.send(new sqs.DeleteQueueCommand({ QueueUrl: url })), denied("deletequeue", url));
    await assertSqsError(b.send(new sqs.TagQueueCommand({ QueueUrl: url, Tags: { owner: "b" } })), denied("tagqueue", url));
    await assertSqsError(
      b.send(new sqs.AddPermissionCommand({ QueueUrl: url, Label: "b-grants", AWSAccountIds: [teamB.accountId], Actions: ["SendMessage"] })),
      denied("addpermission", url),
    );
    assert.equal((await queueAttributes(h.client, url, ["DelaySeconds"])).DelaySeconds, "0");
  });
});

describe("the Policy attribute", () => {
  it("is enforced as set, an explicit Deny beating an Allow", async () => {
    const url = await createQueue(h.client, uniqueName("set-policy"));
    const statement = (Sid: string, Effect: string, Action: string) => ({ Sid, Effect, Principal: { AWS: teamB.accountId }, Action, Resource: arnOf(url) });
    const setPolicy = (statements: object[]) =>
      h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) } }));

    await setPolicy([statement("all", "Allow", "sqs:*")]);
    await b.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "allowed" }));
    assert.equal((await b.send(new sqs.ReceiveMessageCommand({ QueueUrl: url }))).Messages?.[0]?.Body, "allowed");

    await setPolicy([statement("all", "Allow", "sqs:*"), statement("no-receive", "Deny", "sqs:ReceiveMessage")]);
    await b.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "still allowed" }));
    await assertSqsError(b.send(new sqs.ReceiveMessageCommand({ QueueUrl: url })), denied("receivemessage", url));

    await h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: "" } }));
    await assertSqsError(b.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "no policy" })), denied("sendmessage", url));
  });
});
