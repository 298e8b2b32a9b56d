import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { createTestTeam } from "../../helpers/fixtures";
import { startGateway, type RunningGateway } from "../gateway/helpers";

let gateway: RunningGateway;
let client: sqs.SQSClient;

before(async () => {
  gateway = await startGateway();
  const team = await createTestTeam();
  client = new sqs.SQSClient({
    endpoint: gateway.url,
    region: "us-east-1",
    credentials: { accessKeyId: team.accessKeyId, secretAccessKey: team.secretAccessKey },
  });
});
after(async () => {
  client.destroy();
  await gateway.close();
});

describe("smoke", () => {
  it("create, send, receive, delete", async () => {
    const { QueueUrl } = await client.send(new sqs.CreateQueueCommand({ QueueName: "smoke" }));
    assert.ok(QueueUrl);
    const sent = await client.send(
      new sqs.SendMessageCommand({ QueueUrl, MessageBody: "hello", MessageAttributes: { a: { DataType: "String", StringValue: "x" } } }),
    );
    assert.ok(sent.MessageId);
    const got = await client.send(new sqs.ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["All"] }));
    console.log(JSON.stringify(got.Messages, null, 1));
    assert.equal(got.Messages?.[0]?.Body, "hello");
    await client.send(new sqs.DeleteMessageCommand({ QueueUrl, ReceiptHandle: got.Messages![0]!.ReceiptHandle }));
    const attrs = await client.send(new sqs.GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] }));
    console.log(attrs.Attributes);
    await assert.rejects(client.send(new sqs.GetQueueUrlCommand({ QueueName: "nope" })), (e: Error) => {
      console.log(e.name, e.message);
      return e instanceof sqs.QueueDoesNotExist;
    });
  });
});
