/** Kinesis Data Streams quotas and constants, from the API reference and the service quotas page. */

const MiB = 1_048_576;

export const LIMITS = {
  /** A record's data blob plus its partition key (UTF-8 bytes). */
  maxRecordBytes: MiB,
  maxPartitionKeyLength: 256,
  putRecordsMaxEntries: 500,
  /** A PutRecords request's data blobs plus partition keys. */
  putRecordsMaxBytes: 5 * MiB,
  getRecordsMaxLimit: 10_000,
  /** One GetRecords call returns at most this much data (and at least one record). */
  getRecordsMaxBytes: 10 * MiB,
  /** Shard iterators and ListShards / ListStreamConsumers tokens are valid this long. */
  iteratorLifetimeMs: 300_000,
  nextTokenLifetimeMs: 300_000,
  defaultRetentionHours: 24,
  minRetentionHours: 24,
  maxRetentionHours: 8_760,
  /** Open shards per account and region (AWS's default in us-east-1, us-west-2 and eu-west-1). */
  shardLimit: 500,
  onDemandStreamCountLimit: 50,
  /** An on-demand stream starts with 4 shards; AWS then adds shards as traffic grows, here it keeps them (see ON_DEMAND_WRITE_SCALE). */
  onDemandShardCount: 4,
  maxTagsPerStream: 50,
  maxConsumersPerStream: 20,
  /** Page sizes: the default, which is also the most a page holds. */
  describeStreamPage: 100,
  listStreamsPage: 100,
  listShardsPage: 1_000,
  listConsumersPage: 100,
  listTagsPage: 10,
} as const;

/** Per-shard throughput, as provisioned shards (and on-demand streams' shards) have it. */
export const SHARD_THROUGHPUT = {
  writeRecordsPerSecond: 1_000,
  writeBytesPerSecond: MiB,
  readCallsPerSecond: 5,
  readBytesPerSecond: 2 * MiB,
} as const;

/**
 * On-demand streams take writes up to AWS's on-demand maximum (200 MiB/s and 200,000 records/s per
 * stream) without throttling: AWS gets there by adding shards, these 4 shards each take a quarter of it.
 */
export const ON_DEMAND_WRITE_SCALE = 200 / 4;

export type ThroughputRates = { readonly [K in keyof typeof SHARD_THROUGHPUT]: number };
