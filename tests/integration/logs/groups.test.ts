// Log groups through the SDK: create/delete/describe (prefix, pattern, identifiers, paging, ASCII order), retention policies and tags.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as logs from "@aws-sdk/client-cloudwatch-logs";
import { assertLogsError, createGroup, GROUP_NOT_FOUND, type LogsHarness, putMessages, startLogs, uniqueName } from "./helpers";

let h: LogsHarness;
let arnPrefix: string;

before(async () => {
  h = await startLogs();
  arnPrefix = `arn:aws:logs:us-east-1:${h.team.accountId}:log-group:`;
});
after(() => h.close());

const describeGroups = async (input: logs.DescribeLogGroupsCommandInput) => h.client.send(new logs.DescribeLogGroupsCommand(input));

describe("CreateLogGroup / DeleteLogGroup", () => {
  it("creates a group that DescribeLogGroups reports with AWS's fields", async () => {
    const name = `/aws/lambda/${uniqueName("fn")}`;
    const before = Date.now();
    await h.client.send(new logs.CreateLogGroupCommand({ logGroupName: name, tags: { team: "core" } }));
    const { logGroups } = await describeGroups({ logGroupNamePrefix: name });
    assert.equal(logGroups?.length, 1);
    const group = logGroups[0]!;
    assert.equal(group.logGroupName, name);
    assert.equal(group.arn, `${arnPrefix}${name}:*`);
    assert.equal(group.logGroupArn, `${arnPrefix}${name}`);
    assert.equal(group.storedBytes, 0);
    assert.equal(group.metricFilterCount, 0);
    assert.equal(group.logGroupClass, "STANDARD");
    assert.equal(group.retentionInDays, undefined, "no retention until one is set");
    assert.ok(group.creationTime! >= before - 1000 && group.creationTime! <= Date.now() + 1000);
    const { tags } = await h.client.send(new logs.ListTagsForResourceCommand({ resourceArn: group.logGroupArn }));
    assert.deepEqual(tags, { team: "core" });
  });

  it("rejects a second group of the same name", async () => {
    const name = uniqueName("dup");
    await createGroup(h.client, name);
    await assertLogsError(h.client.send(new logs.CreateLogGroupCommand({ logGroupName: name })), "ResourceAlreadyExistsException", "The specified log group already exists");
  });

  it("validates the name and class as the service does", async () => {
    await assertLogsError(
      h.client.send(new logs.CreateLogGroupCommand({ logGroupName: "bad name!" })),
      "InvalidParameterException",
      String.raw`1 validation error detected: Value 'bad name!' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+`,
    );
    await assertLogsError(
      h.client.send(new logs.CreateLogGroupCommand({ logGroupName: "x".repeat(513), logGroupClass: "GOLD" as logs.LogGroupClass })),
      "InvalidParameterException",
      /^2 validation errors detected: .*Member must have length less than or equal to 512; Value 'GOLD' at 'logGroupClass' failed to satisfy constraint: Member must satisfy enum value set: \[STANDARD, INFREQUENT_ACCESS, DELIVERY\]$/,
    );
    await assertLogsError(h.client.send(new logs.CreateLogGroupCommand({ logGroupName: "aws/reserved" })), "InvalidParameterException", /can't start with the string aws\//);
    await assertLogsError(
      h.client.send(new logs.CreateLogGroupCommand({ logGroupName: undefined as unknown as string })),
      "InvalidParameterException",
      "1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null",
    );
  });

  it("deletes a group with its streams and events, then reports it missing", async () => {
    const name = uniqueName("gone");
    await createGroup(h.client, name, "s1");
    await putMessages(h.client, name, "s1", Date.now(), ["one"]);
    await h.client.send(new logs.DeleteLogGroupCommand({ logGroupName: name }));
    const { logGroups } = await describeGroups({ logGroupNamePrefix: name });
    assert.deepEqual(logGroups, []);
    await assertLogsError(h.client.send(new logs.DeleteLogGroupCommand({ logGroupName: name })), "ResourceNotFoundException", GROUP_NOT_FOUND);
    await assertLogsError(h.client.send(new logs.DescribeLogStreamsCommand({ logGroupName: name })), "ResourceNotFoundException", GROUP_NOT_FOUND);
    // The name is free again, with nothing left over from before.
    await createGroup(h.client, name, "s1");
    const { events } = await h.client.send(new logs.GetLogEventsCommand({ logGroupName: name, logStreamName: "s1" }));
    assert.deepEqual(events, []);
  });
});

describe("DescribeLogGroups", () => {
  const base = uniqueName("list");
  // ASCII order: '-' (0x2D) < '/' (0x2F) < digits < 'A' < '_' < 'a'.
  const names = [`${base}/b`, `${base}-x`, `${base}/A`, `${base}/_u`, `${base}/a`, `${base}/1`];
  const ascii = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  before(async () => {
    for (const name of names) await createGroup(h.client, name);
  });

  it("lists by prefix in ASCII order", async () => {
    const { logGroups, nextToken } = await describeGroups({ logGroupNamePrefix: base });
    assert.deepEqual(
      logGroups?.map((g) => g.logGroupName),
      ascii,
    );
    assert.equal(nextToken, undefined);
  });

  it("pages with limit and nextToken", async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await describeGroups({ logGroupNamePrefix: base, limit: 4, nextToken });
      assert.ok(page.logGroups!.length <= 4);
      seen.push(...page.logGroups!.map((g) => g.logGroupName!));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    assert.equal(pages, 2);
    assert.deepEqual(seen, ascii);
  });

  it("matches a case-sensitive substring with logGroupNamePattern", async () => {
    const { logGroups } = await describeGroups({ logGroupNamePattern: `${base}/a` });
    assert.deepEqual(
      logGroups?.map((g) => g.logGroupName),
      [`${base}/a`],
    );
  });

  it("selects by logGroupIdentifiers, names or ARNs", async () => {
    const { logGroups } = await describeGroups({ logGroupIdentifiers: [`${base}/b`, `${arnPrefix}${base}-x`, "no-such-group"] });
    assert.deepEqual(
      logGroups?.map((g) => g.logGroupName),
      [`${base}-x`, `${base}/b`],
    );
  });

  it("rejects a prefix with a pattern, a limit out of range and a foreign token", async () => {
    await assertLogsError(
      describeGroups({ logGroupNamePrefix: base, logGroupNamePattern: "x" }),
      "InvalidParameterException",
      "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.",
    );
    await assertLogsError(
      describeGroups({ limit: 51 }),
      "InvalidParameterException",
      "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    await assertLogsError(describeGroups({ nextToken: "not-a-token" }), "InvalidParameterException", "The specified nextToken is invalid.");
  });

  it("reports storedBytes as the UTF-8 size of the group's messages", async () => {
    const name = uniqueName("bytes");
    await createGroup(h.client, name, "a", "b");
    await putMessages(h.client, name, "a", Date.now(), ["héllo", "x"]);
    await putMessages(h.client, name, "b", Date.now(), ["1234"]);
    const { logGroups } = await describeGroups({ logGroupNamePrefix: name });
    assert.equal(logGroups?.[0]?.storedBytes, 6 + 1 + 4);
  });
});

describe("PutRetentionPolicy / DeleteRetentionPolicy", () => {
  it("sets and removes the retention", async () => {
    const name = uniqueName("ret");
    await createGroup(h.client, name);
    await h.client.send(new logs.PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 14 }));
    assert.equal((await describeGroups({ logGroupNamePrefix: name })).logGroups?.[0]?.retentionInDays, 14);
    await h.client.send(new logs.DeleteRetentionPolicyCommand({ logGroupName: name }));
    assert.equal((await describeGroups({ logGroupNamePrefix: name })).logGroups?.[0]?.retentionInDays, undefined);
  });

  it("accepts only AWS's retention values, on existing groups", async () => {
    const name = uniqueName("ret-bad");
    await createGroup(h.client, name);
    await assertLogsError(
      h.client.send(new logs.PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 2 })),
      "InvalidParameterException",
      "1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
    );
    for (const days of [1, 400, 3653]) await h.client.send(new logs.PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: days }));
    await assertLogsError(
      h.client.send(new logs.PutRetentionPolicyCommand({ logGroupName: uniqueName("none"), retentionInDays: 1 })),
      "ResourceNotFoundException",
      GROUP_NOT_FOUND,
    );
    await assertLogsError(h.client.send(new logs.DeleteRetentionPolicyCommand({ logGroupName: uniqueName("none") })), "ResourceNotFoundException", GROUP_NOT_FOUND);
  });
});

describe("tags", () => {
  it("TagLogGroup / UntagLogGroup / ListTagsLogGroup", async () => {
    const name = uniqueName("tags");
    await createGroup(h.client, name);
    await h.client.send(new logs.TagLogGroupCommand({ logGroupName: name, tags: { a: "1", b: "2" } }));
    await h.client.send(new logs.TagLogGroupCommand({ logGroupName: name, tags: { b: "3", c: "4" } }));
    await h.client.send(new logs.UntagLogGroupCommand({ logGroupName: name, tags: ["a"] }));
    const { tags } = await h.client.send(new logs.ListTagsLogGroupCommand({ logGroupName: name }));
    assert.deepEqual(tags, { b: "3", c: "4" });
    await assertLogsError(h.client.send(new logs.ListTagsLogGroupCommand({ logGroupName: uniqueName("none") })), "ResourceNotFoundException", GROUP_NOT_FOUND);
  });

  it("TagResource / UntagResource / ListTagsForResource by ARN", async () => {
    const name = uniqueName("tags-arn");
    await createGroup(h.client, name);
    const resourceArn = `${arnPrefix}${name}`;
    await h.client.send(new logs.TagResourceCommand({ resourceArn, tags: { env: "prod", owner: "me" } }));
    await h.client.send(new logs.UntagResourceCommand({ resourceArn, tagKeys: ["owner"] }));
    assert.deepEqual((await h.client.send(new logs.ListTagsForResourceCommand({ resourceArn }))).tags, { env: "prod" });
    // Tagging takes the ARN without the trailing :* (the model's pattern has no *).
    await assertLogsError(
      h.client.send(new logs.ListTagsForResourceCommand({ resourceArn: `${resourceArn}:*` })),
      "InvalidParameterException",
      /at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    await assertLogsError(
      h.client.send(new logs.ListTagsForResourceCommand({ resourceArn: `arn:aws:logs:us-east-1:123456789012:log-group:${name}` })),
      "ResourceNotFoundException",
      GROUP_NOT_FOUND,
    );
  });

  it("limits a group to 50 tags and validates keys", async () => {
    const name = uniqueName("tags-max");
    await createGroup(h.client, name);
    const resourceArn = `${arnPrefix}${name}`;
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
    await h.client.send(new logs.TagResourceCommand({ resourceArn, tags: fifty }));
    await assertLogsError(h.client.send(new logs.TagResourceCommand({ resourceArn, tags: { extra: "v" } })), "TooManyTagsException", "A resource can have no more than 50 tags.");
    // Overwriting an existing key does not add one.
    await h.client.send(new logs.TagResourceCommand({ resourceArn, tags: { k0: "w" } }));
    await assertLogsError(
      h.client.send(new logs.TagResourceCommand({ resourceArn, tags: { "bad!key": "v" } })),
      "InvalidParameterException",
      /^1 validation error detected: Value 'bad!key' at 'tags\.bad!key\.member\.key' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
  });
});
