import type { Db } from "../../db/client";
import { pgPool } from "../../db/pool";
import type { CallContext } from "../context";
import { checkLogGroupName, checkLogStreamName, Constraints } from "./constraints";
import { type StreamEventRow, toFilteredEvent } from "./events";
import { LogsErrors } from "./errors";
import type { FilteredLogEvent } from "./model";
import { queryRows } from "./sql";
import { resolveLogGroup } from "./store";

export interface TailInput {
  logGroupName: string;
  logStreamName?: string;
  /** The cursor of the previous call; without it, the latest `limit` events. */
  after?: string;
  limit: number;
}

export interface TailOutput {
  events: FilteredLogEvent[];
  /** Pass back as `after` to get the events ingested since. */
  cursor: string;
}

const SELECT = `
  SELECT e.id::text, e.timestamp::text, e.ingestion_time::text, e.message, s.name AS stream_name
    FROM logs_log_events e JOIN logs_log_streams s ON s.id = e.stream_id
   WHERE e.group_id = $1 AND ($2::bigint IS NULL OR e.stream_id = $2)`;

/**
 * The console's live tail: events in ingestion (id) order after a cursor, for a group or one of its
 * streams. The first call shows the latest events by time up to the newest event stored anywhere and
 * starts the cursor there, so later calls only read what arrived since.
 */
export async function tailLogEvents(db: Db, ctx: CallContext, input: TailInput): Promise<TailOutput> {
  const c = new Constraints();
  checkLogGroupName(c, input.logGroupName);
  checkLogStreamName(c, input.logStreamName);
  c.string("after", input.after, { pattern: String.raw`\d{1,19}` });
  c.check();
  const group = await resolveLogGroup(db, ctx, input.logGroupName);
  let streamId: bigint | null = null;
  if (input.logStreamName !== undefined) {
    const stream = await db.logsLogStream.findUnique({ where: { groupId_name: { groupId: group.id, name: input.logStreamName } } });
    if (!stream) throw LogsErrors.logStreamNotFound();
    streamId = stream.id;
  }
  let rows: StreamEventRow[];
  let cursor: string;
  if (input.after === undefined) {
    const [newest] = await queryRows<{ id: string }>(pgPool(), "SELECT coalesce(max(id), 0)::text AS id FROM logs_log_events", []);
    cursor = newest!.id;
    const latest = await queryRows<StreamEventRow>(pgPool(), `${SELECT} AND e.id <= $3 ORDER BY e.timestamp DESC, e.id DESC LIMIT $4`, [
      group.id,
      streamId,
      cursor,
      input.limit,
    ]);
    rows = latest.reverse();
  } else {
    rows = await queryRows<StreamEventRow>(pgPool(), `${SELECT} AND e.id > $3 ORDER BY e.id LIMIT $4`, [group.id, streamId, input.after, input.limit]);
    cursor = rows.at(-1)?.id ?? input.after;
  }
  return {
    events: rows.map(toFilteredEvent),
    cursor,
  };
}
