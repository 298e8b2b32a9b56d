// Delivery end to end: filter policies (attributes and body scope), functions receiving SNS events, HTTP/S
// retries by the delivery policy and redrive to a dead-letter queue, queues that are gone, and the delivery
// status log that records each outcome.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AddPermissionCommand } from "@aws-sdk/client-lambda";
import * as sns from "@aws-sdk/client-sns";
import { DeleteQueueCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { prisma } from "../../../server/db/client";
import { createFunction, zipOf } from "../lambda/helpers";
import { assertSignedDocument } from "./assertions";
import { LAMBDA_RECORD_FIELDS, NOTIFICATION_FIELDS, unsubscribeUrl, without } from "./fixtures";
import { type HttpReceiver, type ReceivedRequest, type SnsHarness, startReceiver, startSnsHarness, type TestQueue, uniqueName, waitFor } from "./harness";

let h: SnsHarness;
before(async () => {
  h = await startSnsHarness();
});
after(() => h.close());

const publish = (input: sns.PublishCommandInput) => h.sns.send(new sns.PublishCommand(input));
const FAST_RETRIES = JSON.stringify({
  healthyRetryPolicy: {
    minDelayTarget: 1,
    maxDelayTarget: 1,
    numRetries: 2,
    numNoDelayRetries: 2,
    numMinDelayRetries: 0,
    numMaxDelayRetries: 0,
    backoffFunction: "linear",
  },
});

/** Every message the queue has now (one long poll, then short ones until it is drained). */
async function drain(queue: TestQueue): Promise<string[]> {
  const bodies: string[] = [];
  for (let wait = 1; ; wait = 0) {
    const { Messages = [] } = await h.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: wait, VisibilityTimeout: 300, MessageAttributeNames: ["All"] }),
    );
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((m) => m.Body!));
  }
}

/** The delivery status log rows of a message, once none is pending. */
function settledDeliveries(messageId: string, timeoutMs = 15_000) {
  return waitFor(
    `the deliveries of ${messageId} to settle`,
    async () => {
      const rows = await prisma().snsDelivery.findMany({ where: { messageId }, orderBy: { id: "asc" } });
      return rows.length > 0 && rows.every((r) => r.status !== "pending") ? rows : undefined;
    },
    timeoutMs,
  );
}

/** An HTTP subscription, confirmed with the token the receiver got. */
async function confirmedHttp(receiver: HttpReceiver, TopicArn: string, Attributes: Record<string, string>): Promise<string> {
  const { SubscriptionArn } = await h.sns.send(
    new sns.SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: `${receiver.url}/hook`, Attributes, ReturnSubscriptionArn: true }),
  );
  const [confirmation] = await receiver.waitForRequestCount(1);
  const { Token } = JSON.parse(confirmation!.body) as { Token: string };
  await h.sns.send(new sns.ConfirmSubscriptionCommand({ TopicArn, Token }));
  return SubscriptionArn!;
}

const notifications = (receiver: HttpReceiver) => receiver.requests.filter((r) => r.headers["x-amz-sns-message-type"] === "Notification");

describe("filter policies", () => {
  it("deliver only messages whose attributes match", async () => {
    const TopicArn = await h.topic("filter-attributes");
    const queue = await h.queue("filter-attributes");
    await h.subscribeQueue(TopicArn, queue, {
      RawMessageDelivery: "true",
      FilterPolicy: JSON.stringify({ store: ["example_corp"], price: [{ numeric: [">", 10] }], "customer.tier": [{ exists: false }] }),
    });
    const attributes = (store: string, price: string, extra: Record<string, sns.MessageAttributeValue> = {}) => ({
      store: { DataType: "String", StringValue: store },
      price: { DataType: "Number", StringValue: price },
      ...extra,
    });
    await publish({ TopicArn, Message: "wrong store", MessageAttributes: attributes("other_corp", "20") });
    await publish({ TopicArn, Message: "too cheap", MessageAttributes: attributes("example_corp", "5") });
    await publish({ TopicArn, Message: "has a tier", MessageAttributes: attributes("example_corp", "20", { "customer.tier": { DataType: "String", StringValue: "gold" } }) });
    await publish({ TopicArn, Message: "no attributes" });
    await publish({ TopicArn, Message: "match", MessageAttributes: attributes("example_corp", "20.5") });
    assert.deepEqual(await drain(queue), ["match"]);
  });

  it("deliver only messages whose body matches, with the MessageBody scope", async () => {
    const TopicArn = await h.topic("filter-body");
    const queue = await h.queue("filter-body");
    await h.subscribeQueue(TopicArn, queue, {
      RawMessageDelivery: "true",
      FilterPolicyScope: "MessageBody",
      FilterPolicy: JSON.stringify({ order: { kind: ["book"], total: [{ numeric: [">=", 100] }] } }),
    });
    await publish({ TopicArn, Message: JSON.stringify({ order: { kind: "toy", total: 150 } }) });
    await publish({ TopicArn, Message: JSON.stringify({ order: { kind: "book", total: 99 } }) });
    await publish({ TopicArn, Message: "not json at all" });
    // Attributes are not the body: they cannot make a message match.
    await publish({ TopicArn, Message: "{}", MessageAttributes: { kind: { DataType: "String", StringValue: "book" } } });
    const match = JSON.stringify({ order: { kind: "book", total: 100, note: "extra fields are fine" } });
    await publish({ TopicArn, Message: match });
    assert.deepEqual(await drain(queue), [match]);
  });

  it("apply to deliveries by jobs too (HTTP), and leave filtered-out messages out of the delivery log", async () => {
    const receiver = await startReceiver();
    try {
      const TopicArn = await h.topic("filter-http");
      await confirmedHttp(receiver, TopicArn, { RawMessageDelivery: "true", FilterPolicy: JSON.stringify({ kind: ["wanted"] }) });
      const skipped = await publish({ TopicArn, Message: "unwanted", MessageAttributes: { kind: { DataType: "String", StringValue: "other" } } });
      const wanted = await publish({ TopicArn, Message: "wanted", MessageAttributes: { kind: { DataType: "String", StringValue: "wanted" } } });
      const [delivered] = await settledDeliveries(wanted.MessageId!);
      assert.equal(delivered!.status, "delivered");
      assert.deepEqual(
        notifications(receiver).map((r) => r.body),
        ["wanted"],
      );
      assert.deepEqual(await prisma().snsDelivery.findMany({ where: { messageId: skipped.MessageId! } }), []);
    } finally {
      await receiver.close();
    }
  });
});

describe("Lambda subscriptions", () => {
  it("invoke the function with the SNS event record", async () => {
    const name = uniqueName("sns-fn");
    const recorder = await h.queue("sns-fn-events");
    const source =
      "const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');\n" +
      "const sqs = new SQSClient({});\n" +
      "exports.handler = async (event) => {\n" +
      "  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.RECORDER_URL, MessageBody: JSON.stringify(event) }));\n" +
      "};\n";
    const fn = await createFunction(h, name, { Code: { ZipFile: zipOf({ "index.js": source }) }, Environment: { Variables: { RECORDER_URL: recorder.url } } });
    const TopicArn = await h.topic("sns-fn");
    // The team is strict: SNS may invoke only a function whose policy lets it.
    await h.client.send(new AddPermissionCommand({ FunctionName: name, StatementId: "sns", Action: "lambda:InvokeFunction", Principal: "sns.amazonaws.com", SourceArn: TopicArn }));
    const { SubscriptionArn } = await h.sns.send(new sns.SubscribeCommand({ TopicArn, Protocol: "lambda", Endpoint: fn.FunctionArn }));

    const { MessageId } = await publish({
      TopicArn,
      Message: "Hello world.",
      Subject: "[Subject] Test subject",
      MessageAttributes: { attr1: { DataType: "Number", StringValue: "1" }, blob: { DataType: "Binary", BinaryValue: Buffer.from([2, 3, 4]) } },
    });
    const [recorded] = await h.receive(recorder, 1, 30_000);
    const event = JSON.parse(recorded!.Body!) as { Records: { EventSource: string; EventVersion: string; EventSubscriptionArn: string; Sns: Record<string, unknown> }[] };
    assert.equal(event.Records.length, 1);
    const [record] = event.Records;
    assert.equal(record!.EventSource, "aws:sns");
    assert.equal(record!.EventVersion, "1.0");
    assert.equal(record!.EventSubscriptionArn, SubscriptionArn);
    await assertSignedDocument(h, record!.Sns, LAMBDA_RECORD_FIELDS, {
      Type: "Notification",
      MessageId,
      TopicArn,
      Subject: "[Subject] Test subject",
      Message: "Hello world.",
      SignatureVersion: "1",
      UnsubscribeUrl: unsubscribeUrl(SubscriptionArn!),
      MessageAttributes: { attr1: { Type: "Number", Value: "1" }, blob: { Type: "Binary", Value: "AgME" } },
    });

    const [delivery] = await settledDeliveries(MessageId!);
    assert.equal(delivery!.protocol, "lambda");
    assert.equal(delivery!.status, "delivered");
    assert.equal(delivery!.endpoint, fn.FunctionArn);

    // Without a subject the record says null rather than leaving it out.
    await publish({ TopicArn, Message: "no subject" });
    const [second] = await h.receive(recorder, 1, 30_000);
    const bare = (JSON.parse(second!.Body!) as typeof event).Records[0]!.Sns;
    await assertSignedDocument(h, bare, LAMBDA_RECORD_FIELDS, { Subject: null, Message: "no subject", MessageAttributes: {} });
  });

  it("fail the delivery when the function does not exist", async () => {
    const TopicArn = await h.topic("sns-no-fn");
    await h.sns.send(new sns.SubscribeCommand({ TopicArn, Protocol: "lambda", Endpoint: `arn:aws:lambda:us-east-1:${h.team.accountId}:function:${uniqueName("ghost")}` }));
    const { MessageId } = await publish({ TopicArn, Message: "to nobody" });
    const [delivery] = await settledDeliveries(MessageId!);
    assert.equal(delivery!.status, "failed");
    assert.equal(delivery!.attempts, 1);
    assert.equal(delivery!.error, "Function not found");
  });
});

describe("HTTP/S retries and redrive", () => {
  it("retries a failing endpoint as its delivery policy says, then sends the message to the dead-letter queue", async () => {
    const receiver = await startReceiver();
    try {
      receiver.respondWith((r) => (r.headers["x-amz-sns-message-type"] === "Notification" ? 500 : 200));
      const TopicArn = await h.topic("http-redrive");
      const dlq = await h.queue("http-redrive-dlq");
      const SubscriptionArn = await confirmedHttp(receiver, TopicArn, { DeliveryPolicy: FAST_RETRIES, RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) });

      const { MessageId } = await publish({ TopicArn, Message: "doomed", Subject: "Retry me" });
      const [dead] = await h.receive(dlq, 1, 15_000);
      const attempts = notifications(receiver);
      assert.equal(attempts.length, 3, "the first attempt and two retries");
      assert.ok(attempts.every((a: ReceivedRequest) => JSON.parse(a.body).MessageId === MessageId));

      // The dead-letter queue gets what the endpoint would have: the envelope, with the subscription's unsubscribe link.
      await assertSignedDocument(h, JSON.parse(dead!.Body!), without(NOTIFICATION_FIELDS, "MessageAttributes"), {
        Type: "Notification",
        MessageId,
        TopicArn,
        Subject: "Retry me",
        Message: "doomed",
        UnsubscribeURL: unsubscribeUrl(SubscriptionArn),
      });

      const [delivery] = await settledDeliveries(MessageId!);
      assert.equal(delivery!.status, "redriven");
      assert.equal(delivery!.attempts, 3);
      assert.equal(delivery!.statusCode, 500);
      assert.equal(delivery!.subscriptionArn, SubscriptionArn);
      assert.ok(delivery!.finishedAt);
      // No fourth attempt follows.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(notifications(receiver).length, 3);
    } finally {
      await receiver.close();
    }
  });

  it("delivers on a retry after failures, and fails for good without a dead-letter queue", async () => {
    const receiver = await startReceiver();
    try {
      let failuresLeft = 1;
      receiver.respondWith((r) => {
        if (r.headers["x-amz-sns-message-type"] !== "Notification") return 200;
        if (JSON.parse(r.body).Message === "never") return 503;
        return failuresLeft-- > 0 ? 500 : 204;
      });
      const TopicArn = await h.topic("http-retry");
      // Retries a second apart this time, so each waits for its delay.
      const delayed = { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 2, numNoDelayRetries: 0, numMinDelayRetries: 2, numMaxDelayRetries: 0, backoffFunction: "linear" };
      await confirmedHttp(receiver, TopicArn, { DeliveryPolicy: JSON.stringify({ healthyRetryPolicy: delayed }) });

      const recovered = await publish({ TopicArn, Message: "second time lucky" });
      const [ok] = await settledDeliveries(recovered.MessageId!);
      assert.equal(ok!.status, "delivered");
      assert.equal(ok!.attempts, 2);
      assert.equal(ok!.statusCode, 204);
      assert.equal(ok!.error, null);

      const lost = await publish({ TopicArn, Message: "never" });
      const [failed] = await settledDeliveries(lost.MessageId!);
      const tries = notifications(receiver).filter((r) => JSON.parse(r.body).MessageId === lost.MessageId);
      assert.equal(tries.length, 3);
      const gaps = tries.slice(1).map((t, i) => t.receivedAt - tries[i]!.receivedAt);
      assert.ok(gaps.every((gap) => gap >= 900), `retries about a second apart, got ${gaps.join(", ")} ms`);
      assert.equal(failed!.status, "failed");
      assert.equal(failed!.attempts, 3);
      assert.equal(failed!.statusCode, 503);
      assert.equal(failed!.error, "The endpoint answered HTTP 503");
    } finally {
      await receiver.close();
    }
  });
});

describe("unsubscribing", () => {
  it("stops the retries of a delivery in progress", async () => {
    const receiver = await startReceiver();
    try {
      receiver.respondWith((r) => (r.headers["x-amz-sns-message-type"] === "Notification" ? 500 : 200));
      const TopicArn = await h.topic("http-unsubscribed");
      const slow = { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 3, numNoDelayRetries: 0, numMinDelayRetries: 3, numMaxDelayRetries: 0, backoffFunction: "linear" };
      const SubscriptionArn = await confirmedHttp(receiver, TopicArn, { DeliveryPolicy: JSON.stringify({ healthyRetryPolicy: slow }) });
      const { MessageId } = await publish({ TopicArn, Message: "abandoned" });
      await waitFor("the first attempt", () => (notifications(receiver).length === 1 ? true : undefined));
      await h.sns.send(new sns.UnsubscribeCommand({ SubscriptionArn }));
      const [delivery] = await settledDeliveries(MessageId!);
      assert.equal(delivery!.status, "failed");
      assert.equal(delivery!.attempts, 1);
      assert.equal(delivery!.error, "The subscription no longer exists");
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(notifications(receiver).length, 1, "no retry after the unsubscribe");
    } finally {
      await receiver.close();
    }
  });
});

describe("queue subscriptions", () => {
  it("send a message for a queue that is gone to the subscription's dead-letter queue", async () => {
    const TopicArn = await h.topic("gone-queue");
    const queue = await h.queue("gone-queue");
    const dlq = await h.queue("gone-queue-dlq");
    const SubscriptionArn = await h.subscribeQueue(TopicArn, queue, {
      RawMessageDelivery: "true",
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }),
    });
    await publish({ TopicArn, Message: "before" });
    assert.deepEqual(await drain(queue), ["before"]);

    await h.sqs.send(new DeleteQueueCommand({ QueueUrl: queue.url }));
    const { MessageId } = await publish({
      TopicArn,
      Message: "after",
      MessageAttributes: { attr1: { DataType: "Number", StringValue: "111" }, attr2: { DataType: "Binary", BinaryValue: Buffer.from([2, 3, 4]) } },
    });
    const [dead] = await h.receive(dlq, 1);
    assert.equal(dead!.Body, "after", "raw, as the queue would have had it");
    assert.equal(dead!.MessageAttributes?.attr1?.StringValue, "111");
    assert.deepEqual([...dead!.MessageAttributes!.attr2!.BinaryValue!], [2, 3, 4]);

    const [delivery] = await settledDeliveries(MessageId!);
    assert.equal(delivery!.status, "redriven");
    assert.equal(delivery!.subscriptionArn, SubscriptionArn);
    assert.equal(delivery!.error, "The queue does not exist");
  });

  it("record deliveries written at publish time as delivered", async () => {
    const TopicArn = await h.topic("log");
    const queue = await h.queue("log");
    const SubscriptionArn = await h.subscribeQueue(TopicArn, queue);
    const { MessageId } = await publish({ TopicArn, Message: "logged" });
    const [delivery] = await settledDeliveries(MessageId!);
    assert.equal(delivery!.status, "delivered");
    assert.equal(delivery!.attempts, 1);
    assert.equal(delivery!.protocol, "sqs");
    assert.equal(delivery!.endpoint, queue.arn);
    assert.equal(delivery!.topicArn, TopicArn);
    assert.equal(delivery!.subscriptionArn, SubscriptionArn);
  });
});
