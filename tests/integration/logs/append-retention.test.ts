// appendLogEvents (the Lambda log path): auto-creates group and stream, works inside a caller's transaction
// and under concurrent first writers (with a statement committed alongside); the retention job deletes events past their group's retention.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import * as logs from "@aws-sdk/client-cloudwatch-logs";
import { prisma } from "../../../server/db/client";
import { pgPool, withTransaction } from "../../../server/db/pool";
import { invocationsAlongside } from "../../../server/services/lambda/invocation/records";
import { appendLogEvents, appendToStreams } from "../../../server/services/logs/append";
import { deleteExpiredLogEvents } from "../../../server/services/logs/retention";
import { logsRetention } from "../../../workers/jobs/logs-retention";
import { createGroup, type LogsHarness, putMessages, startLogs, uniqueName } from "./helpers";

let h: LogsHarness;

before(async () => {
  h = await startLogs();
});
after(() => h.close());

const DAY = 24 * 3_600_000;
const scope = () => ({ accountId: h.team.accountId, region: "us-east-1" });

async function messages(group: string, stream: string): Promise<string[]> {
  const { events } = await h.client.send(new logs.GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true }));
  return events!.map((e) => e.message!);
}

describe("appendLogEvents", () => {
  it("creates the group and stream on first use and updates the stream after", async () => {
    const group = `/aws/lambda/${uniqueName("fn")}`;
    const stream = "2026/12/02/[$LATEST]0123456789abcdef";
    const t = Date.now() - 1_000;
    const first = await appendLogEvents(pgPool(), {
      ...scope(),
      logGroupName: group,
      logStreamName: stream,
      events: [
        { timestamp: t, message: "START RequestId: r1 Version: $LATEST\n" },
        { timestamp: t + 5, message: "END RequestId: r1\n" },
      ],
    });
    const second = await appendLogEvents(pgPool(), { ...scope(), logGroupName: group, logStreamName: stream, events: [{ timestamp: t + 9, message: "REPORT" }] });
    assert.equal(second, first + 1n, "each batch advances the sequence token");

    const { logGroups } = await h.client.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
    assert.equal(logGroups?.length, 1);
    assert.equal(logGroups[0]!.storedBytes, Buffer.byteLength("START RequestId: r1 Version: $LATEST\nEND RequestId: r1\nREPORT"));
    const { logStreams } = await h.client.send(new logs.DescribeLogStreamsCommand({ logGroupName: group }));
    assert.deepEqual(
      logStreams!.map((s) => [s.logStreamName, s.firstEventTimestamp, s.lastEventTimestamp]),
      [[stream, t, t + 9]],
    );
    assert.deepEqual(await messages(group, stream), ["START RequestId: r1 Version: $LATEST\n", "END RequestId: r1\n", "REPORT"]);
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const group = uniqueName("rolled-back");
    await assert.rejects(
      withTransaction(async (client) => {
        await appendLogEvents(client, { ...scope(), logGroupName: group, logStreamName: "s", events: [{ timestamp: Date.now(), message: "x" }] });
        throw new Error("invocation failed");
      }),
      /invocation failed/,
    );
    const { logGroups } = await h.client.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
    assert.deepEqual(logGroups, []);
  });

  it("lets concurrent first writers in open transactions share one new group", async () => {
    const group = uniqueName("race");
    const writers = Array.from({ length: 6 }, (_, i) =>
      withTransaction(async (client) => {
        await appendLogEvents(client, { ...scope(), logGroupName: group, logStreamName: `s${i % 3}`, events: [{ timestamp: Date.now(), message: `w${i}` }] });
        // Hold the transaction open so the others meet the uncommitted group.
        await client.query("SELECT pg_sleep(0.05)");
      }),
    );
    await Promise.all(writers);
    const { logStreams } = await h.client.send(new logs.DescribeLogStreamsCommand({ logGroupName: group }));
    assert.deepEqual(
      logStreams!.map((s) => s.logStreamName),
      ["s0", "s1", "s2"],
    );
    const { events } = await h.client.send(new logs.FilterLogEventsCommand({ logGroupName: group }));
    assert.deepEqual(events!.map((e) => e.message).sort(), ["w0", "w1", "w2", "w3", "w4", "w5"]);
  });

  it("commits an alongside statement once, also when concurrent first writers make the append retry", async () => {
    const group = uniqueName("alongside");
    const functionName = uniqueName("fn");
    const requestIds = Array.from({ length: 6 }, () => randomUUID());
    const record = (requestId: string) => ({
      ...scope(),
      functionName,
      executedVersion: "$LATEST",
      requestId,
      invocationType: "RequestResponse" as const,
      startedAt: new Date(),
      durationMs: 1,
      billedDurationMs: 1,
      memorySize: 128,
      maxMemoryUsedMb: 40,
      logStreamName: "s",
    });
    await Promise.all(
      requestIds.map((requestId) =>
        withTransaction(async (client) => {
          await appendToStreams(
            client,
            { ...scope(), logGroupName: group, streams: [{ logStreamName: "s", events: [{ timestamp: Date.now(), message: requestId }] }] },
            invocationsAlongside([record(requestId)]),
          );
          await client.query("SELECT pg_sleep(0.05)");
        }),
      ),
    );
    const { rows } = await pgPool().query<{ request_id: string }>("SELECT request_id FROM lambda_invocations WHERE account_id = $1 AND function_name = $2", [
      h.team.accountId,
      functionName,
    ]);
    assert.deepEqual(rows.map((r) => r.request_id).sort(), [...requestIds].sort(), "one record per writer, none twice");
    const { events } = await h.client.send(new logs.FilterLogEventsCommand({ logGroupName: group }));
    assert.deepEqual(events!.map((e) => e.message).sort(), [...requestIds].sort());
  });

  it("stores a NUL character as U+FFFD rather than failing", async () => {
    const group = uniqueName("nul");
    await appendLogEvents(pgPool(), { ...scope(), logGroupName: group, logStreamName: "s", events: [{ timestamp: Date.now(), message: "a\u0000b" }] });
    assert.deepEqual(await messages(group, "s"), ["a\uFFFDb"]);
  });

  it("keeps accounts and regions apart", async () => {
    const group = uniqueName("scoped");
    await appendLogEvents(pgPool(), { accountId: h.team.accountId, region: "eu-west-1", logGroupName: group, logStreamName: "s", events: [{ timestamp: Date.now(), message: "eu" }] });
    const { logGroups } = await h.client.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: group }));
    assert.deepEqual(logGroups, [], "us-east-1 does not see eu-west-1's group");
    const eu = h.clientFor(h.team, "eu-west-1");
    assert.deepEqual(await eu.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: group })).then((r) => r.logGroups?.map((g) => g.logGroupName)), [group]);
  });
});

describe("retention", () => {
  it("deletes events older than the group's retention and takes their bytes off storedBytes", async () => {
    const kept = uniqueName("keep-all");
    const expiring = uniqueName("expiring");
    const now = Date.now();
    for (const group of [kept, expiring]) {
      await createGroup(h.client, group, "s");
      // Older events than PutLogEvents accepts arrive the way Lambda's do.
      await appendLogEvents(pgPool(), {
        ...scope(),
        logGroupName: group,
        logStreamName: "s",
        events: [
          { timestamp: now - 10 * DAY, message: "ten days old" },
          { timestamp: now - 2 * DAY, message: "two days" },
        ],
      });
      await putMessages(h.client, group, "s", now - 1_000, ["fresh"]);
    }
    await h.client.send(new logs.PutRetentionPolicyCommand({ logGroupName: expiring, retentionInDays: 3 }));

    const deleted = await deleteExpiredLogEvents(prisma(), 5);
    assert.ok(deleted >= 1);
    assert.deepEqual(await messages(expiring, "s"), ["two days", "fresh"]);
    assert.deepEqual(await messages(kept, "s"), ["ten days old", "two days", "fresh"], "no retention: nothing expires");
    const { logGroups } = await h.client.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: expiring }));
    assert.equal(logGroups?.[0]?.storedBytes, Buffer.byteLength("two daysfresh"));

    // The periodic job runs the same deletion.
    await h.client.send(new logs.PutRetentionPolicyCommand({ logGroupName: expiring, retentionInDays: 1 }));
    await logsRetention.handler({}, { db: prisma(), outboxId: 0n, accountId: h.team.accountId, region: "us-east-1", attempt: 1 });
    assert.deepEqual(await messages(expiring, "s"), ["fresh"]);
  });
});
