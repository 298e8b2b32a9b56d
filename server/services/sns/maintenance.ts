import type { Db } from "../../db/client";

/** How long the delivery status log and the outbox keep settled entries. */
const DELIVERY_LOG_DAYS = 7;
const OUTBOX_DAYS = 30;
/** Messages are kept a day after publishing, and longer while a delivery of theirs is still pending. */
const MESSAGE_HOURS = 24;

/**
 * Periodic upkeep: expired FIFO deduplication claims, pending subscriptions whose confirmation token
 * lapsed (AWS drops them after three days), messages no delivery needs any more, and old delivery log
 * and outbox entries.
 */
export async function snsMaintenance(tx: Db): Promise<void> {
  await tx.$executeRaw`DELETE FROM sns_deduplication WHERE expires_at <= now()`;
  await tx.$executeRaw`DELETE FROM sns_subscriptions WHERE NOT confirmed AND token_expires_at <= now()`;
  await tx.$executeRaw`
    DELETE FROM sns_messages m
     WHERE m.published_at <= now() - make_interval(hours => ${MESSAGE_HOURS})
       AND NOT EXISTS (SELECT 1 FROM sns_deliveries d WHERE d.message_id = m.message_id AND d.status = 'pending')`;
  await tx.$executeRaw`DELETE FROM sns_deliveries WHERE status <> 'pending' AND created_at <= now() - make_interval(days => ${DELIVERY_LOG_DAYS})`;
  await tx.$executeRaw`DELETE FROM sns_outbox_items WHERE created_at <= now() - make_interval(days => ${OUTBOX_DAYS})`;
}
