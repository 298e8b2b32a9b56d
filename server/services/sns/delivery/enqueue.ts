import type { Db } from "../../../db/client";
import { enqueueOutbox } from "../../../outbox/enqueue";
import type { Protocol } from "../limits";
import type { Topic } from "../model";
import { jobFor } from "./jobs";

/** Sends the SubscriptionConfirmation once the transaction creating the pending subscription commits. */
export async function enqueueConfirmation(tx: Db, topic: Pick<Topic, "accountId" | "region">, subscription: { id: string; protocol: Protocol }): Promise<void> {
  await enqueueOutbox(tx, {
    accountId: topic.accountId,
    region: topic.region,
    job: jobFor(subscription.protocol),
    payload: { confirmSubscriptionId: subscription.id },
  });
}
