/**
 * A stage's logs in the logs service: access logs (one line per request in the stage's
 * `accessLogSettings.format`, into the log group its `destinationArn` names) and execution logs (the
 * request's execution log, into `API-Gateway-Execution-Logs_{apiId}/{stage}`, when the method's logging
 * level says so). Lines are buffered and written about once a second, off the request's path; at worst a
 * crash loses that second of them.
 */
import { pgPool } from "../../../db/pool";
import { appendLogEvents, type LogEventInput } from "../../logs/append";
import { contextValue } from "./mapping";

const FLUSH_INTERVAL_MS = 1_000;
/** This process's stream in each group (AWS, too, writes each group from many streams). */
const STREAM = `${new Date().toISOString().slice(0, 10).replaceAll("-", "/")}/${process.pid.toString(16)}${Math.random().toString(16).slice(2, 10)}`;

interface Pending {
  accountId: string;
  region: string;
  logGroupName: string;
  events: LogEventInput[];
}

const pending = new Map<string, Pending>();
let timer: NodeJS.Timeout | undefined;

export function writeStageLog(target: { accountId: string; region: string; logGroupName: string }, message: string): void {
  const key = `${target.accountId}\n${target.region}\n${target.logGroupName}`;
  let entry = pending.get(key);
  if (!entry) pending.set(key, (entry = { ...target, events: [] }));
  entry.events.push({ timestamp: Date.now(), message });
  timer ??= setTimeout(() => void flushStageLogs(), FLUSH_INTERVAL_MS).unref();
}

export async function flushStageLogs(): Promise<void> {
  timer = undefined;
  const batches = [...pending.values()];
  pending.clear();
  await Promise.all(
    batches.map((batch) =>
      appendLogEvents(pgPool(), { ...batch, logStreamName: STREAM }).catch((error: Error) => console.error(`API Gateway logs: could not write to ${batch.logGroupName}:`, error.message)),
    ),
  );
}

/** The log group an access log destination ARN names (`arn:aws:logs:{region}:{account}:log-group:{name}[:*]`). */
export function accessLogGroup(destinationArn: string | undefined): string | undefined {
  return destinationArn === undefined ? undefined : /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(:\*)?$/.exec(destinationArn)?.[1];
}

/** An access log line: each `$context.<path>` of the format replaced by its value, `-` when it has none. */
export function accessLogLine(format: string, context: Record<string, unknown>): string {
  return format.replace(/\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g, (_, path: string) => contextValue(context, path) ?? "-");
}

export const executionLogGroup = (restApiId: string, stage: string) => `API-Gateway-Execution-Logs_${restApiId}/${stage}`;
