// Publish and PublishBatch through the SDK: what queues receive (SNS's signed envelope, or raw bodies with SQS
// message attributes), per-protocol messages, AWS's checks on messages, subjects and attributes, batches, FIFO
// topics (ordering, deduplication), and direct publishes to phone numbers and platform endpoints.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import * as sns from "@aws-sdk/client-sns";
import type { Message } from "@aws-sdk/client-sqs";
import { prisma } from "../../../server/db/client";
import { counts } from "../sqs/helpers";
import { assertSignedDocument } from "./assertions";
import { FIFO_NOTIFICATION_FIELDS, NOTIFICATION_FIELDS, unsubscribeUrl, without } from "./fixtures";
import { assertSnsError, type SnsHarness, startSnsHarness, type TestQueue, uniqueName, waitFor } from "./harness";

let h: SnsHarness;
before(async () => {
  h = await startSnsHarness();
});
after(() => h.close());

const INVALID = { name: "InvalidParameterException", status: 400 };
const INVALID_VALUE = { name: "InvalidParameterValueException", status: 400 };
const publish = (input: sns.PublishCommandInput) => h.sns.send(new sns.PublishCommand(input));
const publishBatch = (TopicArn: string, PublishBatchRequestEntries: sns.PublishBatchRequestEntry[]) =>
  h.sns.send(new sns.PublishBatchCommand({ TopicArn, PublishBatchRequestEntries }));
const body = (message: Message) => JSON.parse(message.Body!) as Record<string, unknown>;

/** A topic with one queue subscribed to it. */
async function topicWithQueue(label: string, subscription?: Record<string, string>, fifo = false) {
  const TopicArn = await h.topic(label, fifo ? { FifoTopic: "true" } : undefined);
  const queue = await h.queue(label, fifo ? { FifoQueue: "true" } : undefined);
  const SubscriptionArn = await h.subscribeQueue(TopicArn, queue, subscription);
  return { TopicArn, queue, SubscriptionArn };
}

/** Waits briefly and asserts the queue holds nothing at all. */
async function assertEmpty(queue: TestQueue, settleMs = 300): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  assert.deepEqual(await counts(h.sqs, queue.url), { visible: 0, inFlight: 0, delayed: 0 });
}

/** Team outbox items for a message, once there are any. */
function outboxItems(messageId: string) {
  return waitFor(`outbox items of ${messageId}`, async () => {
    const items = await prisma().snsOutboxItem.findMany({ where: { accountId: h.team.accountId, messageId } });
    return items.length > 0 ? items : undefined;
  });
}

const ATTRIBUTES: Record<string, sns.MessageAttributeValue> = {
  store: { DataType: "String", StringValue: "example_corp" },
  price: { DataType: "Number", StringValue: "99.12" },
  blob: { DataType: "Binary", BinaryValue: Buffer.from([2, 3, 4]) },
  sizes: { DataType: "String.Array", StringValue: '["S","M"]' },
};

describe("publishing to queues", () => {
  it("wraps the message in SNS's signed envelope, attributes as {Type, Value}", async () => {
    const { TopicArn, queue, SubscriptionArn } = await topicWithQueue("envelope");
    const { MessageId, SequenceNumber } = await publish({ TopicArn, Message: "Test msg", Subject: "Orders", MessageAttributes: ATTRIBUTES });
    assert.match(MessageId!, /^[0-9a-f-]{36}$/);
    assert.equal(SequenceNumber, undefined);

    const [message] = await h.receive(queue, 1);
    assert.deepEqual(message!.MessageAttributes, undefined, "the attributes travel in the body");
    assert.equal(message!.Attributes?.SenderId, "AIDAIT2UOQQY3AUEKVGXU");
    const envelope = body(message!);
    await assertSignedDocument(h, envelope, NOTIFICATION_FIELDS, {
      Type: "Notification",
      MessageId,
      TopicArn,
      Subject: "Orders",
      Message: "Test msg",
      UnsubscribeURL: unsubscribeUrl(SubscriptionArn),
      MessageAttributes: {
        store: { Type: "String", Value: "example_corp" },
        price: { Type: "Number", Value: "99.12" },
        blob: { Type: "Binary", Value: "AgME" },
        sizes: { Type: "String.Array", Value: '["S","M"]' },
      },
    });
    assert.match(String(envelope.Timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    // Without a subject or attributes, those fields are left out (and the signature still verifies).
    await publish({ TopicArn, Message: "plain" });
    const plain = body((await h.receive(queue, 1))[0]!);
    await assertSignedDocument(h, plain, without(NOTIFICATION_FIELDS, "Subject", "MessageAttributes"), { Type: "Notification", TopicArn, Message: "plain" });
  });

  it("delivers raw messages as published, with the attributes as SQS message attributes", async () => {
    const { TopicArn, queue } = await topicWithQueue("raw", { RawMessageDelivery: "true" });
    await publish({ TopicArn, Message: '{"raw": "body"}', Subject: "ignored when raw", MessageAttributes: ATTRIBUTES });
    const [message] = await h.receive(queue, 1);
    assert.equal(message!.Body, '{"raw": "body"}');
    assert.equal(message!.MessageAttributes?.store?.DataType, "String");
    assert.equal(message!.MessageAttributes?.store?.StringValue, "example_corp");
    assert.equal(message!.MessageAttributes?.price?.DataType, "Number");
    assert.equal(message!.MessageAttributes?.price?.StringValue, "99.12");
    assert.equal(message!.MessageAttributes?.blob?.DataType, "Binary");
    assert.deepEqual([...message!.MessageAttributes!.blob!.BinaryValue!], [2, 3, 4]);
    assert.equal(message!.MessageAttributes?.sizes?.DataType, "String.Array");
    assert.equal(message!.MessageAttributes?.sizes?.StringValue, '["S","M"]');
    assert.match(message!.MD5OfMessageAttributes!, /^[0-9a-f]{32}$/);
  });

  it("gives each protocol its own message with MessageStructure=json", async () => {
    const { TopicArn, queue } = await topicWithQueue("structure");
    const sms = await h.sns.send(new sns.SubscribeCommand({ TopicArn, Protocol: "sms", Endpoint: "+15555550111" }));
    assert.ok(sms.SubscriptionArn);
    const { MessageId } = await publish({
      TopicArn,
      MessageStructure: "json",
      Message: JSON.stringify({ default: "for everyone", sqs: '{"field": "value"}', sms: "short text", lambda: 42 }),
    });
    assert.equal(body((await h.receive(queue, 1))[0]!).Message, '{"field": "value"}');
    const [text] = await outboxItems(MessageId!);
    assert.equal(text!.protocol, "sms");
    assert.equal(text!.destination, "+15555550111");
    assert.equal(text!.body, "short text");

    // A non-string entry is ignored, so the queue gets the default.
    await publish({ TopicArn, MessageStructure: "json", Message: JSON.stringify({ default: "default field", sqs: { not: "a string" } }) });
    assert.equal(body((await h.receive(queue, 1))[0]!).Message, "default field");
  });

  it("refuses bad MessageStructure=json messages", async () => {
    const TopicArn = await h.topic("bad-structure");
    await assertSnsError(publish({ TopicArn, MessageStructure: "json", Message: '{"sqs": "no default"}' }), {
      ...INVALID,
      message: "Invalid parameter: Message Structure - No default entry in JSON message body",
    });
    await assertSnsError(publish({ TopicArn, MessageStructure: "json", Message: '{"default": 1}' }), {
      ...INVALID,
      message: "Invalid parameter: Message Structure - No default entry in JSON message body",
    });
    await assertSnsError(publish({ TopicArn, MessageStructure: "json", Message: "{not json" }), {
      ...INVALID,
      message: "Invalid parameter: Message Structure - JSON message body failed to parse",
    });
    await assertSnsError(publish({ TopicArn, MessageStructure: "xml", Message: "<a/>" }), { ...INVALID, message: "Invalid parameter: MessageStructure" });
  });
});

describe("message checks", () => {
  it("applies the subject rules", async () => {
    const { TopicArn, queue } = await topicWithQueue("subjects");
    for (const Subject of ["", " leading space", "line\nbreak", "tab\there", "ünïcödé", "x".repeat(101)]) {
      await assertSnsError(publish({ TopicArn, Message: "m", Subject }), { ...INVALID, message: "Invalid parameter: Subject" });
    }
    const longest = `!${"x".repeat(98)}`;
    await publish({ TopicArn, Message: "m", Subject: longest });
    assert.equal(body((await h.receive(queue, 1))[0]!).Subject, longest);
  });

  it("refuses empty and oversized messages (attributes count toward the size)", async () => {
    const { TopicArn, queue, SubscriptionArn } = await topicWithQueue("sizes");
    await assertSnsError(publish({ TopicArn, Message: "" }), { ...INVALID, message: "Invalid parameter: Empty message" });
    await assertSnsError(publish({ TopicArn, Message: "x".repeat(262_145) }), { ...INVALID, message: "Invalid parameter: Message too long" });
    await assertSnsError(publish({ TopicArn, Message: "x".repeat(262_140), MessageAttributes: { a: { DataType: "String", StringValue: "12345" } } }), {
      ...INVALID,
      message: "Invalid parameter: Message too long",
    });
    await assertEmpty(queue);
    // Exactly 256 KiB is allowed (raw, so the queue's own limit is not crossed by the envelope).
    await h.sns.send(new sns.SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: "RawMessageDelivery", AttributeValue: "true" }));
    await publish({ TopicArn, Message: "y".repeat(262_144) });
    assert.equal((await h.receive(queue, 1))[0]!.Body!.length, 262_144);
  });

  it("refuses bad message attributes with ParameterValueInvalid", async () => {
    const { TopicArn, queue } = await topicWithQueue("bad-attributes");
    const cases: [Record<string, sns.MessageAttributeValue>, string][] = [
      [{ attr1: { DataType: "String" } }, "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'."],
      [{ attr1: { DataType: "String", StringValue: "" } }, "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'."],
      [{ attr1: { DataType: "Binary" } }, "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'Binary'."],
      [{ attr1: { DataType: "String", BinaryValue: Buffer.from("x") } }, "The message attribute 'attr1' with type 'String' must use field 'String'."],
      [{ attr1: { DataType: "Number", BinaryValue: Buffer.from("x") } }, "The message attribute 'attr1' with type 'Number' must use field 'String'."],
      [{ attr1: { DataType: "Binary", StringValue: "x" } }, "The message attribute 'attr1' with type 'Binary' must use field 'Binary'."],
      [
        { attr1: { DataType: "Text", StringValue: "x" } },
        "The message attribute 'attr1' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
      ],
      [{ ["a".repeat(257)]: { DataType: "String", StringValue: "x" } }, "Length of message attribute name must be less than 256 bytes."],
      [
        { "with^caret": { DataType: "String", StringValue: "x" } },
        "Invalid non-alphanumeric character '#x5E' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.",
      ],
      [{ ".leading": { DataType: "String", StringValue: "x" } }, "Invalid message attribute name starting with character '.' was found."],
      [{ "trailing.": { DataType: "String", StringValue: "x" } }, "Invalid message attribute name ending with character '.' was found."],
      [{ "two..dots": { DataType: "String", StringValue: "x" } }, "Message attribute name can not have successive '.' character."],
      [{ count: { DataType: "Number", StringValue: "twelve" } }, "Could not cast message attribute 'count' value to number."],
    ];
    for (const [MessageAttributes, message] of cases) {
      await assertSnsError(publish({ TopicArn, Message: "m", MessageAttributes }), { ...INVALID_VALUE, message });
    }
    await assertEmpty(queue);
  });

  it("needs exactly one destination", async () => {
    const TopicArn = await h.topic("destinations");
    await assertSnsError(publish({ Message: "nowhere" }), { ...INVALID, message: /TopicArn or TargetArn/ });
    await assertSnsError(publish({ TopicArn, PhoneNumber: "+15555550100", Message: "two places" }), { ...INVALID, message: /Only one of/ });
    // A topic ARN is a valid TargetArn too.
    const queue = await h.queue("destinations");
    await h.subscribeQueue(TopicArn, queue);
    const { MessageId } = await publish({ TargetArn: TopicArn, Message: "by target" });
    assert.equal(body((await h.receive(queue, 1))[0]!).MessageId, MessageId);
  });
});

describe("PublishBatch", () => {
  it("publishes every entry in order and answers each entry's message ID", async () => {
    const { TopicArn, queue } = await topicWithQueue("batch", { RawMessageDelivery: "true" });
    const { Successful = [], Failed = [] } = await publishBatch(TopicArn, [
      { Id: "1", Message: "Test Message with one attribute", MessageAttributes: { attr1: { DataType: "Number", StringValue: "19.12" } } },
      { Id: "2", Message: "Test Message without attribute" },
      { Id: "three_3", Message: "Test Message with subject", Subject: "Hello" },
    ]);
    assert.deepEqual(Failed, []);
    assert.deepEqual(
      Successful.map((s) => s.Id),
      ["1", "2", "three_3"],
    );
    assert.ok(Successful.every((s) => /^[0-9a-f-]{36}$/.test(s.MessageId!) && s.SequenceNumber === undefined));
    const received = await h.receive(queue, 3);
    assert.deepEqual(received.map((m) => m.Body).sort(), ["Test Message with one attribute", "Test Message with subject", "Test Message without attribute"]);
    const withAttribute = received.find((m) => m.Body === "Test Message with one attribute")!;
    assert.deepEqual(withAttribute.MessageAttributes, { attr1: { DataType: "Number", StringValue: "19.12" } });
  });

  it("fails the whole request when an entry is invalid, publishing none of it", async () => {
    const { TopicArn, queue } = await topicWithQueue("batch-invalid");
    const good = { Id: "good", Message: "fine" };
    await assertSnsError(publishBatch(TopicArn, [good, { Id: "bad", Message: "m", MessageAttributes: { attr1: { DataType: "String" } } }]), {
      ...INVALID_VALUE,
      message: "The message attribute 'attr1' must contain non-empty message attribute value for message attribute type 'String'.",
    });
    await assertSnsError(publishBatch(TopicArn, [good, { Id: "bad", Message: '{"sqs":"x"}', MessageStructure: "json" }]), {
      ...INVALID,
      message: "Invalid parameter: Message Structure - No default entry in JSON message body",
    });
    await assertSnsError(publishBatch(TopicArn, [good, { Id: "bad", Message: "" }]), { ...INVALID, message: "Invalid parameter: Empty message" });
    await assertEmpty(queue);
  });

  it("refuses empty, oversized and badly identified batches", async () => {
    const TopicArn = await h.topic("batch-errors");
    const entry = (Id: string) => ({ Id, Message: `message ${Id}` });
    await assertSnsError(publishBatch(TopicArn, []), { name: "EmptyBatchRequestException", status: 400 });
    await assertSnsError(publishBatch(TopicArn, Array.from({ length: 11 }, (_, i) => entry(String(i)))), {
      name: "TooManyEntriesInBatchRequestException",
      status: 400,
      message: "The batch request contains more entries than permissible.",
    });
    await assertSnsError(publishBatch(TopicArn, [entry("same"), entry("same")]), {
      name: "BatchEntryIdsNotDistinctException",
      status: 400,
      message: "Two or more batch entries in the request have the same Id.",
    });
    await assertSnsError(publishBatch(TopicArn, [entry("not valid!")]), { name: "InvalidBatchEntryIdException", status: 400 });
    await assertSnsError(publishBatch(TopicArn, [{ Id: "a", Message: "x".repeat(150_000) }, { Id: "b", Message: "y".repeat(150_000) }]), {
      name: "BatchRequestTooLongException",
      status: 400,
      message: "The length of all the messages put together is more than the limit.",
    });
    await assertSnsError(publishBatch(`${TopicArn}-missing`, [entry("1")]), { name: "NotFoundException", status: 404, message: "Topic does not exist" });
  });
});

describe("FIFO topics", () => {
  it("keeps each group's order into a FIFO queue, numbering messages, with unsigned envelopes", async () => {
    const { TopicArn, queue } = await topicWithQueue("fifo-order", undefined, true);
    const published: { group: string; n: number; MessageId: string; SequenceNumber: string }[] = [];
    for (let n = 0; n < 6; n++) {
      const group = n % 2 === 0 ? "even" : "odd";
      const { MessageId, SequenceNumber } = await publish({ TopicArn, Message: `${group}-${n}`, MessageGroupId: group, MessageDeduplicationId: `dedup-${n}` });
      published.push({ group, n, MessageId: MessageId!, SequenceNumber: SequenceNumber! });
    }
    const sequence = published.map((p) => BigInt(p.SequenceNumber));
    assert.ok(sequence.every((s, i) => i === 0 || s > sequence[i - 1]!), "sequence numbers rise");

    const received = await h.receive(queue, 6);
    for (const group of ["even", "odd"]) {
      const mine = received.filter((m) => m.Attributes?.MessageGroupId === group).map((m) => body(m));
      assert.deepEqual(
        mine.map((e) => e.Message),
        published.filter((p) => p.group === group).map((p) => `${p.group}-${p.n}`),
      );
    }
    const first = received.find((m) => body(m).Message === "even-0")!;
    assert.equal(first.Attributes?.MessageDeduplicationId, "dedup-0");
    const envelope = body(first);
    assert.deepEqual(Object.keys(envelope), without(FIFO_NOTIFICATION_FIELDS, "Subject", "MessageAttributes"));
    assert.equal(envelope.MessageId, published[0]!.MessageId);
    assert.equal(envelope.SequenceNumber, published[0]!.SequenceNumber);
  });

  it("deduplicates by MessageDeduplicationId within five minutes: the duplicate answers the original's IDs", async () => {
    const { TopicArn, queue } = await topicWithQueue("fifo-dedup", { RawMessageDelivery: "true" }, true);
    const first = await publish({ TopicArn, Message: "once", MessageGroupId: "g", MessageDeduplicationId: "same-id" });
    const again = await publish({ TopicArn, Message: "twice?", MessageGroupId: "g", MessageDeduplicationId: "same-id" });
    assert.equal(again.MessageId, first.MessageId);
    assert.equal(again.SequenceNumber, first.SequenceNumber);
    // The same ID inside a batch is a duplicate too.
    const batch = await publishBatch(TopicArn, [
      { Id: "dup", Message: "thrice?", MessageGroupId: "g", MessageDeduplicationId: "same-id" },
      { Id: "new", Message: "new one", MessageGroupId: "g", MessageDeduplicationId: "other-id" },
    ]);
    assert.equal(batch.Successful?.[0]?.MessageId, first.MessageId);
    assert.notEqual(batch.Successful?.[1]?.MessageId, first.MessageId);
    assert.match(batch.Successful?.[1]?.SequenceNumber ?? "", /^\d+$/);

    const received = await h.receive(queue, 2);
    assert.deepEqual(
      received.map((m) => m.Body),
      ["once", "new one"],
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(await counts(h.sqs, queue.url), { visible: 0, inFlight: 2, delayed: 0 }, "only the two received");
  });

  it("deduplicates by content when the topic says so (SHA-256 of the message)", async () => {
    const TopicArn = await h.topic("fifo-content", { FifoTopic: "true", ContentBasedDeduplication: "true" });
    const queue = await h.queue("fifo-content", { FifoQueue: "true" });
    await h.subscribeQueue(TopicArn, queue);
    const first = await publish({ TopicArn, Message: "Test", MessageGroupId: "g" });
    const same = await publish({ TopicArn, Message: "Test", MessageGroupId: "other-group" });
    const different = await publish({ TopicArn, Message: "Test 2", MessageGroupId: "g" });
    assert.equal(same.MessageId, first.MessageId);
    assert.notEqual(different.MessageId, first.MessageId);
    const received = await h.receive(queue, 2);
    assert.deepEqual(
      received.map((m) => body(m).Message),
      ["Test", "Test 2"],
    );
    assert.equal(received[0]!.Attributes?.MessageDeduplicationId, createHash("sha256").update("Test").digest("hex"));
    assert.equal(received[0]!.Attributes?.MessageDeduplicationId, "532eaabd9574880dbf76b9b8cc00832c20a6ec113d682299550d7a6e0f345e25");
  });

  it("checks FIFO fields", async () => {
    const fifo = await h.topic("fifo-checks", { FifoTopic: "true" });
    await assertSnsError(publish({ TopicArn: fifo, Message: "m", MessageDeduplicationId: "d" }), {
      ...INVALID,
      message: "Invalid parameter: The MessageGroupId parameter is required for FIFO topics",
    });
    await assertSnsError(publish({ TopicArn: fifo, Message: "m", MessageGroupId: "g" }), {
      ...INVALID,
      message: "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
    });
    await assertSnsError(publish({ TopicArn: fifo, Message: "m", MessageGroupId: "g", MessageDeduplicationId: "has space" }), INVALID);
    await assertSnsError(publish({ TopicArn: fifo, Message: "m", MessageGroupId: "x".repeat(129), MessageDeduplicationId: "d" }), INVALID);
    await assertSnsError(publishBatch(fifo, [{ Id: "1", Message: "m", MessageDeduplicationId: "d" }]), {
      ...INVALID,
      message: "Invalid parameter: The MessageGroupId parameter is required for FIFO topics",
    });
    const standard = await h.topic("fifo-checks-standard");
    await assertSnsError(publish({ TopicArn: standard, Message: "m", MessageDeduplicationId: "d" }), {
      ...INVALID,
      message: "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type",
    });
  });
});

describe("direct publishes", () => {
  it("texts a phone number: the SMS lands in the outbox", async () => {
    const { MessageId } = await publish({ PhoneNumber: "+1 (555) 555-0199", Message: "Your code is 1234" });
    const [item] = await outboxItems(MessageId!);
    assert.equal(item!.protocol, "sms");
    assert.equal(item!.destination, "+15555550199");
    assert.equal(item!.body, "Your code is 1234");
    assert.equal(item!.topicArn, null);
    for (const PhoneNumber of ["+1a234", "NAA+15551234567", "5551234567"]) {
      await assertSnsError(publish({ PhoneNumber, Message: "m" }), { ...INVALID, message: `Invalid parameter: PhoneNumber Reason: ${PhoneNumber} is not valid to publish to` });
    }
  });

  it("pushes to a platform endpoint (its platform's entry of a JSON message), refusing disabled and unknown endpoints", async () => {
    const { PlatformApplicationArn } = await h.sns.send(
      new sns.CreatePlatformApplicationCommand({ Name: uniqueName("push"), Platform: "GCM", Attributes: { PlatformCredential: "server-key" } }),
    );
    const { EndpointArn } = await h.sns.send(new sns.CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: uniqueName("device"), CustomUserData: "user-7" }));
    const { Attributes } = await h.sns.send(new sns.GetEndpointAttributesCommand({ EndpointArn }));
    assert.equal(Attributes?.Enabled, "true");
    assert.equal(Attributes?.CustomUserData, "user-7");

    const plain = await publish({ TargetArn: EndpointArn, Message: "plain push" });
    const [pushed] = await outboxItems(plain.MessageId!);
    assert.equal(pushed!.protocol, "application");
    assert.equal(pushed!.destination, EndpointArn);
    assert.equal(pushed!.body, "plain push");

    const gcm = JSON.stringify({ notification: { title: "Hi" } });
    const structured = await publish({ TargetArn: EndpointArn, MessageStructure: "json", Message: JSON.stringify({ default: "fallback", GCM: gcm }) });
    assert.equal((await outboxItems(structured.MessageId!))[0]!.body, gcm);

    await h.sns.send(new sns.SetEndpointAttributesCommand({ EndpointArn, Attributes: { Enabled: "false" } }));
    await assertSnsError(publish({ TargetArn: EndpointArn, Message: "nobody home" }), { name: "EndpointDisabledException", status: 400, message: "Endpoint is disabled" });

    const unknown = EndpointArn!.replace(/[0-9a-f-]{36}$/, "00000000-0000-0000-0000-000000000000");
    await assertSnsError(publish({ TargetArn: unknown, Message: "m" }), {
      ...INVALID,
      message: "Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified",
    });
  });
});
