/**
 * SNS tests: the invoke harness (gateway, in-process workers for this team, SQS/Logs/Lambda clients)
 * plus an SNS client, topics and queues, and an HTTP receiver that records what SNS POSTs to it.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as sns from "@aws-sdk/client-sns";
import { ReceiveMessageCommand, type Message } from "@aws-sdk/client-sqs";
import { type InvokeHarness, startInvokeHarness } from "../lambda-invoke/harness";
import { createQueue, queueAttributes, uniqueName, waitFor } from "../sqs/helpers";

export { uniqueName, waitFor };

export interface ExpectedError {
  /** The SDK exception's name (the modeled class the query code maps to). */
  name: string;
  status: number;
  message?: string | RegExp;
}

/** Asserts an SDK call fails with AWS's error: exception name, HTTP status and (when given) message. */
export async function assertSnsError(call: Promise<unknown>, expected: ExpectedError): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof sns.SNSServiceException, `expected an SNS service error, got ${String(e)}`);
    assert.equal(e.name, expected.name, e.message);
    assert.equal(e.$metadata.httpStatusCode, expected.status);
    if (typeof expected.message === "string") assert.equal(e.message, expected.message);
    else if (expected.message) assert.match(e.message, expected.message);
    return true;
  });
}

export interface TestQueue {
  url: string;
  arn: string;
}

export interface SnsHarness extends InvokeHarness {
  sns: sns.SNSClient;
  topic(label: string, attributes?: Record<string, string>): Promise<string>;
  queue(label: string, attributes?: Record<string, string>): Promise<TestQueue>;
  /** Subscribes a queue (confirmed at once: same account) and returns the subscription ARN. */
  subscribeQueue(topicArn: string, queue: TestQueue, attributes?: Record<string, string>): Promise<string>;
  /** Long-polls until `n` messages arrived (deleting none) and returns them. */
  receive(queue: TestQueue, n: number, timeoutMs?: number): Promise<Message[]>;
  /** A URL on the test gateway for a link SNS built on its public URL (only the path and query count). */
  onGateway(link: string): string;
  /** Downloads the certificate a SigningCertURL names, as a subscriber would (from the test gateway). */
  certificate(signingCertUrl: string): Promise<string>;
}

export async function startSnsHarness(): Promise<SnsHarness> {
  const h = await startInvokeHarness();
  const client = new sns.SNSClient({ endpoint: h.gateway.url, region: "us-east-1", credentials: h.team, maxAttempts: 1 });

  async function queue(label: string, attributes?: Record<string, string>): Promise<TestQueue> {
    const url = await createQueue(h.sqs, uniqueName(label, attributes?.FifoQueue === "true"), attributes);
    return { url, arn: (await queueAttributes(h.sqs, url, ["QueueArn"])).QueueArn! };
  }

  return {
    ...h,
    sns: client,
    queue,
    async topic(label, attributes) {
      const { TopicArn } = await client.send(new sns.CreateTopicCommand({ Name: uniqueName(label, attributes?.FifoTopic === "true"), Attributes: attributes }));
      return TopicArn!;
    },
    async subscribeQueue(topicArn, target, attributes) {
      const { SubscriptionArn } = await client.send(new sns.SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: target.arn, Attributes: attributes }));
      return SubscriptionArn!;
    },
    async receive(target, n, timeoutMs = 10_000) {
      const messages: Message[] = [];
      const deadline = Date.now() + timeoutMs;
      while (messages.length < n && Date.now() < deadline) {
        const { Messages = [] } = await h.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: target.url,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            VisibilityTimeout: 300,
            MessageAttributeNames: ["All"],
            MessageSystemAttributeNames: ["All"],
          }),
        );
        messages.push(...Messages);
      }
      if (messages.length < n) throw new Error(`expected ${n} messages in ${target.url}, got ${messages.length}`);
      return messages;
    },
    onGateway(link) {
      const url = new URL(link);
      return `${h.gateway.url}${url.pathname}${url.search}`;
    },
    async certificate(signingCertUrl) {
      const url = new URL(signingCertUrl);
      const response = await fetch(`${h.gateway.url}${url.pathname}`);
      assert.equal(response.status, 200, `GET ${signingCertUrl}`);
      return response.text();
    },
    async close() {
      client.destroy();
      await h.close();
    },
  };
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** When the request arrived (ms since the epoch). */
  receivedAt: number;
}

/** An HTTP endpoint for subscriptions: records every request, answers with `status(request)` (default 200). */
export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  respondWith(status: (request: ReceivedRequest) => number): void;
  waitForRequestCount(n: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  let status: (request: ReceivedRequest) => number = () => 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), receivedAt: Date.now() };
      requests.push(request);
      res.writeHead(status(request)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith(next) {
      status = next;
    },
    async waitForRequestCount(n, timeoutMs = 10_000) {
      await waitFor(`${n} requests to the receiver (got ${requests.length})`, async () => requests.length >= n || undefined, timeoutMs);
      return requests.slice(0, n);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
