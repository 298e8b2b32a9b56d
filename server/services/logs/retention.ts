import type { Db } from "../../db/client";
import { DAY_MS } from "./limits";

/** Events deleted per statement: each batch is its own short transaction. */
const BATCH_EVENTS = 5_000;

/**
 * Deletes up to `BATCH_EVENTS` events older than their group's retention (by event timestamp), oldest
 * first per group, and takes their bytes off their streams' storedBytes. Answers how many it deleted.
 */
async function deleteExpiredLogEventsBatch(db: Db, now = Date.now()): Promise<number> {
  const [row] = await db.$queryRaw<{ deleted: number }[]>`
    WITH doomed AS (
      SELECT e.id, e.stream_id, octet_length(e.message) AS bytes
        FROM logs_log_groups g
        CROSS JOIN LATERAL (
          SELECT id, stream_id, message FROM logs_log_events
           WHERE group_id = g.id AND timestamp < ${now}::bigint - g.retention_in_days::bigint * ${DAY_MS}
           ORDER BY timestamp LIMIT ${BATCH_EVENTS}
        ) e
       WHERE g.retention_in_days IS NOT NULL
       LIMIT ${BATCH_EVENTS}
    ), deleted AS (
      DELETE FROM logs_log_events e USING doomed d WHERE e.id = d.id RETURNING d.stream_id, d.bytes
    ), shrunk AS (
      UPDATE logs_log_streams s SET stored_bytes = greatest(s.stored_bytes - x.bytes, 0)
        FROM (SELECT stream_id, sum(bytes)::bigint AS bytes FROM deleted GROUP BY stream_id) x
       WHERE s.id = x.stream_id
    )
    SELECT count(*)::int AS deleted FROM deleted`;
  return row?.deleted ?? 0;
}

/** Runs batches until no expired event is left or `maxBatches` ran; answers the events deleted. */
export async function deleteExpiredLogEvents(db: Db, maxBatches: number, now = Date.now()): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const deleted = await deleteExpiredLogEventsBatch(db, now);
    total += deleted;
    if (deleted < BATCH_EVENTS) break;
  }
  return total;
}
