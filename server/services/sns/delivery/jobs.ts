/** The delivery jobs' names and payloads, shared by the code that enqueues them and the workers. */
import { z } from "zod";
import type { Protocol } from "../limits";

/** Deliveries whose effect is a Postgres write (queues, functions, the outbox): exactly once. */
export const DELIVER_JOB = "sns.deliver";
/** Deliveries to HTTP/S endpoints: at least once, retried by the subscription's delivery policy. */
export const DELIVER_HTTP_JOB = "sns.deliver-http";

export const deliveryPayload = z.union([
  z.object({ deliveryId: z.string() }),
  /** A SubscriptionConfirmation for a pending subscription. */
  z.object({ confirmSubscriptionId: z.string() }),
]);
export type DeliveryPayload = z.infer<typeof deliveryPayload>;

export function jobFor(protocol: Protocol): typeof DELIVER_JOB | typeof DELIVER_HTTP_JOB {
  return protocol === "http" || protocol === "https" ? DELIVER_HTTP_JOB : DELIVER_JOB;
}
