// FIFO queues through the SDK: per-group order, group blocking (also under concurrent consumers), exactly-once deduplication, sequence numbers, receive attempts.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { createQueue, type SqsHarness, startSqs, uniqueName } from "./helpers";

let h: SqsHarness;

before(async () => {
  h = await startSqs();
});
after(() => h.close());

const fifoQueue = (attributes: Record<string, string> = {}) => createQueue(h.client, uniqueName("fifo", true), { FifoQueue: "true", ...attributes });
/** Deduplicates by the body unless told otherwise (null: no ID, for content-based deduplication). */
const send = (QueueUrl: string, MessageBody: string, MessageGroupId: string, deduplicationId: string | null = MessageBody) =>
  h.client.send(new sqs.SendMessageCommand({ QueueUrl, MessageBody, MessageGroupId, MessageDeduplicationId: deduplicationId ?? undefined }));
const receive = (QueueUrl: string, input: Omit<sqs.ReceiveMessageCommandInput, "QueueUrl"> = {}) =>
  h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl, ...input })).then((r) => r.Messages ?? []);
const bodies = (messages: sqs.Message[]) => messages.map((m) => m.Body);
/** Sends [body, group] pairs in batches of 10, in order, each deduplicated by its body. */
async function sendAll(QueueUrl: string, messages: [string, string][]): Promise<void> {
  for (let start = 0; start < messages.length; start += 10) {
    const Entries = messages
      .slice(start, start + 10)
      .map(([MessageBody, MessageGroupId], k) => ({ Id: `e${start + k}`, MessageBody, MessageGroupId, MessageDeduplicationId: MessageBody }));
    await h.client.send(new sqs.SendMessageBatchCommand({ QueueUrl, Entries }));
  }
}
const remove = (QueueUrl: string, message: sqs.Message) => h.client.send(new sqs.DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));

describe("ordering", () => {
  it("delivers each group in send order, filling a receive from as few groups as possible", async () => {
    const url = await fifoQueue();
    for (let i = 1; i <= 4; i++) {
      await send(url, `a${i}`, "A");
      await send(url, `b${i}`, "B");
    }
    assert.deepEqual(bodies(await receive(url, { MaxNumberOfMessages: 6 })), ["a1", "a2", "a3", "a4", "b1", "b2"]);
  });

  it("delivers nothing more from a group while one of its messages is in flight", async () => {
    const url = await fifoQueue();
    for (const body of ["a1", "a2"]) await send(url, body, "A");
    await send(url, "b1", "B");

    const [a1] = await receive(url);
    assert.equal(a1?.Body, "a1");
    assert.deepEqual(bodies(await receive(url)), ["b1"], "the next receive skips the blocked group");
    assert.deepEqual(await receive(url, { MaxNumberOfMessages: 10 }), []);
    await remove(url, a1);
    assert.deepEqual(bodies(await receive(url)), ["a2"]);
  });

  it("keeps a group blocked while a later message is in flight, even if an earlier one became visible again", async () => {
    const url = await fifoQueue();
    for (const body of ["a1", "a2", "a3"]) await send(url, body, "A");
    const [a1, a2] = await receive(url, { MaxNumberOfMessages: 2 });
    assert.deepEqual([a1?.Body, a2?.Body], ["a1", "a2"]);
    await h.client.send(new sqs.ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: a1!.ReceiptHandle, VisibilityTimeout: 0 }));
    assert.deepEqual(await receive(url, { MaxNumberOfMessages: 10 }), [], "a2 is still in flight");
    await h.client.send(new sqs.ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: a2!.ReceiptHandle, VisibilityTimeout: 0 }));
    assert.deepEqual(bodies(await receive(url, { MaxNumberOfMessages: 10 })), ["a1", "a2", "a3"]);
  });

  it("redelivers the same first message after its visibility timeout, never a later one", async () => {
    const url = await fifoQueue();
    for (const body of ["a1", "a2"]) await send(url, body, "A");
    const [first] = await receive(url, { VisibilityTimeout: 1 });
    assert.equal(first?.Body, "a1");
    const [again] = await receive(url, { WaitTimeSeconds: 5, MessageSystemAttributeNames: ["ApproximateReceiveCount"] });
    assert.equal(again?.Body, "a1");
    assert.equal(again?.Attributes?.ApproximateReceiveCount, "2");
  });

  it("takes the group with the oldest head first, whatever the groups are called", async () => {
    const url = await fifoQueue();
    for (const [body, group] of [["z1", "Z"], ["a1", "A"], ["z2", "Z"], ["m1", "M"]]) await send(url, body!, group!);
    assert.deepEqual(bodies(await receive(url, { MaxNumberOfMessages: 3 })), ["z1", "z2", "a1"]);
    assert.deepEqual(bodies(await receive(url, { MaxNumberOfMessages: 3 })), ["m1"], "Z and A are in flight");
  });

  it("keeps the order and blocking with more groups than a receive looks at one by one (205 groups)", async () => {
    const url = await fifoQueue();
    const count = 205;
    // Message i goes to group g(204 - i): the oldest heads are in the last groups by name.
    const group = (i: number) => `g${String(count - 1 - i).padStart(3, "0")}`;
    await sendAll(url, Array.from({ length: count }, (_, i): [string, string] => [`m${i}`, group(i)]));
    await send(url, "m0-second", group(0));
    const first = await receive(url, { MaxNumberOfMessages: 10 });
    assert.deepEqual(bodies(first), ["m0", "m0-second", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"]);
    assert.deepEqual(bodies(await receive(url, { MaxNumberOfMessages: 3 })), ["m9", "m10", "m11"], "the first groups are in flight");
    await remove(url, first[0]!);
    assert.deepEqual(bodies(await receive(url, { MaxNumberOfMessages: 2 })), ["m12", "m13"], "m0-second is still in flight");
  });

  it("finds a group's state in its leading messages, however deep the group", async () => {
    const url = await fifoQueue();
    await sendAll(url, Array.from({ length: 30 }, (_, i): [string, string] => [`a${i}`, "A"]));
    await send(url, "b0", "B");
    const batch = await receive(url, { MaxNumberOfMessages: 10 });
    assert.deepEqual(bodies(batch), Array.from({ length: 10 }, (_, i) => `a${i}`));
    // Deleting the first nine leaves a9 in flight at the head of a 21-message group.
    await h.client.send(new sqs.DeleteMessageBatchCommand({ QueueUrl: url, Entries: batch.slice(0, 9).map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })) }));
    assert.deepEqual(bodies(await receive(url, { MaxNumberOfMessages: 10 })), ["b0"], "A is blocked by a9");
    await remove(url, batch[9]!);
    assert.deepEqual(bodies(await receive(url, { MaxNumberOfMessages: 10 })), Array.from({ length: 10 }, (_, i) => `a${i + 10}`));
  });

  it("never hands a concurrent consumer a group that another consumer holds", async () => {
    const url = await fifoQueue();
    const groups = ["g0", "g1", "g2", "g3", "g4"];
    const perGroup = 8;
    for (let i = 0; i < perGroup; i += 2) {
      const entries = groups.flatMap((g) => [i, i + 1].map((n) => ({ Id: `${g}-${n}`, MessageBody: `${g}:${n}`, MessageGroupId: g, MessageDeduplicationId: `${g}-${n}` })));
      await h.client.send(new sqs.SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
    }
    const total = groups.length * perGroup;
    const held = new Map<string, number>(); // group → consumer holding it
    const next = new Map(groups.map((g) => [g, 0]));
    const violations: string[] = [];
    let processed = 0;
    const deadline = Date.now() + 30_000;

    const consumer = async (id: number) => {
      while (processed < total && Date.now() < deadline) {
        const batch = await receive(url, { MaxNumberOfMessages: 1 + (id % 4), WaitTimeSeconds: 1 });
        const byGroup = new Map<string, number[]>();
        for (const m of batch) {
          const [group, n] = (m.Body ?? "").split(":");
          byGroup.set(group!, [...(byGroup.get(group!) ?? []), Number(n)]);
        }
        for (const [group, ns] of byGroup) {
          const holder = held.get(group);
          if (holder !== undefined) violations.push(`consumer ${id} got ${group}:${ns.join(",")} while consumer ${holder} held it`);
          held.set(group, id);
          for (const n of ns) {
            if (n !== next.get(group)) violations.push(`consumer ${id} got ${group}:${n}, expected ${group}:${next.get(group)}`);
            next.set(group, n + 1);
          }
        }
        await new Promise((resolve) => setImmediate(resolve)); // "processing"
        // Released before the delete is sent, so the server's window always covers ours.
        for (const group of byGroup.keys()) held.delete(group);
        if (batch.length > 0) {
          await h.client.send(new sqs.DeleteMessageBatchCommand({ QueueUrl: url, Entries: batch.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })) }));
        }
        processed += batch.length;
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, id) => consumer(id)));
    assert.deepEqual(violations, []);
    assert.equal(processed, total, "every message delivered exactly once");
    assert.deepEqual([...next.values()], groups.map(() => perGroup));
  });
});

describe("exactly-once deduplication", () => {
  it("accepts a duplicate MessageDeduplicationId without enqueuing it, answering with the original's ID and sequence number", async () => {
    const url = await fifoQueue();
    const first = await send(url, "one", "A", "dedup-1");
    const duplicate = await send(url, "one, again", "B", "dedup-1");
    assert.equal(duplicate.MessageId, first.MessageId);
    assert.equal(duplicate.SequenceNumber, first.SequenceNumber);
    assert.deepEqual(bodies(await receive(url, { MaxNumberOfMessages: 10 })), ["one"]);
  });

  it("remembers deduplication IDs after the message is deleted", async () => {
    const url = await fifoQueue();
    await send(url, "once", "A", "dedup-2");
    const [message] = await receive(url);
    await remove(url, message!);
    await send(url, "twice", "A", "dedup-2");
    assert.deepEqual(await receive(url), []);
  });

  it("deduplicates by a SHA-256 of the body with ContentBasedDeduplication, an explicit ID taking precedence", async () => {
    const url = await fifoQueue({ ContentBasedDeduplication: "true" });
    const first = await send(url, "same body", "A", null);
    const again = await send(url, "same body", "B", null);
    assert.equal(again.MessageId, first.MessageId);
    await send(url, "other body", "A", null);
    await send(url, "same body", "A", "explicit");
    const { Messages = [] } = await h.client.send(
      new sqs.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["MessageDeduplicationId"] }),
    );
    assert.deepEqual(bodies(Messages), ["same body", "other body", "same body"]);
    assert.equal(Messages[0]?.Attributes?.MessageDeduplicationId, createHash("sha256").update("same body").digest("hex"));
    assert.equal(Messages[2]?.Attributes?.MessageDeduplicationId, "explicit");
  });

  it("deduplicates per group with DeduplicationScope messageGroup", async () => {
    const url = await fifoQueue({ DeduplicationScope: "messageGroup", FifoThroughputLimit: "perMessageGroupId" });
    const a = await send(url, "a", "A", "shared");
    const b = await send(url, "b", "B", "shared");
    assert.notEqual(a.MessageId, b.MessageId);
    const again = await send(url, "a again", "A", "shared");
    assert.equal(again.MessageId, a.MessageId);
    assert.deepEqual(bodies(await receive(url, { MaxNumberOfMessages: 10 })).sort(), ["a", "b"]);
  });

  it("deduplicates within one batch and reports each entry's MessageId", async () => {
    const url = await fifoQueue();
    const { Successful = [], Failed = [] } = await h.client.send(
      new sqs.SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "x", MessageBody: "x", MessageGroupId: "A", MessageDeduplicationId: "same" },
          { Id: "y", MessageBody: "y", MessageGroupId: "A", MessageDeduplicationId: "same" },
          { Id: "z", MessageBody: "z", MessageGroupId: "A", MessageDeduplicationId: "other" },
        ],
      }),
    );
    assert.deepEqual(Failed, []);
    assert.equal(Successful.find((e) => e.Id === "y")?.MessageId, Successful.find((e) => e.Id === "x")?.MessageId);
    assert.deepEqual(bodies(await receive(url, { MaxNumberOfMessages: 10 })), ["x", "z"]);
  });
});

describe("sequence numbers and system attributes", () => {
  it("gives each message a large, increasing SequenceNumber and returns the FIFO system attributes", async () => {
    const url = await fifoQueue();
    const first = await send(url, "s1", "A", "d1");
    const second = await send(url, "s2", "B", "d2");
    for (const s of [first.SequenceNumber, second.SequenceNumber]) assert.match(s ?? "", /^\d{20}$/);
    assert.ok(BigInt(second.SequenceNumber!) > BigInt(first.SequenceNumber!));

    const [message] = await receive(url, { MessageSystemAttributeNames: ["All"] });
    assert.deepEqual(Object.keys(message?.Attributes ?? {}).sort(), [
      "ApproximateFirstReceiveTimestamp",
      "ApproximateReceiveCount",
      "MessageDeduplicationId",
      "MessageGroupId",
      "SenderId",
      "SentTimestamp",
      "SequenceNumber",
    ]);
    assert.equal(message?.Attributes?.MessageGroupId, "A");
    assert.equal(message?.Attributes?.MessageDeduplicationId, "d1");
    assert.equal(message?.Attributes?.SequenceNumber, first.SequenceNumber);
  });

  it("delays every message by the queue's DelaySeconds", async () => {
    const url = await fifoQueue({ DelaySeconds: "1" });
    const start = Date.now();
    await send(url, "later", "A");
    assert.deepEqual(await receive(url), []);
    const [message] = await receive(url, { WaitTimeSeconds: 5 });
    assert.equal(message?.Body, "later");
    assert.ok(Date.now() - start >= 900, `delivered after ${Date.now() - start} ms`);
  });
});

describe("ReceiveRequestAttemptId", () => {
  it("returns the same messages and receipt handles when a receive is retried with the same ID", async () => {
    const url = await fifoQueue();
    for (const body of ["r1", "r2", "r3"]) await send(url, body, "A");
    const first = await receive(url, { MaxNumberOfMessages: 2, ReceiveRequestAttemptId: "attempt-1" });
    assert.deepEqual(bodies(first), ["r1", "r2"]);
    const retry = await receive(url, { MaxNumberOfMessages: 2, ReceiveRequestAttemptId: "attempt-1" });
    assert.deepEqual(retry.map((m) => [m.MessageId, m.ReceiptHandle]), first.map((m) => [m.MessageId, m.ReceiptHandle]));
    assert.deepEqual(await receive(url, { ReceiveRequestAttemptId: "attempt-2" }), [], "a new attempt finds the group in flight");
    // The replayed handles are the current ones: they delete.
    for (const m of retry) await remove(url, m);
    assert.deepEqual(bodies(await receive(url, { ReceiveRequestAttemptId: "attempt-3" })), ["r3"]);
  });
});
