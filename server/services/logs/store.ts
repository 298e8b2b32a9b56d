import type { Db } from "../../db/client";
import type { CallContext } from "../context";
import { checkLogGroupIdentifier, checkLogGroupName, type Constraints } from "./constraints";
import { LogsErrors } from "./errors";
import { type LogGroupRecord, parseLogGroupArn } from "./model";

type Scope = Pick<CallContext, "accountId" | "region">;

export async function resolveLogGroup(db: Db, scope: Scope, name: string): Promise<LogGroupRecord> {
  const row = await db.logsLogGroup.findUnique({ where: { accountId_region_name: { accountId: scope.accountId, region: scope.region, name } } });
  if (!row) throw LogsErrors.logGroupNotFound();
  return { ...row, tags: row.tags as Record<string, string> };
}

/** The group a logGroupIdentifier names: a name, or an ARN in the caller's account and region. */
export function groupNameOfIdentifier(scope: Scope, identifier: string): string | null {
  if (!identifier.startsWith("arn:")) return identifier;
  const parsed = parseLogGroupArn(identifier);
  return parsed && parsed.accountId === scope.accountId && parsed.region === scope.region ? parsed.name : null;
}

export interface GroupReference {
  logGroupName?: string;
  logGroupIdentifier?: string;
}

/** Validates an operation's logGroupName / logGroupIdentifier pair (exactly one of them) into the constraints. */
export function checkGroupReference(c: Constraints, input: GroupReference): void {
  checkLogGroupName(c, input.logGroupName);
  checkLogGroupIdentifier(c, input.logGroupIdentifier);
}

/** The group named by exactly one of logGroupName and logGroupIdentifier, as DescribeLogStreams, GetLogEvents and FilterLogEvents take it. */
export async function resolveGroupReference(db: Db, scope: Scope, input: GroupReference): Promise<LogGroupRecord> {
  if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined) {
    throw LogsErrors.invalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  }
  if (input.logGroupIdentifier !== undefined) {
    const name = groupNameOfIdentifier(scope, input.logGroupIdentifier);
    if (name === null) throw LogsErrors.logGroupNotFound();
    return resolveLogGroup(db, scope, name);
  }
  if (input.logGroupName === undefined) throw LogsErrors.invalidParameter("Either logGroupName or logGroupIdentifier must be specified.");
  return resolveLogGroup(db, scope, input.logGroupName);
}
