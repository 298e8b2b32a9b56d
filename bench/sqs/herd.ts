/**
 * Many consumers long-polling one queue: how many Postgres transactions each message costs. A signal
 * that woke every waiting receive made each of them query Postgres for a message only one could take.
 *
 *   npx tsx bench/sqs/herd.ts [--consumers 20] [--seconds 5] [--interval-ms 10]
 *
 * Starts the gateway as bench:sqs does; one producer sends single messages every interval while the
 * consumers long-poll (WaitTimeSeconds 2) and delete what they get. Reads xact_commit of the bench
 * database before and after.
 */
import { parseArgs } from "node:util";
import * as sqs from "@aws-sdk/client-sqs";
import pg from "pg";
import { BENCH_DATABASE_URL, BENCH_REDIS_URL } from "../lib/cli";
import { stopAllChildren } from "../lib/processes";
import { pgConfig, prepareStratus, startGateway } from "../lib/servers";

const { values: args } = parseArgs({
  options: { consumers: { type: "string", default: "20" }, seconds: { type: "string", default: "5" }, "interval-ms": { type: "string", default: "10" } },
});
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const setup = await prepareStratus(BENCH_DATABASE_URL, BENCH_REDIS_URL);
  const gateway = await startGateway(setup);
  const { endpoint, region, credentials } = gateway.target;
  const client = new sqs.SQSClient({ endpoint, region, credentials, maxAttempts: 1 });
  const db = new pg.Client(pgConfig(BENCH_DATABASE_URL));
  await db.connect();
  const commits = async () => Number((await db.query<{ n: string }>("SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()")).rows[0]!.n);
  try {
    const { QueueUrl } = await client.send(new sqs.CreateQueueCommand({ QueueName: `bench-herd-${Date.now()}` }));
    let stopping = false;
    const consumers = Array.from({ length: Number(args.consumers) }, async () => {
      while (!stopping) {
        const { Messages = [] } = await client.send(new sqs.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }));
        for (const m of Messages) await client.send(new sqs.DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
      }
    });
    await pause(1_000); // every consumer parked
    const before = await commits();
    let sent = 0;
    for (const end = Date.now() + Number(args.seconds) * 1000; Date.now() < end; sent++) {
      await client.send(new sqs.SendMessageCommand({ QueueUrl, MessageBody: "x" }));
      await pause(Number(args["interval-ms"]));
    }
    await pause(500); // the last receives and deletes
    const perMessage = ((await commits()) - before) / sent;
    console.log(`${args.consumers} long-polling consumers, ${sent} messages: ${perMessage.toFixed(2)} Postgres transactions per message (send + receive + delete: 3)`);
    stopping = true;
    await Promise.all(consumers);
  } finally {
    await db.end();
    await gateway.child.stop(5_000);
    await stopAllChildren();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
