import pg from "pg";
import { parseDatabaseUrl } from "../db/connection";
import type { Logger } from "./log";

/** Names the connection in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = "stratus-outbox-relay";
const MIN_RECONNECT_MS = 500;
const MAX_RECONNECT_MS = 10_000;

/**
 * LISTENs on `channel` over a dedicated connection (pooled ones cannot hold a LISTEN), reconnecting
 * with backoff when it drops. `onNotify` also fires after every (re)connect, since notifications
 * sent while disconnected are lost.
 */
export function listen(
  databaseUrl: string,
  channel: string,
  onNotify: () => void,
  logger: Logger,
  applicationName = LISTENER_APPLICATION_NAME,
): { close(): Promise<void> } {
  let current: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = MIN_RECONNECT_MS;
  let closed = false;

  function lost(client: pg.Client, err: unknown): void {
    if (closed || client !== current) return; // "error" and "end" both fire for one loss
    current = undefined;
    logger.warn(`LISTEN ${channel}: connection lost, reconnecting in ${retryMs} ms:`, err);
    // The connection is already broken; ending it only releases the socket, so its outcome is moot.
    client.end().catch(() => undefined);
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RECONNECT_MS);
  }

  async function connect(): Promise<void> {
    const client = new pg.Client({ ...parseDatabaseUrl(databaseUrl), keepAlive: true, application_name: applicationName });
    current = client;
    client.on("notification", onNotify);
    client.on("error", (err) => lost(client, err));
    client.on("end", () => lost(client, new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      lost(client, err);
      return;
    }
    retryMs = MIN_RECONNECT_MS;
    onNotify();
  }

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      await current?.end();
    },
  };
}
