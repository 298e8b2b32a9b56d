/**
 * Where a stream mapping is in each shard (lambda_event_source_mapping_shards), so that a poller that
 * restarts, in this workers process or another, resumes where the last one left off; and how its last
 * batch went (LastProcessingResult). A shard's records are split into lanes by partition key
 * (ParallelizationFactor); each lane keeps the counter up to which its records have been dealt with.
 * Writes only ever move a lane forward, so a poller that lost its lease a moment ago cannot move it back.
 */
import type { Db } from "../../../db/client";
import { pgPool } from "../../../db/pool";
import type { ShardRecord } from "../../kinesis/model";

export interface MappingScope {
  uuid: string;
  accountId: string;
  region: string;
}

export interface ShardProgress {
  shardId: bigint;
  /** Per lane, the counter of the shard record up to which the lane's records are done. */
  laneAfter: bigint[];
  /** Read to its end with every record done. */
  finished: boolean;
}

interface ProgressRow {
  shard_id: string;
  lane_after: string[];
  finished: boolean;
}

const toProgress = (row: ProgressRow): ShardProgress => ({ shardId: BigInt(row.shard_id), laneAfter: row.lane_after.map(BigInt), finished: row.finished });

const COLUMNS = "shard_id::text AS shard_id, lane_after::text[] AS lane_after, finished_at IS NOT NULL AS finished";

/**
 * LATEST is where each shard is when the mapping is created (not when a poller first gets to it), so
 * records put once CreateEventSourceMapping has answered reach the function. Shards closed by then
 * have nothing after LATEST: they count as finished, and their children start from their beginning.
 */
export async function startAtLatest(tx: Db, mapping: MappingScope, shards: readonly ShardRecord[], lanes: number): Promise<void> {
  await tx.lambdaEventSourceMappingShard.createMany({
    data: shards.map((shard) => ({
      mappingUuid: mapping.uuid,
      accountId: mapping.accountId,
      region: mapping.region,
      shardId: shard.id,
      shardIndex: shard.shardIndex,
      laneAfter: Array<bigint>(lanes).fill(shard.endingSequence ?? shard.lastSequence),
      finishedAt: shard.endingSequence === null ? null : new Date(),
    })),
  });
}

/** Every shard the mapping has got to, by shard row id. */
export async function loadProgress(mapping: MappingScope): Promise<Map<bigint, ShardProgress>> {
  const { rows } = await pgPool().query<ProgressRow>({
    name: "lambda-esm-load-progress",
    text: `SELECT ${COLUMNS} FROM lambda_event_source_mapping_shards WHERE mapping_uuid = $1 AND account_id = $2 AND region = $3`,
    values: [mapping.uuid, mapping.accountId, mapping.region],
  });
  return new Map(rows.map((row) => [BigInt(row.shard_id), toProgress(row)]));
}

/** A shard's first row, at `laneAfter`; when another poller wrote one first, that one (either way, what is stored). */
export async function beginShard(mapping: MappingScope, shard: Pick<ShardRecord, "id" | "shardIndex">, laneAfter: readonly bigint[]): Promise<ShardProgress> {
  const { rows } = await pgPool().query<ProgressRow>({
    name: "lambda-esm-begin-shard",
    text: `WITH inserted AS (
             INSERT INTO lambda_event_source_mapping_shards (mapping_uuid, account_id, region, shard_id, shard_index, lane_after)
             VALUES ($1, $2, $3, $4, $5, $6::bigint[])
             ON CONFLICT (mapping_uuid, shard_id) DO NOTHING
             RETURNING ${COLUMNS})
           SELECT * FROM inserted
           UNION ALL
           SELECT ${COLUMNS} FROM lambda_event_source_mapping_shards WHERE mapping_uuid = $1 AND account_id = $2 AND region = $3 AND shard_id = $4`,
    values: [mapping.uuid, mapping.accountId, mapping.region, shard.id.toString(), shard.shardIndex, laneAfter.map(String)],
  });
  const row = rows[0];
  if (row) return toProgress(row);
  // Another poller's row committed while this statement waited on it, after this statement's snapshot.
  const stored = (await loadProgress(mapping)).get(shard.id);
  if (!stored) throw new Error(`Event source mapping ${mapping.uuid}: no progress row for shard ${shard.id}`);
  return stored;
}

/** Moves lanes forward (never back); a row written for another number of lanes is left to resetLanes. */
export async function saveLanes(mapping: MappingScope, shardId: bigint, laneAfter: readonly bigint[], finished = false): Promise<void> {
  await pgPool().query({
    name: "lambda-esm-save-lanes",
    text: `UPDATE lambda_event_source_mapping_shards
              SET lane_after = (SELECT array_agg(greatest(stored, given) ORDER BY i) FROM unnest(lane_after, $5::bigint[]) WITH ORDINALITY AS l(stored, given, i)),
                  finished_at = CASE WHEN $6 THEN coalesce(finished_at, now()) ELSE finished_at END,
                  updated_at = now()
            WHERE mapping_uuid = $1 AND account_id = $2 AND region = $3 AND shard_id = $4 AND cardinality(lane_after) = cardinality($5::bigint[])`,
    values: [mapping.uuid, mapping.accountId, mapping.region, shardId.toString(), laneAfter.map(String), finished],
  });
}

/** The ParallelizationFactor changed: every lane starts again where the slowest one was (records past it may be processed twice). */
export async function resetLanes(mapping: MappingScope, shardId: bigint, laneAfter: readonly bigint[]): Promise<void> {
  await pgPool().query({
    name: "lambda-esm-reset-lanes",
    text: `UPDATE lambda_event_source_mapping_shards SET lane_after = $5::bigint[], updated_at = now()
            WHERE mapping_uuid = $1 AND account_id = $2 AND region = $3 AND shard_id = $4`,
    values: [mapping.uuid, mapping.accountId, mapping.region, shardId.toString(), laneAfter.map(String)],
  });
}

/** Forgets the shards Kinesis no longer shows (past the retention period, or of a deleted stream). */
export async function pruneShards(mapping: MappingScope, visible: readonly bigint[]): Promise<void> {
  await pgPool().query({
    name: "lambda-esm-prune-shards",
    text: `DELETE FROM lambda_event_source_mapping_shards
            WHERE mapping_uuid = $1 AND account_id = $2 AND region = $3 AND NOT (shard_id = ANY($4::bigint[]))`,
    values: [mapping.uuid, mapping.accountId, mapping.region, visible.map(String)],
  });
}

/** LastProcessingResult: "OK" or "PROBLEM: …", written when it changes. */
export async function recordProcessingResult(mapping: MappingScope, result: string): Promise<void> {
  await pgPool().query({
    name: "lambda-esm-processing-result",
    text: `UPDATE lambda_event_source_mappings SET last_processing_result = $4
            WHERE uuid = $1 AND account_id = $2 AND region = $3 AND last_processing_result IS DISTINCT FROM $4`,
    values: [mapping.uuid, mapping.accountId, mapping.region, result],
  });
}
