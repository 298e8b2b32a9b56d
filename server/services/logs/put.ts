import type { Db } from "../../db/client";
import { pgPool } from "../../db/pool";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { type LogEventInput, appendLogEvents } from "./append";
import { checkLogGroupName, checkLogStreamName, Constraints } from "./constraints";
import { LogsErrors } from "./errors";
import {
  DAY_MS,
  eventSize,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  MAX_BATCH_SPAN_MS,
  MAX_EVENT_AGE_MS,
  MAX_EVENT_BYTES,
  MAX_EVENT_FUTURE_MS,
} from "./limits";
import { padDigits } from "./model";
import { resolveLogGroup } from "./store";

export interface PutLogEventsInput {
  logGroupName: string;
  logStreamName: string;
  logEvents: LogEventInput[];
  /** Accepted and ignored, as AWS has done since 2023. */
  sequenceToken?: string;
}

export interface RejectedLogEventsInfo {
  tooNewLogEventStartIndex?: number;
  tooOldLogEventEndIndex?: number;
  expiredLogEventEndIndex?: number;
}

export interface PutLogEventsOutput {
  nextSequenceToken: string;
  rejectedLogEventsInfo?: RejectedLogEventsInfo;
}

function checkInput(input: PutLogEventsInput): void {
  const c = new Constraints();
  checkLogGroupName(c, input.logGroupName);
  checkLogStreamName(c, input.logStreamName);
  c.size("logEvents", input.logEvents.length, { min: 1, max: MAX_BATCH_EVENTS });
  c.string("sequenceToken", input.sequenceToken, { min: 1 });
  input.logEvents.forEach((event, i) => {
    c.number(`logEvents.${i + 1}.member.timestamp`, event.timestamp, { min: 0 });
    c.string(`logEvents.${i + 1}.member.message`, event.message, { min: 1 });
  });
  c.check();
}

/** Size limits per event and per batch, then chronological order: whole-batch failures. */
function checkBatch(events: readonly LogEventInput[]): void {
  let total = 0;
  for (const event of events) {
    const size = eventSize(event.message);
    if (size > MAX_EVENT_BYTES) throw LogsErrors.invalidParameter(`Log event too large: ${size} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
    total += size;
  }
  if (total > MAX_BATCH_BYTES) throw LogsErrors.invalidParameter(`Upload too large: ${total} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  for (let i = 1; i < events.length; i++) {
    if (events[i]!.timestamp < events[i - 1]!.timestamp) {
      throw LogsErrors.invalidParameter("Log events in a single PutLogEvents request must be in chronological order.");
    }
  }
}

/**
 * Which events of a chronological batch are stored: the too-old (over 14 days), expired (past the
 * group's retention) and too-new (over 2 hours ahead) ones are prefixes and a suffix, reported by index.
 */
function partition(events: readonly LogEventInput[], retentionInDays: number | null, now: number) {
  const countWhile = (test: (e: LogEventInput) => boolean) => {
    const i = events.findIndex((e) => !test(e));
    return i === -1 ? events.length : i;
  };
  const tooOldEnd = countWhile((e) => e.timestamp < now - MAX_EVENT_AGE_MS);
  const expiredEnd = retentionInDays === null ? 0 : countWhile((e) => e.timestamp < now - retentionInDays * DAY_MS);
  const firstTooNew = events.findIndex((e) => e.timestamp > now + MAX_EVENT_FUTURE_MS);
  const tooNewStart = firstTooNew === -1 ? events.length : firstTooNew;
  const info: RejectedLogEventsInfo = {
    tooOldLogEventEndIndex: tooOldEnd > 0 ? tooOldEnd : undefined,
    expiredLogEventEndIndex: expiredEnd > 0 ? expiredEnd : undefined,
    tooNewLogEventStartIndex: tooNewStart < events.length ? tooNewStart : undefined,
  };
  const rejected = Object.values(info).some((v) => v !== undefined);
  return { accepted: events.slice(Math.max(tooOldEnd, expiredEnd), Math.max(tooNewStart, tooOldEnd, expiredEnd)), info: rejected ? info : undefined };
}

export async function putLogEvents(db: Db, ctx: CallContext, input: PutLogEventsInput): Promise<PutLogEventsOutput> {
  requireRole(ctx, "developer", "logs:PutLogEvents");
  checkInput(input);
  const group = await resolveLogGroup(db, ctx, input.logGroupName);
  const stream = await db.logsLogStream.findUnique({ where: { groupId_name: { groupId: group.id, name: input.logStreamName } } });
  if (!stream) throw LogsErrors.logStreamNotFound();
  checkBatch(input.logEvents);
  const { accepted, info } = partition(input.logEvents, group.retentionInDays, Date.now());
  if (accepted.length > 1 && accepted.at(-1)!.timestamp - accepted[0]!.timestamp > MAX_BATCH_SPAN_MS) {
    throw LogsErrors.invalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
  }
  const token =
    accepted.length > 0
      ? await appendLogEvents(pgPool(), { accountId: ctx.accountId, region: ctx.region, logGroupName: group.name, logStreamName: stream.name, events: accepted })
      : stream.uploadSequenceToken;
  return { nextSequenceToken: padDigits(token), rejectedLogEventsInfo: info };
}
