import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as apigw from "@aws-sdk/client-api-gateway";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { uniqueName } from "../lambda/helpers";
import { type ApiInvokeHarness, deployApi, expectGatewayResponse, invokeUrl, type MethodSpec, startApiInvokeHarness } from "./invoke-helpers";

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

/** POST /enqueue: SQS by path, the mapped form body sending the request's body as a message. */
const enqueueRoute = (queueName: string): MethodSpec => ({
  path: "/enqueue",
  httpMethod: "POST",
  integration: {
    type: "AWS",
    integrationHttpMethod: "POST",
    uri: `arn:aws:apigateway:us-east-1:sqs:path/${h.team.accountId}/${queueName}`,
    credentials: h.role,
    requestParameters: { "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'" },
    requestTemplates: { "application/json": "Action=SendMessage&MessageBody=$util.urlEncode($input.body)" },
  },
  integrationResponses: [{ statusCode: "200", responseTemplates: { "application/json": '{"queued": true}' } }],
});

/** POST /publish: SNS Publish by action, the topic and the message (the request's body) from mapped query parameters; 4xx answers are 400s. */
const publishRoute = (topicArn: string, clientErrorTemplates?: Record<string, string>): MethodSpec => ({
  path: "/publish",
  httpMethod: "POST",
  integration: {
    type: "AWS",
    integrationHttpMethod: "POST",
    uri: "arn:aws:apigateway:us-east-1:sns:action/Publish",
    credentials: h.role,
    requestParameters: { "integration.request.querystring.TopicArn": `'${topicArn}'`, "integration.request.querystring.Message": "method.request.body" },
  },
  integrationResponses: [{ statusCode: "200" }, { statusCode: "400", selectionPattern: "4\\d\\d", ...(clientErrorTemplates && { responseTemplates: clientErrorTemplates }) }],
});

describe("AWS service integrations", () => {
  test("SQS by path: the mapped form body sends the request's body as a message, as the integration's role", async () => {
    const q = await queue();
    const api = await deployApi(h.apigw, [enqueueRoute(q.name)]);
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
    const api = await deployApi(h.apigw, [publishRoute(TopicArn!)]);
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

describe("TestInvokeMethod: AWS service integrations", () => {
  test("calls the Stratus service as the integration's role and logs the exchange as API Gateway does", async () => {
    const q = await queue();
    const api = await deployApi(h.apigw, [enqueueRoute(q.name)]);
    const out = await h.apigw.send(
      new apigw.TestInvokeMethodCommand({ restApiId: api.id, resourceId: api.resources.get("/enqueue"), httpMethod: "POST", body: '{"order": 7}', headers: { "Content-Type": "application/json" } }),
    );
    assert.equal(out.status, 200);
    assert.deepEqual(JSON.parse(out.body!), { queued: true });
    assert.equal((await receiveOne(q.url)).Body, '{"order": 7}');

    const endpoint = `https://sqs.us-east-1.amazonaws.com/${h.team.accountId}/${q.name}`;
    const lines = out.log!.split("\n").map((line) => line.replace(/^\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4} : /, ""));
    const from = lines.indexOf(`Endpoint request URI: ${endpoint}`);
    assert.ok(from > 0, out.log);
    assert.deepEqual(lines.slice(from + 1, from + 4), [
      "Endpoint request headers: {Content-Type=application/x-www-form-urlencoded}",
      "Endpoint request body after transformations: Action=SendMessage&MessageBody=%7B%22order%22%3A+7%7D",
      `Sending request to ${endpoint}`,
    ]);
    assert.match(lines[from + 4]!, /^Received response\. Status: 200, Integration latency: \d+ ms$/);
    assert.match(lines[from + 5]!, /^Endpoint response headers: \{.*content-type=text\/xml.*\}$/i);
    assert.match(lines[from + 6]!, /^Endpoint response body before transformations: <SendMessageResponse .*<MessageId>/);
    assert.deepEqual(lines.slice(-4), ["Method response headers: {Content-Type=application/json}", "Successfully completed execution", "Method completed with status: 200", ""]);
  });

  test("the service's error status selects the integration response", async () => {
    const api = await deployApi(h.apigw, [publishRoute(`arn:aws:sns:us-east-1:${h.team.accountId}:${uniqueName("missing")}`, { "application/json": '{"published": false}' })]);
    const out = await h.apigw.send(new apigw.TestInvokeMethodCommand({ restApiId: api.id, resourceId: api.resources.get("/publish"), httpMethod: "POST", body: "hello" }));
    assert.equal(out.status, 400);
    assert.deepEqual(JSON.parse(out.body!), { published: false });
    assert.match(out.log!, /: Endpoint request URI: https:\/\/sns\.us-east-1\.amazonaws\.com\/\?(?=\S*\bMessage=hello&)(?=\S*\bTopicArn=arn%3Aaws%3Asns)\S*&Action=Publish\n/);
    assert.match(out.log!, /: Received response\. Status: 404, Integration latency: \d+ ms\n/);
  });
});
