/** CloudWatch Logs test helpers: an in-process gateway with a team and an SDK client, AWS error assertions. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as logs from "@aws-sdk/client-cloudwatch-logs";
import { prisma } from "../../../server/db/client";
import { pgPool } from "../../../server/db/pool";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { type Credentials, startGateway, type RunningGateway } from "../gateway/helpers";

export interface LogsHarness {
  gateway: RunningGateway;
  /** The team `client` acts for (its owner). */
  team: TestTeam;
  client: logs.CloudWatchLogsClient;
  /** An SDK client for other credentials or another region. */
  clientFor(credentials: Credentials, region?: string): logs.CloudWatchLogsClient;
  /** Closes the gateway (and with it the clients' connections) and the process's Postgres pools. */
  close(): Promise<void>;
}

export async function startLogs(): Promise<LogsHarness> {
  const gateway = await startGateway();
  const team = await createTestTeam();
  const clientFor = (credentials: Credentials, region = "us-east-1") => new logs.CloudWatchLogsClient({ endpoint: gateway.url, region, credentials });
  const close = async () => {
    await gateway.close();
    await Promise.allSettled([pgPool().end(), prisma().$disconnect()]);
  };
  return { gateway, team, client: clientFor(team), clientFor, close };
}

/** A log group or stream name no other test (or earlier run) uses. */
export function uniqueName(label: string): string {
  return `${label}-${randomBytes(5).toString("hex")}`;
}

/** Asserts an SDK call fails with exactly AWS's error: exception name, HTTP status and message. */
export async function assertLogsError(call: Promise<unknown>, name: string, message: string | RegExp): Promise<void> {
  await assert.rejects(call, (e: unknown) => {
    assert.ok(e instanceof logs.CloudWatchLogsServiceException, `expected a CloudWatch Logs error, got ${String(e)}`);
    assert.equal(e.name, name);
    assert.equal(e.$metadata.httpStatusCode, 400);
    if (typeof message === "string") assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

export const GROUP_NOT_FOUND = "The specified log group does not exist.";
export const STREAM_NOT_FOUND = "The specified log stream does not exist.";

/** Creates a group and streams in it. */
export async function createGroup(client: logs.CloudWatchLogsClient, group: string, ...streams: string[]): Promise<void> {
  await client.send(new logs.CreateLogGroupCommand({ logGroupName: group }));
  for (const stream of streams) await client.send(new logs.CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
}

/** Puts `messages` at consecutive milliseconds from `start`. */
export async function putMessages(client: logs.CloudWatchLogsClient, group: string, stream: string, start: number, messages: string[]): Promise<void> {
  const { rejectedLogEventsInfo } = await client.send(
    new logs.PutLogEventsCommand({
      logGroupName: group,
      logStreamName: stream,
      logEvents: messages.map((message, i) => ({ timestamp: start + i, message })),
    }),
  );
  assert.equal(rejectedLogEventsInfo, undefined);
}
