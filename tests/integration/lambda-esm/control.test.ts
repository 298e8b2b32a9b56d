// Turning mappings off and on, deleting them, and how far their pollers scale out.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as delay } from "node:timers/promises";
import * as lambda from "@aws-sdk/client-lambda";
import { SendMessageBatchCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { pgPool } from "../../../server/db/pool";
import { counts } from "../sqs/helpers";
import { type EsmHarness, startEsmHarness } from "./harness";

let h: EsmHarness;
before(async () => {
  h = await startEsmHarness();
});
after(() => h.close());

const send = (url: string, body: string) => h.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));

describe("control", () => {
  test("a disabled mapping delivers nothing until it is enabled again", async () => {
    const queue = await h.queue("toggled");
    const fn = await h.recordingFunction("toggled");
    const { UUID } = await h.createMapping({ FunctionName: fn.name, EventSourceArn: queue.arn });
    await send(queue.url, "before");
    assert.equal((await h.events(fn, 1))[0]!.Records[0]!.body, "before");

    await h.client.send(new lambda.UpdateEventSourceMappingCommand({ UUID, Enabled: false }));
    await h.waitForState(UUID!, "Disabled");
    await send(queue.url, "while disabled");
    await h.assertNoEvent(fn, 3000);
    assert.equal((await counts(h.sqs, queue.url)).visible, 1);

    await h.client.send(new lambda.UpdateEventSourceMappingCommand({ UUID, Enabled: true }));
    assert.equal((await h.events(fn, 1))[0]!.Records[0]!.body, "while disabled");
    await h.waitUntilEmpty(queue);
  });

  test("a deleted mapping stops delivering", async () => {
    const queue = await h.queue("deleted");
    const fn = await h.recordingFunction("deleted");
    const { UUID } = await h.createMapping({ FunctionName: fn.name, EventSourceArn: queue.arn });
    await h.waitForState(UUID!, "Enabled");
    await h.client.send(new lambda.DeleteEventSourceMappingCommand({ UUID }));
    // The workers act on the change's notification; give them a moment, as AWS's "Deleting" does.
    await delay(500);
    await send(queue.url, "orphan");
    await h.assertNoEvent(fn, 3000);
    assert.equal((await counts(h.sqs, queue.url)).visible, 1);
  });

  test("pollers scale out with the backlog, up to ScalingConfig.MaximumConcurrency", async () => {
    const queue = await h.queue("backlog");
    const fn = await h.recordingFunction("backlog", "await new Promise((resolve) => setTimeout(resolve, 1000));");
    await h.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ Id: `m${i}`, MessageBody: `m${i}` })) }));
    await h.createMapping({ FunctionName: fn.name, EventSourceArn: queue.arn, BatchSize: 1, ScalingConfig: { MaximumConcurrency: 2 } });
    const events = await h.events(fn, 8);
    assert.deepEqual(events.map((e) => e.Records[0]!.body).sort(), ["m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7"]);
    await h.waitUntilEmpty(queue);
    // The most invocations that ran at once, from their recorded start and duration.
    const { rows } = await pgPool().query<{ peak: number }>(
      `WITH runs AS (SELECT started_at AS s, started_at + make_interval(secs => duration_ms / 1000) AS e FROM lambda_invocations WHERE account_id = $1 AND function_name = $2)
       SELECT max((SELECT count(*) FROM runs b WHERE b.s <= a.s AND b.e > a.s))::int AS peak FROM runs a`,
      [h.team.accountId, fn.name],
    );
    assert.equal(rows[0]!.peak, 2);
  });
});
