import type pg from "pg";
import type { Db } from "../../db/client";
import { pgPool, withTransaction } from "../../db/pool";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { parseQueueArn } from "./addressing";
import { SqsErrors } from "./errors";
import { MAX_RECEIVE_MESSAGES, MAX_VISIBILITY_TIMEOUT, MAX_WAIT_TIME_SECONDS, RECEIVE_ATTEMPT_WINDOW_SECONDS } from "./limits";
import { assertValidToken } from "./message-validation";
import { recordQueueMetric } from "./metrics";
import type { Queue } from "./model";
import { type MessageRow, type ReceivedMessage, type Selection, toReceivedMessage } from "./received-message";
import { findQueue, resolveQueue } from "./store";
import { FALLBACK_RECHECK_MS, queueWakeups } from "./wakeups";

export interface ReceiveInput {
  QueueUrl: string;
  AttributeNames?: string[];
  MessageSystemAttributeNames?: string[];
  MessageAttributeNames?: string[];
  MaxNumberOfMessages?: number;
  VisibilityTimeout?: number;
  WaitTimeSeconds?: number;
  ReceiveRequestAttemptId?: string;
}

function assertRange(parameter: string, value: number | undefined, min: number, max: number, reason: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) throw SqsErrors.invalidParameter(parameter, value, reason);
}

/** Where a dead-lettered message goes, resolved when the receive needs it. */
interface DeadLetterTarget {
  queueId: string;
  maxReceiveCount: number;
  sourceArn: string;
  /** FIFO dead-letter queues restart the retention clock; standard ones keep the original. */
  resetsEnqueueTime: boolean;
}

async function deadLetterTarget(db: Db, queue: Queue): Promise<DeadLetterTarget | null> {
  const policy = queue.redrivePolicy;
  const address = policy && parseQueueArn(policy.deadLetterTargetArn);
  if (!policy || !address) return null;
  const dlq = await findQueue(db, address.accountId, address.region, address.name);
  return dlq ? { queueId: dlq.id, maxReceiveCount: policy.maxReceiveCount, sourceArn: queue.arn, resetsEnqueueTime: dlq.fifo } : null;
}

/** Copies the `dead` rows into the dead-letter queue ($dlq), keeping ID, body, attributes, sent time and receive count. */
const INSERT_DEAD_LETTERS = (dlq: string, sourceArn: string, resetEnqueue: string) => `
  INSERT INTO sqs_messages (queue_id, message_id, body, message_attributes, md5_of_body, md5_of_message_attributes, trace_header,
                            sender_id, sent_at, visible_at, enqueued_at, receive_count, first_received_at, group_id,
                            deduplication_id, sequence_number, dead_letter_source_arn)
  SELECT ${dlq}, message_id, body, message_attributes, md5_of_body, md5_of_message_attributes, trace_header,
         sender_id, sent_at, now(), CASE WHEN ${resetEnqueue} THEN now() ELSE enqueued_at END, receive_count, first_received_at,
         group_id, deduplication_id, sequence_number, ${sourceArn}
    FROM dead`;

/** Marks rows delivered: hidden for the visibility timeout, counted, and given a fresh receipt token. */
const DELIVER = `
  SET visible_at = now() + make_interval(secs => $VT), receive_count = m.receive_count + 1,
      first_received_at = COALESCE(m.first_received_at, now()), last_received_at = now(),
      receipt_token = md5(random()::text || clock_timestamp()::text)`;

const NO_DEAD_LETTERS = 2_147_483_647;

/**
 * Standard queues: one statement picks visible messages (SKIP LOCKED, so concurrent consumers never
 * share one), moves those past maxReceiveCount to the dead-letter queue, and delivers the rest.
 */
const RECEIVE_STANDARD = `
  WITH picked AS (
    SELECT id, receive_count FROM sqs_messages
     WHERE queue_id = $1 AND visible_at <= now() AND enqueued_at > now() - make_interval(secs => $2)
     ORDER BY visible_at, id
     LIMIT $3
     FOR UPDATE SKIP LOCKED
  ), dead AS (
    DELETE FROM sqs_messages m USING picked p WHERE m.id = p.id AND p.receive_count >= $5 RETURNING m.*
  ), moved AS (
    ${INSERT_DEAD_LETTERS("$6::uuid", "$7", "$8::boolean")} RETURNING 1
  ), delivered AS (
    UPDATE sqs_messages m ${DELIVER.replace("$VT", "$4")}
      FROM picked p WHERE m.id = p.id AND p.receive_count < $5
    RETURNING m.*
  )
  SELECT c.moved, d.* FROM (SELECT count(*)::int AS moved FROM moved) c LEFT JOIN delivered d ON true`;

async function receiveStandard(queue: Queue, dlq: DeadLetterTarget | null, max: number, visibility: number): Promise<{ rows: MessageRow[]; moved: number }> {
  const { rows } = await pgPool().query<MessageRow & { moved: number }>({
    name: "sqs-receive-standard",
    text: RECEIVE_STANDARD,
    values: [
      queue.id,
      queue.messageRetentionPeriod,
      max,
      visibility,
      dlq?.maxReceiveCount ?? NO_DEAD_LETTERS,
      dlq?.queueId ?? null,
      dlq?.sourceArn ?? null,
      dlq?.resetsEnqueueTime ?? false,
    ],
  });
  return { rows: rows.filter((r) => r.id !== null), moved: rows[0]?.moved ?? 0 };
}

/**
 * A FIFO group's messages in flight are always among its first MAX_RECEIVE_MESSAGES (by ID): a group
 * is delivered from only while none of it is in flight, always from its head and at most that many at
 * a time, and messages leave a group (deleted, dead-lettered, expired) without reordering the rest.
 * So a group's state is read from its leading rows, never from the whole group.
 *
 * GROUP_LEAD and FEW_GROUPS_STATE find rows with row comparisons on (queue_id, group_id, id), which
 * only that index can answer in order. Written as plain equalities, statistics that still describe a
 * nearly empty queue (as after a burst of sends) let the planner read the whole queue by another index
 * instead, and cache that plan (316 ms per receive with 100,000 messages, see bench/README.md).
 */
const GROUP_LEAD = (queue: string, group: string, retention: string) => `
  SELECT id, visible_at <= now() AS visible, receive_count > 0 AND visible_at > now() AS in_flight, receive_count
    FROM (SELECT id, queue_id, group_id, visible_at, receive_count FROM sqs_messages
           WHERE (queue_id, group_id, id) > (${queue}::uuid, ${group}::text, 0::bigint)
             AND enqueued_at > now() - make_interval(secs => ${retention})
           ORDER BY queue_id, group_id, id LIMIT ${MAX_RECEIVE_MESSAGES}) lead
   WHERE queue_id = ${queue}::uuid AND group_id = ${group}::text
   ORDER BY id`;

/** Up to this many groups, a receive finds them one index probe each; beyond, by scanning the queue. */
const FEW_GROUPS = 200;

/**
 * The queue's first FEW_GROUPS + 1 groups (a loose index scan: one probe per distinct group, the
 * first with a group ID above '', as every group ID is non-empty), each judged by its leading rows.
 * A few groups with a deep backlog cost a few probes, not the backlog.
 */
const FEW_GROUPS_STATE = `
  WITH RECURSIVE groups AS (
    (SELECT 1 AS n, queue_id, group_id FROM sqs_messages
      WHERE (queue_id, group_id) > ($1::uuid, ''::text) ORDER BY queue_id, group_id LIMIT 1)
    UNION ALL
    SELECT g.n + 1, next.queue_id, next.group_id
      FROM groups g
      CROSS JOIN LATERAL (SELECT m.queue_id, m.group_id FROM sqs_messages m
                           WHERE (m.queue_id, m.group_id) > (g.queue_id, g.group_id) ORDER BY m.queue_id, m.group_id LIMIT 1) next
     WHERE g.queue_id = $1::uuid AND g.n <= ${FEW_GROUPS}
  )
  SELECT g.group_id, l.head = l.first_visible AND NOT l.in_flight AS deliverable
    FROM groups g
    CROSS JOIN LATERAL (
      SELECT min(id) AS head, min(id) FILTER (WHERE visible) AS first_visible, bool_or(in_flight) AS in_flight
        FROM (${GROUP_LEAD("$1", "g.group_id", "$2")}) lead
    ) l
   WHERE g.queue_id = $1::uuid
   ORDER BY l.head`;

/**
 * With many groups (typically a few messages each), one scan of the queue's messages in group order
 * finds every head more cheaply than a probe per group.
 */
const MANY_GROUPS_DELIVERABLE = `
  SELECT group_id FROM (
    SELECT DISTINCT ON (group_id) group_id, id, visible_at FROM sqs_messages
     WHERE queue_id = $1 AND enqueued_at > now() - make_interval(secs => $2)
     ORDER BY group_id, id) heads
   WHERE visible_at <= now()
     AND NOT EXISTS (SELECT 1 FROM sqs_messages f
                      WHERE f.queue_id = $1 AND f.group_id = heads.group_id AND f.receive_count > 0 AND f.visible_at > now()
                        AND f.enqueued_at > now() - make_interval(secs => $2))
   ORDER BY id LIMIT $3`;

/** Candidates beyond what one receive needs: another consumer may hold some of them. */
const CANDIDATE_GROUPS = 50;

/** The groups a receive may take from (nothing in flight, head visible), oldest head first. */
async function deliverableGroups(client: pg.PoolClient, queue: Queue): Promise<string[]> {
  const values = [queue.id, queue.messageRetentionPeriod];
  const { rows } = await client.query<{ group_id: string; deliverable: boolean | null }>({
    name: "sqs-fifo-few-groups",
    text: FEW_GROUPS_STATE,
    values,
  });
  if (rows.length > FEW_GROUPS) {
    const many = await client.query<{ group_id: string }>({ name: "sqs-fifo-many-groups", text: MANY_GROUPS_DELIVERABLE, values: [...values, CANDIDATE_GROUPS] });
    return many.rows.map((r) => r.group_id);
  }
  return rows
    .filter((r) => r.deliverable)
    .slice(0, CANDIDATE_GROUPS)
    .map((r) => r.group_id);
}

/**
 * FIFO queues: a group with any message in flight delivers nothing (even if an earlier message became
 * visible again through ChangeMessageVisibility); otherwise its leading visible messages are delivered
 * in order, filling the batch from as few groups as possible. A transaction-scoped advisory lock per
 * group keeps two consumers from taking the same group at once.
 */
async function receiveFifo(queue: Queue, dlq: DeadLetterTarget | null, max: number, visibility: number): Promise<{ rows: MessageRow[]; moved: number }> {
  return withTransaction(async (client) => {
    const delivered: MessageRow[] = [];
    let moved = 0;
    for (const group of await deliverableGroups(client, queue)) {
      if (delivered.length >= max) break;
      const locked = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock(hashtextextended($1 || '/' || $2, 0)) AS ok", [queue.id, group]);
      if (!locked.rows[0]!.ok) continue;
      // Re-read under the lock: another consumer may have taken the group since the scan (its
      // commit is visible here, as it releases the lock only after committing).
      const { rows } = await client.query<{ id: string; visible: boolean; in_flight: boolean; receive_count: number }>({
        name: "sqs-fifo-group-lead",
        text: GROUP_LEAD("$1", "$2", "$3"),
        values: [queue.id, group, queue.messageRetentionPeriod],
      });
      if (rows.some((row) => row.in_flight)) continue;
      const deliver: string[] = [];
      const dead: string[] = [];
      for (const row of rows) {
        if (!row.visible || deliver.length >= max - delivered.length) break;
        if (dlq && row.receive_count >= dlq.maxReceiveCount) dead.push(row.id);
        else deliver.push(row.id);
      }
      if (dead.length > 0 && dlq) moved += await moveToDeadLetterQueue(client, dead, dlq);
      if (deliver.length > 0) {
        const result = await client.query<MessageRow>(`UPDATE sqs_messages m ${DELIVER.replace("$VT", "$2")} WHERE m.id = ANY($1::bigint[]) RETURNING m.*`, [
          deliver,
          visibility,
        ]);
        delivered.push(...result.rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id))));
      }
    }
    return { rows: delivered, moved };
  });
}

async function moveToDeadLetterQueue(client: pg.PoolClient, ids: string[], dlq: DeadLetterTarget): Promise<number> {
  const result = await client.query(
    `WITH dead AS (DELETE FROM sqs_messages WHERE id = ANY($1::bigint[]) RETURNING *) ${INSERT_DEAD_LETTERS("$2::uuid", "$3", "$4::boolean")}`,
    [ids, dlq.queueId, dlq.sourceArn, dlq.resetsEnqueueTime],
  );
  return result.rowCount ?? 0;
}

/** FIFO ReceiveRequestAttemptId: a retry within 5 minutes gets the same messages and handles again. */
async function replayAttempt(queue: Queue, attemptId: string, visibility: number): Promise<MessageRow[] | null> {
  const { rows } = await pgPool().query<MessageRow>(
    `WITH attempt AS (
       SELECT (e->>0)::bigint AS id, e->>1 AS token
         FROM sqs_receive_attempts a, jsonb_array_elements(a.messages) e
        WHERE a.queue_id = $1 AND a.attempt_id = $2 AND a.expires_at > now())
     UPDATE sqs_messages m SET visible_at = now() + make_interval(secs => $3)
       FROM attempt WHERE m.id = attempt.id AND m.receipt_token = attempt.token
     RETURNING m.*`,
    [queue.id, attemptId, visibility],
  );
  return rows.length > 0 ? rows.sort((a, b) => Number(BigInt(a.id) - BigInt(b.id))) : null;
}

async function rememberAttempt(queue: Queue, attemptId: string, rows: MessageRow[]): Promise<void> {
  await pgPool().query(
    `INSERT INTO sqs_receive_attempts (queue_id, attempt_id, messages, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))
     ON CONFLICT (queue_id, attempt_id) DO UPDATE SET messages = EXCLUDED.messages, expires_at = EXCLUDED.expires_at`,
    [queue.id, attemptId, JSON.stringify(rows.map((r) => [r.id, r.receipt_token])), RECEIVE_ATTEMPT_WINDOW_SECONDS],
  );
}

/** Milliseconds until the next hidden message of the queue becomes visible, if any. */
async function nextVisibleInMs(queue: Queue): Promise<number | null> {
  const { rows } = await pgPool().query<{ ms: number | null }>({
    name: "sqs-next-visible",
    text: "SELECT (extract(epoch FROM min(visible_at) - now()) * 1000)::float8 AS ms FROM sqs_messages WHERE queue_id = $1 AND visible_at > now()",
    values: [queue.id],
  });
  return rows[0]?.ms ?? null;
}

export async function receiveMessage(db: Db, ctx: CallContext, input: ReceiveInput): Promise<{ Messages?: ReceivedMessage[] }> {
  requireRole(ctx, "developer", "sqs:ReceiveMessage");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "ReceiveMessage");
  assertRange("MaxNumberOfMessages", input.MaxNumberOfMessages, 1, MAX_RECEIVE_MESSAGES, `Must be between 1 and ${MAX_RECEIVE_MESSAGES}, if provided.`);
  assertRange("WaitTimeSeconds", input.WaitTimeSeconds, 0, MAX_WAIT_TIME_SECONDS, "Must be >= 0 and <= 20, if provided.");
  assertRange("VisibilityTimeout", input.VisibilityTimeout, 0, MAX_VISIBILITY_TIMEOUT, "Must be >= 0 and <= 43200, if provided.");
  if (input.ReceiveRequestAttemptId !== undefined) assertValidToken("ReceiveRequestAttemptId", input.ReceiveRequestAttemptId);

  const max = input.MaxNumberOfMessages ?? 1;
  const visibility = input.VisibilityTimeout ?? queue.visibilityTimeout;
  const waitMs = (input.WaitTimeSeconds ?? queue.receiveMessageWaitTimeSeconds) * 1000;
  const attemptId = queue.fifo ? input.ReceiveRequestAttemptId : undefined;
  const selection: Selection = {
    systemAttributes: input.MessageSystemAttributeNames ?? input.AttributeNames ?? [],
    messageAttributes: input.MessageAttributeNames ?? [],
  };
  // AWS leaves Messages out of an empty receive (SDKs then give undefined, not []).
  const render = (rows: MessageRow[]) => (rows.length > 0 ? { Messages: rows.map((row) => toReceivedMessage(queue, row, selection)) } : {});

  if (attemptId) {
    const replayed = await replayAttempt(queue, attemptId, visibility);
    if (replayed) return render(replayed);
  }
  const dlq = await deadLetterTarget(db, queue);
  const deadline = Date.now() + waitMs;
  const wakeups = queueWakeups();
  let woken = false;
  for (;;) {
    const { rows, moved } = await (queue.fifo ? receiveFifo : receiveStandard)(queue, dlq, max, visibility);
    if (moved > 0 && dlq) wakeups.notify(dlq.queueId);
    // A signal wakes one waiter: one that filled its batch may have left messages for the next.
    if (woken && rows.length === max) wakeups.wakeNext(queue.id);
    if (rows.length > 0) {
      recordQueueMetric(queue.id, "received", rows.length);
      if (attemptId) await rememberAttempt(queue, attemptId, rows);
      return render(rows);
    }
    // Dead-lettering freed the batch without filling it: look again at once.
    if (moved > 0) continue;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return render([]);
    const nextVisible = await nextVisibleInMs(queue);
    const end = await wakeups.wait(queue.id, Math.min(remaining, nextVisible ?? Infinity, FALLBACK_RECHECK_MS), ctx.signal);
    woken = end === "woken";
    // A caller that has gone away must not take messages it can no longer be sent; a signal it got goes to the next waiter.
    if (ctx.signal?.aborted) {
      if (woken) wakeups.wakeNext(queue.id);
      return render([]);
    }
  }
}
