/**
 * Per-minute counters for the console's charts, added up in this process and flushed into Postgres
 * every few seconds (and on shutdown). Counting in a hot path's own statement would make every caller
 * contend for one counter row. Counts are monitoring data, not records: at worst a crash loses a few
 * seconds of them.
 */

const FLUSH_INTERVAL_MS = 5_000;

/** How a field combines within a minute: summed counts, or the largest value seen (an age, say). */
export type Aggregate = "sum" | "max";

export interface MinuteRow<F extends string> {
  key: string;
  minute: Date;
  values: Record<F, number>;
}

export class MinuteCounters<F extends string> {
  readonly #pending = new Map<string, { key: string; minute: Date; values: Record<F, number> }>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly fields: Record<F, Aggregate>,
    /** Writes a batch of rows (upserting by key and minute); a failure is logged by the caller's flush. */
    private readonly write: (rows: MinuteRow<F>[]) => Promise<void>,
    private readonly label: string,
  ) {}

  add(key: string, values: Partial<Record<F, number>>, at = new Date()): void {
    const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
    const id = `${key}|${minute.getTime()}`;
    let row = this.#pending.get(id);
    if (!row) {
      const zeros = Object.fromEntries(Object.keys(this.fields).map((f) => [f, 0])) as Record<F, number>;
      row = { key, minute, values: zeros };
      this.#pending.set(id, row);
    }
    for (const [field, value] of Object.entries(values) as [F, number | undefined][]) {
      if (value === undefined) continue;
      row.values[field] = this.fields[field] === "max" ? Math.max(row.values[field], value) : row.values[field] + value;
    }
    this.#timer ??= setTimeout(() => void this.flush(), FLUSH_INTERVAL_MS).unref();
  }

  async flush(): Promise<void> {
    this.#timer = undefined;
    if (this.#pending.size === 0) return;
    const rows = [...this.#pending.values()];
    this.#pending.clear();
    await this.write(rows).catch((error: Error) => console.error(`${this.label} metrics: flush failed:`, error.message));
  }
}
