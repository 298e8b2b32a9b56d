// Batch operations through the SDK: per-entry successes and failures side by side (whole-request errors are in validation.test.ts).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { counts, createQueue, md5, type SqsHarness, startSqs, uniqueName } from "./helpers";

let h: SqsHarness;

before(async () => {
  h = await startSqs();
});
after(() => h.close());

describe("SendMessageBatch", () => {
  it("sends the valid entries and reports each invalid one with its own error", async () => {
    const url = await createQueue(h.client, uniqueName("batch"), { MaximumMessageSize: "1024" });
    const result = await h.client.send(
      new sqs.SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "plain", MessageBody: "plain" },
          { Id: "chars", MessageBody: "bad \u0000" },
          { Id: "attrs", MessageBody: "with attributes", MessageAttributes: { n: { DataType: "Number", StringValue: "12" } } },
          { Id: "big", MessageBody: "x".repeat(1025) },
          { Id: "delay", MessageBody: "delayed", DelaySeconds: 901 },
          { Id: "attr-bad", MessageBody: "x", MessageAttributes: { n: { DataType: "Number", StringValue: "twelve" } } },
        ],
      }),
    );
    assert.deepEqual(
      result.Successful?.map((e) => [e.Id, e.MD5OfMessageBody, e.MD5OfMessageAttributes !== undefined]),
      [
        ["plain", md5("plain"), false],
        ["attrs", md5("with attributes"), true],
      ],
    );
    for (const e of result.Successful ?? []) assert.match(e.MessageId ?? "", /^[0-9a-f-]{36}$/);
    assert.deepEqual(result.Failed, [
      {
        Id: "chars",
        SenderFault: true,
        Code: "InvalidMessageContents",
        Message:
          "Invalid binary character '#x0' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].",
      },
      // AWS words a batch entry's failure "cannot be validated", a single send's "are invalid" (see validation.test.ts).
      { Id: "big", SenderFault: true, Code: "InvalidParameterValue", Message: "One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes." },
      { Id: "delay", SenderFault: true, Code: "InvalidParameterValue", Message: "Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900" },
      { Id: "attr-bad", SenderFault: true, Code: "InvalidParameterValue", Message: "Can't cast the value of message (user) attribute 'n' to a number." },
    ]);
    assert.equal((await counts(h.client, url)).visible, 2);
  });

  it("answers an all-successful batch with an empty Failed list, and applies each entry's delay", async () => {
    const url = await createQueue(h.client, uniqueName("batch-ok"));
    const result = await h.client.send(
      new sqs.SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "now", MessageBody: "now" },
          { Id: "later", MessageBody: "later", DelaySeconds: 600 },
        ],
      }),
    );
    assert.deepEqual(result.Failed, []);
    assert.deepEqual(result.Successful?.map((e) => e.Id), ["now", "later"]);
    assert.deepEqual(await counts(h.client, url), { visible: 1, inFlight: 0, delayed: 1 });
  });

  it("accepts a batch of exactly 256 KiB", async () => {
    const url = await createQueue(h.client, uniqueName("batch-full"));
    const result = await h.client.send(
      new sqs.SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "a", MessageBody: "x".repeat(131_072) },
          { Id: "b", MessageBody: "y".repeat(131_072) },
        ],
      }),
    );
    assert.equal(result.Successful?.length, 2);
  });
});

describe("DeleteMessageBatch", () => {
  it("deletes what it can and reports malformed handles", async () => {
    const url = await createQueue(h.client, uniqueName("delete-batch"));
    await h.client.send(new sqs.SendMessageBatchCommand({ QueueUrl: url, Entries: ["a", "b", "c"].map((b) => ({ Id: b, MessageBody: b })) }));
    const { Messages = [] } = await h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    assert.equal(Messages.length, 3);
    const result = await h.client.send(
      new sqs.DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "first", ReceiptHandle: Messages[0]!.ReceiptHandle },
          { Id: "bogus", ReceiptHandle: "AQEBbm9wZQ" },
          { Id: "second", ReceiptHandle: Messages[1]!.ReceiptHandle },
        ],
      }),
    );
    assert.deepEqual(result.Successful, [{ Id: "first" }, { Id: "second" }]);
    assert.deepEqual(result.Failed, [
      { Id: "bogus", SenderFault: true, Code: "ReceiptHandleIsInvalid", Message: 'The input receipt handle "AQEBbm9wZQ" is not a valid receipt handle.' },
    ]);
    assert.deepEqual(await counts(h.client, url), { visible: 0, inFlight: 1, delayed: 0 });
  });

  it("on a FIFO queue, reports expired handles per entry", async () => {
    const url = await createQueue(h.client, uniqueName("delete-batch", true), { FifoQueue: "true", ContentBasedDeduplication: "true" });
    await h.client.send(
      new sqs.SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "a", MessageBody: "a", MessageGroupId: "g1" },
          { Id: "b", MessageBody: "b", MessageGroupId: "g2" },
        ],
      }),
    );
    const { Messages: [kept, expired] = [] } = await h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    assert.ok(kept && expired);
    await h.client.send(new sqs.ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: expired.ReceiptHandle, VisibilityTimeout: 0 }));
    const result = await h.client.send(
      new sqs.DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "kept", ReceiptHandle: kept.ReceiptHandle },
          { Id: "expired", ReceiptHandle: expired.ReceiptHandle },
        ],
      }),
    );
    assert.deepEqual(result.Successful, [{ Id: "kept" }]);
    assert.deepEqual(result.Failed, [
      {
        Id: "expired",
        SenderFault: true,
        Code: "InvalidParameterValue",
        Message: `Value ${expired.ReceiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
      },
    ]);
  });
});
