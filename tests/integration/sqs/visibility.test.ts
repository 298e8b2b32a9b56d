// Visibility timeouts, ChangeMessageVisibility and deletes by receipt handle (current, stale, expired), through the SDK.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { pgPool } from "../../../server/db/pool";
import { assertSqsError, counts, createQueue, queueId, type SqsHarness, startSqs, uniqueName } from "./helpers";

let h: SqsHarness;

before(async () => {
  h = await startSqs();
});
after(() => h.close());

const receiveOne = async (QueueUrl: string, input: Omit<sqs.ReceiveMessageCommandInput, "QueueUrl"> = {}) => {
  const { Messages = [] } = await h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ["All"], ...input }));
  return Messages[0];
};
const changeVisibility = (QueueUrl: string, ReceiptHandle: string | undefined, VisibilityTimeout: number) =>
  h.client.send(new sqs.ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout }));
const deleteMessage = (QueueUrl: string, ReceiptHandle: string | undefined) => h.client.send(new sqs.DeleteMessageCommand({ QueueUrl, ReceiptHandle }));
const notAvailable = (handle: string) => ({
  name: "InvalidParameterValue",
  status: 400,
  message: `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
});

/** A queue holding one message that has been received once with a 1-second timeout, and then again: [first, second] deliveries. */
async function receivedTwice(url: string): Promise<[sqs.Message, sqs.Message]> {
  await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "twice" }));
  const first = await receiveOne(url, { VisibilityTimeout: 1 });
  const second = await receiveOne(url, { WaitTimeSeconds: 5 });
  assert.ok(first && second);
  assert.equal(second.MessageId, first.MessageId);
  return [first, second];
}

describe("visibility timeout", () => {
  it("hides a received message for the receive's timeout, then redelivers it with a new handle", async () => {
    const url = await createQueue(h.client, uniqueName("vis"));
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "again" }));
    const start = Date.now();
    const first = await receiveOne(url, { VisibilityTimeout: 1 });
    assert.equal(first?.Attributes?.ApproximateReceiveCount, "1");
    assert.equal(await receiveOne(url), undefined, "hidden while in flight");
    assert.deepEqual(await counts(h.client, url), { visible: 0, inFlight: 1, delayed: 0 });

    const second = await receiveOne(url, { WaitTimeSeconds: 5 });
    assert.ok(Date.now() - start >= 900, `redelivered after ${Date.now() - start} ms`);
    assert.equal(second?.MessageId, first?.MessageId);
    assert.equal(second?.Attributes?.ApproximateReceiveCount, "2");
    assert.equal(second?.Attributes?.ApproximateFirstReceiveTimestamp, first?.Attributes?.ApproximateFirstReceiveTimestamp);
    assert.notEqual(second?.ReceiptHandle, first?.ReceiptHandle);
  });

  it("uses the queue's VisibilityTimeout when the receive names none", async () => {
    const url = await createQueue(h.client, uniqueName("vis-queue"), { VisibilityTimeout: "1" });
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "q" }));
    const start = Date.now();
    assert.ok(await receiveOne(url));
    assert.equal(await receiveOne(url), undefined);
    assert.ok(await receiveOne(url, { WaitTimeSeconds: 5 }));
    assert.ok(Date.now() - start >= 900);
  });

  it("leaves a message received with a VisibilityTimeout of 0 visible", async () => {
    const url = await createQueue(h.client, uniqueName("vis-zero"));
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "z" }));
    assert.ok(await receiveOne(url, { VisibilityTimeout: 0 }));
    assert.equal((await receiveOne(url, { VisibilityTimeout: 0 }))?.Attributes?.ApproximateReceiveCount, "2");
  });
});

describe("ChangeMessageVisibility", () => {
  it("makes a message visible at once with 0, and extends its timeout with more", async () => {
    const url = await createQueue(h.client, uniqueName("change"));
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "c" }));
    const first = await receiveOne(url);
    await changeVisibility(url, first?.ReceiptHandle, 0);
    const second = await receiveOne(url, { VisibilityTimeout: 1 });
    assert.equal(second?.MessageId, first?.MessageId);

    await changeVisibility(url, second?.ReceiptHandle, 10);
    // Past the original 1-second timeout, the extended one still hides it.
    assert.equal(await receiveOne(url, { WaitTimeSeconds: 2 }), undefined);
    assert.equal((await counts(h.client, url)).inFlight, 1);
  });

  it("allows 12 hours from the receive in total", async () => {
    const url = await createQueue(h.client, uniqueName("twelve-hours"));
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "long" }));
    const message = await receiveOne(url);
    await changeVisibility(url, message?.ReceiptHandle, 43_200);
    // As if received an hour ago: 11 hours are left.
    await pgPool().query("UPDATE sqs_messages SET last_received_at = last_received_at - interval '1 hour' WHERE queue_id = $1", [await queueId(url)]);
    await changeVisibility(url, message?.ReceiptHandle, 39_600);
    await assertSqsError(changeVisibility(url, message?.ReceiptHandle, 39_601), {
      name: "InvalidParameterValue",
      status: 400,
      message: "Value 39601 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]",
    });
  });

  it("refuses stale and deleted handles, and ignores a current handle whose timeout has run out", async () => {
    const url = await createQueue(h.client, uniqueName("change-stale"));
    const [first, second] = await receivedTwice(url);
    await assertSqsError(changeVisibility(url, first.ReceiptHandle, 5), notAvailable(first.ReceiptHandle!));

    await changeVisibility(url, second.ReceiptHandle, 0);
    // The timeout is over and nobody has received it since: accepted, and the message stays visible.
    await changeVisibility(url, second.ReceiptHandle, 30);
    assert.equal((await counts(h.client, url)).visible, 1);

    const third = await receiveOne(url);
    await deleteMessage(url, third?.ReceiptHandle);
    await assertSqsError(changeVisibility(url, third?.ReceiptHandle, 5), notAvailable(third!.ReceiptHandle!));
  });

  it("changes a batch, reporting each entry's outcome", async () => {
    const url = await createQueue(h.client, uniqueName("change-batch"));
    await h.client.send(new sqs.SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: "a", MessageBody: "a" }, { Id: "b", MessageBody: "b" }] }));
    const { Messages = [] } = await h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 2 }));
    assert.equal(Messages.length, 2);
    const result = await h.client.send(
      new sqs.ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "zero", ReceiptHandle: Messages[0]!.ReceiptHandle, VisibilityTimeout: 0 },
          { Id: "long", ReceiptHandle: Messages[1]!.ReceiptHandle, VisibilityTimeout: 600 },
          { Id: "bad", ReceiptHandle: "garbage", VisibilityTimeout: 0 },
          { Id: "too-long", ReceiptHandle: Messages[1]!.ReceiptHandle, VisibilityTimeout: 43_201 },
        ],
      }),
    );
    assert.deepEqual(result.Successful, [{ Id: "zero" }, { Id: "long" }]);
    assert.deepEqual(result.Failed, [
      { Id: "bad", SenderFault: true, Code: "ReceiptHandleIsInvalid", Message: 'The input receipt handle "garbage" is not a valid receipt handle.' },
      {
        Id: "too-long",
        SenderFault: true,
        Code: "InvalidParameterValue",
        Message: "Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.",
      },
    ]);
    assert.deepEqual(await counts(h.client, url), { visible: 1, inFlight: 1, delayed: 0 });
  });
});

describe("DeleteMessage", () => {
  it("on a standard queue, succeeds for a stale handle without deleting, and for an already deleted message", async () => {
    const url = await createQueue(h.client, uniqueName("delete-stale"));
    const [first, second] = await receivedTwice(url);
    await deleteMessage(url, first.ReceiptHandle);
    assert.equal((await counts(h.client, url)).inFlight, 1, "the stale handle deleted nothing");
    await deleteMessage(url, second.ReceiptHandle);
    assert.deepEqual(await counts(h.client, url), { visible: 0, inFlight: 0, delayed: 0 });
    await deleteMessage(url, second.ReceiptHandle);
  });

  it("on a standard queue, deletes with the latest handle even after its timeout ran out", async () => {
    const url = await createQueue(h.client, uniqueName("delete-late"));
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "late" }));
    const message = await receiveOne(url, { VisibilityTimeout: 0 });
    await deleteMessage(url, message?.ReceiptHandle);
    assert.deepEqual(await counts(h.client, url), { visible: 0, inFlight: 0, delayed: 0 });
  });

  it("on a FIFO queue, refuses a handle whose timeout ran out as expired", async () => {
    const url = await createQueue(h.client, uniqueName("delete-fifo", true), { FifoQueue: "true" });
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "f", MessageGroupId: "g", MessageDeduplicationId: "f" }));
    const message = await receiveOne(url, { VisibilityTimeout: 0 });
    await assertSqsError(deleteMessage(url, message?.ReceiptHandle), {
      name: "InvalidParameterValue",
      status: 400,
      message: `Value ${message!.ReceiptHandle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
    });
    assert.equal((await counts(h.client, url)).visible, 1);
    const current = await receiveOne(url);
    await deleteMessage(url, current?.ReceiptHandle);
    assert.deepEqual(await counts(h.client, url), { visible: 0, inFlight: 0, delayed: 0 });
  });

  it("refuses a handle issued by another queue", async () => {
    const a = await createQueue(h.client, uniqueName("handle-a"));
    const b = await createQueue(h.client, uniqueName("handle-b"));
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: a, MessageBody: "a" }));
    const message = await receiveOne(a);
    await assertSqsError(deleteMessage(b, message?.ReceiptHandle), {
      name: "ReceiptHandleIsInvalid",
      status: 404,
      message: `The input receipt handle "${message!.ReceiptHandle}" is not a valid receipt handle.`,
    });
  });
});
