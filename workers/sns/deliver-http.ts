/** Notifications to HTTP/S endpoints: POSTed outside any transaction (the endpoint is not ours), then settled. */
import { prisma } from "../../server/db/client";
import { notificationBody } from "../../server/services/sns/delivery/content";
import type { LoadedDelivery } from "../../server/services/sns/delivery/load";
import { effectiveHeaderContentType, storedPolicies } from "../../server/services/sns/delivery-policy";
import { httpHeaders } from "../../server/services/sns/envelope";
import { isRawDelivery } from "../../server/services/sns/model";
import { post } from "./http";
import { DeliveryFailure, markDelivered, settleFailure, whilePending } from "./settle";

export async function deliverOverHttp(loaded: LoadedDelivery): Promise<void> {
  const { delivery, message, subscription, topic } = loaded;
  const raw = isRawDelivery(subscription);
  const body = await notificationBody(prisma(), message, { subscriptionArn: delivery.subscriptionArn ?? "", raw, protocol: delivery.protocol });
  const policies = storedPolicies(topic?.attributes, subscription?.attributes);
  const contentType = effectiveHeaderContentType(policies.topic, policies.subscription);
  const headers = httpHeaders({
    type: "Notification",
    messageId: message.messageId,
    topicArn: message.topicArn ?? message.target,
    subscriptionArn: delivery.subscriptionArn ?? undefined,
    raw,
    contentType,
  });
  let status: number;
  try {
    status = await post(delivery.endpoint, headers, body);
  } catch (error) {
    if (error instanceof DeliveryFailure) return settleFailure(loaded, error);
    throw error;
  }
  await whilePending(delivery.id, async (client) => {
    await markDelivered(client, delivery.id, status);
    return undefined;
  });
}
