/** Kinesis rows as the domain reads them, and the API shapes built from them. */
import { KinesisEncryptionType, KinesisStreamMode, type KinesisStreamStatus } from "../../db/generated/enums";
import { streamArn } from "./arns";
import { sequenceNumber } from "./sequence-numbers";

export const STREAM_MODES = Object.values(KinesisStreamMode);
export const ENCRYPTION_TYPES = Object.values(KinesisEncryptionType);

export interface StreamRecord {
  id: bigint;
  accountId: string;
  region: string;
  name: string;
  mode: KinesisStreamMode;
  status: KinesisStreamStatus;
  retentionHours: number;
  encryptionType: KinesisEncryptionType;
  keyId: string | null;
  nextShardIndex: number;
  tags: Record<string, string>;
  createdAt: Date;
}

export interface ShardRecord {
  id: bigint;
  shardIndex: number;
  startingHashKey: bigint;
  endingHashKey: bigint;
  parentIndex: number | null;
  adjacentParentIndex: number | null;
  lastSequence: bigint;
  endingSequence: bigint | null;
  createdAt: Date;
  closedAt: Date | null;
}

export const arnOf = (stream: Pick<StreamRecord, "region" | "accountId" | "name">) => streamArn(stream.region, stream.accountId, stream.name);

/** `shardId-000000000042` */
export const shardIdOf = (index: number) => `shardId-${String(index).padStart(12, "0")}`;

/** The shard index a ShardId names: `shardId-<digits>` or just the digits, as the service accepts it; null otherwise. */
export function parseShardId(value: string): number | null {
  const digits = /^(?:shardId-)?(\d{1,12})$/.exec(value)?.[1];
  if (digits === undefined) return null;
  const index = Number(digits);
  return index <= 2_147_483_647 ? index : null;
}

export interface HashKeyRange {
  StartingHashKey: string;
  EndingHashKey: string;
}

export interface Shard {
  ShardId: string;
  ParentShardId?: string;
  AdjacentParentShardId?: string;
  HashKeyRange: HashKeyRange;
  SequenceNumberRange: { StartingSequenceNumber: string; EndingSequenceNumber?: string };
}

export interface ChildShard {
  ShardId: string;
  ParentShards: string[];
  HashKeyRange: HashKeyRange;
}

const hashKeyRangeOf = (shard: Pick<ShardRecord, "startingHashKey" | "endingHashKey">): HashKeyRange => ({
  StartingHashKey: shard.startingHashKey.toString(),
  EndingHashKey: shard.endingHashKey.toString(),
});

/** The Shard shape: open shards have no EndingSequenceNumber. */
export function toShard(stream: Pick<StreamRecord, "createdAt">, shard: ShardRecord): Shard {
  const seq = (counter: bigint) => sequenceNumber(stream.createdAt, shard.shardIndex, counter);
  return {
    ShardId: shardIdOf(shard.shardIndex),
    ParentShardId: shard.parentIndex === null ? undefined : shardIdOf(shard.parentIndex),
    AdjacentParentShardId: shard.adjacentParentIndex === null ? undefined : shardIdOf(shard.adjacentParentIndex),
    HashKeyRange: hashKeyRangeOf(shard),
    SequenceNumberRange: {
      StartingSequenceNumber: seq(0n),
      EndingSequenceNumber: shard.endingSequence === null ? undefined : seq(shard.endingSequence),
    },
  };
}

export const toChildShard = (
  shard: Pick<ShardRecord, "shardIndex" | "parentIndex" | "adjacentParentIndex" | "startingHashKey" | "endingHashKey">,
): ChildShard => ({
  ShardId: shardIdOf(shard.shardIndex),
  ParentShards: [shard.parentIndex, shard.adjacentParentIndex].filter((i) => i !== null).map(shardIdOf),
  HashKeyRange: hashKeyRangeOf(shard),
});

export const streamModeDetails = (stream: Pick<StreamRecord, "mode">) => ({ StreamMode: stream.mode });

/** AWS reports one entry listing the enabled shard-level metrics; enhanced monitoring is not offered here, so none. */
export const enhancedMonitoring = () => [{ ShardLevelMetrics: [] as string[] }];
