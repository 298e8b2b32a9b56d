import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { uniqueName } from "../lambda/helpers";
import { type ApiInvokeHarness, deployApi, expectGatewayResponse, invokeUrl, startApiInvokeHarness } from "./invoke-helpers";

let h: ApiInvokeHarness;
let sns: SNSClient;
before(async () => {
  h = await startApiInvokeHarness();
  sns = new SNSClient({ endpoint: h.gateway.url, region: "us-east-1", credentials: h.team, maxAttempts: 1 });
});
after(async () => {
  sns.destroy();
  await h.close();
});

async function queue() {
  const name = uniqueName("apigw-q");
  const { QueueUrl } = await h.sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await h.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { name, url: QueueUrl!, arn: Attributes!.QueueArn! };
}

async function receiveOne(queueUrl: string) {
  for (let i = 0; i < 10; i++) {
    const { Messages } = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 5, MaxNumberOfMessages: 1 }));
    if (Messages?.[0]) return Messages[0];
  }
  throw new Error(`nothing arrived in ${queueUrl}`);
}

describe("AWS service integrations", () => {
  test("SQS by path: the mapped form body sends the request's body as a message, as the integration's role", async () => {
    const q = await queue();
    const api = await deployApi(h.apigw, [
      {
        path: "/enqueue",
        httpMethod: "POST",
        integration: {
          type: "AWS",
          integrationHttpMethod: "POST",
          uri: `arn:aws:apigateway:us-east-1:sqs:path/${h.team.accountId}/${q.name}`,
          credentials: h.role,
          requestParameters: { "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'" },
          requestTemplates: { "application/json": "Action=SendMessage&MessageBody=$util.urlEncode($input.body)" },
        },
        integrationResponses: [{ statusCode: "200", responseTemplates: { "application/json": '{"queued": true}' } }],
      },
    ]);
    const response = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/enqueue"), { method: "POST", headers: { "content-type": "application/json" }, body: '{"order": 7}' });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { queued: true });
    const message = await receiveOne(q.url);
    assert.equal(message.Body, '{"order": 7}');
  });

  test("SNS by action: Publish with the topic and message from mapped query parameters; the service's answer passes through", async () => {
    const q = await queue();
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: uniqueName("apigw-t") }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: q.arn, Attributes: { RawMessageDelivery: "true" } }));
    const api = await deployApi(h.apigw, [
      {
        path: "/publish",
        httpMethod: "POST",
        integration: {
          type: "AWS",
          integrationHttpMethod: "POST",
          uri: "arn:aws:apigateway:us-east-1:sns:action/Publish",
          credentials: h.role,
          requestParameters: { "integration.request.querystring.TopicArn": `'${TopicArn}'`, "integration.request.querystring.Message": "method.request.body" },
        },
        integrationResponses: [{ statusCode: "200" }, { statusCode: "400", selectionPattern: "4\\d\\d" }],
      },
    ]);
    const response = await fetch(invokeUrl(h.gateway.url, api.id, "test", "/publish"), { method: "POST", body: "hello subscribers" });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<PublishResponse[^>]*>[\s\S]*<MessageId>[0-9a-f-]{36}<\/MessageId>/);
    assert.equal((await receiveOne(q.url)).Body, "hello subscribers");
  });

  test("without an execution role the integration is a configuration error", async () => {
    const api = await deployApi(h.apigw, [
      { path: "/norole", httpMethod: "POST", integration: { type: "AWS", integrationHttpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:sns:action/Publish" }, integrationResponses: [{ statusCode: "200" }] },
    ]);
    await expectGatewayResponse(await fetch(invokeUrl(h.gateway.url, api.id, "test", "/norole"), { method: "POST", body: "x" }), 500, "InternalServerErrorException", "Internal server error");
  });
});
