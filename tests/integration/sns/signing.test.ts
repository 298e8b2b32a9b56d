// SNS signing and envelopes: the certificate, AWS's string to sign, signatures a subscriber verifies the way
// AWS's docs describe, and the exact shape of each document and header set SNS sends.
import assert from "node:assert/strict";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { before, describe, it } from "node:test";
import {
  type ConfirmationInput,
  confirmationEnvelope,
  httpHeaders,
  lambdaEventRecord,
  notificationEnvelope,
  type NotificationInput,
} from "../../../server/services/sns/envelope";
import { generateSigningKey, type SignatureVersion, stringToSign, verifyMessage } from "../../../server/services/sns/signing";
import { verifiesAsTheDocsSay } from "./assertions";
import { CONFIRMATION_FIELDS, FIFO_NOTIFICATION_FIELDS, LAMBDA_RECORD_FIELDS, NOTIFICATION_FIELDS, unsubscribeUrl, without } from "./fixtures";

const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:orders";
const SUBSCRIPTION_ARN = `${TOPIC_ARN}:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`;
const MESSAGE_ID = "4d4dc071-ddbf-465d-bba8-08f81c89da64";
const TIMESTAMP = new Date("2019-01-31T04:37:04.321Z");
const CERT_URL = "http://localhost:4566/_stratus/sns/SimpleNotificationService-test.pem";
const UNSUBSCRIBE_URL = unsubscribeUrl(SUBSCRIPTION_ARN);

let key: { privateKeyPem: string; certificatePem: string };

before(() => {
  key = generateSigningKey("sns.stratus.test");
});

/** What a subscriber parses from the POST body: the document after a round trip through JSON. */
const received = (document: object): Record<string, unknown> => JSON.parse(JSON.stringify(document));

type SignedNotificationInput = Omit<NotificationInput, "sequenceNumber">;

/** A notification's input: the same message, topic, time and links in every test unless overridden. */
function notificationInput(signatureVersion: SignatureVersion, overrides: Partial<SignedNotificationInput> = {}): SignedNotificationInput {
  return {
    messageId: MESSAGE_ID,
    topicArn: TOPIC_ARN,
    message: "My Test Message\nwith a second line and ünïcödé",
    timestamp: TIMESTAMP,
    signatureVersion,
    signingCertUrl: CERT_URL,
    unsubscribeUrl: UNSUBSCRIBE_URL,
    privateKey: key.privateKeyPem,
    ...overrides,
  };
}

const notification = (signatureVersion: SignatureVersion, overrides?: Partial<SignedNotificationInput>) =>
  notificationEnvelope(notificationInput(signatureVersion, overrides));

function confirmation(signatureVersion: SignatureVersion, type: ConfirmationInput["type"]) {
  const common = {
    messageId: MESSAGE_ID,
    token: "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad",
    topicArn: TOPIC_ARN,
    subscribeUrl: "http://localhost:4566/?Action=ConfirmSubscription&TopicArn=x&Token=y",
    timestamp: TIMESTAMP,
    signatureVersion,
    signingCertUrl: CERT_URL,
    privateKey: key.privateKeyPem,
  };
  return confirmationEnvelope(type === "SubscriptionConfirmation" ? { ...common, type } : { ...common, type, subscriptionArn: SUBSCRIPTION_ARN });
}

describe("generateSigningKey", () => {
  it("makes a 2048-bit RSA key with a self-signed certificate for it, valid for ten years, that Node reads", () => {
    const certificate = new X509Certificate(key.certificatePem);
    assert.equal(certificate.subject, "CN=sns.stratus.test");
    assert.equal(certificate.issuer, "CN=sns.stratus.test");
    assert.ok(certificate.verify(certificate.publicKey), "self-signed");
    assert.ok(certificate.checkPrivateKey(createPrivateKey(key.privateKeyPem)));
    assert.equal(certificate.publicKey.asymmetricKeyType, "rsa");
    assert.equal(certificate.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
    const validFrom = new Date(certificate.validFrom);
    const validTo = new Date(certificate.validTo);
    assert.ok(Math.abs(validFrom.getTime() - Date.now()) < 60_000);
    assert.equal(validTo.getUTCFullYear() - validFrom.getUTCFullYear(), 10);
  });
});

describe("stringToSign", () => {
  it("leaves Subject out of a notification that has none", () => {
    assert.equal(
      stringToSign({ Type: "Notification", Message: "Hi", MessageId: MESSAGE_ID, Timestamp: "2019-01-31T04:37:04.321Z", TopicArn: TOPIC_ARN }),
      `Message\nHi\nMessageId\n${MESSAGE_ID}\nTimestamp\n2019-01-31T04:37:04.321Z\nTopicArn\n${TOPIC_ARN}\nType\nNotification\n`,
    );
    assert.equal(
      stringToSign({ Type: "Notification", Message: "Hi", MessageId: MESSAGE_ID, Subject: null, Timestamp: "t", TopicArn: TOPIC_ARN }),
      `Message\nHi\nMessageId\n${MESSAGE_ID}\nTimestamp\nt\nTopicArn\n${TOPIC_ARN}\nType\nNotification\n`,
    );
  });

  it("puts Subject between MessageId and Timestamp when there is one", () => {
    assert.equal(
      stringToSign({ Type: "Notification", Message: "Hi", MessageId: MESSAGE_ID, Subject: "My subject", Timestamp: "t", TopicArn: TOPIC_ARN }),
      `Message\nHi\nMessageId\n${MESSAGE_ID}\nSubject\nMy subject\nTimestamp\nt\nTopicArn\n${TOPIC_ARN}\nType\nNotification\n`,
    );
  });

  it("signs a confirmation's SubscribeURL and Token", () => {
    assert.equal(
      stringToSign({
        Type: "SubscriptionConfirmation",
        Message: "m",
        MessageId: MESSAGE_ID,
        SubscribeURL: "https://example.com/confirm",
        Timestamp: "t",
        Token: "tok",
        TopicArn: TOPIC_ARN,
      }),
      `Message\nm\nMessageId\n${MESSAGE_ID}\nSubscribeURL\nhttps://example.com/confirm\nTimestamp\nt\nToken\ntok\nTopicArn\n${TOPIC_ARN}\nType\nSubscriptionConfirmation\n`,
    );
  });
});

for (const version of ["1", "2"] as const) {
  describe(`signature version ${version}`, () => {
    it("signs notifications, with and without a subject, so a subscriber following AWS's docs verifies them", () => {
      for (const envelope of [notification(version), notification(version, { subject: "My subject" })]) {
        assert.equal(envelope.SignatureVersion, version);
        assert.ok(verifiesAsTheDocsSay(received(envelope), key.certificatePem));
        assert.ok(verifyMessage(envelope, key.certificatePem));
      }
    });

    it("signs subscription and unsubscribe confirmations", () => {
      for (const envelope of [confirmation(version, "SubscriptionConfirmation"), confirmation(version, "UnsubscribeConfirmation")]) {
        assert.ok(verifiesAsTheDocsSay(received(envelope), key.certificatePem));
        assert.ok(verifyMessage(envelope, key.certificatePem));
      }
    });

    it("fails verification once the Message is tampered with", () => {
      const envelope = notification(version, { subject: "s" });
      const tampered = { ...envelope, Message: `${envelope.Message}!` };
      assert.equal(verifiesAsTheDocsSay(received(tampered), key.certificatePem), false);
      assert.equal(verifyMessage(tampered, key.certificatePem), false);
    });

    it("fails verification under the other version's hash, an unknown version, or another key", () => {
      const envelope = notification(version);
      assert.equal(verifyMessage({ ...envelope, SignatureVersion: version === "1" ? "2" : "1" }, key.certificatePem), false);
      assert.equal(verifyMessage({ ...envelope, SignatureVersion: "3" }, key.certificatePem), false);
      assert.equal(verifyMessage(envelope, generateSigningKey("other").certificatePem), false);
    });
  });
}

describe("notificationEnvelope", () => {
  it("writes AWS's fields in AWS's order, attributes last with binary values in base64", () => {
    const envelope = notification("1", {
      subject: "My subject",
      message: "Hello",
      messageAttributes: {
        store: { DataType: "String", StringValue: "example_corp" },
        price: { DataType: "Number", StringValue: "9.99" },
        blob: { DataType: "Binary", BinaryValue: new Uint8Array([2, 3, 4]) },
      },
    });
    const { Signature, ...rest } = envelope;
    assert.match(Signature, /^[A-Za-z0-9+/]+=*$/);
    assert.deepEqual(Object.keys(envelope), NOTIFICATION_FIELDS);
    assert.deepEqual(rest, {
      Type: "Notification",
      MessageId: MESSAGE_ID,
      TopicArn: TOPIC_ARN,
      Subject: "My subject",
      Message: "Hello",
      Timestamp: "2019-01-31T04:37:04.321Z",
      SignatureVersion: "1",
      SigningCertURL: CERT_URL,
      UnsubscribeURL: UNSUBSCRIBE_URL,
      MessageAttributes: {
        store: { Type: "String", Value: "example_corp" },
        price: { Type: "Number", Value: "9.99" },
        blob: { Type: "Binary", Value: "AgME" },
      },
    });
  });

  it("leaves out Subject and MessageAttributes when there are none", () => {
    assert.deepEqual(Object.keys(notification("2")), without(NOTIFICATION_FIELDS, "Subject", "MessageAttributes"));
  });

  it("numbers FIFO notifications and sends them unsigned, as AWS does", () => {
    const envelope = notificationEnvelope({
      ...notificationInput("2", { topicArn: `${TOPIC_ARN}.fifo`, subject: "s", message: "Hello", messageAttributes: { n: { DataType: "Number", StringValue: "1" } } }),
      sequenceNumber: "10000000000000003000",
    });
    assert.deepEqual(envelope, {
      Type: "Notification",
      MessageId: MESSAGE_ID,
      SequenceNumber: "10000000000000003000",
      TopicArn: `${TOPIC_ARN}.fifo`,
      Subject: "s",
      Message: "Hello",
      Timestamp: "2019-01-31T04:37:04.321Z",
      UnsubscribeURL: UNSUBSCRIBE_URL,
      MessageAttributes: { n: { Type: "Number", Value: "1" } },
    });
    assert.deepEqual(Object.keys(envelope), FIFO_NOTIFICATION_FIELDS);
  });
});

describe("confirmationEnvelope", () => {
  it("writes AWS's order and wording for subscription and unsubscribe confirmations", () => {
    const subscribe = confirmation("1", "SubscriptionConfirmation");
    assert.deepEqual(Object.keys(subscribe), CONFIRMATION_FIELDS);
    assert.equal(subscribe.Type, "SubscriptionConfirmation");
    assert.equal(
      subscribe.Message,
      `You have chosen to subscribe to the topic ${TOPIC_ARN}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    );
    const unsubscribe = confirmation("1", "UnsubscribeConfirmation");
    assert.deepEqual(Object.keys(unsubscribe), CONFIRMATION_FIELDS);
    assert.equal(unsubscribe.Type, "UnsubscribeConfirmation");
    assert.equal(
      unsubscribe.Message,
      `You have chosen to deactivate subscription ${SUBSCRIPTION_ARN}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`,
    );
  });
});

describe("lambdaEventRecord", () => {
  const record = (signatureVersion: SignatureVersion, overrides?: Partial<SignedNotificationInput>) =>
    lambdaEventRecord({ ...notificationInput(signatureVersion, { message: "Hello from SNS!", ...overrides }), subscriptionArn: SUBSCRIPTION_ARN }).Records[0];

  it("is the event Lambda receives: null Subject, Url spellings, MessageAttributes always present", () => {
    const event = record("1");
    assert.deepEqual(Object.keys(event), ["EventSource", "EventVersion", "EventSubscriptionArn", "Sns"]);
    assert.deepEqual(Object.keys(event.Sns), LAMBDA_RECORD_FIELDS);
    assert.deepEqual({ ...event, Sns: { ...event.Sns, Signature: "<signature>" } }, {
      EventSource: "aws:sns",
      EventVersion: "1.0",
      EventSubscriptionArn: SUBSCRIPTION_ARN,
      Sns: {
        Type: "Notification",
        MessageId: MESSAGE_ID,
        TopicArn: TOPIC_ARN,
        Subject: null,
        Message: "Hello from SNS!",
        Timestamp: "2019-01-31T04:37:04.321Z",
        SignatureVersion: "1",
        Signature: "<signature>",
        SigningCertUrl: CERT_URL,
        UnsubscribeUrl: UNSUBSCRIBE_URL,
        MessageAttributes: {},
      },
    });
    assert.ok(verifyMessage(event.Sns, key.certificatePem));
  });

  it("says SignatureVersion 1 even for a version 2 topic, whose signature is still SHA256 (AWS's quirk)", () => {
    const { Sns } = record("2", { subject: "s", messageAttributes: { a: { DataType: "String", StringValue: "b" } } });
    assert.equal(Sns.SignatureVersion, "1");
    assert.equal(Sns.Subject, "s");
    assert.deepEqual(Sns.MessageAttributes, { a: { Type: "String", Value: "b" } });
    assert.equal(verifyMessage(Sns, key.certificatePem), false);
    assert.ok(verifyMessage({ ...Sns, SignatureVersion: "2" }, key.certificatePem));
  });
});

describe("httpHeaders", () => {
  const common = { messageId: MESSAGE_ID, topicArn: TOPIC_ARN, subscriptionArn: SUBSCRIPTION_ARN };
  /** What every request SNS sends says of itself: the message's type and ids, and SNS's agent. */
  const sent = (type: string) => ({
    "x-amz-sns-message-type": type,
    "x-amz-sns-message-id": MESSAGE_ID,
    "x-amz-sns-topic-arn": TOPIC_ARN,
    "User-Agent": "Amazon Simple Notification Service Agent",
    "Accept-Encoding": "gzip,deflate",
  });

  it("sends a notification's type, ids, subscription and the policy's content type", () => {
    assert.deepEqual(httpHeaders({ ...common, type: "Notification", raw: false }), {
      ...sent("Notification"),
      "x-amz-sns-subscription-arn": SUBSCRIPTION_ARN,
      "Content-Type": "text/plain; charset=UTF-8",
    });
    assert.deepEqual(httpHeaders({ ...common, type: "Notification", raw: true, contentType: "application/json" }), {
      ...sent("Notification"),
      "x-amz-sns-subscription-arn": SUBSCRIPTION_ARN,
      "x-amz-sns-rawdelivery": "true",
      "Content-Type": "application/json",
    });
  });

  it("sends confirmations as text/plain; only the unsubscribe confirmation names the subscription", () => {
    assert.deepEqual(httpHeaders({ ...common, type: "SubscriptionConfirmation", raw: true, contentType: "application/json" }), {
      ...sent("SubscriptionConfirmation"),
      "Content-Type": "text/plain; charset=UTF-8",
    });
    assert.equal(httpHeaders({ ...common, type: "UnsubscribeConfirmation", raw: false })["x-amz-sns-subscription-arn"], SUBSCRIPTION_ARN);
  });
});
