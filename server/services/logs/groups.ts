import { z } from "zod";
import { type Db, Prisma } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { checkLogGroupIdentifier, checkLogGroupName, checkNextToken, Constraints, PATTERNS } from "./constraints";
import { LogsErrors } from "./errors";
import { MAX_DESCRIBE_LIMIT, RETENTION_DAYS } from "./limits";
import { type LogGroupOutput, logGroupArn } from "./model";
import { decodeToken, encodeToken } from "./paging";
import { groupNameOfIdentifier } from "./store";
import { checkTags } from "./tags";

const LOG_GROUP_CLASSES = ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"] as const;

export interface CreateLogGroupInput {
  logGroupName: string;
  kmsKeyId?: string;
  tags?: Record<string, string>;
  logGroupClass?: string;
}

export async function createLogGroup(db: Db, ctx: CallContext, input: CreateLogGroupInput): Promise<void> {
  requireRole(ctx, "developer", "logs:CreateLogGroup");
  const c = new Constraints();
  checkLogGroupName(c, input.logGroupName);
  c.string("kmsKeyId", input.kmsKeyId, { max: 256 });
  c.oneOf("logGroupClass", input.logGroupClass, LOG_GROUP_CLASSES);
  checkTags(c, "tags", input.tags);
  c.check();
  if (input.logGroupName.startsWith("aws/")) throw LogsErrors.invalidParameter("Log group names can't start with the string aws/.");
  try {
    await db.logsLogGroup.create({
      data: {
        accountId: ctx.accountId,
        region: ctx.region,
        name: input.logGroupName,
        kmsKeyId: input.kmsKeyId,
        logGroupClass: input.logGroupClass,
        tags: input.tags ?? {},
      },
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw LogsErrors.logGroupExists();
    throw e;
  }
}

/** Deletes the group with its streams and events (the foreign keys cascade). */
export async function deleteLogGroup(db: Db, ctx: CallContext, input: { logGroupName: string }): Promise<void> {
  requireRole(ctx, "developer", "logs:DeleteLogGroup");
  const c = new Constraints();
  checkLogGroupName(c, input.logGroupName);
  c.check();
  const { count } = await db.logsLogGroup.deleteMany({ where: { accountId: ctx.accountId, region: ctx.region, name: input.logGroupName } });
  if (count === 0) throw LogsErrors.logGroupNotFound();
}

export async function putRetentionPolicy(db: Db, ctx: CallContext, input: { logGroupName: string; retentionInDays: number }): Promise<void> {
  requireRole(ctx, "developer", "logs:PutRetentionPolicy");
  const c = new Constraints();
  checkLogGroupName(c, input.logGroupName);
  c.oneOf("retentionInDays", input.retentionInDays, RETENTION_DAYS);
  c.check();
  await setRetention(db, ctx, input.logGroupName, input.retentionInDays);
}

export async function deleteRetentionPolicy(db: Db, ctx: CallContext, input: { logGroupName: string }): Promise<void> {
  requireRole(ctx, "developer", "logs:DeleteRetentionPolicy");
  const c = new Constraints();
  checkLogGroupName(c, input.logGroupName);
  c.check();
  await setRetention(db, ctx, input.logGroupName, null);
}

async function setRetention(db: Db, ctx: CallContext, name: string, retentionInDays: number | null): Promise<void> {
  const { count } = await db.logsLogGroup.updateMany({ where: { accountId: ctx.accountId, region: ctx.region, name }, data: { retentionInDays } });
  if (count === 0) throw LogsErrors.logGroupNotFound();
}

export interface DescribeLogGroupsInput {
  logGroupNamePrefix?: string;
  logGroupNamePattern?: string;
  logGroupIdentifiers?: string[];
  logGroupClass?: string;
  nextToken?: string;
  limit?: number;
}

const GroupToken = z.object({ after: z.string() });

interface GroupRow {
  name: string;
  retention_in_days: number | null;
  kms_key_id: string | null;
  log_group_class: string;
  created_at: Date;
  stored_bytes: bigint;
}

/** Log groups in ASCII order of name, filtered by prefix, substring pattern, identifiers or class. */
export async function describeLogGroups(db: Db, ctx: CallContext, input: DescribeLogGroupsInput): Promise<{ logGroups: LogGroupOutput[]; nextToken?: string }> {
  const c = new Constraints();
  checkLogGroupName(c, input.logGroupNamePrefix, "logGroupNamePrefix");
  c.string("logGroupNamePattern", input.logGroupNamePattern, { max: 512, pattern: PATTERNS.logGroupNamePattern });
  c.size("logGroupIdentifiers", input.logGroupIdentifiers?.length, { min: 1, max: MAX_DESCRIBE_LIMIT });
  input.logGroupIdentifiers?.forEach((identifier) => checkLogGroupIdentifier(c, identifier));
  c.oneOf("logGroupClass", input.logGroupClass, LOG_GROUP_CLASSES);
  c.number("limit", input.limit, { min: 1, max: MAX_DESCRIBE_LIMIT });
  checkNextToken(c, input.nextToken);
  c.check();
  if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
    throw LogsErrors.invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
  }
  const limit = input.limit ?? MAX_DESCRIBE_LIMIT;
  const where = [Prisma.sql`g.account_id = ${ctx.accountId}`, Prisma.sql`g.region = ${ctx.region}`];
  if (input.logGroupNamePrefix !== undefined) where.push(Prisma.sql`starts_with(g.name, ${input.logGroupNamePrefix})`);
  if (input.logGroupNamePattern) where.push(Prisma.sql`strpos(g.name, ${input.logGroupNamePattern}) > 0`);
  if (input.logGroupIdentifiers !== undefined) {
    const names = input.logGroupIdentifiers.map((id) => groupNameOfIdentifier(ctx, id)).filter((name) => name !== null);
    where.push(Prisma.sql`g.name = ANY(${names}::text[])`);
  }
  if (input.logGroupClass !== undefined) where.push(Prisma.sql`g.log_group_class = ${input.logGroupClass}`);
  if (input.nextToken !== undefined) where.push(Prisma.sql`g.name > ${decodeToken(input.nextToken, GroupToken).after}`);
  const rows = await db.$queryRaw<GroupRow[]>`
    SELECT g.name, g.retention_in_days, g.kms_key_id, g.log_group_class, g.created_at,
           (SELECT coalesce(sum(s.stored_bytes), 0)::bigint FROM logs_log_streams s WHERE s.group_id = g.id) AS stored_bytes
      FROM logs_log_groups g
     WHERE ${Prisma.join(where, " AND ")}
     ORDER BY g.name
     LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  return {
    logGroups: page.map((row) => toLogGroupOutput(ctx, row)),
    nextToken: rows.length > limit ? encodeToken({ after: page.at(-1)!.name }) : undefined,
  };
}

function toLogGroupOutput(ctx: CallContext, row: GroupRow): LogGroupOutput {
  const arn = logGroupArn(ctx.region, ctx.accountId, row.name);
  return {
    logGroupName: row.name,
    creationTime: row.created_at.getTime(),
    retentionInDays: row.retention_in_days ?? undefined,
    metricFilterCount: 0,
    arn: `${arn}:*`,
    storedBytes: Number(row.stored_bytes),
    kmsKeyId: row.kms_key_id ?? undefined,
    logGroupClass: row.log_group_class,
    logGroupArn: arn,
  };
}
