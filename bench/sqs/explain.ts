/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements the SQS hot path really runs. The domain functions
 * (sendMessageBatch, receiveMessage, deleteMessageBatch) are called in-process with the pg pool's
 * `query` wrapped, so the exact SQL text and parameters are captured (no copy of the server's SQL to
 * drift); each is then explained inside a transaction that is rolled back. Then it churns the queue
 * (send → receive → delete, as the benchmark does) and explains the receive again before and after a
 * VACUUM, to show what dead tuples cost it.
 *
 *   npx tsx bench/sqs/explain.ts [--backlog 1000] [--churn 20000]
 */
import { parseArgs } from "node:util";
import type pg from "pg";
import { fmt } from "../lib/stats";
import { BENCH_DATABASE_URL, BENCH_REDIS_URL } from "../lib/cli";
import { prepareStratus } from "../lib/servers";

const { values: args } = parseArgs({ options: { backlog: { type: "string", default: "1000" }, churn: { type: "string", default: "20000" } } });
const DATABASE_URL = BENCH_DATABASE_URL;
const REDIS_URL = BENCH_REDIS_URL;

interface Captured {
  text: string;
  values: unknown[];
}

async function main(): Promise<void> {
  const setup = await prepareStratus(DATABASE_URL, REDIS_URL);
  const { prisma } = await import("../../server/db/client");
  const { pgPool } = await import("../../server/db/pool");
  const { consoleUserPrincipal } = await import("../../server/services/accounts/principal");
  const { createQueue, deleteQueue } = await import("../../server/services/sqs/queues");
  const { sendMessageBatch } = await import("../../server/services/sqs/send");
  const { receiveMessage } = await import("../../server/services/sqs/receive");
  const { deleteMessageBatch } = await import("../../server/services/sqs/settle");
  const { queueWakeups } = await import("../../server/services/sqs/wakeups");
  const { flushQueueMetrics } = await import("../../server/services/sqs/metrics");

  const db = prisma();
  const pool = pgPool();
  const captured = new Map<string, Captured>();
  let capturing = false;
  const original = pool.query.bind(pool) as (...a: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: unknown }).query = (config: unknown, values?: unknown[]) => {
    if (capturing && typeof config === "object" && config !== null && "text" in config) {
      const c = config as { name?: string; text: string; values?: unknown[] };
      captured.set(c.name ?? c.text.slice(0, 40), { text: c.text, values: c.values ?? values ?? [] });
    }
    return original(config, values);
  };

  const principal = consoleUserPrincipal({ accountId: setup.accountId, user: { id: setup.userId, email: setup.email }, role: "owner", accessKeyId: setup.accessKeyId });
  const ctx = { accountId: setup.accountId, region: "us-east-1", principal, requestId: "explain", source: "gateway" as const, endpoint: "http://127.0.0.1:4566" };
  const { QueueUrl } = await createQueue(db, ctx, { QueueName: `bench-explain-${Date.now().toString(36)}` });
  const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: String(i), MessageBody: "x".repeat(100) }));

  const explain = async (label: string, c: Captured) => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING ON) ${c.text}`, c.values);
      console.log(`\n=== ${label}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  };
  const timeReceive = async (label: string, c: Captured, n = 200) => {
    const client = await pool.connect();
    const samples: number[] = [];
    try {
      for (let i = 0; i < n; i++) {
        await client.query("BEGIN");
        const t0 = performance.now();
        await client.query(c.text, c.values);
        samples.push(performance.now() - t0);
        await client.query("ROLLBACK");
      }
    } finally {
      client.release();
    }
    samples.sort((a, b) => a - b);
    const { rows } = await pool.query<{ dead: string; live: string }>(
      "SELECT n_dead_tup AS dead, n_live_tup AS live FROM pg_stat_user_tables WHERE relname = 'sqs_messages'",
    );
    console.log(`${label.padEnd(58)} receive p50 ${fmt(samples[Math.floor(n / 2)]!, 2)} ms (n_dead_tup ${rows[0]!.dead}, n_live_tup ${rows[0]!.live})`);
  };

  try {
    await pool.query("VACUUM (ANALYZE) sqs_messages");
    for (let i = 0; i < Number(args.backlog) / 10; i++) await sendMessageBatch(db, ctx, { QueueUrl, Entries: entries(10) });
    capturing = true;
    await sendMessageBatch(db, ctx, { QueueUrl, Entries: entries(10) });
    const received = await receiveMessage(db, ctx, { QueueUrl, MaxNumberOfMessages: 10 });
    await deleteMessageBatch(db, ctx, { QueueUrl, Entries: (received.Messages ?? []).map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) });
    capturing = false;
    console.log(`Statements captured: ${[...captured.keys()].join(", ")}; queue backlog ≈ ${args.backlog} messages, table just vacuumed.`);
    // The delete needs handles that are current: receive once more and explain that delete.
    for (const [name, c] of captured) {
      if (name === "sqs-delete-messages") {
        capturing = true;
        const again = await receiveMessage(db, ctx, { QueueUrl, MaxNumberOfMessages: 10 });
        await deleteMessageBatch(db, ctx, {
          QueueUrl,
          Entries: (again.Messages ?? []).map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }).catch(() => undefined);
        capturing = false;
      }
      await explain(name, captured.get(name) ?? c);
    }
    const del = captured.get("sqs-delete-messages");
    if (del) {
      // What-if, rolled back: the same delete written as a primary-key lookup (id = ANY), which leaves the planner no O(backlog) plan.
      const alternative = `DELETE FROM sqs_messages m
         WHERE m.id = ANY($2::bigint[]) AND m.queue_id = $1
           AND m.receipt_token = ($3::text[])[array_position($2::bigint[], m.id)] AND (NOT $4 OR m.visible_at > now())
        RETURNING m.id`;
      await explain("what-if (rolled back): sqs-delete-messages as `id = ANY($2)` with the token matched by position", { text: alternative, values: del.values });
    }
    const receive = captured.get("sqs-receive-standard");
    if (receive) {
      // What-if, rolled back: an index that matches the receive's ORDER BY lets the LIMIT stop after 10 rows.
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("CREATE INDEX bench_whatif_visible_id ON sqs_messages (queue_id, visible_at, id)");
        const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${receive.text}`, receive.values);
        console.log(`\n=== what-if (rolled back): sqs-receive-standard with an index on (queue_id, visible_at, id)\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
      } finally {
        await client.query("ROLLBACK");
        client.release();
      }
      console.log("\nReceive cost against dead tuples (autovacuum is off on this server? see pg_settings):");
      await timeReceive("after VACUUM", receive);
      const churn = Number(args.churn);
      for (let done = 0; done < churn; done += 10) {
        await sendMessageBatch(db, ctx, { QueueUrl, Entries: entries(10) });
        const r = await receiveMessage(db, ctx, { QueueUrl, MaxNumberOfMessages: 10 });
        await deleteMessageBatch(db, ctx, { QueueUrl, Entries: (r.Messages ?? []).map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) });
        if ((done + 10) % (churn / 4) === 0) await timeReceive(`after cycling ${done + 10} messages`, receive);
      }
      await explain("sqs-receive-standard after churn", receive);
      await pool.query("VACUUM sqs_messages");
      await timeReceive("after VACUUM again", receive);
    }
    const { rows } = await pool.query<{ setting: string }>("SELECT setting FROM pg_settings WHERE name = 'autovacuum'");
    console.log(`\nautovacuum = ${rows[0]!.setting}`);
  } finally {
    await flushQueueMetrics();
    await deleteQueue(db, ctx, { QueueUrl });
    await db.$disconnect();
    await pool.end();
    await queueWakeups().close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
