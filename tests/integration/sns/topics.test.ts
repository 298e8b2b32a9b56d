// SNS topics through the SDK: CreateTopic's idempotency and naming rules, ListTopics, topic attributes (stored and
// computed), DeleteTopic, tags, and AddPermission/RemovePermission as seen in the Policy attribute.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sns from "@aws-sdk/client-sns";
import { DEFAULT_HEALTHY_RETRY_POLICY } from "./fixtures";
import { assertSnsError, type SnsHarness, startReceiver, startSnsHarness, uniqueName } from "./harness";

let h: SnsHarness;
before(async () => {
  h = await startSnsHarness();
});
after(() => h.close());

const attributesOf = async (TopicArn: string) => (await h.sns.send(new sns.GetTopicAttributesCommand({ TopicArn }))).Attributes ?? {};
const setAttribute = (TopicArn: string, AttributeName: string, AttributeValue: string) =>
  h.sns.send(new sns.SetTopicAttributesCommand({ TopicArn, AttributeName, AttributeValue }));
const arnFor = (name: string) => `arn:aws:sns:us-east-1:${h.team.accountId}:${name}`;
const INVALID = { name: "InvalidParameterException", status: 400 };

interface PolicyDocument {
  Version: string;
  Id?: string;
  Statement: { Sid: string; Effect: string; Principal: { AWS: string | string[] }; Action: string | string[]; Resource: string; Condition?: unknown }[];
}

describe("CreateTopic", () => {
  it("answers the topic's ARN, and the same ARN when asked again with the same attributes", async () => {
    const Name = uniqueName("orders");
    const first = await h.sns.send(new sns.CreateTopicCommand({ Name, Attributes: { DisplayName: "Orders" } }));
    assert.equal(first.TopicArn, arnFor(Name));
    const again = await h.sns.send(new sns.CreateTopicCommand({ Name, Attributes: { DisplayName: "Orders" } }));
    assert.equal(again.TopicArn, first.TopicArn);
    // Leaving the attributes out is not a difference.
    const bare = await h.sns.send(new sns.CreateTopicCommand({ Name }));
    assert.equal(bare.TopicArn, first.TopicArn);
    assert.equal((await attributesOf(first.TopicArn!)).DisplayName, "Orders");
  });

  it("refuses to re-create a topic with different attributes or tags", async () => {
    const Name = uniqueName("conflict");
    await h.sns.send(new sns.CreateTopicCommand({ Name, Attributes: { DisplayName: "One" }, Tags: [{ Key: "team", Value: "a" }] }));
    await assertSnsError(h.sns.send(new sns.CreateTopicCommand({ Name, Attributes: { DisplayName: "Two" } })), {
      ...INVALID,
      message: "Invalid parameter: Attributes Reason: Topic already exists with different attributes",
    });
    await assertSnsError(h.sns.send(new sns.CreateTopicCommand({ Name, Tags: [{ Key: "team", Value: "b" }] })), {
      ...INVALID,
      message: "Invalid parameter: Tags Reason: Topic already exists with different tags",
    });
    // A standard topic of the name exists: asking for a FIFO one of the same name fails on the name's rules.
    await assertSnsError(h.sns.send(new sns.CreateTopicCommand({ Name, Attributes: { FifoTopic: "true" } })), INVALID);
  });

  it("checks topic names: 1-256 letters, digits, hyphens and underscores", async () => {
    for (const Name of ["has space", "dot.ted", "", "x".repeat(257), "emoji-🙂"]) {
      await assertSnsError(h.sns.send(new sns.CreateTopicCommand({ Name })), { ...INVALID, message: "Invalid parameter: Topic Name" });
    }
    const longest = `${uniqueName("n")}`.padEnd(256, "x");
    assert.equal((await h.sns.send(new sns.CreateTopicCommand({ Name: longest }))).TopicArn, arnFor(longest));
  });

  it("applies FIFO naming rules: FIFO topics end in .fifo, standard topics may not", async () => {
    const base = uniqueName("fifo");
    await assertSnsError(h.sns.send(new sns.CreateTopicCommand({ Name: base, Attributes: { FifoTopic: "true" } })), {
      ...INVALID,
      message: /^Invalid parameter: Fifo Topic names must end with \.fifo/,
    });
    await assertSnsError(h.sns.send(new sns.CreateTopicCommand({ Name: `${base}.fifo` })), { ...INVALID, message: "Invalid parameter: Topic Name" });
    await assertSnsError(h.sns.send(new sns.CreateTopicCommand({ Name: `${base}.fifo`, Attributes: { FifoTopic: "false" } })), INVALID);
    await assertSnsError(h.sns.send(new sns.CreateTopicCommand({ Name: base, Attributes: { FifoTopic: "yes" } })), INVALID);

    const { TopicArn } = await h.sns.send(new sns.CreateTopicCommand({ Name: `${base}.fifo`, Attributes: { FifoTopic: "true", ContentBasedDeduplication: "true" } }));
    assert.equal(TopicArn, arnFor(`${base}.fifo`));
    const attributes = await attributesOf(TopicArn!);
    assert.equal(attributes.FifoTopic, "true");
    assert.equal(attributes.ContentBasedDeduplication, "true");
    assert.equal(attributes.FifoThroughputScope, "Topic");
  });

  it("validates the attributes it is given", async () => {
    await assertSnsError(h.sns.send(new sns.CreateTopicCommand({ Name: uniqueName("bad"), Attributes: { Nope: "1" } })), {
      ...INVALID,
      message: "Invalid parameter: AttributeName",
    });
    await assertSnsError(h.sns.send(new sns.CreateTopicCommand({ Name: uniqueName("bad"), Attributes: { ContentBasedDeduplication: "true" } })), INVALID);
    await assertSnsError(h.sns.send(new sns.CreateTopicCommand({ Name: uniqueName("bad"), Attributes: { Policy: "not json" } })), INVALID);
  });
});

describe("ListTopics", () => {
  it("lists the team's topics (and not those deleted)", async () => {
    const kept = await h.topic("listed");
    const gone = await h.topic("unlisted");
    await h.sns.send(new sns.DeleteTopicCommand({ TopicArn: gone }));
    const arns: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await h.sns.send(new sns.ListTopicsCommand({ NextToken }));
      arns.push(...(page.Topics ?? []).map((t) => t.TopicArn!));
      NextToken = page.NextToken;
    } while (NextToken);
    assert.ok(arns.includes(kept));
    assert.ok(!arns.includes(gone));
    assert.ok(arns.every((arn) => arn.startsWith(`arn:aws:sns:us-east-1:${h.team.accountId}:`)));
  });

  it("refuses a NextToken it did not issue", async () => {
    await assertSnsError(h.sns.send(new sns.ListTopicsCommand({ NextToken: "not a token!" })), { ...INVALID, message: "Invalid parameter: NextToken" });
  });
});

describe("GetTopicAttributes and SetTopicAttributes", () => {
  it("reports a new topic's computed attributes and default policy", async () => {
    const TopicArn = await h.topic("fresh");
    const attributes = await attributesOf(TopicArn);
    assert.deepEqual(Object.keys(attributes).sort(), [
      "DisplayName",
      "EffectiveDeliveryPolicy",
      "Owner",
      "Policy",
      "SubscriptionsConfirmed",
      "SubscriptionsDeleted",
      "SubscriptionsPending",
      "TopicArn",
    ]);
    assert.equal(attributes.TopicArn, TopicArn);
    assert.equal(attributes.Owner, h.team.accountId);
    assert.equal(attributes.DisplayName, "");
    assert.equal(attributes.SubscriptionsConfirmed, "0");
    assert.equal(attributes.SubscriptionsPending, "0");
    assert.equal(attributes.SubscriptionsDeleted, "0");
    assert.deepEqual(JSON.parse(attributes.EffectiveDeliveryPolicy!), {
      http: {
        defaultHealthyRetryPolicy: DEFAULT_HEALTHY_RETRY_POLICY,
        disableSubscriptionOverrides: false,
        defaultRequestPolicy: { headerContentType: "text/plain; charset=UTF-8" },
      },
    });
    const policy = JSON.parse(attributes.Policy!) as PolicyDocument;
    assert.equal(policy.Version, "2008-10-17");
    assert.equal(policy.Id, "__default_policy_ID");
    assert.equal(policy.Statement.length, 1);
    assert.equal(policy.Statement[0]!.Sid, "__default_statement_ID");
    assert.equal(policy.Statement[0]!.Resource, TopicArn);
    assert.deepEqual(policy.Statement[0]!.Condition, { StringEquals: { "AWS:SourceOwner": h.team.accountId } });
    assert.ok((policy.Statement[0]!.Action as string[]).includes("SNS:Publish"));
  });

  it("counts confirmed, pending and deleted subscriptions", async () => {
    const TopicArn = await h.topic("counted");
    const receiver = await startReceiver();
    try {
      const q1 = await h.queue("counted-1");
      const q2 = await h.queue("counted-2");
      await h.subscribeQueue(TopicArn, q1);
      const second = await h.subscribeQueue(TopicArn, q2);
      await h.sns.send(new sns.SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: `${receiver.url}/pending` }));
      await h.sns.send(new sns.SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: "someone@example.com" }));
      await h.sns.send(new sns.UnsubscribeCommand({ SubscriptionArn: second }));
      const attributes = await attributesOf(TopicArn);
      assert.equal(attributes.SubscriptionsConfirmed, "1");
      assert.equal(attributes.SubscriptionsPending, "2");
      assert.equal(attributes.SubscriptionsDeleted, "1");
      await receiver.waitForRequestCount(1);
    } finally {
      await receiver.close();
    }
  });

  it("sets DisplayName, DeliveryPolicy (which becomes the EffectiveDeliveryPolicy) and Policy", async () => {
    const TopicArn = await h.topic("settable");
    await setAttribute(TopicArn, "DisplayName", "My display");
    const deliveryPolicy = { http: { defaultHealthyRetryPolicy: { minDelayTarget: 5, maxDelayTarget: 10, numRetries: 4 } } };
    await setAttribute(TopicArn, "DeliveryPolicy", JSON.stringify(deliveryPolicy));
    const policy = { Version: "2012-10-17", Statement: [{ Sid: "only", Effect: "Allow", Principal: { AWS: "*" }, Action: "SNS:Publish", Resource: TopicArn }] };
    await setAttribute(TopicArn, "Policy", JSON.stringify(policy));
    const attributes = await attributesOf(TopicArn);
    assert.equal(attributes.DisplayName, "My display");
    assert.deepEqual(JSON.parse(attributes.DeliveryPolicy!), deliveryPolicy);
    assert.deepEqual(JSON.parse(attributes.EffectiveDeliveryPolicy!), deliveryPolicy);
    assert.deepEqual(JSON.parse(attributes.Policy!), policy);
  });

  it("refuses unknown attributes, invalid values and FIFO-only attributes on a standard topic", async () => {
    const TopicArn = await h.topic("refusing");
    await assertSnsError(setAttribute(TopicArn, "Colour", "blue"), { ...INVALID, message: "Invalid parameter: AttributeName" });
    await assertSnsError(setAttribute(TopicArn, "TopicArn", "x"), { ...INVALID, message: "Invalid parameter: AttributeName" });
    await assertSnsError(setAttribute(TopicArn, "Policy", "[1]"), INVALID);
    await assertSnsError(setAttribute(TopicArn, "DisplayName", "x".repeat(101)), INVALID);
    await assertSnsError(setAttribute(TopicArn, "SignatureVersion", "3"), INVALID);
    await assertSnsError(setAttribute(TopicArn, "DeliveryPolicy", '{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":0}}}'), {
      ...INVALID,
      message: /^Invalid parameter: DeliveryPolicy: /,
    });
    await assertSnsError(setAttribute(TopicArn, "ContentBasedDeduplication", "true"), INVALID);
    await assertSnsError(setAttribute(TopicArn, "FifoThroughputScope", "MessageGroup"), INVALID);
    // Nothing was changed by the refused calls.
    const attributes = await attributesOf(TopicArn);
    assert.equal(attributes.DisplayName, "");
    assert.equal(attributes.ContentBasedDeduplication, undefined);

    const fifo = await h.topic("refusing-fifo", { FifoTopic: "true" });
    await setAttribute(fifo, "ContentBasedDeduplication", "true");
    await setAttribute(fifo, "FifoThroughputScope", "MessageGroup");
    const fifoAttributes = await attributesOf(fifo);
    assert.equal(fifoAttributes.ContentBasedDeduplication, "true");
    assert.equal(fifoAttributes.FifoThroughputScope, "MessageGroup");
    await assertSnsError(setAttribute(fifo, "FifoTopic", "false"), INVALID);
  });

  it("answers NotFound (404) for a topic that does not exist, and InvalidParameter for a malformed or other-region ARN", async () => {
    const missing = arnFor(uniqueName("missing"));
    const notFound = { name: "NotFoundException", status: 404, message: "Topic does not exist" };
    await assertSnsError(h.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: missing })), notFound);
    await assertSnsError(setAttribute(missing, "DisplayName", "x"), notFound);
    await assertSnsError(h.sns.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn: missing })), notFound);
    await assertSnsError(h.sns.send(new sns.PublishCommand({ TopicArn: missing, Message: "hello" })), notFound);
    await assertSnsError(h.sns.send(new sns.SubscribeCommand({ TopicArn: missing, Protocol: "email", Endpoint: "a@example.com" })), notFound);
    // Another account's topic is not the caller's to see.
    await assertSnsError(h.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: "arn:aws:sns:us-east-1:123456789012:elsewhere" })), notFound);
    await assertSnsError(h.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: "not-an-arn" })), {
      ...INVALID,
      message: "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1",
    });
    // Topics are regional: another region's ARN is a bad parameter, not a topic to look for.
    await assertSnsError(h.sns.send(new sns.GetTopicAttributesCommand({ TopicArn: `arn:aws:sns:eu-west-1:${h.team.accountId}:elsewhere` })), {
      ...INVALID,
      message: "Invalid parameter: TopicArn",
    });
  });
});

describe("DeleteTopic", () => {
  it("deletes the topic and its subscriptions; deleting it again succeeds", async () => {
    const name = uniqueName("doomed");
    const { TopicArn } = await h.sns.send(new sns.CreateTopicCommand({ Name: name }));
    const queue = await h.queue("doomed");
    const subscription = await h.subscribeQueue(TopicArn!, queue);

    await h.sns.send(new sns.DeleteTopicCommand({ TopicArn }));
    await assertSnsError(h.sns.send(new sns.GetTopicAttributesCommand({ TopicArn })), { name: "NotFoundException", status: 404 });
    await assertSnsError(h.sns.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn: subscription })), { name: "NotFoundException", status: 404 });
    const { Subscriptions = [] } = await h.sns.send(new sns.ListSubscriptionsCommand({}));
    assert.ok(!Subscriptions.some((s) => s.SubscriptionArn === subscription));

    await h.sns.send(new sns.DeleteTopicCommand({ TopicArn }));
    // A topic re-created under the name starts afresh.
    await h.sns.send(new sns.CreateTopicCommand({ Name: name }));
    const attributes = await attributesOf(TopicArn!);
    assert.equal(attributes.SubscriptionsConfirmed, "0");
    assert.equal(attributes.SubscriptionsDeleted, "0");
  });

  it("succeeds for a topic that never existed", async () => {
    await h.sns.send(new sns.DeleteTopicCommand({ TopicArn: arnFor(uniqueName("never")) }));
  });
});

describe("tags", () => {
  const tagsOf = async (ResourceArn: string) =>
    Object.fromEntries(((await h.sns.send(new sns.ListTagsForResourceCommand({ ResourceArn }))).Tags ?? []).map((t) => [t.Key, t.Value]));

  it("tags at creation, adds and replaces with TagResource, removes with UntagResource", async () => {
    const { TopicArn } = await h.sns.send(new sns.CreateTopicCommand({ Name: uniqueName("tagged"), Tags: [{ Key: "env", Value: "test" }] }));
    assert.deepEqual(await tagsOf(TopicArn!), { env: "test" });
    await h.sns.send(new sns.TagResourceCommand({ ResourceArn: TopicArn, Tags: [{ Key: "env", Value: "prod" }, { Key: "team", Value: "core" }, { Key: "empty", Value: "" }] }));
    assert.deepEqual(await tagsOf(TopicArn!), { env: "prod", team: "core", empty: "" });
    await h.sns.send(new sns.UntagResourceCommand({ ResourceArn: TopicArn, TagKeys: ["env", "absent"] }));
    assert.deepEqual(await tagsOf(TopicArn!), { team: "core", empty: "" });
  });

  it("allows 50 tags and refuses the 51st with TagLimitExceeded", async () => {
    const ResourceArn = await h.topic("many-tags");
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
    await h.sns.send(new sns.TagResourceCommand({ ResourceArn, Tags: fifty }));
    await assertSnsError(h.sns.send(new sns.TagResourceCommand({ ResourceArn, Tags: [{ Key: "one-more", Value: "x" }] })), {
      name: "TagLimitExceededException",
      status: 400,
    });
    // Replacing an existing key's value doesn't add a tag.
    await h.sns.send(new sns.TagResourceCommand({ ResourceArn, Tags: [{ Key: "k0", Value: "changed" }] }));
    const tags = await tagsOf(ResourceArn);
    assert.equal(Object.keys(tags).length, 50);
    assert.equal(tags.k0, "changed");
  });

  it("refuses reserved, oversized and duplicated keys", async () => {
    const ResourceArn = await h.topic("bad-tags");
    await assertSnsError(h.sns.send(new sns.TagResourceCommand({ ResourceArn, Tags: [{ Key: "aws:reserved", Value: "x" }] })), INVALID);
    await assertSnsError(h.sns.send(new sns.TagResourceCommand({ ResourceArn, Tags: [{ Key: "k".repeat(129), Value: "x" }] })), INVALID);
    await assertSnsError(h.sns.send(new sns.TagResourceCommand({ ResourceArn, Tags: [{ Key: "k", Value: "v".repeat(257) }] })), INVALID);
    await assertSnsError(
      h.sns.send(
        new sns.TagResourceCommand({
          ResourceArn,
          Tags: [
            { Key: "k", Value: "1" },
            { Key: "k", Value: "2" },
          ],
        }),
      ),
      { ...INVALID, message: "Invalid parameter: Duplicated keys are not allowed." },
    );
    assert.deepEqual(await tagsOf(ResourceArn), {});
  });

  it("answers ResourceNotFound (404) for a topic that does not exist", async () => {
    const ResourceArn = arnFor(uniqueName("untaggable"));
    const expected = { name: "ResourceNotFoundException", status: 404, message: "Resource does not exist" };
    await assertSnsError(h.sns.send(new sns.ListTagsForResourceCommand({ ResourceArn })), expected);
    await assertSnsError(h.sns.send(new sns.TagResourceCommand({ ResourceArn, Tags: [{ Key: "a", Value: "b" }] })), expected);
    await assertSnsError(h.sns.send(new sns.UntagResourceCommand({ ResourceArn, TagKeys: ["a"] })), expected);
  });
});

describe("AddPermission and RemovePermission", () => {
  it("adds a labelled statement to the topic's policy and removes it again", async () => {
    const TopicArn = await h.topic("shared");
    await h.sns.send(new sns.AddPermissionCommand({ TopicArn, Label: "let-them-publish", AWSAccountId: ["111122223333", "444455556666"], ActionName: ["Publish", "Subscribe"] }));
    const policy = JSON.parse((await attributesOf(TopicArn)).Policy!) as PolicyDocument;
    assert.deepEqual(
      policy.Statement.map((s) => s.Sid),
      ["__default_statement_ID", "let-them-publish"],
    );
    const added = policy.Statement[1]!;
    assert.equal(added.Effect, "Allow");
    assert.equal(added.Resource, TopicArn);
    assert.deepEqual([added.Principal.AWS].flat(), ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"]);
    assert.deepEqual([added.Action].flat(), ["SNS:Publish", "SNS:Subscribe"]);

    await assertSnsError(
      h.sns.send(new sns.AddPermissionCommand({ TopicArn, Label: "let-them-publish", AWSAccountId: ["111122223333"], ActionName: ["Publish"] })),
      INVALID,
    );

    await h.sns.send(new sns.RemovePermissionCommand({ TopicArn, Label: "let-them-publish" }));
    const after = JSON.parse((await attributesOf(TopicArn)).Policy!) as PolicyDocument;
    assert.deepEqual(
      after.Statement.map((s) => s.Sid),
      ["__default_statement_ID"],
    );
    await assertSnsError(h.sns.send(new sns.RemovePermissionCommand({ TopicArn, Label: "let-them-publish" })), INVALID);
  });

  it("answers NotFound for a missing topic", async () => {
    const TopicArn = arnFor(uniqueName("no-policy"));
    await assertSnsError(h.sns.send(new sns.AddPermissionCommand({ TopicArn, Label: "l", AWSAccountId: ["111122223333"], ActionName: ["Publish"] })), {
      name: "NotFoundException",
      status: 404,
    });
    await assertSnsError(h.sns.send(new sns.RemovePermissionCommand({ TopicArn, Label: "l" })), { name: "NotFoundException", status: 404 });
  });
});
