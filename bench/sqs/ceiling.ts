/**
 * The raw Postgres ceiling for the full cycle: pgbench doing the SQL an SQS cycle needs, with nothing
 * in front of it — insert 10 messages (one multi-row INSERT), receive 10 with a skip-locked UPDATE …
 * RETURNING, delete those 10 by id and receipt token — on the real sqs_messages table of the bench
 * database, in a queue row of its own. Each statement commits on its own, as each SQS call does.
 */
import pg from "pg";
import { parseDatabaseUrl } from "../../server/db/connection";
import { HOT_PATH_PG_OPTIONS } from "../../server/db/pool";
import { type CpuWindow, cpuWindow } from "../lib/cpu";
import { runPgbench } from "../lib/pgbench";

export const CEILING_SCRIPT = String.raw`-- Stratus SQS benchmark: one full cycle of 10 messages.
INSERT INTO sqs_messages (queue_id, message_id, body, md5_of_body, sender_id, sent_at, visible_at, enqueued_at)
SELECT :qid::uuid, gen_random_uuid(), :body::text || g, md5(:body::text || g), 'bench', now(), now(), now()
  FROM generate_series(1, 10) AS g;
WITH received AS (
  UPDATE sqs_messages m
     SET visible_at = now() + make_interval(secs => 30), receive_count = m.receive_count + 1,
         first_received_at = COALESCE(m.first_received_at, now()), last_received_at = now(),
         receipt_token = md5(random()::text || clock_timestamp()::text)
   WHERE m.id IN (SELECT id FROM sqs_messages
                   WHERE queue_id = :qid::uuid AND visible_at <= now() AND enqueued_at > now() - make_interval(secs => 345600)
                   ORDER BY visible_at, id LIMIT 10 FOR UPDATE SKIP LOCKED)
  RETURNING m.*)
SELECT coalesce(array_agg(id), '{}') AS ids, coalesce(array_agg(receipt_token), '{}') AS tokens FROM received
\gset
DELETE FROM sqs_messages m USING unnest(:ids::bigint[], :tokens::text[]) AS r(id, token)
 WHERE m.queue_id = :qid::uuid AND m.id = r.id AND m.receipt_token = r.token;
`;

export interface CeilingResult {
  tps: number;
  /** Rows actually deleted per second (pg_stat_user_tables), i.e. messages fully cycled. */
  messagesPerSecond: number;
  /** tps × 10, for comparison with the deleted-rows figure. */
  tpsTimesTen: number;
  latencyAvgMs: number;
  leftover: number;
  cpu: CpuWindow;
}

async function deletedRows(client: pg.Client): Promise<number> {
  await client.query("SELECT pg_stat_clear_snapshot()");
  await client.query("SELECT pg_stat_force_next_flush()").catch(() => undefined);
  const { rows } = await client.query<{ n: string }>("SELECT n_tup_del AS n FROM pg_stat_user_tables WHERE relname = 'sqs_messages'");
  return Number(rows[0]?.n ?? 0);
}

export async function postgresCeiling(
  databaseUrl: string,
  accountId: string,
  runId: string,
  opts: { clients: number; threads: number; seconds: number; bodyBytes: number; components: Record<string, () => number[]> },
): Promise<CeilingResult> {
  const client = new pg.Client(parseDatabaseUrl(databaseUrl));
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      "INSERT INTO sqs_queues (id, account_id, region, name) VALUES (gen_random_uuid(), $1, 'us-east-1', $2) RETURNING id",
      [accountId, `bench-pg-ceiling-${runId}`],
    );
    const queueId = rows[0]!.id;
    try {
      await client.query("VACUUM (FULL, ANALYZE) sqs_messages"); // as vacuumTables does before the Stratus cycle
      const before = await deletedRows(client);
      let pgbenchPid = 0;
      let window: ReturnType<typeof cpuWindow> | undefined;
      const result = await runPgbench(
        {
          connection: parseDatabaseUrl(databaseUrl),
          script: CEILING_SCRIPT,
          clients: opts.clients,
          threads: opts.threads,
          seconds: opts.seconds,
          protocol: "prepared",
          // The planner settings of Stratus's hot-path connections: both sides get the index plans,
          // whatever statistics the last ANALYZE caught (see HOT_PATH_PG_OPTIONS).
          sessionOptions: HOT_PATH_PG_OPTIONS,
          variables: { qid: queueId, body: "x".repeat(Math.max(1, opts.bodyBytes - 3)) },
        },
        (pid) => {
          pgbenchPid = pid;
          window = cpuWindow({ pgbench: () => [pgbenchPid], ...opts.components });
        },
      );
      const cpu = window!.end();
      // Backends flush their statistics when they exit; give the last ones a moment.
      await new Promise((r) => setTimeout(r, 1_500));
      const deleted = (await deletedRows(client)) - before;
      const { rows: left } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM sqs_messages WHERE queue_id = $1", [queueId]);
      return {
        tps: result.tps,
        messagesPerSecond: deleted / opts.seconds,
        tpsTimesTen: result.tps * 10,
        latencyAvgMs: result.latencyAvgMs,
        leftover: left[0]!.n,
        cpu,
      };
    } finally {
      await client.query("DELETE FROM sqs_queues WHERE id = $1", [queueId]);
    }
  } finally {
    await client.end();
  }
}
