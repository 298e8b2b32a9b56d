/**
 * A notification's copy for an SQS queue, the same wherever it is made: at publish time, by a delivery
 * job retrying a queue that refused it, or for a subscription's dead-letter queue.
 */
import type pg from "pg";
import type { Db } from "../../../db/client";
import { parseArn } from "../../../lib/arn";
import type { Queue } from "../../sqs/model";
import { type PreparedMessage, prepare, type QueueCopy, storeWithin } from "../../sqs/send";
import { findQueue } from "../../sqs/store";
import { decodedAttributes } from "../message-attributes";
import { type BodyOptions, notificationBody, type PublishedMessage } from "./content";

/** The SenderId SQS reports for messages SNS delivered (the SNS service's principal on AWS). */
const SNS_SENDER_ID = "AIDAIT2UOQQY3AUEKVGXU";

/** The queue an SQS ARN names, if it exists. */
export async function queueOf(db: Db, queueArn: string): Promise<Queue | null> {
  const arn = parseArn(queueArn);
  return arn ? findQueue(db, arn.accountId, arn.region, arn.resource) : null;
}

/**
 * The SQS message: the notification body, and with raw delivery the message attributes as SQS message
 * attributes. A FIFO queue gets the message's group and deduplication ID (the message ID when the topic
 * gave it none). Throws the queue's AwsError when it refuses the message (too large for it, say).
 */
export async function queueCopy(db: Db, queue: Queue, published: PublishedMessage, options: BodyOptions): Promise<PreparedMessage> {
  return prepare(queue, {
    MessageBody: await notificationBody(db, published, options),
    MessageAttributes: options.raw ? decodedAttributes(published.attributes) : undefined,
    ...(queue.fifo && { MessageGroupId: published.groupId, MessageDeduplicationId: published.deduplicationId ?? published.messageId }),
  });
}

/** Stores copies in their queues inside the caller's transaction; returns what to run once it commits. */
export function storeCopies(client: pg.PoolClient, copies: QueueCopy[]): Promise<() => void> {
  return storeWithin(client, SNS_SENDER_ID, copies);
}
