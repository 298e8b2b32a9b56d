import type { Db } from "../../db/client";

/** Records deleted per statement: each batch is its own short transaction. */
const BATCH_RECORDS = 5_000;

/**
 * Deletes up to `BATCH_RECORDS` records that arrived before their stream's retention period, oldest
 * first per shard (the arrival-time index). Reads already skip them; this reclaims the rows.
 */
async function deleteExpiredRecordsBatch(db: Db, now: Date): Promise<number> {
  return db.$executeRaw`
    WITH doomed AS (
      SELECT r.shard_id, r.sequence
        FROM kinesis_shards sh
        JOIN kinesis_streams st ON st.id = sh.stream_id AND st.account_id = sh.account_id AND st.region = sh.region
        CROSS JOIN LATERAL (
          SELECT k.shard_id, k.sequence FROM kinesis_records k
           WHERE k.shard_id = sh.id AND k.arrived_at < ${now}::timestamptz - make_interval(hours => st.retention_hours)
           ORDER BY k.arrived_at LIMIT ${BATCH_RECORDS}
        ) r
       LIMIT ${BATCH_RECORDS}
    )
    DELETE FROM kinesis_records k USING doomed d WHERE k.shard_id = d.shard_id AND k.sequence = d.sequence`;
}

/** Closed shards older than the retention period are forgotten, as AWS forgets them (their records have expired). */
function deleteExpiredShards(db: Db, now: Date): Promise<number> {
  return db.$executeRaw`
    DELETE FROM kinesis_shards sh USING kinesis_streams st
     WHERE sh.stream_id = st.id AND st.account_id = sh.account_id AND st.region = sh.region
       AND sh.closed_at < ${now}::timestamptz - make_interval(hours => st.retention_hours)`;
}

/**
 * Kinesis upkeep across every stream: deletes records past their stream's retention period in batches
 * (until none is left or `maxBatches` ran), then the closed shards past it. Answers what it deleted.
 */
export async function kinesisMaintenance(db: Db, maxBatches: number, now = new Date()): Promise<{ records: number; shards: number }> {
  let records = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const deleted = await deleteExpiredRecordsBatch(db, now);
    records += deleted;
    if (deleted < BATCH_RECORDS) break;
  }
  return { records, shards: await deleteExpiredShards(db, now) };
}
