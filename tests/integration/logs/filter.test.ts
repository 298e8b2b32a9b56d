// FilterLogEvents: interleaving across streams, filter patterns, paging, stream selection, and the polling `aws logs tail --follow` does.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as logs from "@aws-sdk/client-cloudwatch-logs";
import { assertLogsError, createGroup, type LogsHarness, putMessages, startLogs, uniqueName } from "./helpers";

let h: LogsHarness;

before(async () => {
  h = await startLogs();
});
after(() => h.close());

const filter = (input: logs.FilterLogEventsCommandInput) => h.client.send(new logs.FilterLogEventsCommand(input));

describe("FilterLogEvents", () => {
  const group = uniqueName("filter");
  const t0 = Date.now() - 600_000;

  before(async () => {
    await createGroup(h.client, group, "app/1", "app/2", "other");
    await putMessages(h.client, group, "app/1", t0, ["[ERROR] disk full", "INFO started", "WARN slow request"]);
    await putMessages(h.client, group, "app/2", t0, ["INFO ready", "[ERROR] Exiting now", "DEBUG tick"]);
    await putMessages(h.client, group, "other", t0 + 10, [
      JSON.stringify({ level: "error", latency: 250, user: { id: 7, tags: ["a", "b"] }, ok: false, gone: null }),
      JSON.stringify({ level: "info", latency: 20, user: { id: 8, tags: [] }, ok: true }),
      '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 200 1534',
      '10.0.0.2 - - [10/Oct/2000:13:26:00 -0700] "POST /api HTTP/1.1" 503 12',
    ]);
  });

  const matching = async (filterPattern: string, extra: Partial<logs.FilterLogEventsCommandInput> = {}) =>
    (await filter({ logGroupName: group, filterPattern, ...extra })).events!.map((e) => e.message);

  it("interleaves every stream's events by time, with stream names and stable 56-digit event ids", async () => {
    const first = await filter({ logGroupName: group });
    const events = first.events!;
    assert.equal(events.length, 10);
    assert.deepEqual(
      events.slice(0, 6).map((e) => [e.timestamp, e.logStreamName, e.message]),
      [
        [t0, "app/1", "[ERROR] disk full"],
        [t0, "app/2", "INFO ready"],
        [t0 + 1, "app/1", "INFO started"],
        [t0 + 1, "app/2", "[ERROR] Exiting now"],
        [t0 + 2, "app/1", "WARN slow request"],
        [t0 + 2, "app/2", "DEBUG tick"],
      ],
    );
    for (let i = 1; i < events.length; i++) assert.ok(events[i - 1]!.timestamp! <= events[i]!.timestamp!);
    assert.ok(events.every((e) => /^\d{56}$/.test(e.eventId!)));
    assert.equal(new Set(events.map((e) => e.eventId)).size, events.length);
    assert.deepEqual(first.searchedLogStreams, []);
    assert.equal(first.nextToken, undefined);
    const again = await filter({ logGroupName: group });
    assert.deepEqual(
      again.events!.map((e) => e.eventId),
      events.map((e) => e.eventId),
    );
  });

  it("matches unstructured terms, phrases, alternatives and exclusions, case-sensitively", async () => {
    assert.deepEqual(await matching("ERROR"), ["[ERROR] disk full", "[ERROR] Exiting now"]);
    assert.deepEqual(await matching("Disk"), [], "terms are case-sensitive");
    assert.deepEqual(await matching("ERROR -Exiting"), ["[ERROR] disk full"]);
    assert.deepEqual(await matching('"disk full"'), ["[ERROR] disk full"]);
    assert.deepEqual(await matching('"full disk"'), []);
    assert.deepEqual(await matching("?WARN ?DEBUG"), ["WARN slow request", "DEBUG tick"]);
    assert.deepEqual(await matching("INFO ready"), ["INFO ready"], "all terms must appear");
    assert.deepEqual(await matching("%^\\[ERROR\\] [a-z]+%"), ["[ERROR] disk full"]);
  });

  it("matches JSON patterns", async () => {
    const levels = async (pattern: string) =>
      (await matching(pattern)).map((m) => (JSON.parse(m ?? "") as { level: string }).level);
    assert.deepEqual(await levels('{ $.level = "error" }'), ["error"]);
    assert.deepEqual(await levels("{ $.level = err* }"), ["error"]);
    assert.deepEqual(await levels("{ $.latency > 100 }"), ["error"]);
    assert.deepEqual(await levels("{ $.latency <= 20 || $.user.id = 7 }"), ["error", "info"]);
    assert.deepEqual(await levels('{ ($.level != "error") && $.ok IS TRUE }'), ["info"]);
    assert.deepEqual(await levels("{ $.user.tags[1] = b }"), ["error"]);
    assert.deepEqual(await levels("{ $.gone IS NULL }"), ["error"]);
    assert.deepEqual(await levels("{ $.gone NOT EXISTS }"), ["info"]);
    assert.deepEqual(await levels("{ $.level = %^inf% }"), ["info"]);
  });

  it("matches space-delimited patterns", async () => {
    assert.deepEqual(await matching("[ip, identity, user, timestamp, request, status = 5*, bytes]"), [
      '10.0.0.2 - - [10/Oct/2000:13:26:00 -0700] "POST /api HTTP/1.1" 503 12',
    ]);
    assert.deepEqual(await matching('[..., status = 200, bytes > 1000]'), [
      '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 200 1534',
    ]);
    assert.deepEqual(await matching('[ip = "127.*", ...]'), ['127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 200 1534']);
  });

  it("rejects an invalid pattern", async () => {
    await assertLogsError(filter({ logGroupName: group, filterPattern: "{ $.latency > }" }), "InvalidParameterException", /^Invalid filter pattern/);
    await assertLogsError(filter({ logGroupName: group, filterPattern: '"unterminated' }), "InvalidParameterException", /^Invalid filter pattern/);
  });

  it("selects streams by name list or prefix, and the time range inclusively", async () => {
    assert.equal((await filter({ logGroupName: group, logStreamNames: ["app/2"] })).events!.length, 3);
    assert.equal((await filter({ logGroupName: group, logStreamNamePrefix: "app/" })).events!.length, 6);
    const ranged = await filter({ logGroupName: group, startTime: t0 + 1, endTime: t0 + 2 });
    assert.deepEqual(
      ranged.events!.map((e) => e.timestamp),
      [t0 + 1, t0 + 1, t0 + 2, t0 + 2],
    );
    await assertLogsError(
      filter({ logGroupName: group, logStreamNames: ["app/1"], logStreamNamePrefix: "app" }),
      "InvalidParameterException",
      "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.",
    );
  });

  it("pages with limit and nextToken, and takes the group by ARN", async () => {
    const logGroupIdentifier = `arn:aws:logs:us-east-1:${h.team.accountId}:log-group:${group}`;
    const all = (await filter({ logGroupIdentifier })).events!.map((e) => e.eventId);
    const paged: (string | undefined)[] = [];
    let nextToken: string | undefined;
    do {
      const page = await filter({ logGroupIdentifier, limit: 3, nextToken });
      assert.ok(page.events!.length <= 3);
      paged.push(...page.events!.map((e) => e.eventId));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(paged, all);
    // Paging a filtered result.
    const errors: string[] = [];
    nextToken = undefined;
    do {
      const page = await filter({ logGroupName: group, filterPattern: "ERROR", limit: 1, nextToken });
      errors.push(...page.events!.map((e) => e.message!));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(errors, ["[ERROR] disk full", "[ERROR] Exiting now"]);
    await assertLogsError(filter({ logGroupName: group, nextToken: "bogus" }), "InvalidParameterException", "The specified nextToken is invalid.");
  });
});

describe("FilterLogEvents over many events", () => {
  it("scans past the first thousand rows for sparse matches and pages by size", async () => {
    const group = uniqueName("bulk");
    await createGroup(h.client, group, "s", "big");
    const t = Date.now() - 60_000;
    const hits = new Set([5, 1500, 2400]);
    await putMessages(
      h.client,
      group,
      "s",
      t,
      Array.from({ length: 2_500 }, (_, i) => (hits.has(i) ? `hit ${i}` : `line ${i}`)),
    );
    const sparse = await filter({ logGroupName: group, filterPattern: "?hit", logStreamNames: ["s"] });
    assert.deepEqual(
      sparse.events!.map((e) => e.message),
      ["hit 5", "hit 1500", "hit 2400"],
    );
    assert.equal(sparse.nextToken, undefined);
    const everything = await filter({ logGroupName: group, logStreamNames: ["s"] });
    assert.equal(everything.events!.length, 2_500);
    assert.equal(everything.nextToken, undefined);

    // 100 KB messages: a page holds at most 1 MB of them.
    await putMessages(
      h.client,
      group,
      "big",
      t,
      Array.from({ length: 9 }, (_, i) => `${i}`.repeat(100_000)),
    );
    await putMessages(
      h.client,
      group,
      "big",
      t + 9,
      Array.from({ length: 6 }, (_, i) => `${i + 9}`.padEnd(100_000, "x")),
    );
    const first = await filter({ logGroupName: group, logStreamNames: ["big"] });
    assert.equal(first.events!.length, 10);
    assert.ok(first.nextToken);
    const second = await filter({ logGroupName: group, logStreamNames: ["big"], nextToken: first.nextToken });
    assert.equal(second.events!.length, 5);
    assert.equal(second.nextToken, undefined);
  });
});

describe("polling as `aws logs tail --follow` does", () => {
  it("sees every event once when re-polling from the newest timestamp and dropping known event ids", async () => {
    const group = uniqueName("follow");
    await createGroup(h.client, group, "a", "b");
    const t = Date.now() - 60_000;
    const shown: string[] = [];
    const seenAtNewest = new Set<string>();
    let startTime = t - 1000;
    // The CLI's loop: FilterLogEvents from startTime; without a nextToken, restart at the newest
    // timestamp seen, skipping the event ids already shown at that timestamp.
    const poll = async () => {
      let nextToken: string | undefined;
      const seen = new Map<number, Set<string>>([[startTime, seenAtNewest]]);
      do {
        const page = await filter({ logGroupName: group, startTime, interleaved: true, nextToken });
        for (const event of page.events!) {
          const ids = seen.get(event.timestamp!) ?? new Set<string>();
          seen.set(event.timestamp!, ids);
          if (ids.has(event.eventId!)) continue;
          ids.add(event.eventId!);
          shown.push(event.message!);
        }
        nextToken = page.nextToken;
      } while (nextToken);
      const newest = Math.max(...seen.keys());
      startTime = newest;
      const ids = [...seen.get(newest)!];
      seenAtNewest.clear();
      for (const id of ids) seenAtNewest.add(id);
    };
    await putMessages(h.client, group, "a", t, ["a1", "a2"]);
    await poll();
    // More events at the same millisecond as the newest one seen, and later ones, in both streams.
    await putMessages(h.client, group, "b", t + 1, ["b1", "b2"]);
    await poll();
    await poll();
    await putMessages(h.client, group, "a", t + 2, ["a3"]);
    await poll();
    assert.deepEqual(shown, ["a1", "a2", "b1", "b2", "a3"]);
  });
});
