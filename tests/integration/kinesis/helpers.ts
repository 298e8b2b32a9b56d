/** Kinesis test helpers: an in-process gateway with a team and an SDK client, AWS error assertions, stream fixtures. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as kinesis from "@aws-sdk/client-kinesis";
import { Redis } from "ioredis";
import { prisma } from "../../../server/db/client";
import { pgPool } from "../../../server/db/pool";
import { env } from "../../../server/env";
import { SHARD_THROUGHPUT, type ThroughputRates } from "../../../server/services/kinesis/limits";
import { RedisShardThroughput, type RedisShardThroughputOptions, installShardThroughput } from "../../../server/services/kinesis/throughput";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { type Credentials, startGateway, type RunningGateway } from "../gateway/helpers";

export interface KinesisHarness {
  gateway: RunningGateway;
  /** The team `client` acts for (its owner). */
  team: TestTeam;
  client: kinesis.KinesisClient;
  /** An SDK client for other credentials or another region. */
  clientFor(credentials: Credentials, region?: string): kinesis.KinesisClient;
  /**
   * Installs Redis token buckets with these options as the gateway's shard throughput limiter; undefined
   * restores the process default (AWS's rates on the real clock).
   */
  limitThroughput(options: RedisShardThroughputOptions | undefined): void;
  /** Closes the gateway (and with it the clients' connections), Redis and the process's Postgres pools. */
  close(): Promise<void>;
}

/** A thousand times AWS's per-shard rates: tests that read a shard many times a second are not about throttling. */
export const ROOMY: ThroughputRates = {
  writeRecordsPerSecond: SHARD_THROUGHPUT.writeRecordsPerSecond * 1000,
  writeBytesPerSecond: SHARD_THROUGHPUT.writeBytesPerSecond * 1000,
  readCallsPerSecond: SHARD_THROUGHPUT.readCallsPerSecond * 1000,
  readBytesPerSecond: SHARD_THROUGHPUT.readBytesPerSecond * 1000,
};

export async function startKinesis(): Promise<KinesisHarness> {
  const gateway = await startGateway();
  const team = await createTestTeam();
  const redis = new Redis(env().REDIS_URL);
  const limitThroughput = (options: RedisShardThroughputOptions | undefined) =>
    installShardThroughput(options && new RedisShardThroughput(redis, { keyPrefix: `stratus-test:kinesis:${randomBytes(4).toString("hex")}`, ...options }));
  limitThroughput({ rates: ROOMY });
  // The client's default handler: HTTP/2 with prior knowledge, as users get it. No retries, so throttling
  // reaches the assertions.
  const clientFor = (credentials: Credentials, region = "us-east-1") => new kinesis.KinesisClient({ endpoint: gateway.url, region, credentials, maxAttempts: 1 });
  const close = async () => {
    await gateway.close();
    redis.disconnect();
    await Promise.allSettled([pgPool().end(), prisma().$disconnect()]);
  };
  return { gateway, team, client: clientFor(team), clientFor, limitThroughput, close };
}

/** A stream name no other test (or earlier run) uses. */
export function uniqueName(label: string): string {
  return `${label}-${randomBytes(5).toString("hex")}`;
}

/** Asserts an SDK call fails with exactly AWS's error: exception name, HTTP status and message. */
export async function assertKinesisError(call: Promise<unknown>, name: string, message: string | RegExp, status = 400): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof kinesis.KinesisServiceException, `expected a Kinesis error, got ${String(e)}`);
    assert.equal(e.name, name);
    assert.equal(e.$metadata.httpStatusCode, status);
    if (typeof message === "string") assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

export async function createStream(client: kinesis.KinesisClient, name: string, shardCount = 1): Promise<string> {
  await client.send(new kinesis.CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
  const { StreamDescriptionSummary } = await client.send(new kinesis.DescribeStreamSummaryCommand({ StreamName: name }));
  return StreamDescriptionSummary!.StreamARN!;
}

export const bytes = (text: string) => new TextEncoder().encode(text);
export const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);

export async function iterator(
  client: kinesis.KinesisClient,
  StreamName: string,
  ShardId: string,
  type: kinesis.ShardIteratorType = "TRIM_HORIZON",
  more: Partial<kinesis.GetShardIteratorInput> = {},
): Promise<string> {
  const { ShardIterator } = await client.send(new kinesis.GetShardIteratorCommand({ StreamName, ShardId, ShardIteratorType: type, ...more }));
  assert.ok(ShardIterator);
  return ShardIterator;
}

/** Reads a shard from `start` until GetRecords comes back empty (or the shard ends); answers the data and the last response. */
export async function readShard(client: kinesis.KinesisClient, start: string): Promise<{ data: string[]; records: kinesis._Record[]; last: kinesis.GetRecordsOutput }> {
  const records: kinesis._Record[] = [];
  let shardIterator: string | undefined = start;
  for (;;) {
    const page: kinesis.GetRecordsOutput = await client.send(new kinesis.GetRecordsCommand({ ShardIterator: shardIterator }));
    records.push(...(page.Records ?? []));
    shardIterator = page.NextShardIterator;
    if (!shardIterator || page.Records?.length === 0) return { data: records.map((r) => text(r.Data)), records, last: page };
  }
}
