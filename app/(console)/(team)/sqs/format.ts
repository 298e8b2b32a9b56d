import { formatDateTime } from "../../../_lib/format";
import { BYTES, DAYS, describe, HOURS, KIB, MINUTES, SECONDS } from "./quantity";

export function formatSeconds(value: string | number | undefined): string {
  const n = Number(value);
  return value === undefined || !Number.isFinite(n) ? "–" : describe(n, [SECONDS, MINUTES, HOURS, DAYS]);
}

export function formatBytes(value: string | number | undefined): string {
  const n = Number(value);
  return value === undefined || !Number.isFinite(n) ? "–" : describe(n, [BYTES, KIB]);
}

/** SQS timestamps: epoch seconds for queues (CreatedTimestamp), epoch milliseconds for messages (SentTimestamp). */
export function formatEpoch(value: string | number | undefined, unit: "s" | "ms"): string {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n)) return "–";
  return formatDateTime(new Date(unit === "s" ? n * 1000 : n));
}

/** Short durations for chart axes: 45 s, 3 min, 2.5 h. */
export function formatAge(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round((seconds / 3600) * 10) / 10} h`;
  return `${Math.round((seconds / 86_400) * 10) / 10} d`;
}
