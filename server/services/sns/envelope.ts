// The documents SNS delivers, with AWS's field names and order: subscribers compare them with what AWS sends,
// and JSON.stringify keeps insertion order, so each builder writes its fields in AWS's order.
import type { KeyObject } from "node:crypto";
import { DEFAULT_HEADER_CONTENT_TYPE } from "./delivery-policy";
import { type SignatureVersion, signMessage } from "./signing";

export type MessageType = "Notification" | "SubscriptionConfirmation" | "UnsubscribeConfirmation";

/** A published message attribute (binary values as raw bytes). */
export interface MessageAttributeInput {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

/** Attributes as envelopes carry them: binary values in base64. */
export type EnvelopeMessageAttributes = Record<string, { Type: string; Value: string }>;

interface SigningInput {
  signatureVersion: SignatureVersion;
  signingCertUrl: string;
  /** A parsed key (createPrivateKey) saves parsing the PEM on every signature. */
  privateKey: KeyObject | string;
}

export interface NotificationInput extends SigningInput {
  messageId: string;
  topicArn: string;
  subject?: string;
  message: string;
  timestamp: Date;
  unsubscribeUrl: string;
  messageAttributes?: Readonly<Record<string, MessageAttributeInput>>;
  /**
   * FIFO topics only. AWS sends FIFO notifications unsigned (no SignatureVersion, Signature or
   * SigningCertURL), so the signing fields go unused; MessageGroupId and MessageDeduplicationId travel as the
   * SQS message's own attributes, never in the body.
   */
  sequenceNumber?: string;
}

// Types rather than interfaces, so envelopes pass as Record<string, unknown> (JSON helpers, job payloads).
type NotificationFields = {
  Type: "Notification";
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  Timestamp: string;
  UnsubscribeURL: string;
  MessageAttributes?: EnvelopeMessageAttributes;
};

export type SignedNotificationEnvelope = NotificationFields & {
  SignatureVersion: SignatureVersion;
  Signature: string;
  SigningCertURL: string;
};

export type FifoNotificationEnvelope = NotificationFields & { SequenceNumber: string };

export type NotificationEnvelope = SignedNotificationEnvelope | FifoNotificationEnvelope;

/** The Notification body SNS sends to HTTP/S, SQS and email-json subscribers (without raw delivery). */
export function notificationEnvelope(input: NotificationInput & { sequenceNumber: string }): FifoNotificationEnvelope;
export function notificationEnvelope(input: NotificationInput & { sequenceNumber?: undefined }): SignedNotificationEnvelope;
export function notificationEnvelope(input: NotificationInput): NotificationEnvelope;
export function notificationEnvelope(input: NotificationInput): NotificationEnvelope {
  const timestamp = input.timestamp.toISOString();
  const subject = input.subject === undefined ? {} : { Subject: input.subject };
  const attributes =
    input.messageAttributes === undefined || Object.keys(input.messageAttributes).length === 0
      ? {}
      : { MessageAttributes: envelopeAttributes(input.messageAttributes) };
  if (input.sequenceNumber !== undefined) {
    return {
      Type: "Notification",
      MessageId: input.messageId,
      SequenceNumber: input.sequenceNumber,
      TopicArn: input.topicArn,
      ...subject,
      Message: input.message,
      Timestamp: timestamp,
      UnsubscribeURL: input.unsubscribeUrl,
      ...attributes,
    };
  }
  return {
    Type: "Notification",
    MessageId: input.messageId,
    TopicArn: input.topicArn,
    ...subject,
    Message: input.message,
    Timestamp: timestamp,
    SignatureVersion: input.signatureVersion,
    Signature: signNotification(input, timestamp),
    SigningCertURL: input.signingCertUrl,
    UnsubscribeURL: input.unsubscribeUrl,
    ...attributes,
  };
}

export type ConfirmationInput = SigningInput & {
  messageId: string;
  token: string;
  topicArn: string;
  subscribeUrl: string;
  timestamp: Date;
} & ({ type: "SubscriptionConfirmation" } | { type: "UnsubscribeConfirmation"; subscriptionArn: string });

export type ConfirmationEnvelope = {
  Type: "SubscriptionConfirmation" | "UnsubscribeConfirmation";
  MessageId: string;
  Token: string;
  TopicArn: string;
  Message: string;
  SubscribeURL: string;
  Timestamp: string;
  SignatureVersion: SignatureVersion;
  Signature: string;
  SigningCertURL: string;
};

/** The SubscriptionConfirmation or UnsubscribeConfirmation body, with AWS's wording for Message. */
export function confirmationEnvelope(input: ConfirmationInput): ConfirmationEnvelope {
  const fields = {
    Type: input.type,
    MessageId: input.messageId,
    Token: input.token,
    TopicArn: input.topicArn,
    Message:
      input.type === "SubscriptionConfirmation"
        ? `You have chosen to subscribe to the topic ${input.topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`
        : `You have chosen to deactivate subscription ${input.subscriptionArn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: input.subscribeUrl,
    Timestamp: input.timestamp.toISOString(),
  };
  return {
    ...fields,
    SignatureVersion: input.signatureVersion,
    Signature: signMessage(fields, input.privateKey, input.signatureVersion),
    SigningCertURL: input.signingCertUrl,
  };
}

export type LambdaEventInput = Omit<NotificationInput, "sequenceNumber"> & { subscriptionArn: string };

export type LambdaSnsEvent = {
  Records: [
    {
      EventSource: "aws:sns";
      EventVersion: "1.0";
      EventSubscriptionArn: string;
      Sns: {
        Type: "Notification";
        MessageId: string;
        TopicArn: string;
        Subject: string | null;
        Message: string;
        Timestamp: string;
        SignatureVersion: "1";
        Signature: string;
        SigningCertUrl: string;
        UnsubscribeUrl: string;
        MessageAttributes: EnvelopeMessageAttributes;
      };
    },
  ];
};

/**
 * The event a subscribed Lambda function receives. It differs from the HTTP/S body on purpose, as AWS's
 * does: Subject is null rather than absent, the URL fields are spelled SigningCertUrl and UnsubscribeUrl,
 * MessageAttributes is always present, and SignatureVersion always reads "1" even when the topic signs
 * with version 2 (the signature itself uses the topic's version).
 */
export function lambdaEventRecord(input: LambdaEventInput): LambdaSnsEvent {
  const timestamp = input.timestamp.toISOString();
  return {
    Records: [
      {
        EventSource: "aws:sns",
        EventVersion: "1.0",
        EventSubscriptionArn: input.subscriptionArn,
        Sns: {
          Type: "Notification",
          MessageId: input.messageId,
          TopicArn: input.topicArn,
          Subject: input.subject ?? null,
          Message: input.message,
          Timestamp: timestamp,
          SignatureVersion: "1",
          Signature: signNotification(input, timestamp),
          SigningCertUrl: input.signingCertUrl,
          UnsubscribeUrl: input.unsubscribeUrl,
          MessageAttributes: envelopeAttributes(input.messageAttributes ?? {}),
        },
      },
    ],
  };
}

export interface HttpHeadersInput {
  type: MessageType;
  messageId: string;
  topicArn: string;
  /** Sent with notifications and unsubscribe confirmations; a pending subscription has no ARN yet. */
  subscriptionArn?: string;
  raw: boolean;
  /** The delivery policy's headerContentType; it applies to notifications only. */
  contentType?: string;
}

/** The headers of SNS's HTTP/S POSTs (the HTTP client adds Host, Content-Length and Connection). */
export function httpHeaders(input: HttpHeadersInput): Record<string, string> {
  const notification = input.type === "Notification";
  return {
    "x-amz-sns-message-type": input.type,
    "x-amz-sns-message-id": input.messageId,
    "x-amz-sns-topic-arn": input.topicArn,
    ...(input.type !== "SubscriptionConfirmation" && input.subscriptionArn !== undefined
      ? { "x-amz-sns-subscription-arn": input.subscriptionArn }
      : {}),
    ...(notification && input.raw ? { "x-amz-sns-rawdelivery": "true" } : {}),
    "Content-Type": (notification ? input.contentType : undefined) ?? DEFAULT_HEADER_CONTENT_TYPE,
    "User-Agent": "Amazon Simple Notification Service Agent",
    "Accept-Encoding": "gzip,deflate",
  };
}

function signNotification(input: Omit<NotificationInput, "sequenceNumber">, timestamp: string): string {
  return signMessage(
    {
      Type: "Notification",
      Message: input.message,
      MessageId: input.messageId,
      Subject: input.subject,
      Timestamp: timestamp,
      TopicArn: input.topicArn,
    },
    input.privateKey,
    input.signatureVersion,
  );
}

function envelopeAttributes(attributes: Readonly<Record<string, MessageAttributeInput>>): EnvelopeMessageAttributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, attribute]) => [
      name,
      {
        Type: attribute.DataType,
        Value: attribute.BinaryValue === undefined ? (attribute.StringValue ?? "") : Buffer.from(attribute.BinaryValue).toString("base64"),
      },
    ]),
  );
}
