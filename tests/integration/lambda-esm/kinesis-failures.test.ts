// When the function fails: the shard waits while the batch is retried; MaximumRetryAttempts ends that with AWS's
// on-failure record; BisectBatchOnFunctionError isolates a poison record; ReportBatchItemFailures resumes from the failed item;
// throttles cost no retry.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as lambda from "@aws-sdk/client-lambda";
import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { pgPool } from "../../../server/db/pool";
import { waitFor } from "../sqs/helpers";
import { batches, type KinesisEsmHarness, startKinesisEsmHarness, waitForResult } from "./kinesis-harness";

let h: KinesisEsmHarness;
before(async () => {
  h = await startKinesisEsmHarness();
});
after(() => h.close());

/** Data that makes the test functions below fail until `ms` from now. */
const failingFor = (value: string, ms: number) => JSON.stringify({ value, failUntil: Date.now() + ms });
const FAILS_WHILE_TOLD = "if (data.some((d) => d.startsWith('{') && JSON.parse(d).failUntil > Date.now())) throw new Error('not yet');";

describe("Kinesis failures", () => {
  test("a failing batch holds its shard back and is retried until it succeeds", async () => {
    const stream = await h.stream("blocked");
    const fn = await h.streamFunction("blocked", FAILS_WHILE_TOLD, { Timeout: 3 });
    const { UUID } = await h.createMapping({ FunctionName: fn.name, EventSourceArn: stream.arn, StartingPosition: "LATEST", BatchSize: 1 });
    const first = failingFor("first", 3000);
    await h.put(stream, [{ data: first }, { data: "second" }]);
    await waitForResult(h.client, UUID!, "PROBLEM: Function call failed");

    // Retried (1 s, then 2 s after failing) until it succeeds; the second record waits for that.
    const got = batches(await h.invocations(fn, 3, 20_000));
    got.push(...batches(await h.drain(fn, 1500)));
    const firstTries = got.findIndex((b) => b[0] === "second");
    assert.ok(firstTries >= 2, `the first record was tried ${firstTries} times before the second`);
    assert.deepEqual(got.slice(0, firstTries), Array(firstTries).fill([first]));
    assert.deepEqual(got.slice(firstTries), [["second"]]);
    await waitForResult(h.client, UUID!, "OK");
    const { rows } = await pgPool().query("SELECT count(*)::int AS n FROM lambda_invocations WHERE account_id = $1 AND function_name = $2 AND function_error = 'Unhandled'", [
      h.team.accountId,
      fn.name,
    ]);
    assert.equal(rows[0].n, firstTries - 1);
  });

  test("after MaximumRetryAttempts the batch goes to the on-failure destination as AWS's record, and the shard moves on", async () => {
    const stream = await h.stream("exhausted");
    const destination = await h.queue("exhausted-dlq");
    const fn = await h.streamFunction("exhausted", "if (data.some((d) => d.startsWith('bad'))) throw new Error('boom');");
    const put = await h.put(stream, [{ data: "bad-1" }, { data: "bad-2" }]);
    await h.createMapping({
      FunctionName: fn.name,
      EventSourceArn: stream.arn,
      StartingPosition: "TRIM_HORIZON",
      BatchSize: 2,
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: destination.arn } },
    });
    const attempts = await h.invocations(fn, 2);
    assert.deepEqual(batches(attempts), [
      ["bad-1", "bad-2"],
      ["bad-1", "bad-2"],
    ]);

    const [record] = (await h.messages(destination, 1)) as Record<string, Record<string, unknown>>[];
    assert.deepEqual(Object.keys(record!), ["requestContext", "responseContext", "version", "timestamp", "KinesisBatchInfo"]);
    const arrivals = attempts[0]!.event.Records.map((r) => new Date(Math.round(r.kinesis.approximateArrivalTimestamp * 1000)).toISOString());
    assert.deepEqual(record, {
      requestContext: { requestId: attempts[1]!.requestId, functionArn: fn.arn, condition: "RetryAttemptsExhausted", approximateInvokeCount: 2 },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      version: "1.0",
      timestamp: record!.timestamp,
      KinesisBatchInfo: {
        shardId: put[0]!.ShardId,
        startSequenceNumber: put[0]!.SequenceNumber,
        endSequenceNumber: put[1]!.SequenceNumber,
        approximateArrivalOfFirstRecord: arrivals[0],
        approximateArrivalOfLastRecord: arrivals[1],
        batchSize: 2,
        streamArn: stream.arn,
      },
    });
    assert.match(String(record!.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    await h.put(stream, [{ data: "good" }]);
    assert.deepEqual(batches(await h.invocations(fn, 1)), [["good"]]);
  });

  test("BisectBatchOnFunctionError splits a failing batch until the poison record is alone", async () => {
    const stream = await h.stream("bisected");
    const destination = await h.queue("bisected-dlq");
    const fn = await h.streamFunction("bisected", "if (data.includes('poison')) throw new Error('poisoned');");
    const sent = ["r1", "r2", "r3", "poison", "r5", "r6", "r7", "r8"];
    const put = await h.put(stream, sent.map((data) => ({ data })));
    await h.createMapping({
      FunctionName: fn.name,
      EventSourceArn: stream.arn,
      StartingPosition: "TRIM_HORIZON",
      BatchSize: 8,
      MaximumRetryAttempts: 0,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: destination.arn } },
    });
    assert.deepEqual(batches(await h.invocations(fn, 7)), [
      ["r1", "r2", "r3", "poison", "r5", "r6", "r7", "r8"],
      ["r1", "r2", "r3", "poison"],
      ["r1", "r2"],
      ["r3", "poison"],
      ["r3"],
      ["poison"],
      ["r5", "r6", "r7", "r8"],
    ]);
    const [record] = (await h.messages(destination, 1)) as { requestContext: Record<string, unknown>; KinesisBatchInfo: Record<string, unknown> }[];
    assert.equal(record!.requestContext.condition, "RetryAttemptsExhausted");
    assert.equal(record!.requestContext.approximateInvokeCount, 1);
    assert.equal(record!.KinesisBatchInfo.batchSize, 1);
    assert.equal(record!.KinesisBatchInfo.startSequenceNumber, put[3]!.SequenceNumber);
    assert.equal(record!.KinesisBatchInfo.endSequenceNumber, put[3]!.SequenceNumber);
    await h.assertNoInvocation(fn, 1000);
  });

  test("ReportBatchItemFailures: processing resumes from the lowest failed sequence number", async () => {
    const stream = await h.stream("reported");
    const fn = await h.streamFunction(
      "reported",
      "return { batchItemFailures: event.Records.filter((r, i) => data[i].startsWith('{') && JSON.parse(data[i]).failUntil > Date.now()).map((r) => ({ itemIdentifier: r.kinesis.sequenceNumber })) };",
    );
    const [f2, f4] = [failingFor("f2", 3000), failingFor("f4", 3000)];
    await h.put(stream, [{ data: "ok1" }, { data: f2 }, { data: "ok3" }, { data: f4 }]);
    const { UUID } = await h.createMapping({
      FunctionName: fn.name,
      EventSourceArn: stream.arn,
      StartingPosition: "TRIM_HORIZON",
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
    assert.deepEqual(batches(await h.invocations(fn, 1)), [["ok1", f2, "ok3", f4]]);
    await waitForResult(h.client, UUID!, "OK");
    // Retried from f2 (ok1 went through) until they went through too; then nothing more.
    const retries = batches(await h.drain(fn, 1500));
    assert.ok(retries.length >= 1);
    assert.deepEqual(retries, Array(retries.length).fill([f2, "ok3", f4]));
  });

  test("a throttled batch is retried without counting against MaximumRetryAttempts", async () => {
    const stream = await h.stream("throttled");
    const destination = await h.queue("throttled-dlq");
    const fn = await h.streamFunction("throttled");
    await h.client.send(new lambda.PutFunctionConcurrencyCommand({ FunctionName: fn.name, ReservedConcurrentExecutions: 0 }));
    await h.createMapping({
      FunctionName: fn.name,
      EventSourceArn: stream.arn,
      StartingPosition: "LATEST",
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: destination.arn } },
    });
    await h.put(stream, [{ data: "waits" }]);
    await waitForThrottles(fn.name, 2);
    await h.client.send(new lambda.DeleteFunctionConcurrencyCommand({ FunctionName: fn.name }));
    assert.deepEqual(batches(await h.invocations(fn, 1)), [["waits"]]);
    const { Messages = [] } = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: destination.url, WaitTimeSeconds: 1 }));
    assert.deepEqual(Messages, [], "nothing was discarded");
  });
});

async function waitForThrottles(functionName: string, n: number): Promise<void> {
  await waitFor(
    `${n} throttles of ${functionName}`,
    async () => {
      const { rows } = await pgPool().query<{ n: number }>(
        "SELECT coalesce(sum(count), 0)::int AS n FROM lambda_throttle_counts WHERE account_id = $1 AND function_name = $2",
        [h.team.accountId, functionName],
      );
      return rows[0]!.n >= n ? true : undefined;
    },
    15_000,
  );
}
