/**
 * Put → function latency through a Kinesis event source mapping: a Node function POSTs the sequence
 * numbers of each batch it receives to an HTTP receiver in this process; the figure is PutRecord sent →
 * the receiver has that record's sequence number.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateStreamCommand, DeleteStreamCommand, PutRecordCommand } from "@aws-sdk/client-kinesis";
import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  GetEventSourceMappingCommand,
  LambdaClient,
} from "@aws-sdk/client-lambda";
import { strToU8, zipSync } from "fflate";
import { warnNotDeleted } from "../lib/cli";
import type { Target } from "../lib/servers";
import { sleep, type Summary, summarize } from "../lib/stats";
import { kinesisClient } from "./workloads";

const HANDLER = `exports.handler = async (event) => {
  const sequenceNumbers = event.Records.map((r) => r.kinesis.sequenceNumber);
  await fetch(process.env.RECEIVER_URL, { method: "POST", body: JSON.stringify(sequenceNumbers) });
};
`;

/** Collects the sequence numbers functions report, with when each arrived. */
class Receiver {
  readonly arrived = new Map<string, number>();
  #waiters = new Map<string, () => void>();
  private constructor(readonly server: Server) {}

  static async start(): Promise<Receiver> {
    const server = createServer();
    const receiver = new Receiver(server);
    server.on("request", (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const now = performance.now();
        for (const seq of JSON.parse(Buffer.concat(chunks).toString("utf8")) as string[]) {
          receiver.arrived.set(seq, now);
          receiver.#waiters.get(seq)?.();
        }
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** When `seq` arrived; waits for it at most `timeoutMs`. */
  arrival(seq: string, timeoutMs: number): Promise<number | undefined> {
    const at = this.arrived.get(seq);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(seq);
        resolve(undefined);
      }, timeoutMs);
      this.#waiters.set(seq, () => {
        clearTimeout(timer);
        this.#waiters.delete(seq);
        resolve(this.arrived.get(seq));
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface ToLambdaResult {
  latency: Summary;
  misses: number;
}

export async function putToLambda(target: Target, runId: string, role: string, opts: { warmup: number; rounds: number }): Promise<ToLambdaResult> {
  const kinesis = kinesisClient(target);
  const lambda = new LambdaClient({ endpoint: target.endpoint, region: target.region, credentials: target.credentials, maxAttempts: 1 });
  const receiver = await Receiver.start();
  const stream = `bench-to-lambda-${runId}`;
  const fn = `bench-to-lambda-${runId}`;
  let mapping: string | undefined;
  try {
    await kinesis.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 1 }));
    const { FunctionArn } = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: fn,
        Runtime: "nodejs20.x",
        Handler: "index.handler",
        Role: role,
        Code: { ZipFile: zipSync({ "index.js": strToU8(HANDLER) }) },
        Environment: { Variables: { RECEIVER_URL: receiver.url } },
        Timeout: 10,
      }),
    );
    const streamArn = `arn:aws:kinesis:${target.region}:${FunctionArn!.split(":")[4]}:stream/${stream}`;
    ({ UUID: mapping } = await lambda.send(
      new CreateEventSourceMappingCommand({ FunctionName: fn, EventSourceArn: streamArn, StartingPosition: "LATEST", BatchSize: 100 }),
    ));
    for (let i = 0; i < 100; i++) {
      const { State } = await lambda.send(new GetEventSourceMappingCommand({ UUID: mapping }));
      if (State === "Enabled") break;
      await sleep(100);
    }
    const samples: number[] = [];
    let misses = 0;
    for (let i = 0; i < opts.warmup + opts.rounds; i++) {
      const t0 = performance.now();
      const { SequenceNumber } = await kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "k", Data: strToU8(`record-${i}`) }));
      const at = await receiver.arrival(SequenceNumber!, 10_000);
      if (at === undefined) misses++;
      else if (i >= opts.warmup) samples.push(at - t0);
      // Records one at a time: each put finds the mapping idle, as a trickle of events would.
      await sleep(50);
    }
    return { latency: summarize(samples), misses };
  } finally {
    if (mapping) await lambda.send(new DeleteEventSourceMappingCommand({ UUID: mapping })).catch(warnNotDeleted(mapping));
    await lambda.send(new DeleteFunctionCommand({ FunctionName: fn })).catch(warnNotDeleted(fn));
    await kinesis.send(new DeleteStreamCommand({ StreamName: stream })).catch(warnNotDeleted(stream));
    await receiver.close();
    kinesis.destroy();
    lambda.destroy();
  }
}
