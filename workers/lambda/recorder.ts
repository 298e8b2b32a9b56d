/**
 * Writes invocation records and their log lines in batches: whatever finished while the previous batch
 * was being written goes out together: the records and their log lines in one statement (in one
 * transaction, one log append per log group, when they go to several groups). A lone invocation is written at once; under load the batch grows instead of the
 * queue of transactions, which is what lets Postgres keep up with many short invocations.
 */
import type pg from "pg";
import { withTransaction } from "../../server/db/pool";
import { type InvocationRecord, invocationsAlongside } from "../../server/services/lambda/invocation/records";
import { appendToStreams, type LogEventInput } from "../../server/services/logs/append";

export interface RecordEntry {
  record: InvocationRecord;
  logGroupName: string;
  logEvents: readonly LogEventInput[];
}

interface Waiting {
  entry: RecordEntry;
  settle(error?: unknown): void;
}

/** Enough to amortise a commit; small enough that one statement stays quick. */
const MAX_BATCH = 200;

export class InvocationRecorder {
  #waiting: Waiting[] = [];
  #writing = false;

  constructor(private readonly pool: pg.Pool) {}

  /** Resolves once the entry is committed; rejects if it could not be written. */
  record(entry: RecordEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ entry, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    // Invocations finishing in this same turn join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, MAX_BATCH);
      try {
        await this.#write(batch.map((w) => w.entry));
        for (const w of batch) w.settle();
      } catch (error) {
        // One bad entry must not cost the others their record: write each alone, and fail only its own.
        if (batch.length === 1) batch[0]!.settle(error);
        else await Promise.all(batch.map((w) => this.#write([w.entry]).then(() => w.settle(), (e: unknown) => w.settle(e))));
      }
    }
    this.#writing = false;
  }

  /**
   * One statement when the batch's lines go to one log group (the records ride along with the append);
   * a transaction around one append per group otherwise.
   */
  async #write(entries: readonly RecordEntry[]): Promise<void> {
    const [first, ...others] = byLogGroup(entries);
    if (!first) return;
    const write = async (db: pg.Pool | pg.PoolClient) => {
      await appendToStreams(db, first, invocationsAlongside(entries.map((e) => e.record)));
      for (const group of others) await appendToStreams(db, group);
    };
    await (others.length === 0 ? write(this.pool) : withTransaction(write, this.pool));
  }
}

/** The entries' log lines per log group (account, region, name), each stream's in the order they ran. */
function byLogGroup(entries: readonly RecordEntry[]) {
  const groups = new Map<string, { accountId: string; region: string; logGroupName: string; streams: { logStreamName: string; events: readonly LogEventInput[] }[] }>();
  for (const { record, logGroupName, logEvents } of entries) {
    const key = `${record.accountId}\n${record.region}\n${logGroupName}`;
    let group = groups.get(key);
    if (!group) {
      group = { accountId: record.accountId, region: record.region, logGroupName, streams: [] };
      groups.set(key, group);
    }
    group.streams.push({ logStreamName: record.logStreamName, events: logEvents });
  }
  return [...groups.values()];
}
