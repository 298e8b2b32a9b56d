// Fan-out: one topic, three queues (one filtered, one raw), each getting exactly the messages it should, plus a
// queue of another account, which must confirm its subscription from the message SNS sends it.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sns from "@aws-sdk/client-sns";
import * as sqs from "@aws-sdk/client-sqs";
import { prisma } from "../../../server/db/client";
import { createQueue, queueAttributes } from "../sqs/helpers";
import { type SnsHarness, startSnsHarness, type TestQueue, uniqueName, waitFor } from "./harness";

let h: SnsHarness;
before(async () => {
  h = await startSnsHarness();
});
after(() => h.close());

const envelopeOf = (message: sqs.Message) => JSON.parse(message.Body!) as { Type: string; MessageId: string; Message: string; Token?: string; TopicArn: string };

describe("fan-out", () => {
  it("delivers one publish to every subscribed queue, each as its subscription asks", async () => {
    const TopicArn = await h.topic("orders");
    const [all, raw, bigOnly] = await Promise.all([h.queue("orders-all"), h.queue("orders-raw"), h.queue("orders-big")]);
    const subscriptions = [
      await h.subscribeQueue(TopicArn, all),
      await h.subscribeQueue(TopicArn, raw, { RawMessageDelivery: "true" }),
      await h.subscribeQueue(TopicArn, bigOnly, { FilterPolicy: JSON.stringify({ total: [{ numeric: [">=", 1000] }] }) }),
    ];

    const small = await h.sns.send(
      new sns.PublishCommand({ TopicArn, Message: "small order", MessageAttributes: { total: { DataType: "Number", StringValue: "25" } } }),
    );
    const big = await h.sns.send(
      new sns.PublishCommand({ TopicArn, Message: "big order", MessageAttributes: { total: { DataType: "Number", StringValue: "2500" } } }),
    );

    const fromAll = await h.receive(all, 2);
    assert.deepEqual(fromAll.map((m) => envelopeOf(m).MessageId).sort(), [small.MessageId, big.MessageId].sort());
    const fromRaw = await h.receive(raw, 2);
    assert.deepEqual(fromRaw.map((m) => m.Body).sort(), ["big order", "small order"]);
    assert.ok(fromRaw.every((m) => m.MessageAttributes?.total?.DataType === "Number"));
    const fromBig = await h.receive(bigOnly, 1);
    assert.equal(envelopeOf(fromBig[0]!).MessageId, big.MessageId);
    // Each envelope names its own subscription in its unsubscribe link.
    assert.ok(fromAll[0]!.Body!.includes(encodeURIComponent(subscriptions[0]!)));
    assert.ok(fromBig[0]!.Body!.includes(encodeURIComponent(subscriptions[2]!)));

    // Nothing else arrives: each queue holds exactly what it received.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const [queue, received] of [
      [all, 2],
      [raw, 2],
      [bigOnly, 1],
    ] as [TestQueue, number][]) {
      const attributes = await queueAttributes(h.sqs, queue.url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
      assert.deepEqual([attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible], ["0", String(received)]);
    }

    // The delivery log: three copies of the big order, two of the small one.
    const rows = await prisma().snsDelivery.findMany({ where: { messageId: { in: [small.MessageId!, big.MessageId!] } } });
    assert.equal(rows.filter((r) => r.messageId === big.MessageId).length, 3);
    assert.equal(rows.filter((r) => r.messageId === small.MessageId).length, 2);
    assert.ok(rows.every((r) => r.status === "delivered"));
  });

  it("asks another account's queue to confirm, and delivers only once it has", async () => {
    const other = await h.otherTeam();
    const otherSqs = new sqs.SQSClient({ endpoint: h.gateway.url, region: "us-east-1", credentials: other.team, maxAttempts: 1 });
    try {
      const url = await createQueue(otherSqs, uniqueName("elsewhere"));
      const queue: TestQueue = { url, arn: (await queueAttributes(otherSqs, url, ["QueueArn"])).QueueArn! };
      const TopicArn = await h.topic("cross-account");
      const { SubscriptionArn } = await h.sns.send(new sns.SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: queue.arn }));
      assert.equal(SubscriptionArn, "pending confirmation");
      await h.sns.send(new sns.PublishCommand({ TopicArn, Message: "before confirmation" }));

      const confirmation = await waitFor("the confirmation in the other account's queue", async () => {
        const { Messages = [] } = await otherSqs.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
        return Messages[0];
      });
      const body = envelopeOf(confirmation);
      assert.equal(body.Type, "SubscriptionConfirmation");
      assert.equal(body.TopicArn, TopicArn);
      await otherSqs.send(new sqs.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: confirmation.ReceiptHandle! }));

      // The queue's owner confirms, with the token, against the topic of the first account.
      const otherSns = new sns.SNSClient({ endpoint: h.gateway.url, region: "us-east-1", credentials: other.team, maxAttempts: 1 });
      const confirmed = await otherSns.send(new sns.ConfirmSubscriptionCommand({ TopicArn, Token: body.Token! }));
      otherSns.destroy();
      assert.match(confirmed.SubscriptionArn!, new RegExp(`^${TopicArn}:`));

      await h.sns.send(new sns.PublishCommand({ TopicArn, Message: "after confirmation" }));
      const { Messages = [] } = await otherSqs.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }));
      assert.deepEqual(
        Messages.map((m) => envelopeOf(m).Message),
        ["after confirmation"],
      );
    } finally {
      otherSqs.destroy();
    }
  });
});
