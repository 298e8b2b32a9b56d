// Who sees what: another team sees none of a team's streams, records or iterators, regions are apart,
// a viewer may read but not write, and control-plane changes (not record traffic) are audited.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as kinesis from "@aws-sdk/client-kinesis";
import { prisma } from "../../../server/db/client";
import { newAccessKeyId, newSecretAccessKey, storeAccessKey } from "../../../server/services/accounts/access-keys";
import { createTestTeam, createTestUser } from "../../helpers/fixtures";
import { assertKinesisError, bytes, createStream, iterator, type KinesisHarness, readShard, startKinesis, uniqueName } from "./helpers";

let h: KinesisHarness;

before(async () => {
  h = await startKinesis();
});
after(() => h.close());

const SHARD0 = "shardId-000000000000";

describe("isolation", () => {
  it("keeps a team's streams, records and iterators from another team", async () => {
    const name = uniqueName("private");
    const arn = await createStream(h.client, name, 1);
    await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "p", Data: bytes("secret") }));
    const ourIterator = await iterator(h.client, name, SHARD0);
    const otherTeam = await createTestTeam();
    const other = h.clientFor(otherTeam);

    const { StreamNames } = await other.send(new kinesis.ListStreamsCommand({}));
    assert.ok(!StreamNames?.includes(name));
    await assertKinesisError(
      other.send(new kinesis.DescribeStreamCommand({ StreamName: name })),
      "ResourceNotFoundException",
      `Stream ${name} under account ${otherTeam.accountId} not found.`,
    );
    // Naming the stream by its ARN does not reach across accounts either.
    await assertKinesisError(
      other.send(new kinesis.GetShardIteratorCommand({ StreamARN: arn, ShardId: SHARD0, ShardIteratorType: "TRIM_HORIZON" })),
      "ResourceNotFoundException",
      `Stream ${name} under account ${h.team.accountId} not found.`,
    );
    await assertKinesisError(
      other.send(new kinesis.PutRecordCommand({ StreamARN: arn, PartitionKey: "p", Data: bytes("intruder") })),
      "ResourceNotFoundException",
      `Stream ${name} under account ${h.team.accountId} not found.`,
    );
    await assertKinesisError(other.send(new kinesis.GetRecordsCommand({ ShardIterator: ourIterator })), "InvalidArgumentException", "Invalid ShardIterator.");
    await assertKinesisError(other.send(new kinesis.ListTagsForResourceCommand({ ResourceARN: arn })), "ResourceNotFoundException", `Stream ${name} under account ${h.team.accountId} not found.`);

    // The other team may use the same name for its own stream; each reads only its own records.
    await createStream(other, name, 1);
    await other.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "p", Data: bytes("theirs") }));
    assert.deepEqual((await readShard(other, await iterator(other, name, SHARD0))).data, ["theirs"]);
    assert.deepEqual((await readShard(h.client, ourIterator)).data, ["secret"]);
  });

  it("keeps regions apart within a team", async () => {
    const name = uniqueName("regional");
    const eastArn = await createStream(h.client, name, 1);
    const west = h.clientFor(h.team, "us-west-2");
    await assertKinesisError(
      west.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: name })),
      "ResourceNotFoundException",
      `Stream ${name} under account ${h.team.accountId} not found.`,
    );
    await assertKinesisError(
      west.send(new kinesis.DescribeStreamSummaryCommand({ StreamARN: eastArn })),
      "ResourceNotFoundException",
      `Stream ${name} under account ${h.team.accountId} not found.`,
    );
    const westArn = await createStream(west, name, 2);
    assert.equal(westArn, `arn:aws:kinesis:us-west-2:${h.team.accountId}:stream/${name}`);
    await h.client.send(new kinesis.DeleteStreamCommand({ StreamName: name }));
    const { StreamDescriptionSummary } = await west.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: name }));
    assert.equal(StreamDescriptionSummary?.OpenShardCount, 2);
  });
});

describe("roles", () => {
  it("lets a viewer read streams and records but not write or change them", async () => {
    const name = uniqueName("watched");
    await createStream(h.client, name, 1);
    await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "p", Data: bytes("visible") }));
    // A viewer of the same team, with an access key of their own.
    const viewer = await createTestUser("viewer");
    await prisma().membership.create({ data: { accountId: h.team.accountId, userId: viewer.userId, role: "viewer" } });
    const credentials = { accessKeyId: newAccessKeyId(), secretAccessKey: newSecretAccessKey() };
    await storeAccessKey(prisma(), { accountId: h.team.accountId, userId: viewer.userId, ...credentials });
    const client = h.clientFor(credentials);

    assert.deepEqual((await readShard(client, await iterator(client, name, SHARD0))).data, ["visible"]);
    const arn = `arn:aws:kinesis:us-east-1:${h.team.accountId}:stream/${name}`;
    const denied = (operation: string) =>
      `User: arn:aws:iam::${h.team.accountId}:user/${viewer.email} is not authorized to perform: kinesis:${operation} on resource: ${arn} (requires the developer role or higher)`;
    await assertKinesisError(client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "p", Data: bytes("x") })), "AccessDeniedException", denied("PutRecord"));
    await assertKinesisError(
      client.send(new kinesis.PutRecordsCommand({ StreamName: name, Records: [{ PartitionKey: "p", Data: bytes("x") }] })),
      "AccessDeniedException",
      denied("PutRecords"),
    );
    await assertKinesisError(client.send(new kinesis.DeleteStreamCommand({ StreamName: name })), "AccessDeniedException", denied("DeleteStream"));
    await assertKinesisError(client.send(new kinesis.AddTagsToStreamCommand({ StreamName: name, Tags: { a: "b" } })), "AccessDeniedException", denied("AddTagsToStream"));
    await assertKinesisError(
      client.send(new kinesis.SplitShardCommand({ StreamName: name, ShardToSplit: SHARD0, NewStartingHashKey: "12345" })),
      "AccessDeniedException",
      denied("SplitShard"),
    );
    await assertKinesisError(
      client.send(new kinesis.CreateStreamCommand({ StreamName: `${name}-2`, ShardCount: 1 })),
      "AccessDeniedException",
      denied("CreateStream").replace(name, `${name}-2`),
    );
    assert.deepEqual((await readShard(h.client, await iterator(h.client, name, SHARD0))).data, ["visible"], "nothing was written");
  });
});

describe("audit", () => {
  it("records control-plane changes with the stream's ARN, and not record traffic", async () => {
    const name = uniqueName("audited");
    const arn = await createStream(h.client, name, 1);
    await h.client.send(new kinesis.PutRecordCommand({ StreamName: name, PartitionKey: "p", Data: bytes("x") }));
    await readShard(h.client, await iterator(h.client, name, SHARD0));
    await h.client.send(new kinesis.DeleteStreamCommand({ StreamARN: arn }));
    const events = await prisma().auditEvent.findMany({ where: { accountId: h.team.accountId, resourceArn: arn }, orderBy: { id: "asc" } });
    assert.deepEqual(
      events.map((e) => [e.action, e.success]),
      [
        ["kinesis:CreateStream", true],
        ["kinesis:DeleteStream", true],
      ],
    );
  });
});
