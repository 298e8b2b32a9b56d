// Dead-letter queues through the SDK: redrive after maxReceiveCount, RedriveAllowPolicy, ListDeadLetterSourceQueues, and
// message move tasks run by the real `sqs.move-messages` worker.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { pgPool } from "../../../server/db/pool";
import { sqsMoveMessages } from "../../../workers/jobs/sqs-move-messages";
import { testRun, type TestRun } from "../outbox/harness";
import { assertSqsError, counts, createQueue, queueAttributes, queueId, type SqsHarness, startSqs, uniqueName, waitFor } from "./helpers";

let h: SqsHarness;
let run: TestRun;

before(async () => {
  h = await startSqs();
  run = testRun();
  await run.start([sqsMoveMessages]);
});
after(async () => {
  await run.cleanUp();
  await h.close();
});

const arnOf = (url: string) => `arn:aws:sqs:us-east-1:${h.team.accountId}:${new URL(url).pathname.split("/")[2]}`;
const redrive = (dlqUrl: string, maxReceiveCount: number) => JSON.stringify({ deadLetterTargetArn: arnOf(dlqUrl), maxReceiveCount });
const receive = (QueueUrl: string, input: Omit<sqs.ReceiveMessageCommandInput, "QueueUrl"> = {}) =>
  h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, ...input })).then((r) => r.Messages ?? []);

/** A dead-letter queue and a source redriving to it after `maxReceiveCount` receives. */
async function redrivePair(maxReceiveCount: number, fifo = false): Promise<{ dlq: string; source: string }> {
  const fifoAttributes: Record<string, string> = fifo ? { FifoQueue: "true", ContentBasedDeduplication: "true" } : {};
  const dlq = await createQueue(h.client, uniqueName("dlq", fifo), fifoAttributes);
  const source = await createQueue(h.client, uniqueName("source", fifo), { ...fifoAttributes, RedrivePolicy: redrive(dlq, maxReceiveCount) });
  return { dlq, source };
}

/** Receives (with no visibility timeout) until the message has been dead-lettered. */
async function exhaust(source: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) assert.ok((await receive(source, { VisibilityTimeout: 0 })).length > 0, `receive ${i + 1}`);
  assert.deepEqual(await receive(source), [], "moved on the next receive");
}

async function moveTask(sourceArn: string, status: string): Promise<sqs.ListMessageMoveTasksResultEntry> {
  return waitFor(`a ${status} move task`, async () => {
    const { Results = [] } = await h.client.send(new sqs.ListMessageMoveTasksCommand({ SourceArn: sourceArn }));
    return Results[0]?.Status === status ? Results[0] : undefined;
  });
}

describe("redrive to a dead-letter queue", () => {
  it("moves a message on the receive after maxReceiveCount, keeping its ID, body, attributes and timestamps", async () => {
    const { dlq, source } = await redrivePair(2);
    const sent = await h.client.send(
      new sqs.SendMessageCommand({
        QueueUrl: source,
        MessageBody: "poison",
        MessageAttributes: { kind: { DataType: "String", StringValue: "bad" } },
        MessageSystemAttributes: { AWSTraceHeader: { DataType: "String", StringValue: "Root=1-abc" } },
      }),
    );
    const [original] = await receive(source, { VisibilityTimeout: 0, MessageSystemAttributeNames: ["All"] });
    await receive(source, { VisibilityTimeout: 0 });
    assert.deepEqual(await receive(source), [], "the third receive moves it instead of returning it");
    assert.deepEqual(await counts(h.client, source), { visible: 0, inFlight: 0, delayed: 0 });

    const [dead] = await receive(dlq, { MessageSystemAttributeNames: ["All"], MessageAttributeNames: ["All"] });
    assert.equal(dead?.MessageId, sent.MessageId);
    assert.equal(dead?.Body, "poison");
    assert.equal(dead?.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.deepEqual(dead?.MessageAttributes, { kind: { DataType: "String", StringValue: "bad" } });
    assert.equal(dead?.Attributes?.SentTimestamp, original?.Attributes?.SentTimestamp);
    assert.equal(dead?.Attributes?.ApproximateFirstReceiveTimestamp, original?.Attributes?.ApproximateFirstReceiveTimestamp);
    assert.equal(dead?.Attributes?.ApproximateReceiveCount, "3", "receives count across queues");
    assert.equal(dead?.Attributes?.DeadLetterQueueSourceArn, arnOf(source));
    assert.equal(dead?.Attributes?.AWSTraceHeader, "Root=1-abc");

    // A standard dead-letter queue keeps the original enqueue time, so retention still counts from the send.
    const { rows } = await pgPool().query<{ same: boolean }>("SELECT enqueued_at = sent_at AS same FROM sqs_messages WHERE queue_id = $1", [await queueId(dlq)]);
    assert.deepEqual(rows, [{ same: true }]);
  });

  it("on FIFO queues, moves the group's head and delivers the next message in the same receive, restarting retention", async () => {
    const { dlq, source } = await redrivePair(1, true);
    for (const body of ["head", "next"]) await h.client.send(new sqs.SendMessageCommand({ QueueUrl: source, MessageBody: body, MessageGroupId: "g" }));
    // As if sent a minute ago.
    await pgPool().query("UPDATE sqs_messages SET enqueued_at = enqueued_at - interval '1 minute', sent_at = sent_at - interval '1 minute' WHERE queue_id = $1", [
      await queueId(source),
    ]);
    assert.deepEqual((await receive(source, { VisibilityTimeout: 0, MaxNumberOfMessages: 1 })).map((m) => m.Body), ["head"]);
    assert.deepEqual((await receive(source, { MaxNumberOfMessages: 1 })).map((m) => m.Body), ["next"], "head went to the dead-letter queue");

    const [dead] = await receive(dlq, { MessageSystemAttributeNames: ["MessageGroupId", "DeadLetterQueueSourceArn"] });
    assert.equal(dead?.Body, "head");
    assert.deepEqual(dead?.Attributes, { MessageGroupId: "g", DeadLetterQueueSourceArn: arnOf(source) });
    const { rows } = await pgPool().query<{ reset: boolean }>("SELECT enqueued_at > sent_at + interval '30 seconds' AS reset FROM sqs_messages WHERE queue_id = $1", [
      await queueId(dlq),
    ]);
    assert.deepEqual(rows, [{ reset: true }]);
  });

  it("lists a dead-letter queue's sources, with paging", async () => {
    const dlq = await createQueue(h.client, uniqueName("dlq"));
    const sources = [await createQueue(h.client, `a-${uniqueName("src")}`), await createQueue(h.client, `b-${uniqueName("src")}`)];
    for (const url of sources) await h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { RedrivePolicy: redrive(dlq, 3) } }));
    await createQueue(h.client, uniqueName("unrelated"));

    const all = await h.client.send(new sqs.ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
    assert.deepEqual(all.queueUrls, sources);
    assert.equal(all.NextToken, undefined);
    const first = await h.client.send(new sqs.ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq, MaxResults: 1 }));
    assert.deepEqual(first.queueUrls, [sources[0]]);
    const second = await h.client.send(new sqs.ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq, MaxResults: 1, NextToken: first.NextToken }));
    assert.deepEqual(second.queueUrls, [sources[1]]);
    assert.equal(second.NextToken, undefined);
    assert.deepEqual((await h.client.send(new sqs.ListDeadLetterSourceQueuesCommand({ QueueUrl: sources[0] }))).queueUrls, []);
  });

  it("honours the dead-letter queue's RedriveAllowPolicy", async () => {
    const allowed = await createQueue(h.client, uniqueName("allowed"));
    const refused = await createQueue(h.client, uniqueName("refused"));
    const allowPolicy = JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [arnOf(allowed)] });
    const dlq = await createQueue(h.client, uniqueName("dlq"), { RedriveAllowPolicy: allowPolicy });
    assert.equal((await queueAttributes(h.client, dlq)).RedriveAllowPolicy, allowPolicy);

    await h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: allowed, Attributes: { RedrivePolicy: redrive(dlq, 3) } }));
    await assertSqsError(h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: refused, Attributes: { RedrivePolicy: redrive(dlq, 3) } })), {
      name: "InvalidParameterValue",
      status: 400,
      message: `Value ${redrive(dlq, 3)} for parameter RedrivePolicy is invalid. Reason: The dead-letter queue's RedriveAllowPolicy does not allow ${arnOf(refused)} as a source queue.`,
    });

    await h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: dlq, Attributes: { RedriveAllowPolicy: '{"redrivePermission":"denyAll"}' } }));
    await assertSqsError(
      h.client.send(new sqs.CreateQueueCommand({ QueueName: uniqueName("denied"), Attributes: { RedrivePolicy: redrive(dlq, 3) } })),
      { name: "InvalidParameterValue", status: 400, message: /RedriveAllowPolicy does not allow/ },
    );
  });
});

describe("message move tasks", () => {
  it("moves dead letters back to their source queues and reports the completed task", async () => {
    const { dlq, source } = await redrivePair(1);
    const sent = await h.client.send(new sqs.SendMessageCommand({ QueueUrl: source, MessageBody: "retry me" }));
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: source, MessageBody: "me too" }));
    await exhaust(source, 1);
    assert.equal((await counts(h.client, dlq)).visible, 2);

    const started = Date.now();
    const { TaskHandle } = await h.client.send(new sqs.StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq) }));
    assert.ok(TaskHandle);
    const task = await moveTask(arnOf(dlq), "COMPLETED");
    assert.equal(task.TaskHandle, undefined, "only running tasks show their handle");
    assert.equal(task.SourceArn, arnOf(dlq));
    assert.equal(task.ApproximateNumberOfMessagesMoved, 2);
    assert.equal(task.ApproximateNumberOfMessagesToMove, 2);
    assert.ok(Math.abs(task.StartedTimestamp! - started) < 10_000, "StartedTimestamp in epoch milliseconds");

    assert.equal((await counts(h.client, dlq)).visible, 0);
    const back = await receive(source, { MessageSystemAttributeNames: ["ApproximateReceiveCount"] });
    assert.deepEqual(back.map((m) => m.Body).sort(), ["me too", "retry me"]);
    const retried = back.find((m) => m.Body === "retry me");
    assert.equal(retried?.MessageId, sent.MessageId);
    assert.equal(retried?.Attributes?.ApproximateReceiveCount, "1", "a redriven message starts counting again");
  });

  it("moves to an explicit destination at the given rate, one task at a time, and can be cancelled", async () => {
    const { dlq } = await redrivePair(3);
    const destination = await createQueue(h.client, uniqueName("destination"));
    await h.client.send(new sqs.SendMessageBatchCommand({ QueueUrl: dlq, Entries: ["a", "b", "c", "d"].map((b) => ({ Id: b, MessageBody: b })) }));

    const { TaskHandle } = await h.client.send(
      new sqs.StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq), DestinationArn: arnOf(destination), MaxNumberOfMessagesPerSecond: 1 }),
    );
    const { Results: [running] = [] } = await h.client.send(new sqs.ListMessageMoveTasksCommand({ SourceArn: arnOf(dlq), MaxResults: 10 }));
    assert.equal(running?.Status, "RUNNING");
    assert.equal(running?.TaskHandle, TaskHandle);
    assert.equal(running?.DestinationArn, arnOf(destination));
    assert.equal(running?.MaxNumberOfMessagesPerSecond, 1);

    await assertSqsError(h.client.send(new sqs.StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq) })), {
      name: "InvalidParameterValue",
      status: 400,
      message: "There is already a task running. Only one active task is allowed for a source queue arn at a given time.",
    });

    const cancelled = await h.client.send(new sqs.CancelMessageMoveTaskCommand({ TaskHandle }));
    assert.ok((cancelled.ApproximateNumberOfMessagesMoved ?? -1) <= 1, "at one message a second, at most one has moved");
    const task = await moveTask(arnOf(dlq), "CANCELLED");
    const moved = (await counts(h.client, destination)).visible;
    assert.equal(task.ApproximateNumberOfMessagesMoved, moved);
    assert.ok(moved < 4, `${moved} moved before the cancel took effect`);
    assert.equal((await counts(h.client, dlq)).visible, 4 - moved, "nothing lost, nothing duplicated");

    await assertSqsError(h.client.send(new sqs.CancelMessageMoveTaskCommand({ TaskHandle })), {
      name: "InvalidParameterValue",
      status: 400,
      message: "Only active tasks can be cancelled.",
    });
  });

  it("fails when a message's original source queue is gone", async () => {
    // The pair's source keeps the queue a dead-letter queue once `doomed` is deleted.
    const { dlq } = await redrivePair(1);
    const doomed = await createQueue(h.client, uniqueName("doomed"), { RedrivePolicy: redrive(dlq, 1) });
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: doomed, MessageBody: "orphan" }));
    await exhaust(doomed, 1);
    await h.client.send(new sqs.DeleteQueueCommand({ QueueUrl: doomed }));

    await h.client.send(new sqs.StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq) }));
    const task = await moveTask(arnOf(dlq), "FAILED");
    assert.equal(task.FailureReason, "AWS.SimpleQueueService.NonExistentQueue");
    assert.equal((await counts(h.client, dlq)).visible, 1, "the message stays in the dead-letter queue");
  });

  it("reports unknown destinations and tasks as missing resources", async () => {
    const { dlq } = await redrivePair(1);
    await assertSqsError(
      h.client.send(new sqs.StartMessageMoveTaskCommand({ SourceArn: arnOf(dlq), DestinationArn: `arn:aws:sqs:us-east-1:${h.team.accountId}:nowhere` })),
      { name: "ResourceNotFoundException", status: 404, message: "The resource that you specified for the DestinationArn parameter doesn't exist." },
    );
    const unknown = Buffer.from(JSON.stringify({ taskId: "no-such-task", sourceArn: arnOf(dlq) })).toString("base64");
    await assertSqsError(h.client.send(new sqs.CancelMessageMoveTaskCommand({ TaskHandle: unknown })), {
      name: "ResourceNotFoundException",
      status: 404,
      message: "Task does not exist.",
    });
  });
});
