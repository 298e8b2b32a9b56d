/**
 * Event source mapping tests: the invoke harness (gateway, in-process workers hosting only this team's
 * mappings, SQS and Logs clients) plus queues, functions that record the events they get into a queue
 * of their own through the SDK, and waits on what the pollers do.
 */
import assert from "node:assert/strict";
import * as lambda from "@aws-sdk/client-lambda";
import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { SqsEventRecord } from "../../../workers/lambda/event-sources/sqs-event";
import { createFunction, uniqueName, zipOf } from "../lambda/helpers";
import { type InvokeHarness, startInvokeHarness } from "../lambda-invoke/harness";
import { counts, createQueue, queueAttributes, waitFor } from "../sqs/helpers";

export interface TestQueue {
  url: string;
  arn: string;
}

export interface EsmHarness extends InvokeHarness {
  queue(label: string, attributes?: Record<string, string>): Promise<TestQueue>;
  /**
   * A Node.js function that sends every event it gets to its recorder queue, then runs `behaviour`
   * (the rest of the async handler's body, with `event` in scope).
   */
  recordingFunction(label: string, behaviour?: string, overrides?: Partial<lambda.CreateFunctionCommandInput>): Promise<RecordingFunction>;
  createMapping(input: lambda.CreateEventSourceMappingCommandInput): Promise<lambda.CreateEventSourceMappingCommandOutput>;
  waitForState(uuid: string, state: string): Promise<lambda.GetEventSourceMappingCommandOutput>;
  /** The next `n` events the function recorded (long polls for them). */
  events(fn: RecordingFunction, n: number, timeoutMs?: number): Promise<{ Records: SqsEventRecord[] }[]>;
  /** Fails if the function records an event within `ms`. */
  assertNoEvent(fn: RecordingFunction, ms: number): Promise<void>;
  /** Waits until the queue holds no messages at all (visible, in flight or delayed). */
  waitUntilEmpty(queue: TestQueue, timeoutMs?: number): Promise<void>;
}

export interface RecordingFunction {
  name: string;
  recorder: TestQueue;
}

export async function startEsmHarness(): Promise<EsmHarness> {
  const h = await startInvokeHarness();
  const mappings: string[] = [];

  async function queue(label: string, attributes?: Record<string, string>): Promise<TestQueue> {
    const url = await createQueue(h.sqs, uniqueName(label) + (attributes?.FifoQueue === "true" ? ".fifo" : ""), attributes);
    return { url, arn: (await queueAttributes(h.sqs, url, ["QueueArn"])).QueueArn! };
  }

  async function receiveEvents(fn: RecordingFunction, waitSeconds: number): Promise<{ Records: SqsEventRecord[] }[]> {
    const { Messages = [] } = await h.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: fn.recorder.url, WaitTimeSeconds: waitSeconds, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }),
    );
    return Messages.map((m) => JSON.parse(m.Body!));
  }

  return {
    ...h,
    queue,
    async recordingFunction(label, behaviour = "", overrides = {}) {
      const name = uniqueName(label);
      const recorder = await queue(`${label}-events`);
      const source =
        "const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');\n" +
        "const sqs = new SQSClient({});\n" +
        "exports.handler = async (event) => {\n" +
        "  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.RECORDER_URL, MessageBody: JSON.stringify(event) }));\n" +
        `  ${behaviour}\n};\n`;
      await createFunction(h, name, { Code: { ZipFile: zipOf({ "index.js": source }) }, Environment: { Variables: { RECORDER_URL: recorder.url } }, ...overrides });
      return { name, recorder };
    },
    async createMapping(input) {
      const created = await h.client.send(new lambda.CreateEventSourceMappingCommand(input));
      mappings.push(created.UUID!);
      return created;
    },
    waitForState(uuid, state) {
      return waitFor(
        `mapping ${uuid} to be ${state}`,
        async () => {
          const mapping = await h.client.send(new lambda.GetEventSourceMappingCommand({ UUID: uuid }));
          return mapping.State === state ? mapping : undefined;
        },
        15_000,
      );
    },
    async events(fn, n, timeoutMs = 30_000) {
      const found: { Records: SqsEventRecord[] }[] = [];
      const deadline = Date.now() + timeoutMs;
      while (found.length < n) {
        assert.ok(Date.now() < deadline, `${fn.name} recorded ${found.length} of ${n} events within ${timeoutMs} ms`);
        found.push(...(await receiveEvents(fn, 5)));
      }
      return found;
    },
    async assertNoEvent(fn, ms) {
      const events = await receiveEvents(fn, Math.ceil(ms / 1000));
      assert.deepEqual(events, [], `${fn.name} was invoked`);
    },
    async waitUntilEmpty(q, timeoutMs = 15_000) {
      await waitFor(
        `${q.url} to be empty`,
        async () => {
          const c = await counts(h.sqs, q.url);
          return c.visible + c.inFlight + c.delayed === 0 ? true : undefined;
        },
        timeoutMs,
      );
    },
    async close() {
      // Mappings left behind would keep this run's pollers busy until the workers stop.
      for (const UUID of mappings) {
        await h.client.send(new lambda.DeleteEventSourceMappingCommand({ UUID })).catch((error: unknown) => {
          if (!(error instanceof lambda.ResourceNotFoundException)) throw error;
        });
      }
      await h.close();
    },
  };
}
