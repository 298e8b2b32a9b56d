/**
 * Settling a delivery. Each attempt runs in a transaction that first locks the delivery row while it is
 * still pending, so a job that runs twice (a worker died after its effect) finds it settled and stops:
 * the row, not the job, is what makes a delivery happen once.
 */
import type pg from "pg";
import { withTransaction } from "../../server/db/pool";
import { enqueueOutboxWithin } from "../../server/outbox/enqueue";
import { jobFor } from "../../server/services/sns/delivery/jobs";
import type { LoadedDelivery } from "../../server/services/sns/delivery/load";
import { queueCopy, queueOf, storeCopies } from "../../server/services/sns/delivery/queue-copy";
import { DEFAULT_RETRY_POLICY, effectiveRetryPolicy, retryDelaySeconds, storedPolicies } from "../../server/services/sns/delivery-policy";
import { isRawDelivery } from "../../server/services/sns/model";
import { prisma } from "../../server/db/client";

/** Why an attempt failed; only retryable failures (endpoint errors, timeouts) are tried again. */
export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

/** Runs `effect` with the delivery locked, if it is still pending; then what it left for after the commit. */
export async function whilePending(deliveryId: bigint, effect: (client: pg.PoolClient) => Promise<(() => void) | undefined>): Promise<boolean> {
  const outcome = await withTransaction(async (client) => {
    const locked = await client.query("SELECT 1 FROM sns_deliveries WHERE id = $1 AND status = 'pending' FOR UPDATE", [deliveryId]);
    if (locked.rowCount !== 1) return { ran: false };
    return { ran: true, after: await effect(client) };
  });
  outcome.after?.();
  return outcome.ran;
}

export async function markDelivered(client: pg.PoolClient, deliveryId: bigint, statusCode?: number): Promise<void> {
  await client.query(
    "UPDATE sns_deliveries SET status = 'delivered', attempts = attempts + 1, status_code = $2, error = NULL, finished_at = now() WHERE id = $1",
    [deliveryId, statusCode ?? null],
  );
}

/** HTTP/S retries follow the delivery policy (the subscription's, unless the topic forbids overrides). */
function retryDelay(loaded: LoadedDelivery, retry: number): number | undefined {
  const { delivery, subscription, topic } = loaded;
  // Email through SMTP is retried on the default schedule (delivery policies are for HTTP/S only).
  if (delivery.protocol === "email" || delivery.protocol === "email-json") return retryDelaySeconds(DEFAULT_RETRY_POLICY, retry);
  if (delivery.protocol !== "http" && delivery.protocol !== "https") return undefined;
  const policies = storedPolicies(topic?.attributes, subscription?.attributes);
  return retryDelaySeconds(effectiveRetryPolicy(policies.topic, policies.subscription), retry);
}

/** The copy a subscription's dead-letter queue receives: what the endpoint would have received. */
async function redrive(client: pg.PoolClient, loaded: LoadedDelivery): Promise<(() => void) | undefined> {
  const { subscription } = loaded;
  const target = subscription?.attributes.RedrivePolicy;
  if (!target || !subscription) return undefined;
  const queue = await queueOf(prisma(), (JSON.parse(target) as { deadLetterTargetArn: string }).deadLetterTargetArn);
  if (!queue) return undefined;
  const message = await queueCopy(prisma(), queue, loaded.message, {
    subscriptionArn: subscription.arn,
    raw: isRawDelivery(subscription),
    protocol: loaded.delivery.protocol,
  });
  return storeCopies(client, [{ queue, message }]);
}

/** Ends a pending delivery without another attempt: its subscription is gone (unsubscribed, or its topic deleted). */
export async function abandon(loaded: LoadedDelivery): Promise<void> {
  await whilePending(loaded.delivery.id, async (client) => {
    await client.query("UPDATE sns_deliveries SET status = 'failed', error = 'The subscription no longer exists', finished_at = now() WHERE id = $1", [
      loaded.delivery.id,
    ]);
    return undefined;
  });
}

/** Records a failed attempt: schedules the next try, or ends the delivery in the dead-letter queue or as failed. */
export async function settleFailure(loaded: LoadedDelivery, failure: DeliveryFailure): Promise<void> {
  const { delivery } = loaded;
  await whilePending(delivery.id, async (client) => {
    const attempts = delivery.attempts + 1;
    const delay = failure.retryable ? retryDelay(loaded, attempts) : undefined;
    if (delay !== undefined) {
      await client.query("UPDATE sns_deliveries SET attempts = $2, status_code = $3, error = $4 WHERE id = $1", [delivery.id, attempts, failure.statusCode ?? null, failure.message]);
      await enqueueOutboxWithin(client, [
        { accountId: delivery.accountId, region: delivery.region, job: jobFor(delivery.protocol), payload: { deliveryId: String(delivery.id) }, delaySeconds: delay },
      ]);
      return undefined;
    }
    const after = await redrive(client, loaded);
    await client.query("UPDATE sns_deliveries SET status = $2, attempts = $3, status_code = $4, error = $5, finished_at = now() WHERE id = $1", [
      delivery.id,
      after ? "redriven" : "failed",
      attempts,
      failure.statusCode ?? null,
      failure.message,
    ]);
    return after;
  });
}
