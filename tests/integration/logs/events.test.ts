// PutLogEvents validation and rejections, and GetLogEvents paging with forward/backward tokens.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as logs from "@aws-sdk/client-cloudwatch-logs";
import { pgPool } from "../../../server/db/pool";
import { assertLogsError, createGroup, GROUP_NOT_FOUND, type LogsHarness, putMessages, startLogs, STREAM_NOT_FOUND, uniqueName } from "./helpers";

let h: LogsHarness;

before(async () => {
  h = await startLogs();
});
after(() => h.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const put = (group: string, stream: string, logEvents: logs.InputLogEvent[], sequenceToken?: string) =>
  h.client.send(new logs.PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents, sequenceToken }));

const messagesOf = (events: logs.OutputLogEvent[] | undefined) => (events ?? []).map((e) => e.message ?? "");

describe("PutLogEvents", () => {
  it("stores a batch and ignores the sequence token, answering a new one", async () => {
    const group = uniqueName("put");
    await createGroup(h.client, group, "s");
    const now = Date.now();
    const first = await put(group, "s", [{ timestamp: now, message: "a" }], "garbage-token");
    const second = await put(group, "s", [{ timestamp: now + 1, message: "b" }], "garbage-token");
    assert.match(first.nextSequenceToken!, /^\d{56}$/);
    assert.notEqual(first.nextSequenceToken, second.nextSequenceToken);
    assert.equal(first.rejectedLogEventsInfo, undefined);
    const { events } = await h.client.send(new logs.GetLogEventsCommand({ logGroupName: group, logStreamName: "s", startFromHead: true }));
    assert.deepEqual(messagesOf(events), ["a", "b"]);
    assert.ok(events!.every((e) => e.ingestionTime! >= now - 1000));
  });

  it("needs the group and the stream", async () => {
    const group = uniqueName("put");
    await createGroup(h.client, group);
    await assertLogsError(put(uniqueName("none"), "s", [{ timestamp: Date.now(), message: "x" }]), "ResourceNotFoundException", GROUP_NOT_FOUND);
    await assertLogsError(put(group, "s", [{ timestamp: Date.now(), message: "x" }]), "ResourceNotFoundException", STREAM_NOT_FOUND);
  });

  it("rejects a batch out of chronological order, too long, too large, or spanning over a day", async () => {
    const group = uniqueName("put");
    await createGroup(h.client, group, "s");
    const now = Date.now();
    await assertLogsError(
      put(group, "s", [
        { timestamp: now, message: "b" },
        { timestamp: now - 1, message: "a" },
      ]),
      "InvalidParameterException",
      "Log events in a single PutLogEvents request must be in chronological order.",
    );
    await assertLogsError(
      put(group, "s", Array.from({ length: 10_001 }, () => ({ timestamp: now, message: "x" }))),
      "InvalidParameterException",
      "1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000",
    );
    await assertLogsError(put(group, "s", []), "InvalidParameterException", /Member must have length greater than or equal to 1$/);
    // 1,048,576 bytes including 26 per event: two events of 524,262 fit exactly, one byte more does not.
    const half = 1_048_576 / 2 - 26;
    await put(group, "s", [
      { timestamp: now, message: "x".repeat(half) },
      { timestamp: now, message: "y".repeat(half) },
    ]);
    await assertLogsError(
      put(group, "s", [
        { timestamp: now, message: "x".repeat(half) },
        { timestamp: now, message: "y".repeat(half + 1) },
      ]),
      "InvalidParameterException",
      "Upload too large: 1048577 bytes exceeds limit of 1048576",
    );
    await assertLogsError(
      put(group, "s", [{ timestamp: now, message: "z".repeat(1_048_576) }]),
      "InvalidParameterException",
      "Log event too large: 1048602 bytes exceeds limit of 1048576",
    );
    await assertLogsError(
      put(group, "s", [
        { timestamp: now - DAY - 1, message: "a" },
        { timestamp: now, message: "b" },
      ]),
      "InvalidParameterException",
      "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.",
    );
    await assertLogsError(put(group, "s", [{ timestamp: now, message: "" }]), "InvalidParameterException", /at 'logEvents\.1\.member\.message'/);
  });

  it("rejects events too old, expired or too new by index and stores the rest", async () => {
    const group = uniqueName("put");
    await createGroup(h.client, group, "s");
    const now = Date.now();
    const batch = [
      { timestamp: now - 15 * DAY, message: "too old" },
      { timestamp: now - 15 * DAY + 1, message: "too old too" },
      { timestamp: now - 1000, message: "kept 1" },
      { timestamp: now, message: "kept 2" },
      { timestamp: now + 3 * HOUR, message: "too new" },
    ];
    const { rejectedLogEventsInfo } = await put(group, "s", batch);
    assert.deepEqual(rejectedLogEventsInfo, { tooOldLogEventEndIndex: 2, tooNewLogEventStartIndex: 4 });
    const { events } = await h.client.send(new logs.GetLogEventsCommand({ logGroupName: group, logStreamName: "s", startFromHead: true }));
    assert.deepEqual(messagesOf(events), ["kept 1", "kept 2"]);

    // With a one-day retention, events older than a day are expired.
    await h.client.send(new logs.PutRetentionPolicyCommand({ logGroupName: group, retentionInDays: 1 }));
    const expired = await put(group, "s", [
      { timestamp: now - 2 * DAY, message: "expired" },
      { timestamp: now, message: "kept 3" },
    ]);
    assert.deepEqual(expired.rejectedLogEventsInfo, { expiredLogEventEndIndex: 1 });
    const all = await put(group, "s", [{ timestamp: now + 3 * HOUR, message: "too new" }]);
    assert.deepEqual(all.rejectedLogEventsInfo, { tooNewLogEventStartIndex: 0 });
    const after = await h.client.send(new logs.GetLogEventsCommand({ logGroupName: group, logStreamName: "s", startFromHead: true }));
    assert.deepEqual(messagesOf(after.events), ["kept 1", "kept 2", "kept 3"]);
  });
});

describe("GetLogEvents", () => {
  const group = uniqueName("get");
  const t0 = Date.now() - 600_000;
  const messages = Array.from({ length: 10 }, (_, i) => `m${i}`);

  before(async () => {
    await createGroup(h.client, group, "s", "empty");
    // Two batches; the second has an event that shares the first's last timestamp, ordered after it.
    await putMessages(h.client, group, "s", t0, messages.slice(0, 5));
    await putMessages(h.client, group, "s", t0 + 4, messages.slice(5));
  });

  const get = (input: Partial<logs.GetLogEventsCommandInput>) =>
    h.client.send(new logs.GetLogEventsCommand({ logGroupName: group, logStreamName: "s", ...input }));

  it("answers the latest events by default and the earliest with startFromHead, oldest first in a page", async () => {
    assert.deepEqual(messagesOf((await get({ limit: 3 })).events), ["m7", "m8", "m9"]);
    assert.deepEqual(messagesOf((await get({ limit: 3, startFromHead: true })).events), ["m0", "m1", "m2"]);
    assert.deepEqual(messagesOf((await get({})).events), messages);
  });

  it("pages forward with nextForwardToken and returns the same token at the end", async () => {
    const seen: string[] = [];
    let page = await get({ limit: 4, startFromHead: true });
    seen.push(...messagesOf(page.events));
    for (;;) {
      const token = page.nextForwardToken!;
      assert.match(token, /^f\/\d{56}$/);
      page = await get({ limit: 4, startFromHead: true, nextToken: token });
      if (page.events!.length === 0) {
        assert.equal(page.nextForwardToken, token, "the end of the stream answers the token it was given");
        break;
      }
      seen.push(...messagesOf(page.events));
    }
    assert.deepEqual(seen, messages);
    // New events appear after the end token.
    await putMessages(h.client, group, "s", t0 + 100, ["late"]);
    const more = await get({ nextToken: page.nextForwardToken, startFromHead: true });
    assert.deepEqual(messagesOf(more.events), ["late"]);
  });

  it("pages backward with nextBackwardToken from the tail", async () => {
    const seen: string[] = [];
    let page = await get({ limit: 3, startTime: t0, endTime: t0 + 10 });
    seen.unshift(...messagesOf(page.events));
    for (;;) {
      const token = page.nextBackwardToken!;
      assert.match(token, /^b\/\d{56}$/);
      page = await get({ limit: 3, startTime: t0, endTime: t0 + 10, nextToken: token });
      if (page.events!.length === 0) {
        assert.equal(page.nextBackwardToken, token);
        // Turning round at the start reads from the first event again.
        assert.deepEqual(messagesOf((await get({ limit: 2, nextToken: page.nextForwardToken })).events), ["m0", "m1"]);
        break;
      }
      seen.unshift(...messagesOf(page.events));
    }
    assert.deepEqual(seen, messages);
  });

  it("orders events by timestamp as numbers, not as text (999 before 1000)", async () => {
    const early = uniqueName("early");
    await createGroup(h.client, early, "s");
    // Timestamps of different lengths (PutLogEvents refuses ones this old, so they are written directly):
    // only a numeric sort puts the shorter first. Ids come from the sequence, as every other event's do.
    await pgPool().query(
      `INSERT INTO logs_log_events (group_id, stream_id, timestamp, ingestion_time, message)
       SELECT s.group_id, s.id, v.ts, v.ts, v.message
         FROM logs_log_streams s JOIN logs_log_groups g ON g.id = s.group_id, (VALUES (999::bigint, 'first'), (1000::bigint, 'second')) AS v(ts, message)
        WHERE g.name = $1 AND s.name = 's'`,
      [early],
    );
    const read = (input: Partial<logs.GetLogEventsCommandInput>) => get({ logGroupName: early, ...input }).then((r) => messagesOf(r.events));
    assert.deepEqual(await read({ startFromHead: true }), ["first", "second"]);
    assert.deepEqual(await read({}), ["first", "second"]);
    assert.deepEqual(await read({ limit: 1 }), ["second"]);
  });

  it("limits to [startTime, endTime)", async () => {
    const { events } = await get({ startTime: t0 + 2, endTime: t0 + 4, startFromHead: true });
    assert.deepEqual(messagesOf(events), ["m2", "m3"]);
  });

  it("answers tokens for an empty stream, and errors for missing streams and bad tokens", async () => {
    const page = await get({ logStreamName: "empty" });
    assert.deepEqual(page.events, []);
    assert.match(page.nextForwardToken!, /^f\/\d{56}$/);
    assert.match(page.nextBackwardToken!, /^b\/\d{56}$/);
    await assertLogsError(get({ logStreamName: "missing" }), "ResourceNotFoundException", STREAM_NOT_FOUND);
    await assertLogsError(get({ nextToken: "f/123" }), "InvalidParameterException", "The specified nextToken is invalid.");
    await assertLogsError(
      get({ limit: 10_001 }),
      "InvalidParameterException",
      "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
  });
});
