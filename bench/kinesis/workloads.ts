/**
 * The Kinesis workloads, run the same way against any endpoint with `@aws-sdk/client-kinesis`: PutRecords
 * ingest into an on-demand stream, GetRecords read-back of what was written, and a provisioned shard
 * written past its 1 MiB/s limit to see where it throttles.
 */
import { randomBytes } from "node:crypto";
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  PutRecordsCommand,
  type PutRecordsRequestEntry,
} from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { errorText, warnNotDeleted } from "../lib/cli";
import { type Components, type CpuWindow, cpuWindow } from "../lib/cpu";
import type { Target } from "../lib/servers";
import { sleep, type Summary, summarize } from "../lib/stats";

export const MiB = 1_048_576;

export interface WorkloadEnv {
  runId: string;
  components: Components;
}

/**
 * A Kinesis client for one server, no retries (a throttle or error must show). Stratus gets the SDK's
 * default handler, HTTP/2, as users do; moto_server speaks only HTTP/1.1, so it gets the HTTP/1.1 handler.
 */
export function kinesisClient(target: Target): KinesisClient {
  const http1 = target.name === "moto" ? { requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true, maxSockets: 64 } }) } : {};
  return new KinesisClient({ endpoint: target.endpoint, region: target.region, credentials: target.credentials, maxAttempts: 1, ...http1 });
}

async function waitActive(client: KinesisClient, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { StreamDescriptionSummary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    if (StreamDescriptionSummary?.StreamStatus === "ACTIVE") return;
    await sleep(100);
  }
  throw new Error(`stream ${name} did not become ACTIVE`);
}

async function createStream(client: KinesisClient, name: string, shards: number | "on-demand"): Promise<void> {
  await client.send(
    new CreateStreamCommand(shards === "on-demand" ? { StreamName: name, StreamModeDetails: { StreamMode: "ON_DEMAND" } } : { StreamName: name, ShardCount: shards }),
  );
  await waitActive(client, name);
}

const deleteStream = (client: KinesisClient, name: string) =>
  client.send(new DeleteStreamCommand({ StreamName: name, EnforceConsumerDeletion: true })).catch(warnNotDeleted(name));

/** `count` records of `bytes` bytes (data plus partition key), each with a random partition key. */
function batch(count: number, bytes: number): PutRecordsRequestEntry[] {
  return Array.from({ length: count }, () => {
    const PartitionKey = randomBytes(8).toString("hex");
    return { PartitionKey, Data: randomBytes(bytes - PartitionKey.length) };
  });
}

// ---------------------------------------------------------------------------------------------
// 1. Ingest: concurrent producers sending PutRecords batches into an on-demand stream.

export interface IngestResult {
  producers: number;
  seconds: number;
  /** Records accepted (not failed) in the window. */
  records: number;
  failed: number;
  mibPerSecond: number;
  recordsPerSecond: number;
  latency: Summary;
  errors: number;
  firstError?: string;
  cpu: CpuWindow;
  shards: number;
}

export async function ingest(
  target: Target,
  env: WorkloadEnv,
  opts: { producers: number; batch: number; recordBytes: number; warmupSeconds: number; seconds: number },
): Promise<IngestResult & { stream: string }> {
  const client = kinesisClient(target);
  const stream = `bench-ingest-${env.runId}`;
  await createStream(client, stream, "on-demand");
  const { Shards } = await client.send(new ListShardsCommand({ StreamName: stream }));
  // Each producer sends the same prepared batches round robin: generating random data is not the server's cost.
  const batches = Array.from({ length: 4 }, () => batch(opts.batch, opts.recordBytes));
  let measuring = false;
  let stop = false;
  let records = 0;
  let failed = 0;
  let errors = 0;
  let firstError: string | undefined;
  const latency: number[] = [];
  const producer = async (p: number) => {
    const own = kinesisClient(target);
    try {
      for (let i = p; !stop; i++) {
        const t0 = performance.now();
        try {
          const out = await own.send(new PutRecordsCommand({ StreamName: stream, Records: batches[i % batches.length] }));
          if (!measuring) continue;
          latency.push(performance.now() - t0);
          failed += out.FailedRecordCount ?? 0;
          records += opts.batch - (out.FailedRecordCount ?? 0);
        } catch (e) {
          errors++;
          firstError ??= errorText(e);
          await sleep(50);
        }
      }
    } finally {
      own.destroy();
    }
  };
  const running = Array.from({ length: opts.producers }, (_, p) => producer(p));
  await sleep(opts.warmupSeconds * 1000);
  measuring = true;
  const cpu = cpuWindow(env.components);
  const t0 = performance.now();
  await sleep(opts.seconds * 1000);
  measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  const window = cpu.end();
  stop = true;
  await Promise.all(running);
  client.destroy();
  return {
    stream,
    producers: opts.producers,
    seconds,
    records,
    failed,
    mibPerSecond: (records * opts.recordBytes) / MiB / seconds,
    recordsPerSecond: records / seconds,
    latency: summarize(latency),
    errors,
    firstError,
    cpu: window,
    shards: Shards?.length ?? 0,
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Read-back: every shard of the ingest stream read from TRIM_HORIZON to its end, shards in parallel.

export interface ReadBackResult {
  records: number;
  mib: number;
  seconds: number;
  mibPerSecond: number;
  recordsPerSecond: number;
  calls: number;
  /** GetRecords calls answered ProvisionedThroughputExceededException (then retried after 200 ms). */
  throttled: number;
  cpu: CpuWindow;
}

export async function readBack(target: Target, env: WorkloadEnv, stream: string, opts: { maxSeconds: number }): Promise<ReadBackResult> {
  const client = kinesisClient(target);
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
  let records = 0;
  let bytes = 0;
  let calls = 0;
  let throttled = 0;
  const deadline = performance.now() + opts.maxSeconds * 1000;
  const cpu = cpuWindow(env.components);
  const t0 = performance.now();
  await Promise.all(
    Shards.map(async (shard) => {
      const own = kinesisClient(target);
      try {
        let { ShardIterator: iterator } = await own.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }));
        while (iterator && performance.now() < deadline) {
          calls++;
          try {
            const page = await own.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
            for (const r of page.Records ?? []) bytes += (r.Data?.length ?? 0) + (r.PartitionKey?.length ?? 0);
            records += page.Records?.length ?? 0;
            // Caught up: nothing more was written after the ingest window.
            if ((page.Records?.length ?? 0) === 0 && page.MillisBehindLatest === 0) break;
            iterator = page.NextShardIterator;
          } catch (e) {
            if (!(e instanceof Error && e.name === "ProvisionedThroughputExceededException")) throw e;
            throttled++;
            await sleep(200);
          }
        }
      } finally {
        own.destroy();
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const window = cpu.end();
  client.destroy();
  return { records, mib: bytes / MiB, seconds, mibPerSecond: bytes / MiB / seconds, recordsPerSecond: records / seconds, calls, throttled, cpu: window };
}

export async function dropStream(target: Target, stream: string): Promise<void> {
  const client = kinesisClient(target);
  await deleteStream(client, stream);
  client.destroy();
}

// ---------------------------------------------------------------------------------------------
// 3. A provisioned shard written faster than 1 MiB/s: where does it throttle?

export interface ShardLimitResult {
  seconds: number;
  offeredMibPerSecond: number;
  acceptedMibPerSecond: number;
  throttledRecords: number;
  acceptedRecords: number;
  errors: number;
  firstError?: string;
}

export async function shardLimit(
  target: Target,
  env: WorkloadEnv,
  opts: { seconds: number; recordBytes: number; batch: number; producers: number },
): Promise<ShardLimitResult> {
  const client = kinesisClient(target);
  const stream = `bench-limit-${env.runId}`;
  await createStream(client, stream, 1);
  // The bucket starts full (one second's allowance): let it drain first, so the window measures the rate.
  const records = batch(opts.batch, opts.recordBytes);
  let measuring = false;
  let stop = false;
  let offered = 0;
  let accepted = 0;
  let throttledRecords = 0;
  let errors = 0;
  let firstError: string | undefined;
  const producer = async () => {
    const own = kinesisClient(target);
    try {
      while (!stop) {
        try {
          const out = await own.send(new PutRecordsCommand({ StreamName: stream, Records: records }));
          if (!measuring) continue;
          const failed = out.FailedRecordCount ?? 0;
          offered += opts.batch;
          accepted += opts.batch - failed;
          throttledRecords += (out.Records ?? []).filter((r) => r.ErrorCode === "ProvisionedThroughputExceededException").length;
        } catch (e) {
          errors++;
          firstError ??= errorText(e);
          await sleep(50);
        }
      }
    } finally {
      own.destroy();
    }
  };
  const running = Array.from({ length: opts.producers }, () => producer());
  await sleep(1_500);
  measuring = true;
  const t0 = performance.now();
  await sleep(opts.seconds * 1000);
  measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  stop = true;
  await Promise.all(running);
  await deleteStream(client, stream);
  client.destroy();
  const mib = (n: number) => (n * opts.recordBytes) / MiB / seconds;
  return { seconds, offeredMibPerSecond: mib(offered), acceptedMibPerSecond: mib(accepted), throttledRecords, acceptedRecords: accepted, errors, firstError };
}
