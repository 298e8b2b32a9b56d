// Who sees what: another team sees none of a team's logs, a viewer may read but not write (SDK and tRPC),
// and the console's tRPC procedures run the same operations plus the live tail.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as logs from "@aws-sdk/client-cloudwatch-logs";
import { TRPCError } from "@trpc/server";
import { prisma } from "../../../server/db/client";
import { pgPool } from "../../../server/db/pool";
import { isAwsError } from "../../../server/errors";
import { appendLogEvents } from "../../../server/services/logs/append";
import { createTestTeam, trpcAs } from "../../helpers/fixtures";
import { assertLogsError, createGroup, GROUP_NOT_FOUND, type LogsHarness, putMessages, startLogs, uniqueName } from "./helpers";

let h: LogsHarness;
let owner: ReturnType<typeof trpcAs>;

before(async () => {
  h = await startLogs();
  owner = trpcAs(h.team, { accountId: h.team.accountId });
});
after(() => h.close());

/** Validates a tRPC failure with `code`, caused by the AWS error `awsCode`. */
const trpcError = (code: TRPCError["code"], awsCode: string) => (e: unknown) =>
  e instanceof TRPCError && e.code === code && isAwsError(e.cause) && e.cause.code === awsCode;

describe("isolation", () => {
  it("keeps a team's groups, streams and events from another team", async () => {
    const group = uniqueName("private");
    await createGroup(h.client, group, "s");
    await putMessages(h.client, group, "s", Date.now(), ["secret"]);
    const other = h.clientFor(await createTestTeam());
    assert.deepEqual((await other.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups, []);
    await assertLogsError(other.send(new logs.GetLogEventsCommand({ logGroupName: group, logStreamName: "s" })), "ResourceNotFoundException", GROUP_NOT_FOUND);
    await assertLogsError(other.send(new logs.FilterLogEventsCommand({ logGroupName: group })), "ResourceNotFoundException", GROUP_NOT_FOUND);
    // Naming the group by its ARN does not reach across accounts either.
    const arn = `arn:aws:logs:us-east-1:${h.team.accountId}:log-group:${group}`;
    await assertLogsError(other.send(new logs.FilterLogEventsCommand({ logGroupIdentifier: arn })), "ResourceNotFoundException", GROUP_NOT_FOUND);
    await assertLogsError(other.send(new logs.ListTagsForResourceCommand({ resourceArn: arn })), "ResourceNotFoundException", GROUP_NOT_FOUND);
    // The other team may use the same name for its own group.
    await other.send(new logs.CreateLogGroupCommand({ logGroupName: group }));
    assert.equal((await h.client.send(new logs.FilterLogEventsCommand({ logGroupName: group }))).events?.[0]?.message, "secret");
  });

  it("keeps regions apart within a team", async () => {
    const group = uniqueName("regional");
    await createGroup(h.client, group);
    const west = h.clientFor(h.team, "us-west-2");
    assert.deepEqual((await west.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups, []);
    await west.send(new logs.CreateLogGroupCommand({ logGroupName: group }));
    await h.client.send(new logs.DeleteLogGroupCommand({ logGroupName: group }));
    assert.equal((await west.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups?.length, 1);
  });
});

describe("roles", () => {
  it("lets a viewer read logs but not create, write or delete", async () => {
    const team = await createTestTeam({ role: "viewer" });
    const viewerSdk = h.clientFor(team);
    const viewer = trpcAs(team, { accountId: team.accountId });
    const group = uniqueName("viewed");
    // Functions' logs arrive without a role check; the viewer's team has no one else to write them.
    await appendLogEvents(pgPool(), { accountId: team.accountId, region: "us-east-1", logGroupName: group, logStreamName: "s", events: [{ timestamp: Date.now(), message: "visible" }] });
    assert.equal((await viewerSdk.send(new logs.FilterLogEventsCommand({ logGroupName: group }))).events?.[0]?.message, "visible");
    const denied = async (call: Promise<unknown>) =>
      assert.rejects(call, (e: unknown) => e instanceof logs.CloudWatchLogsServiceException && e.name === "AccessDeniedException" && e.$metadata.httpStatusCode === 400);
    await denied(viewerSdk.send(new logs.CreateLogGroupCommand({ logGroupName: uniqueName("nope") })));
    await denied(viewerSdk.send(new logs.PutLogEventsCommand({ logGroupName: group, logStreamName: "s", logEvents: [{ timestamp: Date.now(), message: "x" }] })));
    await denied(viewerSdk.send(new logs.DeleteLogGroupCommand({ logGroupName: group })));
    await assert.rejects(viewer.logs.putRetentionPolicy({ logGroupName: group, retentionInDays: 1 }), trpcError("FORBIDDEN", "AccessDenied"));
    assert.equal((await viewer.logs.describeLogGroups({ logGroupNamePrefix: group })).logGroups.length, 1);
  });
});

describe("logs over tRPC", () => {
  it("runs the same operations as the gateway, audited, with AWS errors as causes", async () => {
    const group = uniqueName("console");
    await owner.logs.createLogGroup({ logGroupName: group, tags: { via: "console" } });
    await owner.logs.createLogStream({ logGroupName: group, logStreamName: "s" });
    await owner.logs.putLogEvents({ logGroupName: group, logStreamName: "s", logEvents: [{ timestamp: Date.now(), message: "from the console" }] });
    const { events } = await h.client.send(new logs.GetLogEventsCommand({ logGroupName: group, logStreamName: "s" }));
    assert.deepEqual(events?.map((e) => e.message), ["from the console"]);
    assert.deepEqual((await owner.logs.listTagsLogGroup({ logGroupName: group })).tags, { via: "console" });
    const filtered = await owner.logs.filterLogEvents({ logGroupName: group, filterPattern: "console" });
    assert.equal(filtered.events.length, 1);
    await assert.rejects(owner.logs.createLogGroup({ logGroupName: group }), trpcError("BAD_REQUEST", "ResourceAlreadyExistsException"));
    await assert.rejects(owner.logs.getLogEvents({ logGroupName: group, logStreamName: "nope" }), trpcError("BAD_REQUEST", "ResourceNotFoundException"));
    const audited = await prisma().auditEvent.findMany({ where: { accountId: h.team.accountId, action: "logs:CreateLogGroup" } });
    assert.ok(audited.some((e) => e.success && e.userId === h.team.userId));
  });

  it("tails a group: the latest events first, then only what arrives after the cursor", async () => {
    const group = uniqueName("tail");
    await createGroup(h.client, group, "a", "b");
    const t = Date.now() - 10_000;
    await putMessages(h.client, group, "a", t, ["a1", "a2", "a3"]);
    const first = await owner.logs.tail({ logGroupName: group, limit: 2 });
    assert.deepEqual(
      first.events.map((e) => e.message),
      ["a2", "a3"],
    );
    assert.deepEqual((await owner.logs.tail({ logGroupName: group, after: first.cursor })).events, []);
    await putMessages(h.client, group, "b", t - 5_000, ["b1"]);
    await putMessages(h.client, group, "a", t + 10, ["a4"]);
    const next = await owner.logs.tail({ logGroupName: group, after: first.cursor });
    assert.deepEqual(
      next.events.map((e) => [e.logStreamName, e.message]),
      [
        ["b", "b1"],
        ["a", "a4"],
      ],
      "in arrival order, whatever the event timestamps",
    );
    const onlyA = await owner.logs.tail({ logGroupName: group, logStreamName: "a", after: first.cursor });
    assert.deepEqual(
      onlyA.events.map((e) => e.message),
      ["a4"],
    );
    assert.deepEqual((await owner.logs.tail({ logGroupName: group, after: next.cursor })).events, []);
  });
});
