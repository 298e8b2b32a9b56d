import { z } from "zod";
import type { Db } from "../../db/client";
import { pgPool } from "../../db/pool";
import type { CallContext } from "../context";
import { checkLogStreamName, checkNextToken, Constraints } from "./constraints";
import { MAX_BIGINT, type StreamEventRow, toFilteredEvent } from "./events";
import { LogsErrors } from "./errors";
import { compileFilterPattern, type FilterPattern } from "./filter-pattern";
import { eventSize, MAX_EVENTS_PER_PAGE, MAX_PAGE_BYTES } from "./limits";
import type { FilteredLogEvent } from "./model";
import { decodeToken, encodeToken } from "./paging";
import { queryRows } from "./sql";
import { checkGroupReference, type GroupReference, resolveGroupReference } from "./store";

export interface FilterLogEventsInput extends GroupReference {
  logStreamNames?: string[];
  logStreamNamePrefix?: string;
  startTime?: number;
  endTime?: number;
  filterPattern?: string;
  nextToken?: string;
  limit?: number;
  /** Ignored: AWS has always interleaved since 2019. */
  interleaved?: boolean;
}

export interface FilterLogEventsOutput {
  events: FilteredLogEvent[];
  /** Deprecated by AWS in 2020 and always empty. */
  searchedLogStreams: never[];
  nextToken?: string;
}

/** The (timestamp, id) of the last event a page scanned; bigints as digit strings. */
const FilterToken = z.object({ t: z.string().regex(/^\d+$/), i: z.string().regex(/^\d+$/) });
type FilterPosition = z.infer<typeof FilterToken>;

/** Rows read per query, and per call at most (a sparse filter answers a partial page with a nextToken, as AWS does). */
const CHUNK_ROWS = 1_000;
const SCAN_BUDGET_ROWS = 20_000;

/**
 * A group's events in (timestamp, id) order across its streams, matching the filter pattern. Each event's
 * eventId is its id, so a caller polling with startTime (`aws logs tail --follow`) can drop repeats.
 */
export async function filterLogEvents(db: Db, ctx: CallContext, input: FilterLogEventsInput): Promise<FilterLogEventsOutput> {
  const c = new Constraints();
  checkGroupReference(c, input);
  c.size("logStreamNames", input.logStreamNames?.length, { min: 1, max: 100 });
  input.logStreamNames?.forEach((name, i) => checkLogStreamName(c, name, `logStreamNames.${i + 1}.member`));
  checkLogStreamName(c, input.logStreamNamePrefix, "logStreamNamePrefix");
  c.number("startTime", input.startTime, { min: 0 });
  c.number("endTime", input.endTime, { min: 0 });
  c.string("filterPattern", input.filterPattern, { max: 1024 });
  c.number("limit", input.limit, { min: 1, max: MAX_EVENTS_PER_PAGE });
  checkNextToken(c, input.nextToken);
  c.check();
  if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
    throw LogsErrors.invalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
  }
  const pattern = compileFilterPattern(input.filterPattern);
  const position: FilterPosition = input.nextToken === undefined ? { t: "0", i: "0" } : decodeToken(input.nextToken, FilterToken);
  const group = await resolveGroupReference(db, ctx, input);

  const values: unknown[] = [group.id, input.startTime ?? 0, input.endTime ?? MAX_BIGINT];
  const where: string[] = [];
  if (input.logStreamNames !== undefined) where.push(`s.name = ANY($${values.push(input.logStreamNames)}::text[])`);
  if (input.logStreamNamePrefix !== undefined) where.push(`starts_with(s.name, $${values.push(input.logStreamNamePrefix)})`);
  for (const term of pattern.requiredTerms) where.push(`strpos(e.message, $${values.push(term)}) > 0`);
  const positionParam = values.length + 1;
  const text = `
    SELECT e.id::text, e.timestamp::text, e.ingestion_time::text, e.message, s.name AS stream_name
      FROM logs_log_events e JOIN logs_log_streams s ON s.id = e.stream_id
     WHERE e.group_id = $1 AND e.timestamp >= $2 AND e.timestamp <= $3
       AND (e.timestamp, e.id) > ($${positionParam}::bigint, $${positionParam + 1}::bigint)
       ${where.map((w) => `AND ${w}`).join(" ")}
     ORDER BY e.timestamp, e.id
     LIMIT ${CHUNK_ROWS}`;

  const page = await scan(text, values, position, pattern, input.limit ?? MAX_EVENTS_PER_PAGE);
  return {
    events: page.matched.map(toFilteredEvent),
    searchedLogStreams: [],
    nextToken: page.more ? encodeToken(page.position) : undefined,
  };
}

/**
 * Reads the query's rows in chunks from `position`, keeping matches until the page is full (by count or
 * bytes) or the scan budget is spent. `more` says whether a next page may hold further matches.
 */
async function scan(text: string, values: unknown[], start: FilterPosition, pattern: FilterPattern, limit: number) {
  const matched: StreamEventRow[] = [];
  let position = start;
  let bytes = 0;
  let scanned = 0;
  for (;;) {
    const rows = await queryRows<StreamEventRow>(pgPool(), text, [...values, position.t, position.i]);
    for (const row of rows) {
      if (pattern.matches(row.message)) {
        // A further match that does not fit ends the page; the next one starts with it.
        const size = eventSize(row.message);
        if (matched.length === limit || (matched.length > 0 && bytes + size > MAX_PAGE_BYTES)) return { matched, position, more: true };
        matched.push(row);
        bytes += size;
      }
      position = { t: row.timestamp, i: row.id };
    }
    scanned += rows.length;
    if (rows.length < CHUNK_ROWS) return { matched, position, more: false };
    if (scanned >= SCAN_BUDGET_ROWS) return { matched, position, more: true };
  }
}
