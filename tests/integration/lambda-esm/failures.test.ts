// When the function fails: messages come back after the visibility timeout and redrive to the DLQ; ReportBatchItemFailures; throttling.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import * as lambda from "@aws-sdk/client-lambda";
import { ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { pgPool } from "../../../server/db/pool";
import type { SqsEventRecord } from "../../../workers/lambda/event-sources/sqs-event";
import { counts } from "../sqs/helpers";
import { type EsmHarness, startEsmHarness } from "./harness";

let h: EsmHarness;
before(async () => {
  h = await startEsmHarness();
});
after(() => h.close());

/** A queue that hands a failed message back after 2 seconds. */
const QUICK_RETRY = { VisibilityTimeout: "2" };
const summary = (event: { Records: SqsEventRecord[] }) => event.Records.map((r) => `${r.body}#${r.attributes.ApproximateReceiveCount}`).sort();

/** `bodies` sent in one batch to a ReportBatchItemFailures mapping of a function running `behaviour`; its first two events. */
async function reportingBatch(label: string, behaviour: string, bodies: string[]) {
  const queue = await h.queue(label, QUICK_RETRY);
  const fn = await h.recordingFunction(label, behaviour, { Timeout: 2 });
  await h.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: bodies.map((body) => ({ Id: body, MessageBody: body })) }));
  await h.createMapping({ FunctionName: fn.name, EventSourceArn: queue.arn, FunctionResponseTypes: ["ReportBatchItemFailures"] });
  return { queue, fn, events: await h.events(fn, 2) };
}

describe("failures", () => {
  test("a failing function leaves the batch to reappear, and the queue's redrive policy moves it to the DLQ", async () => {
    const dlq = await h.queue("dlq");
    const queue = await h.queue("failing", { ...QUICK_RETRY, RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }) });
    const fn = await h.recordingFunction("failing", "throw new Error('boom');", { Timeout: 2 });
    await h.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "doomed" }));
    await h.createMapping({ FunctionName: fn.name, EventSourceArn: queue.arn, BatchSize: 1 });
    const attempts = await h.events(fn, 2);
    assert.deepEqual(attempts.map(summary), [["doomed#1"], ["doomed#2"]]);
    const { Messages = [] } = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, WaitTimeSeconds: 10, MessageSystemAttributeNames: ["All"] }));
    assert.equal(Messages[0]?.Body, "doomed");
    assert.equal(Messages[0]?.Attributes?.DeadLetterQueueSourceArn, queue.arn);
    await h.waitUntilEmpty(queue);
    await h.assertNoEvent(fn, 1000);
    const { rows } = await pgPool().query("SELECT count(*)::int AS n FROM lambda_invocations WHERE account_id = $1 AND function_name = $2 AND function_error = 'Unhandled'", [
      h.team.accountId,
      fn.name,
    ]);
    assert.equal(rows[0].n, 2);
  });

  test("ReportBatchItemFailures deletes the rest of the batch; only the reported messages come back", async () => {
    const { queue, fn, events } = await reportingBatch(
      "partial",
      "return { batchItemFailures: event.Records.filter((r) => r.body.startsWith('fail') && r.attributes.ApproximateReceiveCount === '1').map((r) => ({ itemIdentifier: r.messageId })) };",
      ["ok-1", "fail-2", "ok-3", "fail-4"],
    );
    assert.deepEqual(events.map(summary), [
      ["fail-2#1", "fail-4#1", "ok-1#1", "ok-3#1"],
      ["fail-2#2", "fail-4#2"],
    ]);
    await h.waitUntilEmpty(queue);
    await h.assertNoEvent(fn, 1000);
  });

  test("an item identifier not in the batch fails the whole batch, as on AWS", async () => {
    const { queue, events } = await reportingBatch(
      "invalid-report",
      "if (event.Records[0].attributes.ApproximateReceiveCount === '1') return { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] };",
      ["a", "b"],
    );
    assert.deepEqual(events.map(summary), [
      ["a#1", "b#1"],
      ["a#2", "b#2"],
    ]);
    await h.waitUntilEmpty(queue);
  });

  test("with reserved concurrency 0 the mapping leaves the queue alone until concurrency is back", async () => {
    const queue = await h.queue("no-concurrency");
    const fn = await h.recordingFunction("no-concurrency");
    await h.client.send(new lambda.PutFunctionConcurrencyCommand({ FunctionName: fn.name, ReservedConcurrentExecutions: 0 }));
    const { UUID } = await h.createMapping({ FunctionName: fn.name, EventSourceArn: queue.arn });
    await h.waitForState(UUID!, "Enabled");
    await h.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "waiting" }));
    await h.assertNoEvent(fn, 2000);
    assert.deepEqual(await counts(h.sqs, queue.url), { visible: 1, inFlight: 0, delayed: 0 });
    await h.client.send(new lambda.DeleteFunctionConcurrencyCommand({ FunctionName: fn.name }));
    const [event] = await h.events(fn, 1);
    assert.deepEqual(summary(event!), ["waiting#1"]);
    await h.waitUntilEmpty(queue);
  });

  test("a throttled batch is released at once and retried after a backoff", async () => {
    const queue = await h.queue("throttled", { VisibilityTimeout: "30" });
    const fn = await h.recordingFunction("throttled", "if (event.hold) await new Promise((resolve) => setTimeout(resolve, 3000));", { Timeout: 10 });
    await h.client.send(new lambda.PutFunctionConcurrencyCommand({ FunctionName: fn.name, ReservedConcurrentExecutions: 1 }));
    const { UUID } = await h.createMapping({ FunctionName: fn.name, EventSourceArn: queue.arn });
    await h.waitForState(UUID!, "Enabled");
    // The one execution the function may run is taken by a direct invocation while the batch arrives.
    const holding = h.client.send(new lambda.InvokeCommand({ FunctionName: fn.name, Payload: Buffer.from('{"hold":true}') }));
    await delay(1000);
    await h.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: "throttled" }));
    const events = await h.events(fn, 2);
    await holding;
    const batch = events.find((e) => e.Records !== undefined);
    assert.equal(batch?.Records[0]?.body, "throttled");
    // A message left in flight would have come back only after the 30-second visibility timeout.
    assert.ok(Number(batch?.Records[0]?.attributes.ApproximateReceiveCount) >= 2, "the throttled batch was released and received again");
    const { rows } = await pgPool().query("SELECT coalesce(sum(count), 0)::int AS n FROM lambda_throttle_counts WHERE account_id = $1 AND function_name = $2", [
      h.team.accountId,
      fn.name,
    ]);
    assert.ok(rows[0].n >= 1);
    await h.waitUntilEmpty(queue);
  });
});
