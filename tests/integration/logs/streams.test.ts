// Log streams through the SDK: create/delete, DescribeLogStreams ordering, prefix, paging and group identifiers.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as logs from "@aws-sdk/client-cloudwatch-logs";
import { assertLogsError, createGroup, GROUP_NOT_FOUND, type LogsHarness, putMessages, startLogs, STREAM_NOT_FOUND, uniqueName } from "./helpers";

let h: LogsHarness;

before(async () => {
  h = await startLogs();
});
after(() => h.close());

const describeStreams = async (input: logs.DescribeLogStreamsCommandInput) => h.client.send(new logs.DescribeLogStreamsCommand(input));

describe("CreateLogStream / DeleteLogStream", () => {
  it("creates a stream that DescribeLogStreams reports, then deletes it", async () => {
    const group = uniqueName("g");
    await createGroup(h.client, group);
    const before = Date.now();
    await h.client.send(new logs.CreateLogStreamCommand({ logGroupName: group, logStreamName: "2026/12/02/[$LATEST]abc" }));
    const { logStreams } = await describeStreams({ logGroupName: group });
    assert.equal(logStreams?.length, 1);
    const stream = logStreams[0]!;
    assert.equal(stream.logStreamName, "2026/12/02/[$LATEST]abc");
    assert.equal(stream.arn, `arn:aws:logs:us-east-1:${h.team.accountId}:log-group:${group}:log-stream:2026/12/02/[$LATEST]abc`);
    assert.ok(stream.creationTime! >= before - 1000);
    assert.equal(stream.firstEventTimestamp, undefined, "no events yet");
    assert.equal(stream.lastEventTimestamp, undefined);
    assert.equal(stream.storedBytes, 0);
    assert.match(stream.uploadSequenceToken!, /^\d{56}$/);

    await assertLogsError(
      h.client.send(new logs.CreateLogStreamCommand({ logGroupName: group, logStreamName: "2026/12/02/[$LATEST]abc" })),
      "ResourceAlreadyExistsException",
      "The specified log stream already exists",
    );
    await h.client.send(new logs.DeleteLogStreamCommand({ logGroupName: group, logStreamName: "2026/12/02/[$LATEST]abc" }));
    assert.deepEqual((await describeStreams({ logGroupName: group })).logStreams, []);
    await assertLogsError(
      h.client.send(new logs.DeleteLogStreamCommand({ logGroupName: group, logStreamName: "2026/12/02/[$LATEST]abc" })),
      "ResourceNotFoundException",
      STREAM_NOT_FOUND,
    );
  });

  it("needs an existing group and a name without ':' or '*'", async () => {
    await assertLogsError(
      h.client.send(new logs.CreateLogStreamCommand({ logGroupName: uniqueName("none"), logStreamName: "s" })),
      "ResourceNotFoundException",
      GROUP_NOT_FOUND,
    );
    const group = uniqueName("g");
    await createGroup(h.client, group);
    await assertLogsError(
      h.client.send(new logs.CreateLogStreamCommand({ logGroupName: group, logStreamName: "a:b" })),
      "InvalidParameterException",
      "1 validation error detected: Value 'a:b' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*",
    );
  });

  it("tracks first/last event timestamps and ingestion time as events arrive", async () => {
    const group = uniqueName("g");
    await createGroup(h.client, group, "s");
    const t = Date.now() - 60_000;
    await putMessages(h.client, group, "s", t, ["a", "b"]);
    await putMessages(h.client, group, "s", t - 5_000, ["earlier"]);
    const stream = (await describeStreams({ logGroupName: group })).logStreams![0]!;
    assert.equal(stream.firstEventTimestamp, t - 5_000);
    assert.equal(stream.lastEventTimestamp, t + 1);
    assert.ok(stream.lastIngestionTime! >= Date.now() - 10_000);
  });
});

describe("DescribeLogStreams", () => {
  const group = uniqueName("order");
  const now = Date.now();

  before(async () => {
    await createGroup(h.client, group, "b", "a", "c/2", "c/1", "empty");
    // Last event times: c/1 newest, then a, then b.
    await putMessages(h.client, group, "b", now - 30_000, ["x"]);
    await putMessages(h.client, group, "a", now - 20_000, ["x"]);
    await putMessages(h.client, group, "c/1", now - 10_000, ["x"]);
    await putMessages(h.client, group, "c/2", now - 40_000, ["x"]);
  });

  it("orders by name by default, ascending or descending", async () => {
    const names = async (input: Partial<logs.DescribeLogStreamsCommandInput>) =>
      (await describeStreams({ logGroupName: group, ...input })).logStreams!.map((s) => s.logStreamName);
    assert.deepEqual(await names({}), ["a", "b", "c/1", "c/2", "empty"]);
    assert.deepEqual(await names({ descending: true }), ["empty", "c/2", "c/1", "b", "a"]);
    assert.deepEqual(await names({ logStreamNamePrefix: "c/" }), ["c/1", "c/2"]);
  });

  it("orders by last event time, newest first when descending", async () => {
    const { logStreams } = await describeStreams({ logGroupName: group, orderBy: "LastEventTime", descending: true });
    assert.deepEqual(
      logStreams!.map((s) => s.logStreamName),
      ["c/1", "a", "b", "c/2", "empty"],
    );
  });

  it("pages in either order without repeating a stream", async () => {
    for (const input of [{}, { orderBy: "LastEventTime" as const, descending: true }, { descending: true }]) {
      const all = (await describeStreams({ logGroupName: group, ...input })).logStreams!.map((s) => s.logStreamName);
      const paged: (string | undefined)[] = [];
      let nextToken: string | undefined;
      do {
        const page = await describeStreams({ logGroupName: group, ...input, limit: 2, nextToken });
        paged.push(...page.logStreams!.map((s) => s.logStreamName));
        nextToken = page.nextToken;
      } while (nextToken);
      assert.deepEqual(paged, all);
    }
  });

  it("takes the group by logGroupIdentifier (name or ARN)", async () => {
    const arn = `arn:aws:logs:us-east-1:${h.team.accountId}:log-group:${group}`;
    for (const logGroupIdentifier of [group, arn]) {
      const { logStreams } = await describeStreams({ logGroupIdentifier, logStreamNamePrefix: "a" });
      assert.deepEqual(
        logStreams!.map((s) => s.logStreamName),
        ["a"],
      );
    }
  });

  it("rejects conflicting parameters as AWS does", async () => {
    await assertLogsError(
      describeStreams({ logGroupName: group, orderBy: "LastEventTime", logStreamNamePrefix: "c" }),
      "InvalidParameterException",
      "Cannot order by LastEventTime with a logStreamNamePrefix.",
    );
    await assertLogsError(
      describeStreams({ logGroupName: group, logGroupIdentifier: group }),
      "InvalidParameterException",
      "LogGroup name and LogGroup ARN are mutually exclusive parameters.",
    );
    await assertLogsError(
      describeStreams({ logGroupName: group, orderBy: "Size" as logs.OrderBy }),
      "InvalidParameterException",
      "1 validation error detected: Value 'Size' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]",
    );
    await assertLogsError(describeStreams({}), "InvalidParameterException", "Either logGroupName or logGroupIdentifier must be specified.");
  });
});
