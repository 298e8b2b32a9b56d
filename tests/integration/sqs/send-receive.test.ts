// Standard queues through the SDK: send and receive, message attributes and their MD5s, system attributes, delays, retention, concurrent consumers.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { prisma } from "../../../server/db/client";
import { pgPool } from "../../../server/db/pool";
import { sqsMaintenance } from "../../../server/services/sqs/maintenance";
import { counts, createQueue, md5, queueId, type SqsHarness, startSqs, uniqueName } from "./helpers";

let h: SqsHarness;

before(async () => {
  h = await startSqs();
});
after(() => h.close());

const send = (QueueUrl: string, input: Omit<sqs.SendMessageCommandInput, "QueueUrl">) => h.client.send(new sqs.SendMessageCommand({ QueueUrl, ...input }));
const receive = (QueueUrl: string, input: Omit<sqs.ReceiveMessageCommandInput, "QueueUrl"> = {}) =>
  h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl, ...input })).then((r) => r.Messages ?? []);

describe("message attribute digests", () => {
  // Vectors recorded against AWS (see the SQS reference).
  it("MD5OfMessageAttributes matches AWS for String attributes, over only the attributes returned", async () => {
    const url = await createQueue(h.client, uniqueName("md5"));
    const sent = await send(url, {
      MessageBody: "msg",
      MessageAttributes: {
        Hello: { DataType: "String", StringValue: "There" },
        General: { DataType: "String", StringValue: "Kenobi" },
        "Help.Me": { DataType: "String", StringValue: "Me" },
      },
    });
    assert.equal(sent.MD5OfMessageBody, "6e2baaf3b97dbeef01c0043275f9a0e7");
    assert.equal(sent.MD5OfMessageAttributes, "4c360f3fdafd970e05fae2f149d997f5");

    const expectations: [string[], string, string[]][] = [
      [["All"], "4c360f3fdafd970e05fae2f149d997f5", ["General", "Hello", "Help.Me"]],
      [["General", "Hello"], "fca026605781cb4126a1e9044df24232", ["General", "Hello"]],
      [["Hello", "Unknown"], "a311262e065454b75da111d535b8dacd", ["Hello"]],
      [["Hello", "Help.*"], "83fee93c1bcd8b9a5a923ffacdc636c7", ["Hello", "Help.Me"]],
      [[".*"], "4c360f3fdafd970e05fae2f149d997f5", ["General", "Hello", "Help.Me"]],
    ];
    for (const [names, digest, returned] of expectations) {
      const [message] = await receive(url, { MessageAttributeNames: names, VisibilityTimeout: 0 });
      assert.ok(message, `a message for ${names.join(",")}`);
      assert.deepEqual(Object.keys(message.MessageAttributes ?? {}).sort(), returned, names.join(","));
      assert.equal(message.MD5OfMessageAttributes, digest, names.join(","));
    }
    const [bare] = await receive(url, { VisibilityTimeout: 0 });
    assert.equal(bare?.MessageAttributes, undefined, "no attributes unless asked for");
    assert.equal(bare?.MD5OfMessageAttributes, undefined);
  });

  it("matches AWS for Binary attributes and round-trips custom types", async () => {
    const url = await createQueue(h.client, uniqueName("md5-bin"));
    const binary = Buffer.from("traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01", "latin1");
    const sent = await send(url, { MessageBody: "test", MessageAttributes: { attr1: { DataType: "Binary", BinaryValue: binary } } });
    assert.equal(sent.MD5OfMessageBody, "098f6bcd4621d373cade4e832627b4f6");
    assert.equal(sent.MD5OfMessageAttributes, "8cbe4db156db8a94db8b801b7addb984");

    const custom = {
      price: { DataType: "Number.float", StringValue: "-1.5e3" },
      image: { DataType: "Binary.gif", BinaryValue: Buffer.from([0, 255, 1, 254]) },
      note: { DataType: "String.json", StringValue: '{"ü":"✓"}' },
    };
    const sentCustom = await send(url, { MessageBody: "custom", MessageAttributes: custom });
    const messages = await receive(url, { MaxNumberOfMessages: 10, MessageAttributeNames: ["All"] });
    const got = messages.find((m) => m.Body === "custom");
    assert.ok(got);
    assert.equal(got.MD5OfMessageAttributes, sentCustom.MD5OfMessageAttributes);
    assert.deepEqual(got.MessageAttributes?.price, { DataType: "Number.float", StringValue: "-1.5e3" });
    assert.deepEqual(got.MessageAttributes?.note, { DataType: "String.json", StringValue: '{"ü":"✓"}' });
    assert.equal(got.MessageAttributes?.image?.DataType, "Binary.gif");
    assert.deepEqual(Buffer.from(got.MessageAttributes?.image?.BinaryValue ?? []), Buffer.from([0, 255, 1, 254]));
    const original = messages.find((m) => m.Body === "test");
    assert.deepEqual(Buffer.from(original?.MessageAttributes?.attr1?.BinaryValue ?? []), binary);
  });

  it("digests AWSTraceHeader as MD5OfMessageSystemAttributes and returns it as a system attribute", async () => {
    const url = await createQueue(h.client, uniqueName("trace"));
    const header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    const sent = await send(url, { MessageBody: "traced", MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: header } } });
    // Same algorithm as for user attributes, over the one system attribute.
    const bytes = Buffer.concat([
      lengthPrefixed("AWSTraceHeader"),
      lengthPrefixed("String"),
      Buffer.from([1]),
      lengthPrefixed(header),
    ]);
    assert.equal(sent.MD5OfMessageSystemAttributes, md5(bytes));
    assert.equal(sent.MD5OfMessageAttributes, undefined);
    const [message] = await receive(url, { MessageSystemAttributeNames: ["AWSTraceHeader"] });
    assert.deepEqual(message?.Attributes, { AWSTraceHeader: header });
  });
});

function lengthPrefixed(text: string): Buffer {
  const value = Buffer.from(text, "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(value.length);
  return Buffer.concat([length, value]);
}

describe("send and receive", () => {
  it("round-trips bodies of any allowed character, up to exactly 256 KiB", async () => {
    const url = await createQueue(h.client, uniqueName("bodies"));
    const tricky = "héllo 🌍 <tag attr=\"v\">&amp;</tag> 'quote'\r\n\ttab \u2028 \uE000 \u{10FFFF}";
    const largest = "é".repeat(131_072); // 262,144 UTF-8 bytes
    for (const body of [tricky, largest]) {
      const sent = await send(url, { MessageBody: body });
      assert.equal(sent.MD5OfMessageBody, md5(body));
      const [got] = await receive(url);
      assert.equal(got?.Body, body);
      assert.equal(got?.MD5OfBody, md5(body));
      assert.equal(got?.MessageId, sent.MessageId);
      await h.client.send(new sqs.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: got.ReceiptHandle }));
    }
  });

  it("returns the requested system attributes, with AWS's values", async () => {
    const url = await createQueue(h.client, uniqueName("system"));
    const sentAt = Date.now();
    await send(url, { MessageBody: "sys" });
    const [first] = await receive(url, { MessageSystemAttributeNames: ["All"], VisibilityTimeout: 0 });
    assert.ok(first?.Attributes);
    assert.deepEqual(Object.keys(first.Attributes).sort(), ["ApproximateFirstReceiveTimestamp", "ApproximateReceiveCount", "SenderId", "SentTimestamp"]);
    assert.equal(first.Attributes.SenderId, h.team.principal.userId);
    assert.equal(first.Attributes.ApproximateReceiveCount, "1");
    // Epoch milliseconds.
    const sent = Number(first.Attributes.SentTimestamp);
    assert.ok(Math.abs(sent - sentAt) < 5_000, `SentTimestamp ${sent} vs ${sentAt}`);
    assert.ok(Number(first.Attributes.ApproximateFirstReceiveTimestamp) >= sent);

    const [second] = await receive(url, { MessageSystemAttributeNames: ["ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp"] });
    assert.deepEqual(second?.Attributes, {
      ApproximateReceiveCount: "2",
      ApproximateFirstReceiveTimestamp: first.Attributes.ApproximateFirstReceiveTimestamp,
    });
    assert.notEqual(second.ReceiptHandle, first.ReceiptHandle, "each receive issues a new receipt handle");
  });

  it("honours the deprecated AttributeNames", async () => {
    const url = await createQueue(h.client, uniqueName("legacy-names"));
    await send(url, { MessageBody: "legacy" });
    // The SDK types the deprecated member with queue attribute names; AWS took message system attribute names there.
    const [message] = await receive(url, { AttributeNames: ["SentTimestamp" as sqs.QueueAttributeName] });
    assert.deepEqual(Object.keys(message?.Attributes ?? {}), ["SentTimestamp"]);
  });

  it("returns at most MaxNumberOfMessages, 1 by default", async () => {
    const url = await createQueue(h.client, uniqueName("max"));
    await h.client.send(
      new sqs.SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: `m${i}` })) }),
    );
    await h.client.send(
      new sqs.SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 5 }, (_, i) => ({ Id: `n${i}`, MessageBody: `n${i}` })) }),
    );
    assert.equal((await receive(url)).length, 1);
    assert.equal((await receive(url, { MaxNumberOfMessages: 10 })).length, 10);
    assert.equal((await receive(url, { MaxNumberOfMessages: 10 })).length, 4);
    assert.deepEqual(await receive(url, { MaxNumberOfMessages: 10 }), []);
  });

  it("never gives two concurrent consumers the same message", async () => {
    const url = await createQueue(h.client, uniqueName("concurrent"));
    const total = 40;
    for (let i = 0; i < total; i += 10) {
      await h.client.send(
        new sqs.SendMessageBatchCommand({ QueueUrl: url, Entries: Array.from({ length: 10 }, (_, j) => ({ Id: `m${j}`, MessageBody: `m${i + j}` })) }),
      );
    }
    const received: string[] = [];
    const consumer = async () => {
      for (;;) {
        const batch = await receive(url, { MaxNumberOfMessages: 3 });
        if (batch.length === 0) return;
        received.push(...batch.map((m) => m.Body ?? ""));
      }
    };
    await Promise.all(Array.from({ length: 8 }, consumer));
    assert.equal(received.length, total, "no message handed out twice");
    assert.equal(new Set(received).size, total);
  });
});

describe("delay queues", () => {
  it("hides messages for the queue's DelaySeconds, counting them as delayed", async () => {
    const url = await createQueue(h.client, uniqueName("delay"), { DelaySeconds: "1" });
    const start = Date.now();
    await send(url, { MessageBody: "delayed" });
    assert.deepEqual(await counts(h.client, url), { visible: 0, inFlight: 0, delayed: 1 });
    assert.deepEqual(await receive(url), []);
    const [message] = await receive(url, { WaitTimeSeconds: 5 });
    assert.equal(message?.Body, "delayed");
    assert.ok(Date.now() - start >= 900, `delivered after ${Date.now() - start} ms`);
  });

  it("lets a message's DelaySeconds override the queue's, both ways", async () => {
    const slow = await createQueue(h.client, uniqueName("delay-queue"), { DelaySeconds: "900" });
    await send(slow, { MessageBody: "now", DelaySeconds: 0 });
    assert.equal((await receive(slow))[0]?.Body, "now");

    const fast = await createQueue(h.client, uniqueName("delay-message"));
    const start = Date.now();
    await send(fast, { MessageBody: "soon", DelaySeconds: 1 });
    await send(fast, { MessageBody: "at once" });
    assert.deepEqual((await receive(fast, { MaxNumberOfMessages: 10 })).map((m) => m.Body), ["at once"]);
    const [late] = await receive(fast, { WaitTimeSeconds: 5 });
    assert.equal(late?.Body, "soon");
    assert.ok(Date.now() - start >= 900, `delivered after ${Date.now() - start} ms`);
  });
});

describe("retention", () => {
  /** Ages one stored message by `seconds`, as if it had been sent that much earlier. */
  async function age(url: string, messageId: string, seconds: number): Promise<void> {
    const { rowCount } = await pgPool().query(
      `UPDATE sqs_messages SET enqueued_at = enqueued_at - make_interval(secs => $3), sent_at = sent_at - make_interval(secs => $3)
        WHERE queue_id = $1 AND message_id = $2`,
      [await queueId(url), messageId, seconds],
    );
    assert.equal(rowCount, 1);
  }
  const stored = async (url: string) =>
    (await pgPool().query<{ message_id: string }>("SELECT message_id FROM sqs_messages WHERE queue_id = $1", [await queueId(url)])).rows.map((r) => r.message_id);

  it("expires messages older than MessageRetentionPeriod: not received, not counted, then deleted", async () => {
    const url = await createQueue(h.client, uniqueName("retention"), { MessageRetentionPeriod: "60" });
    const old = await send(url, { MessageBody: "old" });
    const fresh = await send(url, { MessageBody: "fresh" });
    await age(url, old.MessageId!, 61);

    assert.deepEqual(await counts(h.client, url), { visible: 1, inFlight: 0, delayed: 0 });
    assert.deepEqual((await receive(url, { MaxNumberOfMessages: 10, VisibilityTimeout: 0 })).map((m) => m.Body), ["fresh"]);

    await sqsMaintenance(prisma());
    assert.deepEqual(await stored(url), [fresh.MessageId]);
  });

  it("applies a lowered retention period to messages already in the queue", async () => {
    const url = await createQueue(h.client, uniqueName("retention-lowered"));
    const sent = await send(url, { MessageBody: "two minutes old" });
    await age(url, sent.MessageId!, 120);
    assert.equal((await counts(h.client, url)).visible, 1);
    await h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { MessageRetentionPeriod: "60" } }));
    assert.equal((await counts(h.client, url)).visible, 0);
    assert.deepEqual(await receive(url), []);
  });
});

describe("empty receives", () => {
  it("leave Messages out of the response, as AWS does (code written for AWS tests `if (r.Messages)`)", async () => {
    const url = await createQueue(h.client, uniqueName("empty"));
    const r = await h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    assert.equal(r.Messages, undefined);
    await send(url, { MessageBody: "one" });
    const [message] = await receive(url, { MaxNumberOfMessages: 10 });
    assert.equal(message?.Body, "one");
  });
});
