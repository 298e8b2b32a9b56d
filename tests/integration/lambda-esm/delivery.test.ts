// What SQS mappings deliver: AWS's exact records (standard and FIFO), deletion of processed batches, filters and the batching window.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import { SendMessageBatchCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { pgPool } from "../../../server/db/pool";
import type { SqsEventRecord } from "../../../workers/lambda/event-sources/sqs-event";
import { type EsmHarness, startEsmHarness } from "./harness";

let h: EsmHarness;
before(async () => {
  h = await startEsmHarness();
});
after(() => h.close());

const records = (events: { Records: SqsEventRecord[] }[]) => events.flatMap((e) => e.Records);

describe("delivery", () => {
  test("invokes the function with AWS's SQS records and deletes the batch it processed", async () => {
    const queue = await h.queue("shape");
    const fn = await h.recordingFunction("shape");
    const withAttributes = await h.sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: '{"order":1}',
        MessageAttributes: {
          Title: { DataType: "String", StringValue: "The Whistler" },
          WeeksOn: { DataType: "Number", StringValue: "6" },
          Blob: { DataType: "Binary", BinaryValue: Buffer.from([1, 2, 3]) },
        },
      }),
    );
    const plain = await h.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "plain text" }));
    const sentAt = Date.now();
    await h.createMapping({ FunctionName: fn.name, EventSourceArn: queue.arn });

    const got = records(await h.events(fn, 1));
    assert.equal(got.length, 2, "both messages in one batch");
    const [first, second] = [got.find((r) => r.messageId === withAttributes.MessageId)!, got.find((r) => r.messageId === plain.MessageId)!];
    assert.deepEqual(Object.keys(first), [
      "messageId",
      "receiptHandle",
      "body",
      "attributes",
      "messageAttributes",
      "md5OfMessageAttributes",
      "md5OfBody",
      "eventSource",
      "eventSourceARN",
      "awsRegion",
    ]);
    assert.match(first.receiptHandle, /^AQEB/);
    assert.equal(first.body, '{"order":1}');
    assert.deepEqual(Object.keys(first.attributes), ["ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp"]);
    assert.equal(first.attributes.ApproximateReceiveCount, "1");
    assert.ok(Math.abs(Number(first.attributes.SentTimestamp) - sentAt) < 60_000);
    assert.ok(Number(first.attributes.ApproximateFirstReceiveTimestamp) >= Number(first.attributes.SentTimestamp));
    assert.equal(first.attributes.SenderId, h.team.principal.userId);
    assert.deepEqual(first.messageAttributes, {
      Title: { stringValue: "The Whistler", stringListValues: [], binaryListValues: [], dataType: "String" },
      WeeksOn: { stringValue: "6", stringListValues: [], binaryListValues: [], dataType: "Number" },
      Blob: { binaryValue: "AQID", stringListValues: [], binaryListValues: [], dataType: "Binary" },
    });
    assert.equal(first.md5OfMessageAttributes, withAttributes.MD5OfMessageAttributes);
    assert.equal(first.md5OfBody, withAttributes.MD5OfMessageBody);
    assert.equal(first.eventSource, "aws:sqs");
    assert.equal(first.eventSourceARN, queue.arn);
    assert.equal(first.awsRegion, "us-east-1");
    assert.deepEqual(second.messageAttributes, {});
    assert.equal(second.md5OfMessageAttributes, null);
    assert.equal(second.md5OfBody, plain.MD5OfMessageBody);

    await h.waitUntilEmpty(queue);
    const { rows } = await pgPool().query("SELECT invocation_type, function_error FROM lambda_invocations WHERE account_id = $1 AND function_name = $2", [
      h.team.accountId,
      fn.name,
    ]);
    assert.deepEqual(rows, [{ invocation_type: "EventSourceMapping", function_error: null }]);
  });

  test("FIFO records carry the sequence number, group and deduplication ID, and a group arrives in order", async () => {
    const queue = await h.queue("fifo", { FifoQueue: "true", ContentBasedDeduplication: "true" });
    const fn = await h.recordingFunction("fifo");
    for (let i = 0; i < 5; i++) await h.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: `m${i}`, MessageGroupId: "g1" }));
    await h.createMapping({ FunctionName: fn.name, EventSourceArn: queue.arn, BatchSize: 1 });
    const got = records(await h.events(fn, 5));
    assert.deepEqual(
      got.map((r) => r.body),
      ["m0", "m1", "m2", "m3", "m4"],
    );
    assert.equal(
      Object.keys(got[0]!.attributes).join(),
      "ApproximateReceiveCount,SentTimestamp,SequenceNumber,MessageGroupId,SenderId,MessageDeduplicationId,ApproximateFirstReceiveTimestamp",
    );
    assert.equal(got[0]!.attributes.MessageGroupId, "g1");
    assert.match(got[0]!.attributes.MessageDeduplicationId!, /^[0-9a-f]{64}$/);
    const sequence = got.map((r) => BigInt(r.attributes.SequenceNumber!));
    assert.deepEqual([...sequence].sort((a, b) => (a < b ? -1 : 1)), sequence);
    await h.waitUntilEmpty(queue);
  });

  test("filters: only matching messages reach the function, the others are deleted", async () => {
    const queue = await h.queue("filtered");
    const fn = await h.recordingFunction("filtered");
    await h.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: [
          { Id: "keep", MessageBody: '{"kind":"keep","n":1}' },
          { Id: "drop", MessageBody: '{"kind":"drop"}' },
          { Id: "text", MessageBody: "not json" },
          { Id: "tagged", MessageBody: '{"kind":"other"}', MessageAttributes: { origin: { DataType: "String", StringValue: "app-7" } } },
        ],
      }),
    );
    await h.createMapping({
      FunctionName: fn.name,
      EventSourceArn: queue.arn,
      FilterCriteria: {
        Filters: [
          { Pattern: JSON.stringify({ body: { kind: ["keep"], n: [{ numeric: [">", 0] }] } }) },
          { Pattern: JSON.stringify({ messageAttributes: { origin: { stringValue: [{ prefix: "app-" }] } } }) },
        ],
      },
    });
    const got = records(await h.events(fn, 1));
    assert.deepEqual(got.map((r) => r.body).sort(), ['{"kind":"keep","n":1}', '{"kind":"other"}']);
    await h.waitUntilEmpty(queue);
    await h.assertNoEvent(fn, 1000);
  });

  test("with a batching window, messages arriving within it join one invocation", async () => {
    const queue = await h.queue("window");
    const fn = await h.recordingFunction("window");
    const { UUID } = await h.createMapping({ FunctionName: fn.name, EventSourceArn: queue.arn, BatchSize: 20, MaximumBatchingWindowInSeconds: 3 });
    await h.waitForState(UUID!, "Enabled");
    const send = (from: number) =>
      h.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: [0, 1, 2, 3, 4].map((i) => ({ Id: `m${from + i}`, MessageBody: `m${from + i}` })) }));
    await send(0);
    await delay(1000);
    await send(5);
    const [event] = await h.events(fn, 1);
    assert.equal(event!.Records.length, 10);
    await h.waitUntilEmpty(queue);
  });
});
