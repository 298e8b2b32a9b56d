/** The figures of a Lambda REPORT log line. */
export interface InvocationReport {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Only on a cold start. */
  initDurationMs?: number;
}

const REPORT =
  /^REPORT RequestId: (\S+)\s+Duration: ([\d.]+) ms\s+Billed Duration: (\d+) ms\s+Memory Size: (\d+) MB\s+Max Memory Used: (\d+) MB(?:\s+Init Duration: ([\d.]+) ms)?/m;

/** The REPORT line's figures from an invocation's log tail, if the tail has it. */
export function parseReport(log: string | undefined): InvocationReport | null {
  const m = log ? REPORT.exec(log) : null;
  if (!m) return null;
  return {
    requestId: m[1]!,
    durationMs: Number(m[2]),
    billedDurationMs: Number(m[3]),
    memorySizeMb: Number(m[4]),
    maxMemoryUsedMb: Number(m[5]),
    ...(m[6] !== undefined && { initDurationMs: Number(m[6]) }),
  };
}
