/**
 * Kinesis event source mapping tests: the event source mapping harness plus, for a team, streams,
 * functions that record every event they get (in invocation order: into a FIFO queue of their own) and
 * waits on those records. `tenant` gives the same for another team, whose mappings these workers do not
 * run (a test starts event sources of its own for it).
 */
import assert from "node:assert/strict";
import * as kinesis from "@aws-sdk/client-kinesis";
import * as lambda from "@aws-sdk/client-lambda";
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { KinesisEventRecord } from "../../../workers/lambda/event-sources/kinesis-event";
import { createFunction, uniqueName, zipOf } from "../lambda/helpers";
import { createQueue, queueAttributes, waitFor } from "../sqs/helpers";
import { type EsmHarness, startEsmHarness, type TestQueue } from "./harness";

export interface TestStream {
  name: string;
  arn: string;
}

/** One invocation as the function saw it. */
export interface Invocation {
  event: { Records: KinesisEventRecord[] };
  requestId: string;
  /** When the handler started (epoch ms). */
  startedAt: number;
}

export interface StreamFunction {
  name: string;
  arn: string;
  recorder: TestQueue;
}

export interface KinesisTenant {
  accountId: string;
  lambda: lambda.LambdaClient;
  sqs: SQSClient;
  kinesis: kinesis.KinesisClient;
  role: string;
  stream(label: string, shardCount?: number): Promise<TestStream>;
  /** One PutRecords call: the records get their sequence numbers in this order. */
  put(stream: TestStream, records: { data: string; key?: string }[]): Promise<kinesis.PutRecordsResultEntry[]>;
  queue(label: string, attributes?: Record<string, string>): Promise<TestQueue>;
  /**
   * A Node.js function that records each invocation, then runs `behaviour` (the rest of the async
   * handler's body, with `event`, `context` and `data`, the records' data as text, in scope).
   */
  streamFunction(label: string, behaviour?: string, overrides?: Partial<lambda.CreateFunctionCommandInput>): Promise<StreamFunction>;
  createMapping(input: lambda.CreateEventSourceMappingCommandInput): Promise<lambda.CreateEventSourceMappingCommandOutput>;
  /** The next `n` invocations, in the order they happened. */
  invocations(fn: StreamFunction, n: number, timeoutMs?: number): Promise<Invocation[]>;
  /** Every invocation until none has come for `quietMs`. */
  drain(fn: StreamFunction, quietMs: number): Promise<Invocation[]>;
  /** Fails if the function is invoked within `ms`. */
  assertNoInvocation(fn: StreamFunction, ms: number): Promise<void>;
  /** Messages that arrive in a queue (received and deleted), parsed as JSON. */
  messages(queue: TestQueue, n: number, timeoutMs?: number): Promise<unknown[]>;
  /** Deletes the mappings this tenant created. */
  cleanup(): Promise<void>;
}

export interface KinesisEsmHarness extends EsmHarness, KinesisTenant {
  /** The same helpers for another team (clients of its own on this gateway). */
  tenant(team: { accountId: string; accessKeyId: string; secretAccessKey: string }, role: string, lambdaClient: lambda.LambdaClient): KinesisTenant;
}

/** A record's data as text. */
export const dataOf = (record: KinesisEventRecord) => Buffer.from(record.kinesis.data, "base64").toString("utf8");

/** Every record's data, invocation by invocation. */
export const batches = (invocations: Invocation[]) => invocations.map((i) => i.event.Records.map(dataOf));

const RECORDER = (behaviour: string) =>
  "const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');\n" +
  "const sqs = new SQSClient({});\n" +
  "exports.handler = async (event, context) => {\n" +
  "  const startedAt = Date.now();\n" +
  "  const data = (event.Records || []).map((r) => Buffer.from(r.kinesis.data, 'base64').toString('utf8'));\n" +
  "  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.RECORDER_URL, MessageGroupId: 'invocations', MessageDeduplicationId: context.awsRequestId,\n" +
  "    MessageBody: JSON.stringify({ event, requestId: context.awsRequestId, startedAt }) }));\n" +
  `  ${behaviour}\n};\n`;

function tenantOf(gatewayUrl: string, accountId: string, credentials: { accessKeyId: string; secretAccessKey: string }, role: string, lambdaClient: lambda.LambdaClient) {
  const options = { endpoint: gatewayUrl, region: "us-east-1", credentials, maxAttempts: 1 };
  const sqs = new SQSClient(options);
  const kinesisClient = new kinesis.KinesisClient(options);
  const mappings: string[] = [];
  /** What was received beyond what a wait asked for, per queue. */
  const received = new Map<string, unknown[]>();

  async function queue(label: string, attributes?: Record<string, string>): Promise<TestQueue> {
    const url = await createQueue(sqs, uniqueName(label) + (attributes?.FifoQueue === "true" ? ".fifo" : ""), attributes);
    return { url, arn: (await queueAttributes(sqs, url, ["QueueArn"])).QueueArn! };
  }

  async function receive(q: TestQueue, waitSeconds: number): Promise<unknown[]> {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: q.url, WaitTimeSeconds: waitSeconds, MaxNumberOfMessages: 10 }));
    if (Messages.length > 0) {
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: q.url, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
    }
    return Messages.map((m) => JSON.parse(m.Body!));
  }

  async function messages(q: TestQueue, n: number, timeoutMs = 30_000): Promise<unknown[]> {
    const found = received.get(q.url) ?? [];
    const deadline = Date.now() + timeoutMs;
    while (found.length < n) {
      assert.ok(Date.now() < deadline, `${q.url} got ${found.length} of ${n} messages within ${timeoutMs} ms`);
      found.push(...(await receive(q, 1)));
    }
    received.set(q.url, found.slice(n));
    return found.slice(0, n);
  }

  const tenant: KinesisTenant = {
    accountId,
    lambda: lambdaClient,
    sqs,
    kinesis: kinesisClient,
    role,
    async stream(label, shardCount = 1) {
      const name = uniqueName(label);
      await kinesisClient.send(new kinesis.CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
      const { StreamDescriptionSummary } = await kinesisClient.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: name }));
      return { name, arn: StreamDescriptionSummary!.StreamARN! };
    },
    async put(stream, records) {
      const { Records = [], FailedRecordCount } = await kinesisClient.send(
        new kinesis.PutRecordsCommand({
          StreamName: stream.name,
          Records: records.map((r) => ({ Data: Buffer.from(r.data), PartitionKey: r.key ?? "key" })),
        }),
      );
      assert.equal(FailedRecordCount, 0);
      return Records;
    },
    queue,
    async streamFunction(label, behaviour = "", overrides = {}) {
      const name = uniqueName(label);
      const recorder = await queue(`${label}-invocations`, { FifoQueue: "true" });
      const created = await createFunction({ client: lambdaClient, role }, name, {
        Code: { ZipFile: zipOf({ "index.js": RECORDER(behaviour) }) },
        Environment: { Variables: { RECORDER_URL: recorder.url } },
        ...overrides,
      });
      return { name, arn: created.FunctionArn!, recorder };
    },
    async createMapping(input) {
      const created = await lambdaClient.send(new lambda.CreateEventSourceMappingCommand(input));
      mappings.push(created.UUID!);
      return created;
    },
    async invocations(fn, n, timeoutMs) {
      return (await messages(fn.recorder, n, timeoutMs)) as Invocation[];
    },
    async drain(fn, quietMs) {
      const found = received.get(fn.recorder.url) ?? [];
      received.delete(fn.recorder.url);
      for (;;) {
        const more = await receive(fn.recorder, Math.ceil(quietMs / 1000));
        if (more.length === 0) return found as Invocation[];
        found.push(...more);
      }
    },
    async assertNoInvocation(fn, ms) {
      const deadline = Date.now() + ms;
      const extra = received.get(fn.recorder.url) ?? [];
      while (extra.length === 0 && Date.now() < deadline) extra.push(...(await receive(fn.recorder, Math.max(1, Math.ceil((deadline - Date.now()) / 1000)))));
      assert.deepEqual(extra, [], `${fn.name} was invoked`);
    },
    messages,
    async cleanup() {
      // Mappings left behind would keep this run's pollers busy until the workers stop.
      for (const UUID of mappings) {
        await lambdaClient.send(new lambda.DeleteEventSourceMappingCommand({ UUID })).catch((error: unknown) => {
          if (!(error instanceof lambda.ResourceNotFoundException)) throw error;
        });
      }
      sqs.destroy();
      kinesisClient.destroy();
    },
  };
  return tenant;
}

export async function startKinesisEsmHarness(): Promise<KinesisEsmHarness> {
  const h = await startEsmHarness();
  const own = tenantOf(h.gateway.url, h.team.accountId, h.team, h.role, h.client);
  const others: KinesisTenant[] = [];
  return {
    ...h,
    ...own,
    // The tenant's createMapping tracks its mappings; the harness's own would track them a second time.
    createMapping: own.createMapping,
    queue: own.queue,
    tenant(team, role, lambdaClient) {
      const other = tenantOf(h.gateway.url, team.accountId, team, role, lambdaClient);
      others.push(other);
      return other;
    },
    async close() {
      for (const tenant of [own, ...others]) await tenant.cleanup();
      await h.close();
    },
  };
}

/** Waits until the mapping reports this LastProcessingResult. */
export function waitForResult(client: lambda.LambdaClient, uuid: string, result: string | RegExp): Promise<lambda.GetEventSourceMappingCommandOutput> {
  return waitFor(
    `mapping ${uuid} to report ${String(result)}`,
    async () => {
      const mapping = await client.send(new lambda.GetEventSourceMappingCommand({ UUID: uuid }));
      const last = mapping.LastProcessingResult ?? "";
      return (typeof result === "string" ? last === result : result.test(last)) ? mapping : undefined;
    },
    15_000,
  );
}
