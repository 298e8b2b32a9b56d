import type { Db } from "../../db/client";
import { NAME_REUSE_DELAY_SECONDS } from "./limits";

/**
 * Periodic upkeep across all queues: deletes messages past their queue's retention period, expired
 * FIFO deduplication / receive-attempt records and lapsed deleted-queue name reservations, and samples
 * each queue's oldest message age for the console's chart. Receives already skip expired messages;
 * this reclaims the rows.
 */
export async function sqsMaintenance(tx: Db): Promise<void> {
  await tx.$executeRaw`
    DELETE FROM sqs_messages m USING sqs_queues q
     WHERE m.queue_id = q.id AND m.enqueued_at <= now() - make_interval(secs => q.message_retention_period)`;
  await tx.$executeRaw`DELETE FROM sqs_deduplication WHERE expires_at <= now()`;
  await tx.$executeRaw`DELETE FROM sqs_receive_attempts WHERE expires_at <= now()`;
  // Prisma stores these timestamps as UTC without a zone.
  await tx.$executeRaw`
    DELETE FROM sqs_deleted_queues WHERE deleted_at <= timezone('UTC', now()) - make_interval(secs => ${NAME_REUSE_DELAY_SECONDS})`;
  await tx.$executeRaw`
    INSERT INTO sqs_queue_metrics (queue_id, minute, oldest_age_seconds)
    SELECT queue_id, date_trunc('minute', now()), extract(epoch FROM now() - min(sent_at))::int
      FROM sqs_messages GROUP BY queue_id
    ON CONFLICT (queue_id, minute) DO UPDATE SET oldest_age_seconds = EXCLUDED.oldest_age_seconds`;
}
