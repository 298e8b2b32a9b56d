// Long polling: a waiting receive returns as soon as a message arrives (woken locally or through Redis, one waiter per
// signal, passed on by a full batch), honours the wait time, and stops waiting when its caller goes away.
//
// Where a test must be sure the receive is already waiting before it acts, it waits WAITING_MS first: that
// ordering is the behaviour under test, and the assertions then measure how fast the waiter reacts against
// the 2-second fallback re-check a missed wake-up would fall back to.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { Redis } from "ioredis";
import { prisma } from "../../../server/db/client";
import { pgPool } from "../../../server/db/pool";
import { env } from "../../../server/env";
import type { CallContext } from "../../../server/services/context";
import { receiveMessage } from "../../../server/services/sqs/receive";
import { queueWakeups, WAKE_CHANNEL, type WaitEnd, wakeMessage } from "../../../server/services/sqs/wakeups";
import { createQueue, md5, queueId, type SqsHarness, startSqs, uniqueName } from "./helpers";

const WAITING_MS = 300;
/** Well under the fallback re-check's 2 s, well over a local round trip. */
const PROMPT_MS = 1_000;

let h: SqsHarness;

before(async () => {
  h = await startSqs();
});
after(() => h.close());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const receive = (QueueUrl: string, input: Omit<sqs.ReceiveMessageCommandInput, "QueueUrl"> = {}, abortSignal?: AbortSignal) =>
  h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl, ...input }), { abortSignal }).then((r) => r.Messages ?? []);
/** Runs `call` and reports when it settled. */
const timed = <T>(call: Promise<T>) => call.then((value) => ({ value, at: Date.now() }));

describe("long polling", () => {
  it("returns as soon as a message is sent", async () => {
    const url = await createQueue(h.client, uniqueName("poll"));
    const waiting = timed(receive(url, { WaitTimeSeconds: 10 }));
    await pause(WAITING_MS);
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "wake up" }));
    const sentAt = Date.now();
    const { value, at } = await waiting;
    assert.deepEqual(value.map((m) => m.Body), ["wake up"]);
    assert.ok(at - sentAt < PROMPT_MS, `returned ${at - sentAt} ms after the send`);
  });

  it("is woken through Redis by a message another process stored", async () => {
    const url = await createQueue(h.client, uniqueName("poll-redis"));
    const id = await queueId(url);
    const waiting = timed(receive(url, { WaitTimeSeconds: 10 }));
    await pause(WAITING_MS);
    // What a send in another gateway process does: commit the row, then publish the queue's ID.
    await pgPool().query(
      `INSERT INTO sqs_messages (queue_id, message_id, body, md5_of_body, sender_id, sent_at, visible_at, enqueued_at)
       VALUES ($1, $2, 'from afar', $3, 'AIDAOTHERPROCESS', now(), now(), now())`,
      [id, randomUUID(), md5("from afar")],
    );
    const publisher = new Redis(env().REDIS_URL);
    try {
      await publisher.publish(WAKE_CHANNEL, wakeMessage("another-process", id));
    } finally {
      publisher.disconnect();
    }
    const publishedAt = Date.now();
    const { value, at } = await waiting;
    assert.deepEqual(value.map((m) => m.Body), ["from afar"]);
    assert.ok(at - publishedAt < PROMPT_MS, `returned ${at - publishedAt} ms after the publish`);
  });

  it("returns empty after WaitTimeSeconds, and gives the one message to only one of several waiters", async () => {
    const url = await createQueue(h.client, uniqueName("poll-many"));
    const start = Date.now();
    const waiters = Array.from({ length: 3 }, () => timed(receive(url, { WaitTimeSeconds: 1 })));
    await pause(WAITING_MS);
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "only one" }));
    const results = await Promise.all(waiters);
    assert.deepEqual(results.flatMap((r) => r.value.map((m) => m.Body)), ["only one"]);
    const empty = results.filter((r) => r.value.length === 0);
    assert.equal(empty.length, 2);
    for (const r of empty) assert.ok(r.at - start >= 950, `an empty poll returned after ${r.at - start} ms`);
  });

  it("wakes waiters one at a time: each that fills its batch passes the signal on", async () => {
    const url = await createQueue(h.client, uniqueName("poll-chain"));
    const waiters = Array.from({ length: 3 }, () => timed(receive(url, { WaitTimeSeconds: 10, MaxNumberOfMessages: 1 })));
    await pause(WAITING_MS);
    await h.client.send(
      new sqs.SendMessageBatchCommand({ QueueUrl: url, Entries: ["a", "b", "c"].map((body) => ({ Id: body, MessageBody: body })) }),
    );
    const sentAt = Date.now();
    const results = await Promise.all(waiters);
    assert.deepEqual(results.flatMap((r) => r.value.map((m) => m.Body)).sort(), ["a", "b", "c"]);
    for (const r of results) assert.ok(r.at - sentAt < PROMPT_MS, `a waiter returned ${r.at - sentAt} ms after the send`);
  });

  it("waits the queue's ReceiveMessageWaitTimeSeconds by default, which WaitTimeSeconds 0 overrides", async () => {
    const url = await createQueue(h.client, uniqueName("poll-queue"), { ReceiveMessageWaitTimeSeconds: "1" });
    let start = Date.now();
    assert.deepEqual(await receive(url), []);
    assert.ok(Date.now() - start >= 950, `waited ${Date.now() - start} ms`);
    start = Date.now();
    assert.deepEqual(await receive(url, { WaitTimeSeconds: 0 }), []);
    assert.ok(Date.now() - start < 900, `a short poll took ${Date.now() - start} ms`);
  });

  it("on a FIFO queue, returns as soon as a delete unblocks a group", async () => {
    const url = await createQueue(h.client, uniqueName("poll-fifo", true), { FifoQueue: "true", ContentBasedDeduplication: "true" });
    for (const body of ["first", "second"]) await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: "g" }));
    const [first] = await receive(url);
    const waiting = timed(receive(url, { WaitTimeSeconds: 10 }));
    await pause(WAITING_MS);
    await h.client.send(new sqs.DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: first?.ReceiptHandle }));
    const deletedAt = Date.now();
    const { value, at } = await waiting;
    assert.deepEqual(value.map((m) => m.Body), ["second"]);
    assert.ok(at - deletedAt < PROMPT_MS, `returned ${at - deletedAt} ms after the delete`);
  });
});

describe("the wake-up hub", () => {
  /** How each wait has ended so far (undefined: still waiting). */
  const track = (waits: Promise<WaitEnd>[]) => {
    const ends: (WaitEnd | undefined)[] = waits.map(() => undefined);
    waits.forEach((w, i) => void w.then((end) => (ends[i] = end)));
    return ends;
  };

  it("wakes the longest-waiting receive per signal, the next one on wakeNext, and ends an aborted wait", async () => {
    const hub = queueWakeups();
    const queue = randomUUID();
    const controller = new AbortController();
    const ends = track([hub.wait(queue, 10_000), hub.wait(queue, 10_000), hub.wait(queue, 10_000, controller.signal)]);
    hub.notify(queue);
    await pause(50);
    assert.deepEqual(ends, ["woken", undefined, undefined]);
    hub.wakeNext(queue);
    await pause(50);
    assert.deepEqual(ends, ["woken", "woken", undefined]);
    controller.abort();
    await pause(50);
    assert.deepEqual(ends, ["woken", "woken", "aborted"]);
  });
});

describe("a caller that goes away", () => {
  it("stops waiting, so it takes no message it could no longer be sent", async () => {
    const url = await createQueue(h.client, uniqueName("poll-abort"));
    const controller = new AbortController();
    const abandoned = receive(url, { WaitTimeSeconds: 20 }, controller.signal).catch((e: Error) => e);
    await pause(WAITING_MS);
    controller.abort();
    assert.equal((await abandoned as Error).name, "AbortError");

    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "for whoever is still there" }));
    const { Messages = [] } = await h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }));
    assert.equal(Messages[0]?.Body, "for whoever is still there");
    assert.equal(Messages[0]?.Attributes?.ApproximateReceiveCount, "1", "the abandoned receive did not take it first");
  });

  it("ends the wait as soon as the call's signal aborts", async () => {
    const url = await createQueue(h.client, uniqueName("poll-signal"));
    const controller = new AbortController();
    const ctx: CallContext = {
      accountId: h.team.accountId,
      region: "us-east-1",
      principal: h.team.principal,
      requestId: randomUUID(),
      source: "gateway",
      signal: controller.signal,
    };
    const waiting = timed(receiveMessage(prisma(), ctx, { QueueUrl: url, WaitTimeSeconds: 20 }));
    await pause(WAITING_MS);
    controller.abort();
    const abortedAt = Date.now();
    const { value, at } = await waiting;
    assert.equal(value.Messages, undefined);
    assert.ok(at - abortedAt < 500, `returned ${at - abortedAt} ms after the abort`);
  });
});
