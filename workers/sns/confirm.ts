/**
 * SubscriptionConfirmation messages for pending subscriptions: POSTed to HTTP/S endpoints, put in the
 * team outbox for email addresses, or sent to another account's queue. A failed POST throws, so the
 * outbox's retries try again.
 */
import { prisma } from "../../server/db/client";
import { confirmationFor } from "../../server/services/sns/delivery/content";
import { confirmationEmailBody } from "../../server/services/sns/delivery/email";
import { sendEmail } from "../../server/services/sns/delivery/smtp";
import { queueOf, storeCopies } from "../../server/services/sns/delivery/queue-copy";
import { httpHeaders } from "../../server/services/sns/envelope";
import { toTopic } from "../../server/services/sns/model";
import { signatureVersionOf } from "../../server/services/sns/topic-attributes";
import { subscribeUrl } from "../../server/services/sns/signing-key";
import { withTransaction } from "../../server/db/pool";
import { prepare } from "../../server/services/sqs/send";
import { post } from "./http";

export async function sendConfirmation(subscriptionId: string): Promise<void> {
  const row = await prisma().snsSubscription.findUnique({ where: { id: subscriptionId }, include: { topic: true } });
  if (!row || row.confirmed || !row.confirmationToken) return;
  const topic = toTopic(row.topic);
  const token = row.confirmationToken;
  const envelope = await confirmationFor(prisma(), { topicArn: topic.arn, token }, signatureVersionOf(topic));
  const body = JSON.stringify(envelope);
  switch (row.protocol) {
    case "http":
    case "https":
      await post(row.endpoint, httpHeaders({ type: "SubscriptionConfirmation", messageId: String(envelope.MessageId), topicArn: topic.arn, raw: false }), body);
      return;
    case "email":
    case "email-json": {
      const subject = "AWS Notification - Subscription Confirmation";
      const text = row.protocol === "email" ? confirmationEmailBody(topic, subscribeUrl(topic.arn, token)) : body;
      // Sent before it is recorded: a failed send throws, and the job's retry sends (and records) it again.
      await sendEmail({ to: row.endpoint, subject, text });
      await prisma().snsOutboxItem.create({
        data: {
          accountId: topic.accountId,
          region: topic.region,
          protocol: row.protocol,
          destination: row.endpoint,
          subject,
          body: text,
          topicArn: topic.arn,
          messageId: String(envelope.MessageId),
        },
      });
      return;
    }
    case "sqs": {
      const queue = await queueOf(prisma(), row.endpoint);
      if (!queue) return; // nobody to ask: the subscription stays pending until it expires
      const message = prepare(queue, { MessageBody: body, ...(queue.fifo && { MessageGroupId: "SubscriptionConfirmation", MessageDeduplicationId: String(envelope.MessageId) }) });
      const after = await withTransaction((client) => storeCopies(client, [{ queue, message }]));
      after();
      return;
    }
  }
}
