/** The 128-bit hash key space that shards divide between them, and how a record's key lands in it. */
import { createHash } from "node:crypto";

/** 2^128: hash keys are 0 … 2^128 − 1. */
const HASH_SPACE = 1n << 128n;
export const MAX_HASH_KEY = HASH_SPACE - 1n;

export interface HashRange {
  start: bigint;
  end: bigint;
}

/** The space split evenly into `count` ranges, as AWS splits it: range i is [⌊i·2^128/n⌋, ⌊(i+1)·2^128/n⌋ − 1]. */
export function uniformRanges(count: number): HashRange[] {
  const n = BigInt(count);
  return Array.from({ length: count }, (_, i) => ({
    start: (BigInt(i) * HASH_SPACE) / n,
    end: (BigInt(i + 1) * HASH_SPACE) / n - 1n,
  }));
}

/** The key a partition key maps to: its MD5 (of UTF-8) as a 128-bit big-endian integer. */
function partitionKeyHash(partitionKey: string): bigint {
  return BigInt(`0x${createHash("md5").update(partitionKey, "utf8").digest("hex")}`);
}

/** The record's hash key: the ExplicitHashKey when given (already checked to be in range), else the partition key's hash. */
export const recordHashKey = (partitionKey: string, explicitHashKey: string | undefined): bigint =>
  explicitHashKey === undefined ? partitionKeyHash(partitionKey) : BigInt(explicitHashKey);
