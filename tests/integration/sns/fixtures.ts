/**
 * What the SNS tests expect, stated once and written from AWS's documentation rather than imported from
 * the code under test: the fields of SNS's documents in AWS's order, the links SNS builds on the public
 * gateway URL (http://localhost:4566 when nothing else is configured), and AWS's default HTTP/S retries.
 */

/** A notification's fields in AWS's order; Subject and MessageAttributes are left out when there are none. */
export const NOTIFICATION_FIELDS = [
  "Type",
  "MessageId",
  "TopicArn",
  "Subject",
  "Message",
  "Timestamp",
  "SignatureVersion",
  "Signature",
  "SigningCertURL",
  "UnsubscribeURL",
  "MessageAttributes",
];

/** Lambda's event record holds the same fields, always all of them, but spells the two links `…Url`. */
export const LAMBDA_RECORD_FIELDS = NOTIFICATION_FIELDS.map((field) => field.replace(/URL$/, "Url"));

/** A FIFO topic's notification: numbered, and unsigned as on AWS. */
export const FIFO_NOTIFICATION_FIELDS = ["Type", "MessageId", "SequenceNumber", "TopicArn", "Subject", "Message", "Timestamp", "UnsubscribeURL", "MessageAttributes"];

/** A SubscriptionConfirmation's or UnsubscribeConfirmation's fields in AWS's order. */
export const CONFIRMATION_FIELDS = ["Type", "MessageId", "Token", "TopicArn", "Message", "SubscribeURL", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL"];

/** `fields` without the optional ones a document leaves out. */
export const without = (fields: readonly string[], ...absent: string[]) => fields.filter((field) => !absent.includes(field));

/** The unsubscribe link SNS puts in a subscription's notifications. */
export const unsubscribeUrl = (subscriptionArn: string) => `http://localhost:4566/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`;

/** AWS's default HTTP/S retry policy: three retries, 20 seconds apart. */
export const DEFAULT_HEALTHY_RETRY_POLICY = { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: "linear" };
