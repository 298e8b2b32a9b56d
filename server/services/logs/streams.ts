import { z } from "zod";
import { type Db, Prisma } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { checkLogGroupName, checkLogStreamName, checkNextToken, Constraints } from "./constraints";
import { LogsErrors } from "./errors";
import { MAX_DESCRIBE_LIMIT } from "./limits";
import { type LogStreamOutput, logStreamArn, padDigits } from "./model";
import { decodeToken, encodeToken } from "./paging";
import { checkGroupReference, type GroupReference, resolveGroupReference, resolveLogGroup } from "./store";

interface StreamInput {
  logGroupName: string;
  logStreamName: string;
}

function checkStreamInput(input: StreamInput): void {
  const c = new Constraints();
  checkLogGroupName(c, input.logGroupName);
  checkLogStreamName(c, input.logStreamName);
  c.check();
}

export async function createLogStream(db: Db, ctx: CallContext, input: StreamInput): Promise<void> {
  requireRole(ctx, "developer", "logs:CreateLogStream");
  checkStreamInput(input);
  const group = await resolveLogGroup(db, ctx, input.logGroupName);
  try {
    await db.logsLogStream.create({ data: { groupId: group.id, name: input.logStreamName } });
  } catch (e) {
    if (isUniqueViolation(e)) throw LogsErrors.logStreamExists();
    throw e;
  }
}

export async function deleteLogStream(db: Db, ctx: CallContext, input: StreamInput): Promise<void> {
  requireRole(ctx, "developer", "logs:DeleteLogStream");
  checkStreamInput(input);
  const group = await resolveLogGroup(db, ctx, input.logGroupName);
  const { count } = await db.logsLogStream.deleteMany({ where: { groupId: group.id, name: input.logStreamName } });
  if (count === 0) throw LogsErrors.logStreamNotFound();
}

const ORDER_BY = ["LogStreamName", "LastEventTime"] as const;

export interface DescribeLogStreamsInput extends GroupReference {
  logStreamNamePrefix?: string;
  orderBy?: string;
  descending?: boolean;
  nextToken?: string;
  limit?: number;
}

/** Position after the last stream of a page: its sort key (last event time, when ordering by it) and name. */
const StreamToken = z.object({ time: z.number().int().optional(), name: z.string() });

interface StreamRow {
  name: string;
  created_at: Date;
  first_event_timestamp: bigint | null;
  last_event_timestamp: bigint | null;
  last_ingestion_time: bigint | null;
  upload_sequence_token: bigint;
}

const optionalNumber = (value: bigint | null) => (value === null ? undefined : Number(value));

export async function describeLogStreams(
  db: Db,
  ctx: CallContext,
  input: DescribeLogStreamsInput,
): Promise<{ logStreams: LogStreamOutput[]; nextToken?: string }> {
  const c = new Constraints();
  checkGroupReference(c, input);
  checkLogStreamName(c, input.logStreamNamePrefix, "logStreamNamePrefix");
  c.oneOf("orderBy", input.orderBy, ORDER_BY);
  c.number("limit", input.limit, { min: 1, max: MAX_DESCRIBE_LIMIT });
  checkNextToken(c, input.nextToken);
  c.check();
  const byTime = input.orderBy === "LastEventTime";
  if (byTime && input.logStreamNamePrefix !== undefined) throw LogsErrors.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
  const group = await resolveGroupReference(db, ctx, input);
  const limit = input.limit ?? MAX_DESCRIBE_LIMIT;
  const desc = input.descending === true;
  // Streams without events sort as if their last event were at time 0.
  const key = byTime ? Prisma.sql`(coalesce(last_event_timestamp, 0), name)` : Prisma.sql`name`;
  const where = [Prisma.sql`group_id = ${group.id}`];
  if (input.logStreamNamePrefix !== undefined) where.push(Prisma.sql`starts_with(name, ${input.logStreamNamePrefix})`);
  if (input.nextToken !== undefined) {
    const after = decodeToken(input.nextToken, StreamToken);
    const position = byTime ? Prisma.sql`(${after.time ?? 0}::bigint, ${after.name}::text)` : Prisma.sql`${after.name}::text`;
    where.push(desc ? Prisma.sql`${key} < ${position}` : Prisma.sql`${key} > ${position}`);
  }
  const direction = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const order = byTime ? Prisma.sql`coalesce(last_event_timestamp, 0) ${direction}, name ${direction}` : Prisma.sql`name ${direction}`;
  const rows = await db.$queryRaw<StreamRow[]>`
    SELECT name, created_at, first_event_timestamp, last_event_timestamp, last_ingestion_time, upload_sequence_token
      FROM logs_log_streams
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY ${order}
     LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    logStreams: page.map((row) => ({
      logStreamName: row.name,
      creationTime: row.created_at.getTime(),
      firstEventTimestamp: optionalNumber(row.first_event_timestamp),
      lastEventTimestamp: optionalNumber(row.last_event_timestamp),
      lastIngestionTime: optionalNumber(row.last_ingestion_time),
      uploadSequenceToken: padDigits(row.upload_sequence_token),
      arn: logStreamArn(ctx.region, ctx.accountId, group.name, row.name),
      // AWS has reported 0 for streams since 2019; the group's storedBytes carries the total.
      storedBytes: 0,
    })),
    nextToken:
      rows.length > limit && last
        ? encodeToken({ time: byTime ? Number(last.last_event_timestamp ?? 0) : undefined, name: last.name })
        : undefined,
  };
}
