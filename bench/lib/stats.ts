/** Latency statistics for benchmark samples (milliseconds). */

export interface Summary {
  n: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    mean,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Formats a number with a sensible number of decimals for a table cell. */
export function fmt(value: number | undefined, digits?: number): string {
  if (value === undefined || !Number.isFinite(value)) return "n/a";
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** `a / b` as a factor for a comparison column (`1.23×`); n/a unless both are positive (a time difference may be negative). */
export const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && a > 0 && b > 0 && Number.isFinite(a / b) ? `${fmt(a / b, 2)}×` : "n/a");

/** A target's outcome for a report. */
export const passText = (p?: boolean) => (p === undefined ? "not measured" : p ? "PASS" : "FAIL");

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
