import { defineJob } from "../../server/outbox/job";
import { DELIVER_HTTP_JOB, DELIVER_JOB, type DeliveryPayload, deliveryPayload } from "../../server/services/sns/delivery/jobs";
import { loadDelivery } from "../../server/services/sns/delivery/load";
import { sendConfirmation } from "../sns/confirm";
import { deliverInternally } from "../sns/deliver";
import { deliverOverHttp } from "../sns/deliver-http";
import { abandon } from "../sns/settle";

async function run(payload: DeliveryPayload, deliver: typeof deliverInternally): Promise<void> {
  if ("confirmSubscriptionId" in payload) return sendConfirmation(payload.confirmSubscriptionId);
  const loaded = await loadDelivery(payload.deliveryId);
  // A delivery whose message was pruned, or that has settled, has nothing left to do.
  if (!loaded || loaded.delivery.status !== "pending") return;
  // An unsubscribed endpoint gets nothing more, retries included.
  if (loaded.delivery.subscriptionArn !== null && !loaded.subscription) return abandon(loaded);
  await deliver(loaded);
}

/**
 * One message to one subscription. Both jobs are at-least-once at the job level; the delivery row,
 * locked while pending, makes each delivery's effect happen once (see workers/sns/settle.ts).
 */
export const snsDeliver = defineJob({
  name: DELIVER_JOB,
  mode: "at-least-once",
  schema: deliveryPayload,
  handler: (payload) => run(payload, deliverInternally),
});

/** HTTP/S endpoints may be slow: their own queue, with more at once, keeps them from holding up queue and function deliveries. */
export const snsDeliverHttp = defineJob({
  name: DELIVER_HTTP_JOB,
  mode: "at-least-once",
  schema: deliveryPayload,
  concurrency: 16,
  handler: (payload) => run(payload, deliverOverHttp),
});
