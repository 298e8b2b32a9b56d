/** SQS test helpers: an in-process gateway with a team and an SDK client, AWS error assertions, bounded polling. */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import * as sqs from "@aws-sdk/client-sqs";
import { prisma } from "../../../server/db/client";
import { pgPool } from "../../../server/db/pool";
import { parseQueueUrl } from "../../../server/services/sqs/addressing";
import { queueWakeups } from "../../../server/services/sqs/wakeups";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { type Credentials, startGateway, type RunningGateway } from "../gateway/helpers";

export { waitFor } from "../../helpers/wait";

export interface SqsHarness {
  gateway: RunningGateway;
  /** The team `client` acts for (its owner). */
  team: TestTeam;
  client: sqs.SQSClient;
  /** An SDK client for other credentials, destroyed by close(). */
  clientFor(credentials: Credentials): sqs.SQSClient;
  /** Closes the clients, the gateway and the process's SQS connections (Postgres, Redis wake-ups). */
  close(): Promise<void>;
}

export async function startSqs(): Promise<SqsHarness> {
  const gateway = await startGateway();
  const team = await createTestTeam();
  const clients: sqs.SQSClient[] = [];
  const clientFor = (credentials: Credentials) => {
    const client = new sqs.SQSClient({ endpoint: gateway.url, region: "us-east-1", credentials });
    clients.push(client);
    return client;
  };
  return {
    gateway,
    team,
    client: clientFor(team),
    clientFor,
    async close() {
      for (const client of clients) client.destroy();
      await gateway.close();
      await Promise.allSettled([queueWakeups().close(), pgPool().end(), prisma().$disconnect()]);
    },
  };
}

/** A queue name no other test (or earlier run) uses. */
export function uniqueName(label: string, fifo = false): string {
  return `${label}-${randomBytes(5).toString("hex")}${fifo ? ".fifo" : ""}`;
}

export function md5(value: string | Buffer): string {
  return createHash("md5").update(value).digest("hex");
}

export interface ExpectedError {
  /** The SDK exception's name (the modeled class, or the query code for unmodeled errors). */
  name: string;
  status: number;
  message: string | RegExp;
  /** The query code (`x-amzn-query-error`), when it differs from `name`. */
  code?: string;
}

export const invalidParameterValue = (message: string | RegExp): ExpectedError => ({ name: "InvalidParameterValue", status: 400, message });

export const queueDoesNotExist: ExpectedError = {
  name: "QueueDoesNotExist",
  status: 400,
  message: "The specified queue does not exist.",
  code: "AWS.SimpleQueueService.NonExistentQueue",
};

/** CreateQueue of an existing name with another value for `attribute`. */
export const queueAlreadyExists = (attribute: string): ExpectedError => ({
  name: "QueueNameExists",
  status: 400,
  message: `A queue already exists with the same name and a different value for attribute ${attribute}`,
  code: "QueueAlreadyExists",
});

/** Asserts an SDK call fails with exactly AWS's error: exception name, HTTP status, message and query code. */
export async function assertSqsError(call: Promise<unknown>, expected: ExpectedError): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof sqs.SQSServiceException, `expected an SQS service error, got ${String(e)}`);
    assert.equal(e.name, expected.name);
    assert.equal(e.$metadata.httpStatusCode, expected.status);
    if (typeof expected.message === "string") assert.equal(e.message, expected.message);
    else assert.match(e.message, expected.message);
    assert.equal((e as { Code?: string }).Code, expected.code ?? expected.name);
    return true;
  });
}

/** The queue's row ID, for tests that inspect or age its stored messages with SQL. */
export async function queueId(url: string): Promise<string> {
  const address = parseQueueUrl(url);
  assert.ok(address, `not a queue URL: ${url}`);
  const { rows } = await pgPool().query<{ id: string }>("SELECT id FROM sqs_queues WHERE account_id = $1 AND name = $2", [address.accountId, address.name]);
  assert.ok(rows[0], `no queue at ${url}`);
  return rows[0].id;
}

export async function createQueue(client: sqs.SQSClient, name: string, attributes?: Record<string, string>): Promise<string> {
  const { QueueUrl } = await client.send(new sqs.CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  assert.ok(QueueUrl);
  return QueueUrl;
}

export async function queueAttributes(client: sqs.SQSClient, QueueUrl: string, names: sqs.QueueAttributeName[] = ["All"]): Promise<Record<string, string>> {
  const { Attributes } = await client.send(new sqs.GetQueueAttributesCommand({ QueueUrl, AttributeNames: names }));
  return Attributes ?? {};
}

/** Visible / in flight / delayed counts, as GetQueueAttributes reports them. */
export async function counts(client: sqs.SQSClient, QueueUrl: string): Promise<{ visible: number; inFlight: number; delayed: number }> {
  const a = await queueAttributes(client, QueueUrl, [
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
  ]);
  return {
    visible: Number(a.ApproximateNumberOfMessages),
    inFlight: Number(a.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed),
  };
}
