/** Streams' settings as the console shows and edits them, in the service's limits. */
import { LIMITS, ON_DEMAND_WRITE_SCALE } from "~/server/services/kinesis/limits";
import type { TileOption } from "../../../_components/Tiles";

export type StreamMode = "ON_DEMAND" | "PROVISIONED";

export const MODE_OPTIONS: readonly TileOption<StreamMode>[] = [
  {
    value: "ON_DEMAND",
    label: "On-demand",
    description: `For throughput you can't predict: up to 200 MiB/s and 200,000 records/s of writes. The stream keeps ${LIMITS.onDemandShardCount} shards, which take that between them, where AWS would add shards.`,
  },
  {
    value: "PROVISIONED",
    label: "Provisioned",
    description: "For throughput you can estimate: you choose the number of shards. Each takes in 1 MiB/s and 1,000 records/s, and serves 2 MiB/s.",
  },
];

export function modeLabel(mode: string): string {
  return MODE_OPTIONS.find((m) => m.value === mode)?.label ?? mode;
}

/** AWS's default KMS key for Kinesis, which server-side encryption starts with. */
export const DEFAULT_KMS_KEY = "alias/aws/kinesis";

const plural = (n: number, unit: string) => `${n.toLocaleString("en-US")} ${unit}${n === 1 ? "" : "s"}`;

/** 24 → "1 day", 36 → "36 hours", as the AWS console shows retention. */
export function formatRetention(hours: number): string {
  return hours % 24 === 0 ? plural(hours / 24, "day") : plural(hours, "hour");
}

export const RETENTION_RULE = `Between ${LIMITS.minRetentionHours} hours (1 day) and ${LIMITS.maxRetentionHours.toLocaleString("en-US")} hours (365 days).`;

/** Why `text` is not a retention period in hours, or undefined when it is one. */
export function retentionError(text: string): string | undefined {
  const hours = Number(text);
  if (!/^\d+$/.test(text.trim())) return "Enter a whole number of hours.";
  return hours < LIMITS.minRetentionHours || hours > LIMITS.maxRetentionHours ? RETENTION_RULE : undefined;
}

/** Why `name` is not a stream (or consumer) name, or undefined when it is one. */
export function nameError(name: string, what: "Stream" | "Consumer"): string | undefined {
  if (!name) return "Enter a name.";
  if (name.length > 128) return `${what} names can be at most 128 characters.`;
  if (!/^[a-zA-Z0-9_.-]+$/.test(name)) return `${what} names can contain letters, digits, hyphens (-), underscores (_) and periods (.).`;
  return undefined;
}

/** Why `text` is not a shard count between `min` and `max`, or undefined when it is one. */
export function shardCountError(text: string, min: number, max: number): string | undefined {
  const count = Number(text);
  if (!/^\d+$/.test(text.trim()) || count < min || count > max) return `Enter a whole number of shards from ${min} to ${max}.`;
  return undefined;
}

/**
 * What a stream takes in and serves per second, as the AWS console sums it up: each shard reads 2 MiB/s
 * and writes 1 MiB/s and 1,000 records/s, on-demand streams' shards writing ON_DEMAND_WRITE_SCALE times that.
 */
export function capacityOf(mode: string, shards: number): { write: string; read: string } {
  const writes = shards * (mode === "ON_DEMAND" ? ON_DEMAND_WRITE_SCALE : 1);
  return {
    write: `${writes.toLocaleString("en-US")} MiB/s and ${(writes * 1000).toLocaleString("en-US")} records/s`,
    read: `${(shards * 2).toLocaleString("en-US")} MiB/s`,
  };
}
