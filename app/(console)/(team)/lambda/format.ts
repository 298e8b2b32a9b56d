/** Lambda's timestamps (`2024-01-01T00:00:00.000+0000`) as dates. */
export function lambdaTime(value: string): Date {
  return new Date(value.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
}

/** Milliseconds for chart axes and summaries: 850 ms, 1.2 s, 3 min. */
export function formatMillis(ms: number): string {
  if (ms < 1000) return `${Math.round(ms * 10) / 10} ms`;
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** Seconds as "3 sec" / "1 min 30 sec" / "6 hr", as the Lambda console shows timeouts and event ages. */
export function formatDuration(seconds: number): string {
  const parts: string[] = [];
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h) parts.push(`${h} hr`);
  if (m) parts.push(`${m} min`);
  if (s || parts.length === 0) parts.push(`${s} sec`);
  return parts.join(" ");
}
