import type { Db } from "../../db/client";
import { pgPool } from "../../db/pool";
import type { CallContext } from "../context";
import { checkLogStreamName, checkNextToken, Constraints } from "./constraints";
import { LogsErrors } from "./errors";
import { eventSize, MAX_EVENTS_PER_PAGE, MAX_PAGE_BYTES } from "./limits";
import { type FilteredLogEvent, type OutputLogEvent, padDigits } from "./model";
import { queryRows } from "./sql";
import { checkGroupReference, type GroupReference, resolveGroupReference } from "./store";

/** An event's place in a stream's order: (timestamp, id), the id breaking timestamp ties in ingestion order. */
export interface Position {
  timestamp: bigint;
  id: bigint;
}

interface EventRow {
  id: string;
  timestamp: string;
  ingestion_time: string;
  message: string;
}

const positionOf = (row: EventRow): Position => ({ timestamp: BigInt(row.timestamp), id: BigInt(row.id) });

const toOutputEvent = (row: EventRow): OutputLogEvent => ({
  timestamp: Number(row.timestamp),
  message: row.message,
  ingestionTime: Number(row.ingestion_time),
});

export type StreamEventRow = EventRow & { stream_name: string };

/** FilterLogEvents' shape: the eventId is the event's id, stable across calls. */
export const toFilteredEvent = (row: StreamEventRow): FilteredLogEvent => ({
  ...toOutputEvent(row),
  logStreamName: row.stream_name,
  eventId: padDigits(BigInt(row.id)),
});

/** Rows in order up to the page's byte budget (at least one, so a single huge event still pages). */
function withinPageBytes<T extends { message: string }>(rows: readonly T[]): T[] {
  let bytes = 0;
  const kept: T[] = [];
  for (const row of rows) {
    bytes += eventSize(row.message);
    if (bytes > MAX_PAGE_BYTES && kept.length > 0) break;
    kept.push(row);
  }
  return kept;
}

/** Postgres bigint's maximum: the open end of a time range or position. */
export const MAX_BIGINT = 9_223_372_036_854_775_807n;
const ORIGIN: Position = { timestamp: 0n, id: 0n };

/**
 * GetLogEvents tokens look like AWS's: `f/` or `b/` and 56 digits, here the boundary position's
 * timestamp (20 digits) and id (36). A forward token pages after its position, a backward one before it.
 */
type Direction = "f" | "b";

const encodePosition = (direction: Direction, p: Position) =>
  `${direction}/${p.timestamp.toString().padStart(20, "0")}${p.id.toString().padStart(36, "0")}`;

function decodePosition(token: string): { direction: Direction; position: Position } {
  const match = /^([fb])\/(\d{20})(\d{36})$/.exec(token);
  if (!match) throw LogsErrors.invalidNextToken();
  return { direction: match[1] as Direction, position: { timestamp: BigInt(match[2]!), id: BigInt(match[3]!) } };
}

export interface GetLogEventsInput extends GroupReference {
  logStreamName: string;
  startTime?: number;
  endTime?: number;
  nextToken?: string;
  limit?: number;
  startFromHead?: boolean;
}

export interface GetLogEventsOutput {
  events: OutputLogEvent[];
  nextForwardToken: string;
  nextBackwardToken: string;
}

// ORDER BY names the table's columns (e.): bare `timestamp, id` would sort by the text output columns
// of the same names, putting id 1000 before 999.
const PAGE_FORWARD = `
  SELECT e.id::text, e.timestamp::text, e.ingestion_time::text, e.message FROM logs_log_events e
   WHERE e.stream_id = $1 AND e.timestamp >= $2 AND e.timestamp < $3 AND (e.timestamp, e.id) > ($4::bigint, $5::bigint)
   ORDER BY e.timestamp, e.id LIMIT $6`;
const PAGE_BACKWARD = `
  SELECT e.id::text, e.timestamp::text, e.ingestion_time::text, e.message FROM logs_log_events e
   WHERE e.stream_id = $1 AND e.timestamp >= $2 AND e.timestamp < $3 AND (e.timestamp, e.id) < ($4::bigint, $5::bigint)
   ORDER BY e.timestamp DESC, e.id DESC LIMIT $6`;

/**
 * One stream's events in [startTime, endTime), oldest first within a page. Without a token the page is
 * the first (startFromHead) or the last `limit` events; a token continues in its own direction. An empty
 * page answers the token it was given, so a caller polling with nextForwardToken sees new events later.
 */
export async function getLogEvents(db: Db, ctx: CallContext, input: GetLogEventsInput): Promise<GetLogEventsOutput> {
  const c = new Constraints();
  checkGroupReference(c, input);
  checkLogStreamName(c, input.logStreamName);
  c.number("startTime", input.startTime, { min: 0 });
  c.number("endTime", input.endTime, { min: 0 });
  c.number("limit", input.limit, { min: 1, max: MAX_EVENTS_PER_PAGE });
  checkNextToken(c, input.nextToken);
  c.check();
  const token = input.nextToken === undefined ? undefined : decodePosition(input.nextToken);
  const group = await resolveGroupReference(db, ctx, input);
  const stream = await db.logsLogStream.findUnique({ where: { groupId_name: { groupId: group.id, name: input.logStreamName } } });
  if (!stream) throw LogsErrors.logStreamNotFound();

  const direction: Direction = token?.direction ?? (input.startFromHead ? "f" : "b");
  const bound = token?.position ?? (direction === "f" ? { timestamp: -1n, id: 0n } : { timestamp: MAX_BIGINT, id: MAX_BIGINT });
  const rows = await queryRows<EventRow>(pgPool(), direction === "f" ? PAGE_FORWARD : PAGE_BACKWARD, [
    stream.id,
    input.startTime ?? 0,
    input.endTime ?? MAX_BIGINT,
    bound.timestamp,
    bound.id,
    input.limit ?? MAX_EVENTS_PER_PAGE,
  ]);
  const page = withinPageBytes(rows);
  if (direction === "b") page.reverse();
  const first = page[0];
  const last = page.at(-1);
  if (first && last) {
    return { events: page.map(toOutputEvent), nextForwardToken: encodePosition("f", positionOf(last)), nextBackwardToken: encodePosition("b", positionOf(first)) };
  }
  if (!token) return { events: [], nextForwardToken: encodePosition("f", ORIGIN), nextBackwardToken: encodePosition("b", ORIGIN) };
  // The same boundary seen from the other side: one id further, so the boundary's own event is included
  // (ids start at 1, so id 0 already precedes every event of its timestamp).
  const p = token.position;
  return token.direction === "f"
    ? { events: [], nextForwardToken: input.nextToken!, nextBackwardToken: encodePosition("b", { timestamp: p.timestamp, id: p.id + 1n }) }
    : { events: [], nextForwardToken: encodePosition("f", { timestamp: p.timestamp, id: p.id > 0n ? p.id - 1n : 0n }), nextBackwardToken: input.nextToken! };
}
