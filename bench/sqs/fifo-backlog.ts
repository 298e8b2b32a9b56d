/**
 * FIFO receives against a deep backlog: how long ReceiveMessage takes when a FIFO queue holds many
 * messages in few groups, or one message in each of many groups. A receive used to read every message
 * of the queue to find the groups' heads.
 *
 *   npx tsx bench/sqs/fifo-backlog.ts [--messages 100000] [--groups 10] [--receives 50]
 *
 * Starts the gateway as bench:sqs does, fills a FIFO queue through the SDK (SendMessageBatch, 4 at a
 * time, groups round-robin), then times sequential ReceiveMessage(10) calls, each followed by a
 * DeleteMessageBatch of what it got.
 */
import { parseArgs } from "node:util";
import * as sqs from "@aws-sdk/client-sqs";
import { BENCH_DATABASE_URL, BENCH_REDIS_URL } from "../lib/cli";
import { stopAllChildren } from "../lib/processes";
import { prepareStratus, startGateway, vacuumTables } from "../lib/servers";
import { percentile } from "../lib/stats";

const { values: args } = parseArgs({
  options: { messages: { type: "string", default: "100000" }, groups: { type: "string", default: "10" }, receives: { type: "string", default: "50" } },
});

async function fill(client: sqs.SQSClient, QueueUrl: string, messages: number, groups: number): Promise<void> {
  let next = 0;
  const sender = async () => {
    while (next < messages) {
      const start = next;
      next = Math.min(messages, next + 10);
      const Entries = Array.from({ length: next - start }, (_, k) => start + k).map((i) => ({
        Id: `e${i}`,
        MessageBody: `m${i}`,
        MessageGroupId: `g${i % groups}`,
        MessageDeduplicationId: `m${i}`,
      }));
      await client.send(new sqs.SendMessageBatchCommand({ QueueUrl, Entries }));
    }
  };
  await Promise.all(Array.from({ length: 4 }, sender));
}

async function main(): Promise<void> {
  const [messages, groups, receives] = [Number(args.messages), Number(args.groups), Number(args.receives)];
  const setup = await prepareStratus(BENCH_DATABASE_URL, BENCH_REDIS_URL);
  await vacuumTables(BENCH_DATABASE_URL, ["sqs_messages", "sqs_deduplication"]);
  const gateway = await startGateway(setup);
  const { endpoint, region, credentials } = gateway.target;
  const client = new sqs.SQSClient({ endpoint, region, credentials, maxAttempts: 1 });
  try {
    const { QueueUrl } = await client.send(new sqs.CreateQueueCommand({ QueueName: `bench-fifo-backlog-${Date.now()}.fifo`, Attributes: { FifoQueue: "true" } }));
    const filling = Date.now();
    await fill(client, QueueUrl!, messages, groups);
    console.log(`filled ${messages} messages in ${groups} groups in ${((Date.now() - filling) / 1000).toFixed(1)} s`);
    const times: number[] = [];
    let received = 0;
    for (let i = 0; i < receives; i++) {
      const started = performance.now();
      const { Messages = [] } = await client.send(new sqs.ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      times.push(performance.now() - started);
      received += Messages.length;
      if (Messages.length > 0) {
        await client.send(new sqs.DeleteMessageBatchCommand({ QueueUrl, Entries: Messages.map((m, k) => ({ Id: `d${k}`, ReceiptHandle: m.ReceiptHandle })) }));
      }
    }
    times.sort((a, b) => a - b);
    const fmt = (q: number) => percentile(times, q).toFixed(2);
    console.log(`${receives} receives (${received} messages): p50 ${fmt(50)} ms, p99 ${fmt(99)} ms`);
    await client.send(new sqs.DeleteQueueCommand({ QueueUrl }));
  } finally {
    await gateway.child.stop(5_000);
    await stopAllChildren();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
