// Tags on streams (the stream operations and the *Resource ones) and on consumers, and enhanced fan-out
// consumers: register, describe, list, deregister.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as kinesis from "@aws-sdk/client-kinesis";
import { assertKinesisError, createStream, type KinesisHarness, startKinesis, uniqueName } from "./helpers";

let h: KinesisHarness;

before(async () => {
  h = await startKinesis();
});
after(() => h.close());

const tagsOf = async (StreamName: string) => (await h.client.send(new kinesis.ListTagsForStreamCommand({ StreamName }))).Tags;

describe("stream tags", () => {
  it("adds, overwrites, lists in key order and removes tags", async () => {
    const name = uniqueName("tagged");
    await h.client.send(new kinesis.CreateStreamCommand({ StreamName: name, ShardCount: 1, Tags: { team: "data", env: "dev" } }));
    assert.deepEqual(await tagsOf(name), [
      { Key: "env", Value: "dev" },
      { Key: "team", Value: "data" },
    ]);
    await h.client.send(new kinesis.AddTagsToStreamCommand({ StreamName: name, Tags: { env: "prod", "cost-center": "42" } }));
    assert.deepEqual(await tagsOf(name), [
      { Key: "cost-center", Value: "42" },
      { Key: "env", Value: "prod" },
      { Key: "team", Value: "data" },
    ]);
    const page = await h.client.send(new kinesis.ListTagsForStreamCommand({ StreamName: name, Limit: 1, ExclusiveStartTagKey: "cost-center" }));
    assert.deepEqual(page.Tags, [{ Key: "env", Value: "prod" }]);
    assert.equal(page.HasMoreTags, true);
    await h.client.send(new kinesis.RemoveTagsFromStreamCommand({ StreamName: name, TagKeys: ["env", "absent"] }));
    assert.deepEqual(await tagsOf(name), [
      { Key: "cost-center", Value: "42" },
      { Key: "team", Value: "data" },
    ]);
  });

  it("tags a stream by its ARN with TagResource, UntagResource and ListTagsForResource", async () => {
    const name = uniqueName("by-resource");
    const arn = await createStream(h.client, name, 1);
    await h.client.send(new kinesis.TagResourceCommand({ ResourceARN: arn, Tags: { a: "1", b: "2" } }));
    await h.client.send(new kinesis.UntagResourceCommand({ ResourceARN: arn, TagKeys: ["a"] }));
    assert.deepEqual((await h.client.send(new kinesis.ListTagsForResourceCommand({ ResourceARN: arn }))).Tags, [{ Key: "b", Value: "2" }]);
    assert.deepEqual(await tagsOf(name), [{ Key: "b", Value: "2" }]);
  });

  it("allows at most 50 tags per stream and AWS's characters only", async () => {
    const name = uniqueName("crowded");
    await createStream(h.client, name, 1);
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
    await h.client.send(new kinesis.AddTagsToStreamCommand({ StreamName: name, Tags: fifty }));
    await assertKinesisError(
      h.client.send(new kinesis.AddTagsToStreamCommand({ StreamName: name, Tags: { k50: "v" } })),
      "InvalidArgumentException",
      `Failed to add tags to stream ${name} under account ${h.team.accountId} because a given stream cannot have more than 50 tags associated with it.`,
    );
    // Overwriting an existing key does not add one.
    await h.client.send(new kinesis.AddTagsToStreamCommand({ StreamName: name, Tags: { k0: "changed" } }));
    assert.equal((await h.client.send(new kinesis.ListTagsForStreamCommand({ StreamName: name, Limit: 50 }))).Tags?.length, 50);
    await assertKinesisError(
      h.client.send(new kinesis.AddTagsToStreamCommand({ StreamName: name, Tags: { "bad*key": "v" } })),
      "InvalidArgumentException",
      "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @ :.",
    );
    await assertKinesisError(
      h.client.send(new kinesis.AddTagsToStreamCommand({ StreamName: name, Tags: {} })),
      "ValidationException",
      "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
});

describe("consumers", () => {
  it("registers a consumer with an ARN that names its stream, name and creation time", async () => {
    const name = uniqueName("fan-out");
    const arn = await createStream(h.client, name, 1);
    const { Consumer } = await h.client.send(new kinesis.RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: "reader" }));
    assert.equal(Consumer?.ConsumerName, "reader");
    assert.equal(Consumer?.ConsumerStatus, "CREATING");
    const created = Consumer!.ConsumerCreationTimestamp!;
    assert.equal(Consumer?.ConsumerARN, `${arn}/consumer/reader:${Math.floor(created.getTime() / 1000)}`);

    const byArn = await h.client.send(new kinesis.DescribeStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN }));
    assert.deepEqual(byArn.ConsumerDescription, { ...Consumer, ConsumerStatus: "ACTIVE", StreamARN: arn });
    const byName = await h.client.send(new kinesis.DescribeStreamConsumerCommand({ StreamARN: arn, ConsumerName: "reader" }));
    assert.deepEqual(byName.ConsumerDescription, byArn.ConsumerDescription);
    const { StreamDescriptionSummary } = await h.client.send(new kinesis.DescribeStreamSummaryCommand({ StreamARN: arn }));
    assert.equal(StreamDescriptionSummary?.ConsumerCount, 1);

    await assertKinesisError(
      h.client.send(new kinesis.RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: "reader" })),
      "ResourceInUseException",
      `Consumer reader, stream ${arn} already exists.`,
    );
    await h.client.send(new kinesis.TagResourceCommand({ ResourceARN: Consumer!.ConsumerARN, Tags: { owner: "me" } }));
    assert.deepEqual((await h.client.send(new kinesis.ListTagsForResourceCommand({ ResourceARN: Consumer!.ConsumerARN }))).Tags, [{ Key: "owner", Value: "me" }]);
    assert.deepEqual(await tagsOf(name), [], "the consumer's tags are its own");

    await h.client.send(new kinesis.DeregisterStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN }));
    await assertKinesisError(
      h.client.send(new kinesis.DescribeStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN })),
      "ResourceNotFoundException",
      `Consumer ${Consumer!.ConsumerARN} not found.`,
    );
    await assertKinesisError(
      h.client.send(new kinesis.DescribeStreamConsumerCommand({ StreamARN: arn, ConsumerName: "reader" })),
      "ResourceNotFoundException",
      `Consumer reader, stream ${arn} not found.`,
    );
  });

  it("lists a stream's consumers in pages and caps them at 20", async () => {
    const name = uniqueName("many-readers");
    const arn = await createStream(h.client, name, 1);
    for (let i = 0; i < 20; i++) {
      await h.client.send(new kinesis.RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: `c${String(i).padStart(2, "0")}` }));
    }
    await assertKinesisError(
      h.client.send(new kinesis.RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: "c20" })),
      "LimitExceededException",
      `Stream ${arn} already has the maximum of 20 registered consumers.`,
    );
    const first = await h.client.send(new kinesis.ListStreamConsumersCommand({ StreamARN: arn, MaxResults: 15 }));
    assert.equal(first.Consumers?.length, 15);
    assert.ok(first.NextToken);
    const second = await h.client.send(new kinesis.ListStreamConsumersCommand({ StreamARN: arn, NextToken: first.NextToken }));
    assert.deepEqual(
      [...first.Consumers!, ...second.Consumers!].map((c) => [c.ConsumerName, c.ConsumerStatus]),
      Array.from({ length: 20 }, (_, i) => [`c${String(i).padStart(2, "0")}`, "ACTIVE"]),
    );
    assert.equal(second.NextToken, undefined);
    await h.client.send(new kinesis.DeregisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: "c00" }));
    const after = await h.client.send(new kinesis.ListStreamConsumersCommand({ StreamARN: arn }));
    assert.equal(after.Consumers?.length, 19);
  });
});
