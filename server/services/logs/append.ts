import type { SqlClient } from "./sql";
import { queryRows } from "./sql";

export interface LogEventInput {
  /** Epoch milliseconds. */
  timestamp: number;
  message: string;
}

export interface AppendLogEventsInput {
  accountId: string;
  region: string;
  logGroupName: string;
  logStreamName: string;
  /** Stored in this order; PutLogEvents has already checked they are chronological. */
  events: readonly LogEventInput[];
}

/**
 * One statement: find or create the group (without locking an existing one, so concurrent writers to one
 * group do not queue behind each other), create or update each stream's first/last timestamps, ingestion
 * time, stored bytes and sequence token, and insert the events in batch order. `$4` names the streams
 * (distinct), `$5` gives each event's stream by its 1-based position in `$4`. Answers each stream's
 * sequence token, or no row when the group was created concurrently after this statement's snapshot.
 */
const appendStatement = (alongside?: string) => `
  WITH ${alongside ? `${alongside}, ` : ""}existing AS (
    SELECT id FROM logs_log_groups WHERE account_id = $1 AND region = $2 AND name = $3
  ), created AS (
    INSERT INTO logs_log_groups (account_id, region, name)
    SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM existing)
    ON CONFLICT (account_id, region, name) DO NOTHING
    RETURNING id
  ), grp AS (
    SELECT id FROM existing UNION ALL SELECT id FROM created
  ), names AS (
    SELECT n.name, n.ord FROM unnest($4::text[]) WITH ORDINALITY AS n(name, ord)
  ), batch AS (
    SELECT e.stream, e.ts, e.message, e.ord FROM unnest($5::int[], $6::bigint[], $7::text[]) WITH ORDINALITY AS e(stream, ts, message, ord)
  ), stream AS (
    INSERT INTO logs_log_streams AS s (group_id, name, first_event_timestamp, last_event_timestamp, last_ingestion_time, stored_bytes)
    SELECT grp.id, names.name, b.first_ts, b.last_ts, CASE WHEN b.n > 0 THEN $8::bigint END, b.bytes
      FROM grp, names, LATERAL (
        SELECT min(ts) AS first_ts, max(ts) AS last_ts, count(*) AS n, coalesce(sum(octet_length(message)), 0) AS bytes
          FROM batch WHERE batch.stream = names.ord
      ) b
    ON CONFLICT (group_id, name) DO UPDATE SET
      first_event_timestamp = LEAST(s.first_event_timestamp, EXCLUDED.first_event_timestamp),
      last_event_timestamp = GREATEST(s.last_event_timestamp, EXCLUDED.last_event_timestamp),
      last_ingestion_time = coalesce(EXCLUDED.last_ingestion_time, s.last_ingestion_time),
      stored_bytes = s.stored_bytes + EXCLUDED.stored_bytes,
      upload_sequence_token = s.upload_sequence_token + 1
    RETURNING s.id, s.group_id, s.name, s.upload_sequence_token
  ), inserted AS (
    INSERT INTO logs_log_events (group_id, stream_id, timestamp, ingestion_time, message)
    SELECT stream.group_id, stream.id, batch.ts, $8, batch.message
      FROM batch JOIN names ON names.ord = batch.stream JOIN stream ON stream.name = names.name
     ORDER BY batch.ord
  )
  SELECT name, upload_sequence_token::text AS token FROM stream`;
const APPEND = appendStatement();
/** How many parameters the append itself binds: an alongside statement numbers its own from the next. */
const APPEND_PARAMETERS = 8;

/**
 * A data-modifying CTE committed in the same statement as an append (Lambda's invocation records with
 * their log lines: one round trip instead of a transaction's four). `name` identifies its fixed text.
 */
export interface AlongsideStatement {
  name: string;
  cte: (firstParameter: number) => string;
  values: readonly unknown[];
}

/** Postgres text cannot hold NUL; a process may still print one, so it is stored as U+FFFD instead of failing the write. */
const storable = (message: string) => (message.includes("\u0000") ? message.replaceAll("\u0000", "\uFFFD") : message);

export interface AppendToStreamsInput {
  accountId: string;
  region: string;
  logGroupName: string;
  /** Streams of the group with their events; events of a stream named twice are appended in the order given. */
  streams: readonly { logStreamName: string; events: readonly LogEventInput[] }[];
}

/**
 * Appends events to several streams of one group in one statement, creating the group and the streams on
 * first use as Lambda does (one round trip; two when another writer created the group at the same moment).
 * Works inside the caller's transaction when given its client (READ COMMITTED, so the retry sees the other
 * writer's group). `alongside` runs in the first attempt's statement: outside a transaction, a retried
 * append then commits a moment after it. Answers each stream's new upload sequence token.
 */
export async function appendToStreams(db: SqlClient, input: AppendToStreamsInput, alongside?: AlongsideStatement): Promise<Map<string, bigint>> {
  const names: string[] = [];
  const position = new Map<string, number>();
  const eventStreams: number[] = [];
  const timestamps: number[] = [];
  const messages: string[] = [];
  for (const { logStreamName, events } of input.streams) {
    let at = position.get(logStreamName);
    if (at === undefined) {
      at = names.push(logStreamName);
      position.set(logStreamName, at);
    }
    for (const event of events) {
      eventStreams.push(at);
      timestamps.push(event.timestamp);
      messages.push(storable(event.message));
    }
  }
  const values = [input.accountId, input.region, input.logGroupName, names, eventStreams, timestamps, messages, Date.now()];
  const first = alongside
    ? await queryRows<{ name: string; token: string }>(
        db,
        appendStatement(alongside.cte(APPEND_PARAMETERS + 1)),
        [...values, ...alongside.values],
        `logs-append+${alongside.name}`,
      )
    : await queryRows<{ name: string; token: string }>(db, APPEND, values, "logs-append");
  // No row: another writer created the group after this statement's snapshot. The retry leaves the
  // alongside statement out, since a data-modifying CTE runs to completion whatever the rest returns.
  const rows = first.length > 0 ? first : await queryRows<{ name: string; token: string }>(db, APPEND, values, "logs-append");
  if (rows.length > 0) return new Map(rows.map((row) => [row.name, BigInt(row.token)]));
  throw new Error(`appendLogEvents: log group ${input.logGroupName} was neither found nor created`);
}

/** Appends events to one stream (see appendToStreams). Answers the stream's new upload sequence token. */
export async function appendLogEvents(db: SqlClient, input: AppendLogEventsInput): Promise<bigint> {
  const tokens = await appendToStreams(db, { ...input, streams: [{ logStreamName: input.logStreamName, events: input.events }] });
  return tokens.get(input.logStreamName)!;
}
