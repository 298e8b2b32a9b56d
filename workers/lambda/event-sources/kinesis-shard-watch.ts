/**
 * Wakes Kinesis shard readers when their shard has something new, so that an idle mapping sees a put
 * within a tick without every reader polling its shard: one query per tick (raw pg, by primary key) looks
 * at every watched shard of this workers process. It runs only while some reader is watching.
 */
import { pgPool } from "../../../server/db/pool";
import type { Logger } from "../../../server/outbox/log";

const TICK_MS = 100;

export interface WatchedShard {
  /** kinesis_shards.id */
  id: bigint;
  accountId: string;
  region: string;
  /** The counter the reader has read up to. */
  readUpTo(): bigint;
  /** Called when the shard has records past readUpTo (up to `lastSequence`), or has closed, or is gone (undefined). */
  wake(lastSequence: bigint | undefined): void;
}

const LOOK = `
  SELECT sh.id::text AS id, sh.last_sequence::text AS last_sequence, sh.ending_sequence IS NOT NULL AS closed
    FROM kinesis_shards sh
    JOIN unnest($1::bigint[], $2::text[], $3::text[]) AS w(id, account_id, region)
      ON sh.id = w.id AND sh.account_id = w.account_id AND sh.region = w.region`;

interface LookRow {
  id: string;
  last_sequence: string;
  closed: boolean;
}

export class ShardWatch {
  readonly #watched = new Set<WatchedShard>();
  #timer: NodeJS.Timeout | undefined;
  #looking = false;

  constructor(private readonly logger: Logger) {}

  /** Watches `shard` until the returned function is called. */
  watch(shard: WatchedShard): () => void {
    this.#watched.add(shard);
    this.#timer ??= setInterval(() => void this.#look(), TICK_MS);
    return () => {
      this.#watched.delete(shard);
      if (this.#watched.size === 0 && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    };
  }

  async #look(): Promise<void> {
    // A slow database makes ticks overlap: skip them rather than pile queries up.
    if (this.#looking) return;
    this.#looking = true;
    const shards = [...this.#watched];
    try {
      const { rows } = await pgPool().query<LookRow>({
        name: "lambda-esm-shard-watch",
        text: LOOK,
        values: [shards.map((s) => s.id.toString()), shards.map((s) => s.accountId), shards.map((s) => s.region)],
      });
      const found = new Map(rows.map((row) => [row.id, row]));
      for (const shard of shards) {
        const row = found.get(shard.id.toString());
        if (!row) shard.wake(undefined);
        else if (row.closed || BigInt(row.last_sequence) > shard.readUpTo()) shard.wake(BigInt(row.last_sequence));
      }
    } catch (error) {
      this.logger.warn("lambda event sources: watching Kinesis shards failed:", error);
    } finally {
      this.#looking = false;
    }
  }
}
