// Queue tags through the SDK: CreateQueue's tags, TagQueue, UntagQueue and ListQueueTags, and AWS's tag rules
// (50 per queue, keys of 1-128 and values of 0-256 Unicode characters, AWS's alphabet, the reserved aws: prefix).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { assertSqsError, createQueue, invalidParameterValue, queueDoesNotExist, type SqsHarness, startSqs, uniqueName } from "./helpers";

let h: SqsHarness;

before(async () => {
  h = await startSqs();
});
after(() => h.close());

const listTags = async (QueueUrl: string) => (await h.client.send(new sqs.ListQueueTagsCommand({ QueueUrl }))).Tags ?? {};
const tagQueue = (QueueUrl: string, Tags: Record<string, string>) => h.client.send(new sqs.TagQueueCommand({ QueueUrl, Tags }));
const manyTags = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, "v"]));
/** U+1D49C, a letter outside the BMP: one Unicode character, two UTF-16 units. */
const ASTRAL = "\u{1D49C}";

describe("tags", () => {
  it("are set at creation, added, replaced, removed and listed", async () => {
    const { QueueUrl } = await h.client.send(new sqs.CreateQueueCommand({ QueueName: uniqueName("tags"), tags: { team: "core", env: "" } }));
    assert.ok(QueueUrl);
    assert.deepEqual(await listTags(QueueUrl), { team: "core", env: "" });
    await tagQueue(QueueUrl, { env: "prod", cost: "42" });
    assert.deepEqual(await listTags(QueueUrl), { team: "core", env: "prod", cost: "42" });
    await h.client.send(new sqs.UntagQueueCommand({ QueueUrl, TagKeys: ["team", "never-set"] }));
    assert.deepEqual(await listTags(QueueUrl), { env: "prod", cost: "42" });
  });

  it("are limited to 50 per queue, at creation and when added", async () => {
    const tooMany = invalidParameterValue("Too many tags added for queue. A queue can have at most 50 tags.");
    const refusedName = uniqueName("many-tags");
    await assertSqsError(h.client.send(new sqs.CreateQueueCommand({ QueueName: refusedName, tags: manyTags(51) })), tooMany);
    await assertSqsError(h.client.send(new sqs.GetQueueUrlCommand({ QueueName: refusedName })), queueDoesNotExist);

    const { QueueUrl } = await h.client.send(new sqs.CreateQueueCommand({ QueueName: uniqueName("many-tags"), tags: manyTags(50) }));
    assert.ok(QueueUrl);
    assert.equal(Object.keys(await listTags(QueueUrl)).length, 50);
    // Replacing a tag's value does not count as another tag; a 51st does.
    await tagQueue(QueueUrl, { k0: "replaced" });
    await assertSqsError(tagQueue(QueueUrl, { one: "more" }), tooMany);
    const tags = await listTags(QueueUrl);
    assert.equal(Object.keys(tags).length, 50);
    assert.equal(tags.k0, "replaced");
  });

  it("refuse keys with the reserved aws: prefix, in any case", async () => {
    const url = await createQueue(h.client, uniqueName("aws-prefix"));
    const reserved = invalidParameterValue('Tag keys cannot start with the reserved prefix "aws:".');
    await assertSqsError(tagQueue(url, { "aws:team": "core" }), reserved);
    await assertSqsError(tagQueue(url, { "AWS:team": "core" }), reserved);
    await assertSqsError(h.client.send(new sqs.CreateQueueCommand({ QueueName: uniqueName("aws-prefix"), tags: { "aws:team": "core" } })), reserved);
    // Only the prefix is reserved.
    await tagQueue(url, { "team:aws:": "aws:core" });
    assert.deepEqual(await listTags(url), { "team:aws:": "aws:core" });
  });

  it("allow only Unicode letters, digits, spaces and _ . : / = + - @", async () => {
    const url = await createQueue(h.client, uniqueName("tag-chars"));
    const allowed = { "Équipe 1_.:/=+-@": "coût 2 é 名前", [`${ASTRAL}٣`]: "" };
    await tagQueue(url, allowed);
    assert.deepEqual(await listTags(url), allowed);

    const symbols = "may only contain unicode letters, digits, whitespace, or one of these symbols: _ . : / = + - @";
    await assertSqsError(tagQueue(url, { "team#1": "core" }), invalidParameterValue(`Tag keys ${symbols}`));
    await assertSqsError(tagQueue(url, { team: "core!" }), invalidParameterValue(`Tag values ${symbols}`));
    await assertSqsError(
      h.client.send(new sqs.CreateQueueCommand({ QueueName: uniqueName("tag-chars"), tags: { "team*": "core" } })),
      invalidParameterValue(`Tag keys ${symbols}`),
    );
    assert.deepEqual(await listTags(url), allowed, "a refused TagQueue changes nothing");
  });

  it("count key and value lengths in Unicode characters, not UTF-16 units", async () => {
    const url = await createQueue(h.client, uniqueName("tag-length"));
    const longest = { [ASTRAL.repeat(128)]: ASTRAL.repeat(256) };
    await tagQueue(url, longest);
    assert.deepEqual(await listTags(url), longest);

    await assertSqsError(tagQueue(url, { [ASTRAL.repeat(129)]: "v" }), invalidParameterValue("Tag keys must be between 1 and 128 characters in length."));
    await assertSqsError(tagQueue(url, { "": "v" }), invalidParameterValue("Tag keys must be between 1 and 128 characters in length."));
    await assertSqsError(tagQueue(url, { k: ASTRAL.repeat(257) }), invalidParameterValue("Tag values must be between 0 and 256 characters in length."));
  });
});
