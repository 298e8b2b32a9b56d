// Queue lifecycle and attributes through the SDK: create/get/list/delete, GetQueueAttributes, SetQueueAttributes, purge, encryption (tags: tags.test.ts).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { assertSqsError, counts, createQueue, queueAlreadyExists, queueAttributes, queueDoesNotExist, type SqsHarness, startSqs, uniqueName } from "./helpers";

let h: SqsHarness;
let arnPrefix: string;

before(async () => {
  h = await startSqs();
  arnPrefix = `arn:aws:sqs:us-east-1:${h.team.accountId}:`;
});
after(() => h.close());

const STANDARD_KEYS = [
  "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesDelayed",
  "ApproximateNumberOfMessagesNotVisible",
  "CreatedTimestamp",
  "DelaySeconds",
  "LastModifiedTimestamp",
  "MaximumMessageSize",
  "MessageRetentionPeriod",
  "QueueArn",
  "ReceiveMessageWaitTimeSeconds",
  "SqsManagedSseEnabled",
  "VisibilityTimeout",
];

describe("CreateQueue / GetQueueUrl / DeleteQueue", () => {
  it("returns a URL on the gateway the client used, and is idempotent for equal attributes", async () => {
    const name = uniqueName("create");
    const url = await createQueue(h.client, name, { DelaySeconds: "3" });
    assert.equal(url, `${h.gateway.url}/${h.team.accountId}/${name}`);
    assert.equal(await createQueue(h.client, name, { DelaySeconds: "3" }), url);
    // Only the attributes a repeated create names are compared.
    assert.equal(await createQueue(h.client, name), url);
    assert.equal(await createQueue(h.client, name, { VisibilityTimeout: "30" }), url);
    const { QueueUrl } = await h.client.send(new sqs.GetQueueUrlCommand({ QueueName: name }));
    assert.equal(QueueUrl, url);
  });

  it("is idempotent for an equal RedrivePolicy, whatever its key order, spacing or maxReceiveCount's type", async () => {
    const dlqName = uniqueName("idem-dlq");
    await createQueue(h.client, dlqName);
    const name = uniqueName("idem-redrive");
    const target = `${arnPrefix}${dlqName}`;
    const url = await createQueue(h.client, name, { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: target, maxReceiveCount: "5" }) });
    // jsonb hands the stored policy back with its keys in another order.
    assert.equal(await createQueue(h.client, name, { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: target, maxReceiveCount: "5" }) }), url);
    assert.equal(await createQueue(h.client, name, { RedrivePolicy: `{ "maxReceiveCount": 5, "deadLetterTargetArn": "${target}" }` }), url);
  });

  it("refuses a repeated create whose RedrivePolicy has another maxReceiveCount", async () => {
    const dlqName = uniqueName("idem-dlq");
    await createQueue(h.client, dlqName);
    const name = uniqueName("idem-redrive");
    const redrive = (maxReceiveCount: number) => JSON.stringify({ deadLetterTargetArn: `${arnPrefix}${dlqName}`, maxReceiveCount });
    await createQueue(h.client, name, { RedrivePolicy: redrive(5) });
    await assertSqsError(h.client.send(new sqs.CreateQueueCommand({ QueueName: name, Attributes: { RedrivePolicy: redrive(6) } })), queueAlreadyExists("RedrivePolicy"));
  });

  it("is idempotent for an equal byQueue RedriveAllowPolicy and an equal Policy in another key order", async () => {
    const name = uniqueName("idem-allow");
    const source = `${arnPrefix}some-source`;
    const resource = `${arnPrefix}${name}`;
    const attributes = {
      RedriveAllowPolicy: JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [source] }),
      Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: resource }] }),
    };
    const url = await createQueue(h.client, name, attributes);
    assert.equal(await createQueue(h.client, name, attributes), url);
    const reordered = {
      RedriveAllowPolicy: JSON.stringify({ sourceQueueArns: [source], redrivePermission: "byQueue" }),
      Policy: JSON.stringify({ Statement: [{ Resource: resource, Action: "sqs:SendMessage", Principal: "*", Effect: "Allow" }], Version: "2012-10-17" }),
    };
    assert.equal(await createQueue(h.client, name, reordered), url);
  });

  it("is idempotent for attributes restating the defaults GetQueueAttributes reports", async () => {
    const fifoName = uniqueName("idem-fifo", true);
    const fifoUrl = await createQueue(h.client, fifoName, { FifoQueue: "true" });
    assert.equal(await createQueue(h.client, fifoName, { FifoQueue: "true", DeduplicationScope: "queue", FifoThroughputLimit: "perQueue" }), fifoUrl);

    const kmsName = uniqueName("idem-kms");
    const kmsUrl = await createQueue(h.client, kmsName, { KmsMasterKeyId: "alias/aws/sqs" });
    assert.equal((await queueAttributes(h.client, kmsUrl)).KmsDataKeyReusePeriodSeconds, "300");
    assert.equal(await createQueue(h.client, kmsName, { KmsMasterKeyId: "alias/aws/sqs", KmsDataKeyReusePeriodSeconds: "300" }), kmsUrl);
    await assertSqsError(h.client.send(new sqs.CreateQueueCommand({ QueueName: kmsName, Attributes: { KmsDataKeyReusePeriodSeconds: "600" } })), queueAlreadyExists("KmsDataKeyReusePeriodSeconds"));
  });

  it("DeleteQueue removes the queue and its messages", async () => {
    const name = uniqueName("delete");
    const url = await createQueue(h.client, name);
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "doomed" }));
    await h.client.send(new sqs.DeleteQueueCommand({ QueueUrl: url }));
    await assertSqsError(h.client.send(new sqs.GetQueueUrlCommand({ QueueName: name })), queueDoesNotExist);
    await assertSqsError(h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url })), queueDoesNotExist);
  });

  it("returns URLs an SDK without a configured endpoint follows back to this gateway", async () => {
    const url = await createQueue(h.client, uniqueName("follow"));
    // The v3 SDK sends queue operations to the QueueUrl's origin when no endpoint is configured.
    const followed = new sqs.SQSClient({ region: "us-east-1", credentials: h.team });
    try {
      await followed.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "followed" }));
      const { Messages = [] } = await followed.send(new sqs.ReceiveMessageCommand({ QueueUrl: url }));
      assert.equal(Messages[0]?.Body, "followed");
    } finally {
      followed.destroy();
    }
  });

  it("accepts AWS-style queue URLs naming our account and queue, whatever the host", async () => {
    const name = uniqueName("aws-url");
    await createQueue(h.client, name);
    const awsStyle = `https://sqs.us-east-1.amazonaws.com/${h.team.accountId}/${name}`;
    const sent = await h.client.send(new sqs.SendMessageCommand({ QueueUrl: awsStyle, MessageBody: "via an AWS URL" }));
    assert.ok(sent.MessageId);
  });
});

describe("ListQueues", () => {
  it("filters by a case-sensitive prefix and pages only when MaxResults is given", async () => {
    const prefix = uniqueName("List");
    const urls = [];
    for (const suffix of ["a", "b", "c"]) urls.push(await createQueue(h.client, `${prefix}-${suffix}`));

    const all = await h.client.send(new sqs.ListQueuesCommand({ QueueNamePrefix: prefix }));
    assert.deepEqual(all.QueueUrls, urls);
    assert.equal(all.NextToken, undefined);

    const lower = await h.client.send(new sqs.ListQueuesCommand({ QueueNamePrefix: prefix.toLowerCase() }));
    assert.equal(lower.QueueUrls, undefined, "an empty listing has no QueueUrls");

    const first = await h.client.send(new sqs.ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2 }));
    assert.deepEqual(first.QueueUrls, urls.slice(0, 2));
    assert.ok(first.NextToken);
    const second = await h.client.send(new sqs.ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2, NextToken: first.NextToken }));
    assert.deepEqual(second.QueueUrls, urls.slice(2));
    assert.equal(second.NextToken, undefined);
  });
});

describe("GetQueueAttributes", () => {
  it("returns AWS's 12 attributes for a standard queue, with AWS's defaults", async () => {
    const name = uniqueName("attrs");
    const before = Math.floor(Date.now() / 1000);
    const url = await createQueue(h.client, name);
    const attrs = await queueAttributes(h.client, url);
    assert.deepEqual(Object.keys(attrs).sort(), STANDARD_KEYS);
    assert.equal(attrs.QueueArn, `${arnPrefix}${name}`);
    assert.equal(attrs.DelaySeconds, "0");
    assert.equal(attrs.MaximumMessageSize, "262144");
    assert.equal(attrs.MessageRetentionPeriod, "345600");
    assert.equal(attrs.ReceiveMessageWaitTimeSeconds, "0");
    assert.equal(attrs.VisibilityTimeout, "30");
    assert.equal(attrs.SqsManagedSseEnabled, "true");
    // Epoch seconds, not milliseconds.
    const created = Number(attrs.CreatedTimestamp);
    assert.ok(created >= before - 1 && created <= Math.ceil(Date.now() / 1000) + 1, `CreatedTimestamp ${created}`);
    assert.equal(attrs.LastModifiedTimestamp, attrs.CreatedTimestamp);
  });

  it("returns the FIFO attributes too for a FIFO queue", async () => {
    const url = await createQueue(h.client, uniqueName("attrs", true), { FifoQueue: "true" });
    const attrs = await queueAttributes(h.client, url);
    assert.deepEqual(Object.keys(attrs).sort(), [...STANDARD_KEYS, "ContentBasedDeduplication", "DeduplicationScope", "FifoQueue", "FifoThroughputLimit"].sort());
    assert.equal(attrs.FifoQueue, "true");
    assert.equal(attrs.ContentBasedDeduplication, "false");
    assert.equal(attrs.DeduplicationScope, "queue");
    assert.equal(attrs.FifoThroughputLimit, "perQueue");
  });

  it("returns only the named attributes, and none when none are named", async () => {
    const url = await createQueue(h.client, uniqueName("attrs"));
    assert.deepEqual(await queueAttributes(h.client, url, ["VisibilityTimeout", "QueueArn"]), {
      VisibilityTimeout: "30",
      QueueArn: `${arnPrefix}${new URL(url).pathname.split("/")[2]}`,
    });
    const { Attributes } = await h.client.send(new sqs.GetQueueAttributesCommand({ QueueUrl: url }));
    assert.deepEqual(Attributes ?? {}, {});
    // FIFO-only names are simply absent on a standard queue.
    assert.deepEqual(await queueAttributes(h.client, url, ["FifoQueue"]), {});
  });

  it("counts visible, in-flight and delayed messages", async () => {
    const url = await createQueue(h.client, uniqueName("counts"));
    for (const body of ["a", "b", "c"]) await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "later", DelaySeconds: 600 }));
    await h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1 }));
    assert.deepEqual(await counts(h.client, url), { visible: 2, inFlight: 1, delayed: 1 });
  });
});

describe("SetQueueAttributes", () => {
  it("changes settings, bumps LastModifiedTimestamp and clears policies set to empty", async () => {
    const dlqName = uniqueName("set-dlq");
    await createQueue(h.client, dlqName);
    const url = await createQueue(h.client, uniqueName("set"));
    const redrive = `{"deadLetterTargetArn":"${arnPrefix}${dlqName}","maxReceiveCount":"7"}`;
    await h.client.send(
      new sqs.SetQueueAttributesCommand({
        QueueUrl: url,
        Attributes: {
          DelaySeconds: "10",
          MaximumMessageSize: "1024",
          MessageRetentionPeriod: "60",
          ReceiveMessageWaitTimeSeconds: "20",
          VisibilityTimeout: "43200",
          RedrivePolicy: redrive,
        },
      }),
    );
    const attrs = await queueAttributes(h.client, url);
    assert.equal(attrs.DelaySeconds, "10");
    assert.equal(attrs.MaximumMessageSize, "1024");
    assert.equal(attrs.MessageRetentionPeriod, "60");
    assert.equal(attrs.ReceiveMessageWaitTimeSeconds, "20");
    assert.equal(attrs.VisibilityTimeout, "43200");
    // AWS returns the policy compact, with maxReceiveCount as a number.
    assert.equal(attrs.RedrivePolicy, `{"deadLetterTargetArn":"${arnPrefix}${dlqName}","maxReceiveCount":7}`);
    assert.ok(Number(attrs.LastModifiedTimestamp) >= Number(attrs.CreatedTimestamp));

    await h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { RedrivePolicy: "" } }));
    assert.equal((await queueAttributes(h.client, url)).RedrivePolicy, undefined);
  });

  it("accepts the FIFO settings DeduplicationScope, FifoThroughputLimit and ContentBasedDeduplication", async () => {
    const url = await createQueue(h.client, uniqueName("fifo-set", true), {
      FifoQueue: "true",
      DeduplicationScope: "messageGroup",
      FifoThroughputLimit: "perMessageGroupId",
    });
    await h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { ContentBasedDeduplication: "true", FifoQueue: "true" } }));
    const attrs = await queueAttributes(h.client, url, ["ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit", "FifoQueue"]);
    assert.deepEqual(attrs, { ContentBasedDeduplication: "true", DeduplicationScope: "messageGroup", FifoThroughputLimit: "perMessageGroupId", FifoQueue: "true" });
  });

  it("accepts and returns the encryption attributes, one kind of encryption at a time", async () => {
    const url = await createQueue(h.client, uniqueName("kms"), { KmsMasterKeyId: "alias/aws/sqs" });
    let attrs = await queueAttributes(h.client, url);
    assert.equal(attrs.KmsMasterKeyId, "alias/aws/sqs");
    assert.equal(attrs.KmsDataKeyReusePeriodSeconds, "300");
    assert.equal(attrs.SqsManagedSseEnabled, "false");

    await h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { KmsDataKeyReusePeriodSeconds: "600" } }));
    assert.equal((await queueAttributes(h.client, url)).KmsDataKeyReusePeriodSeconds, "600");

    await h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { SqsManagedSseEnabled: "true" } }));
    attrs = await queueAttributes(h.client, url);
    assert.equal(attrs.SqsManagedSseEnabled, "true");
    assert.equal(attrs.KmsMasterKeyId, undefined);

    await h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url, Attributes: { SqsManagedSseEnabled: "false" } }));
    assert.equal((await queueAttributes(h.client, url)).SqsManagedSseEnabled, "false");
  });
});

describe("PurgeQueue", () => {
  it("deletes visible, in-flight and delayed messages but not those sent afterwards", async () => {
    const url = await createQueue(h.client, uniqueName("purge"));
    for (const body of ["a", "b"]) await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "delayed", DelaySeconds: 60 }));
    const inFlight = await h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url }));
    assert.equal(inFlight.Messages?.length, 1);
    await h.client.send(new sqs.PurgeQueueCommand({ QueueUrl: url }));
    assert.deepEqual(await counts(h.client, url), { visible: 0, inFlight: 0, delayed: 0 });

    await h.client.send(new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "after" }));
    const got = await h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: url }));
    assert.equal(got.Messages?.[0]?.Body, "after");
  });
});
