// SNS subscriptions through the SDK: Subscribe per protocol (endpoint checks, idempotency, confirmation), the
// List operations, subscription attributes, and the HTTP and email confirmation flows as a subscriber sees them:
// signed SubscriptionConfirmation POSTs, the SubscribeURL and UnsubscribeURL links, and the team outbox.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sns from "@aws-sdk/client-sns";
import { trpcAs } from "../../helpers/fixtures";
import { assertSignedDocument, verifiesAsTheDocsSay } from "./assertions";
import { CONFIRMATION_FIELDS, DEFAULT_HEALTHY_RETRY_POLICY, NOTIFICATION_FIELDS, unsubscribeUrl, without } from "./fixtures";
import { assertSnsError, type HttpReceiver, type SnsHarness, startReceiver, startSnsHarness, uniqueName, waitFor } from "./harness";

let h: SnsHarness;
let receiver: HttpReceiver;
before(async () => {
  h = await startSnsHarness();
  receiver = await startReceiver();
});
after(async () => {
  await receiver.close();
  await h.close();
});

const INVALID = { name: "InvalidParameterException", status: 400 };
const subscribe = (input: sns.SubscribeCommandInput) => h.sns.send(new sns.SubscribeCommand(input));
const attributesOf = async (SubscriptionArn: string) => (await h.sns.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes ?? {};
const setAttribute = (SubscriptionArn: string, AttributeName: string, AttributeValue: string) =>
  h.sns.send(new sns.SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName, AttributeValue }));
const lambdaArn = (name: string) => `arn:aws:lambda:us-east-1:${h.team.accountId}:function:${name}`;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${h.team.accountId}:${name}`;

async function listByTopic(TopicArn: string): Promise<sns.Subscription[]> {
  return (await h.sns.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions ?? [];
}

async function listAll(): Promise<sns.Subscription[]> {
  const all: sns.Subscription[] = [];
  let NextToken: string | undefined;
  do {
    const page = await h.sns.send(new sns.ListSubscriptionsCommand({ NextToken }));
    all.push(...(page.Subscriptions ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
}

/** The requests the receiver got on `path`, once there are `n`. */
async function requestsTo(path: string, n: number, timeoutMs = 10_000) {
  return waitFor(`${n} requests to ${path}`, () => {
    const got = receiver.requests.filter((r) => r.path === path);
    return got.length >= n ? got : undefined;
  }, timeoutMs);
}

/** Extracts the outbox items of the team, newest first, through the console's tRPC router. */
const outbox = (protocol?: "email" | "email-json" | "sms" | "application") => trpcAs(h.team, { accountId: h.team.accountId }).sns.listOutbox({ protocol });

describe("Subscribe", () => {
  it("subscribes a queue at once (same account) and reports its attributes", async () => {
    const TopicArn = await h.topic("sub-sqs");
    const queue = await h.queue("sub-sqs");
    const { SubscriptionArn } = await subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn });
    assert.match(SubscriptionArn!, new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    assert.deepEqual(await attributesOf(SubscriptionArn!), {
      SubscriptionArn,
      TopicArn,
      Owner: h.team.accountId,
      Protocol: "sqs",
      Endpoint: queue.arn,
      ConfirmationWasAuthenticated: "true",
      PendingConfirmation: "false",
      RawMessageDelivery: "false",
    });
    // A queue that does not exist (yet) is accepted, as on AWS.
    const later = await subscribe({ TopicArn, Protocol: "sqs", Endpoint: queueArn(uniqueName("not-yet")) });
    assert.match(later.SubscriptionArn!, /^arn:aws:sns:/);
  });

  it("checks each protocol's endpoint", async () => {
    const TopicArn = await h.topic("sub-endpoints");
    const cases: [string, string, string | RegExp][] = [
      ["sqs", `${h.gateway.url}/${h.team.accountId}/a-queue`, "Invalid parameter: SQS endpoint ARN"],
      ["sqs", "arn:aws:sns:us-east-1:123456789012:not-a-queue", "Invalid parameter: SQS endpoint ARN"],
      ["lambda", "my-function", "Invalid parameter: Lambda endpoint ARN"],
      ["lambda", queueArn("q"), "Invalid parameter: Lambda endpoint ARN"],
      ["http", "https://example.com/hook", "Invalid parameter: Endpoint must match the specified protocol"],
      ["https", "http://example.com/hook", "Invalid parameter: Endpoint must match the specified protocol"],
      ["http", "not a url", "Invalid parameter: Endpoint must match the specified protocol"],
      ["email", "not-an-address", "Invalid parameter: Email address"],
      ["email-json", "nobody@", "Invalid parameter: Email address"],
      ["sms", "invalid-number", "Invalid SMS endpoint: invalid-number"],
      ["application", `arn:aws:sns:us-east-1:${h.team.accountId}:endpoint/GCM/app/00000000-0000-0000-0000-000000000000`, /Endpoint does not exist/],
      ["carrier-pigeon", "coop 7", "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon"],
    ];
    for (const [Protocol, Endpoint, message] of cases) {
      await assertSnsError(subscribe({ TopicArn, Protocol, Endpoint }), { ...INVALID, message });
    }
    assert.deepEqual(await listByTopic(TopicArn), [], "nothing was subscribed");
  });

  it("subscribes SMS numbers, functions and platform endpoints without confirmation", async () => {
    const TopicArn = await h.topic("sub-direct");
    const sms = await subscribe({ TopicArn, Protocol: "sms", Endpoint: "+15555550123" });
    const fn = await subscribe({ TopicArn, Protocol: "lambda", Endpoint: lambdaArn(uniqueName("fn")) });
    const { PlatformApplicationArn } = await h.sns.send(
      new sns.CreatePlatformApplicationCommand({ Name: uniqueName("app"), Platform: "GCM", Attributes: { PlatformCredential: "server-key" } }),
    );
    const { EndpointArn } = await h.sns.send(new sns.CreatePlatformEndpointCommand({ PlatformApplicationArn, Token: uniqueName("device") }));
    const app = await subscribe({ TopicArn, Protocol: "application", Endpoint: EndpointArn });
    for (const { SubscriptionArn } of [sms, fn, app]) {
      assert.match(SubscriptionArn!, new RegExp(`^${TopicArn}:`));
      assert.equal((await attributesOf(SubscriptionArn!)).PendingConfirmation, "false");
    }
    assert.equal((await attributesOf(sms.SubscriptionArn!)).Endpoint, "+15555550123");
  });

  it("answers 'pending confirmation' for HTTP/S and email, or the ARN when asked for it", async () => {
    const TopicArn = await h.topic("sub-pending");
    const email = await subscribe({ TopicArn, Protocol: "email", Endpoint: `${uniqueName("someone")}@example.com` });
    assert.equal(email.SubscriptionArn, "pending confirmation");
    const withArn = await subscribe({ TopicArn, Protocol: "http", Endpoint: `${receiver.url}/pending-arn`, ReturnSubscriptionArn: true });
    assert.match(withArn.SubscriptionArn!, new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    const attributes = await attributesOf(withArn.SubscriptionArn!);
    assert.equal(attributes.PendingConfirmation, "true");
    assert.equal(attributes.ConfirmationWasAuthenticated, "false");
    // The EffectiveDeliveryPolicy of an HTTP/S subscription is the topic's default one.
    assert.deepEqual(JSON.parse(attributes.EffectiveDeliveryPolicy!).healthyRetryPolicy, DEFAULT_HEALTHY_RETRY_POLICY);
    await requestsTo("/pending-arn", 1);
  });

  it("is idempotent for the same endpoint and attributes, and refuses different attributes", async () => {
    const TopicArn = await h.topic("sub-again");
    const queue = await h.queue("sub-again");
    const first = await h.subscribeQueue(TopicArn, queue, { RawMessageDelivery: "true" });
    assert.equal(await h.subscribeQueue(TopicArn, queue, { RawMessageDelivery: "true" }), first);
    assert.equal(await h.subscribeQueue(TopicArn, queue), first, "no attributes is not a difference");
    await assertSnsError(subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes: { RawMessageDelivery: "false" } }), {
      ...INVALID,
      message: "Invalid parameter: Attributes Reason: Subscription already exists with different attributes",
    });
    assert.equal((await listByTopic(TopicArn)).length, 1);

    // Subscribing a pending endpoint again answers it as pending again (and adds no subscription).
    const endpoint = `${receiver.url}/again`;
    assert.equal((await subscribe({ TopicArn, Protocol: "http", Endpoint: endpoint })).SubscriptionArn, "pending confirmation");
    await requestsTo("/again", 1);
    assert.equal((await subscribe({ TopicArn, Protocol: "http", Endpoint: endpoint })).SubscriptionArn, "pending confirmation");
    assert.equal((await listByTopic(TopicArn)).length, 2);
  });

  it("takes only queues on a FIFO topic, and FIFO queues only on FIFO topics", async () => {
    const fifoTopic = await h.topic("sub-fifo", { FifoTopic: "true" });
    await assertSnsError(subscribe({ TopicArn: fifoTopic, Protocol: "email", Endpoint: "a@example.com" }), INVALID);
    await assertSnsError(subscribe({ TopicArn: fifoTopic, Protocol: "lambda", Endpoint: lambdaArn("f") }), INVALID);
    const fifoQueue = await h.queue("sub-fifo", { FifoQueue: "true" });
    await h.subscribeQueue(fifoTopic, fifoQueue);

    const standardTopic = await h.topic("sub-standard");
    await assertSnsError(subscribe({ TopicArn: standardTopic, Protocol: "sqs", Endpoint: fifoQueue.arn }), {
      ...INVALID,
      message: "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics",
    });
  });

  it("validates the attributes it is given, reporting them as the Attributes parameter", async () => {
    const TopicArn = await h.topic("sub-attrs");
    const queue = await h.queue("sub-attrs");
    const sub = (Attributes: Record<string, string>) => subscribe({ TopicArn, Protocol: "sqs", Endpoint: queue.arn, Attributes });
    await assertSnsError(sub({ RawMessageDelivery: "wrongvalue" }), {
      ...INVALID,
      message: "Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [wrongvalue]. Must be true or false.",
    });
    await assertSnsError(sub({ FilterPolicy: "{invalid" }), { ...INVALID, message: /^Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON/ });
    await assertSnsError(sub({ Colour: "blue" }), { ...INVALID, message: "Invalid parameter: AttributeName" });
    assert.deepEqual(await listByTopic(TopicArn), []);
  });
});

describe("ListSubscriptions, ListSubscriptionsByTopic and Unsubscribe", () => {
  it("lists confirmed subscriptions by ARN and pending ones as PendingConfirmation", async () => {
    const TopicArn = await h.topic("listing");
    const other = await h.topic("listing-other");
    const queue = await h.queue("listing");
    const confirmed = await h.subscribeQueue(TopicArn, queue);
    const address = `${uniqueName("pending")}@example.com`;
    await subscribe({ TopicArn, Protocol: "email", Endpoint: address });
    const elsewhere = await h.subscribeQueue(other, queue);

    const byTopic = await listByTopic(TopicArn);
    assert.deepEqual(
      byTopic.map((s) => [s.Protocol, s.Endpoint, s.SubscriptionArn, s.Owner, s.TopicArn]).sort(),
      [
        ["email", address, "PendingConfirmation", h.team.accountId, TopicArn],
        ["sqs", queue.arn, confirmed, h.team.accountId, TopicArn],
      ],
    );
    const all = await listAll();
    assert.ok(all.some((s) => s.SubscriptionArn === confirmed));
    assert.ok(all.some((s) => s.SubscriptionArn === elsewhere));
    assert.ok(all.some((s) => s.Endpoint === address && s.SubscriptionArn === "PendingConfirmation"));
  });

  it("unsubscribes, idempotently, and counts the subscription as deleted", async () => {
    const TopicArn = await h.topic("unsubscribing");
    const SubscriptionArn = await h.subscribeQueue(TopicArn, await h.queue("unsubscribing"));
    await h.sns.send(new sns.UnsubscribeCommand({ SubscriptionArn }));
    assert.deepEqual(await listByTopic(TopicArn), []);
    await assertSnsError(h.sns.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn })), {
      name: "NotFoundException",
      status: 404,
      message: "Subscription does not exist",
    });
    // Unsubscribing again (or from a subscription that never was) succeeds, as on AWS.
    await h.sns.send(new sns.UnsubscribeCommand({ SubscriptionArn }));
    const { Attributes } = await h.sns.send(new sns.GetTopicAttributesCommand({ TopicArn }));
    assert.equal(Attributes?.SubscriptionsDeleted, "1");
    await assertSnsError(h.sns.send(new sns.UnsubscribeCommand({ SubscriptionArn: "not-an-arn" })), {
      ...INVALID,
      message: "Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1",
    });
  });
});

describe("GetSubscriptionAttributes and SetSubscriptionAttributes", () => {
  it("allows raw delivery for queues and HTTP/S only", async () => {
    const TopicArn = await h.topic("raw");
    const queue = await h.subscribeQueue(TopicArn, await h.queue("raw"));
    await setAttribute(queue, "RawMessageDelivery", "true");
    assert.equal((await attributesOf(queue)).RawMessageDelivery, "true");
    await assertSnsError(setAttribute(queue, "RawMessageDelivery", "yes"), {
      ...INVALID,
      message: "Invalid parameter: RawMessageDelivery: Invalid value [yes]. Must be true or false.",
    });

    const http = await subscribe({ TopicArn, Protocol: "http", Endpoint: `${receiver.url}/raw`, ReturnSubscriptionArn: true });
    await setAttribute(http.SubscriptionArn!, "RawMessageDelivery", "true");
    await requestsTo("/raw", 1);

    for (const [Protocol, Endpoint] of [
      ["lambda", lambdaArn(uniqueName("raw"))],
      ["sms", "+15555550100"],
      ["email", `${uniqueName("raw")}@example.com`],
    ] as const) {
      const { SubscriptionArn } = await subscribe({ TopicArn, Protocol, Endpoint, ReturnSubscriptionArn: true });
      await assertSnsError(setAttribute(SubscriptionArn!, "RawMessageDelivery", "true"), {
        ...INVALID,
        message: new RegExp(`Delivery protocol \\[${Protocol}\\] does not support raw message delivery`),
      });
      // Turning it off is always allowed.
      await setAttribute(SubscriptionArn!, "RawMessageDelivery", "false");
    }
  });

  it("validates filter policies against their scope, reports the default scope with a policy, and drops the policy when set empty", async () => {
    const TopicArn = await h.topic("filters");
    const arn = await h.subscribeQueue(TopicArn, await h.queue("filters"));
    assert.equal((await attributesOf(arn)).FilterPolicyScope, undefined);

    await setAttribute(arn, "FilterPolicy", JSON.stringify({ store: ["example_corp"] }));
    let attributes = await attributesOf(arn);
    assert.equal(attributes.FilterPolicy, '{"store":["example_corp"]}');
    assert.equal(attributes.FilterPolicyScope, "MessageAttributes");

    await assertSnsError(setAttribute(arn, "FilterPolicy", "{invalid"), { ...INVALID, message: /^Invalid parameter: FilterPolicy: failed to parse JSON/ });
    await assertSnsError(setAttribute(arn, "FilterPolicy", '{"store":[]}'), { ...INVALID, message: "Invalid parameter: FilterPolicy: Empty arrays are not allowed" });
    // Nested keys only make sense for the message body.
    const nested = JSON.stringify({ order: { kind: ["book"] } });
    await assertSnsError(setAttribute(arn, "FilterPolicy", nested), INVALID);
    await setAttribute(arn, "FilterPolicyScope", "MessageBody");
    await setAttribute(arn, "FilterPolicy", nested);
    attributes = await attributesOf(arn);
    assert.equal(attributes.FilterPolicyScope, "MessageBody");
    assert.equal(attributes.FilterPolicy, nested);
    // Back to attributes with a nested policy in place: the pair would be invalid, so it is refused.
    await assertSnsError(setAttribute(arn, "FilterPolicyScope", "MessageAttributes"), INVALID);
    await assertSnsError(setAttribute(arn, "FilterPolicyScope", "Everything"), {
      ...INVALID,
      message: "Invalid parameter: FilterPolicyScope: Invalid value [Everything]. Please use either MessageBody or MessageAttributes",
    });

    // An empty policy removes the filter.
    await setAttribute(arn, "FilterPolicy", "");
    assert.equal((await attributesOf(arn)).FilterPolicy, undefined);
  });

  it("checks RedrivePolicy and DeliveryPolicy, refuses unknown attributes, and answers NotFound for a missing subscription", async () => {
    const TopicArn = await h.topic("sub-policies");
    const arn = await h.subscribeQueue(TopicArn, await h.queue("sub-policies"));
    await assertSnsError(setAttribute(arn, "RedrivePolicy", "{not json"), { ...INVALID, message: /^Invalid parameter: RedrivePolicy: / });
    await assertSnsError(setAttribute(arn, "RedrivePolicy", '{"deadLetterTargetArn":"nope"}'), { ...INVALID, message: /deadLetterTargetArn is an invalid arn/ });
    const dlq = queueArn(uniqueName("dlq"));
    await setAttribute(arn, "RedrivePolicy", JSON.stringify({ deadLetterTargetArn: dlq }));
    assert.deepEqual(JSON.parse((await attributesOf(arn)).RedrivePolicy!), { deadLetterTargetArn: dlq });
    await assertSnsError(setAttribute(arn, "Colour", "blue"), { ...INVALID, message: "Invalid parameter: AttributeName" });
    await assertSnsError(setAttribute(arn, "Owner", "123456789012"), { ...INVALID, message: "Invalid parameter: AttributeName" });

    const http = await subscribe({ TopicArn, Protocol: "http", Endpoint: `${receiver.url}/policies`, ReturnSubscriptionArn: true });
    await requestsTo("/policies", 1);
    await assertSnsError(setAttribute(http.SubscriptionArn!, "DeliveryPolicy", '{"healthyRetryPolicy":{"numRetries":-1}}'), {
      ...INVALID,
      message: /^Invalid parameter: DeliveryPolicy: /,
    });
    const retries = { minDelayTarget: 2, maxDelayTarget: 4, numRetries: 5, numNoDelayRetries: 0, numMinDelayRetries: 0, numMaxDelayRetries: 0, backoffFunction: "linear" };
    await setAttribute(http.SubscriptionArn!, "DeliveryPolicy", JSON.stringify({ healthyRetryPolicy: retries }));
    assert.deepEqual(JSON.parse((await attributesOf(http.SubscriptionArn!)).EffectiveDeliveryPolicy!).healthyRetryPolicy, retries);

    const missing = `${TopicArn}:00000000-0000-4000-8000-000000000000`;
    const notFound = { name: "NotFoundException", status: 404, message: "Subscription does not exist" };
    await assertSnsError(h.sns.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn: missing })), notFound);
    await assertSnsError(setAttribute(missing, "RawMessageDelivery", "true"), notFound);
  });
});

describe("HTTP/S confirmation and delivery", () => {
  it("POSTs a signed SubscriptionConfirmation, confirms by the SubscribeURL, delivers signed notifications, and unsubscribes by the UnsubscribeURL", async () => {
    const TopicArn = await h.topic("http-flow");
    const { SubscriptionArn: pending } = await subscribe({ TopicArn, Protocol: "http", Endpoint: `${receiver.url}/flow?source=sns` });
    assert.equal(pending, "pending confirmation");

    const [confirmation] = await requestsTo("/flow?source=sns", 1);
    assert.equal(confirmation!.method, "POST");
    const body = JSON.parse(confirmation!.body) as Record<string, string>;
    assert.deepEqual(Object.keys(body), CONFIRMATION_FIELDS);
    assert.equal(body.Type, "SubscriptionConfirmation");
    assert.equal(body.TopicArn, TopicArn);
    assert.equal(body.Message, `You have chosen to subscribe to the topic ${TopicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`);
    assert.match(body.Token!, /^[0-9a-f]{64,}$/);
    assert.equal(body.SubscribeURL, `http://localhost:4566/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(TopicArn)}&Token=${body.Token}`);
    assert.equal(body.SignatureVersion, "1");
    assert.match(body.SigningCertURL!, /^http:\/\/localhost:4566\/_stratus\/sns\/SimpleNotificationService-[0-9a-f]+\.pem$/);
    assert.ok(Math.abs(Date.parse(body.Timestamp!) - Date.now()) < 60_000);

    const headers = confirmation!.headers;
    assert.equal(headers["x-amz-sns-message-type"], "SubscriptionConfirmation");
    assert.equal(headers["x-amz-sns-message-id"], body.MessageId);
    assert.equal(headers["x-amz-sns-topic-arn"], TopicArn);
    assert.equal(headers["x-amz-sns-subscription-arn"], undefined, "a pending subscription has no ARN to send");
    assert.equal(headers["content-type"], "text/plain; charset=UTF-8");
    assert.equal(headers["user-agent"], "Amazon Simple Notification Service Agent");

    // The subscriber checks the signature with the certificate the message names.
    const certificate = await h.certificate(body.SigningCertURL!);
    assert.match(certificate, /^-----BEGIN CERTIFICATE-----/);
    assert.ok(verifiesAsTheDocsSay(body, certificate), "the confirmation's signature verifies");
    assert.ok(!verifiesAsTheDocsSay({ ...body, Token: `${body.Token}0` }, certificate), "a tampered confirmation does not");

    // Nothing is delivered while the subscription is pending.
    await h.sns.send(new sns.PublishCommand({ TopicArn, Message: "too early" }));

    const confirmed = await fetch(h.onGateway(body.SubscribeURL!));
    assert.equal(confirmed.status, 200);
    const xml = await confirmed.text();
    const SubscriptionArn = /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(xml)?.[1];
    assert.match(xml, /^<ConfirmSubscriptionResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><ConfirmSubscriptionResult>/);
    assert.match(SubscriptionArn!, new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
    const attributes = await attributesOf(SubscriptionArn!);
    assert.equal(attributes.PendingConfirmation, "false");
    assert.equal(attributes.ConfirmationWasAuthenticated, "false", "confirmed by the unsigned link");
    assert.deepEqual(
      (await listByTopic(TopicArn)).map((s) => s.SubscriptionArn),
      [SubscriptionArn],
    );
    // Confirming again (here with the SDK) answers the same subscription.
    const again = await h.sns.send(new sns.ConfirmSubscriptionCommand({ TopicArn, Token: body.Token }));
    assert.equal(again.SubscriptionArn, SubscriptionArn);

    const { MessageId } = await h.sns.send(new sns.PublishCommand({ TopicArn, Message: "hello, subscriber", Subject: "Greetings" }));
    const [, notification] = await requestsTo("/flow?source=sns", 2);
    assert.equal(receiver.requests.filter((r) => r.path === "/flow?source=sns").length, 2, "the early message was not delivered");
    const note = JSON.parse(notification!.body) as Record<string, string>;
    await assertSignedDocument(h, note, without(NOTIFICATION_FIELDS, "MessageAttributes"), {
      Type: "Notification",
      MessageId,
      TopicArn,
      Subject: "Greetings",
      Message: "hello, subscriber",
      UnsubscribeURL: unsubscribeUrl(SubscriptionArn!),
    });
    assert.equal(notification!.headers["x-amz-sns-message-type"], "Notification");
    assert.equal(notification!.headers["x-amz-sns-message-id"], MessageId);
    assert.equal(notification!.headers["x-amz-sns-subscription-arn"], SubscriptionArn);
    assert.equal(notification!.headers["x-amz-sns-topic-arn"], TopicArn);
    assert.equal(notification!.headers["x-amz-sns-rawdelivery"], undefined);

    const unsubscribed = await fetch(h.onGateway(note.UnsubscribeURL!));
    assert.equal(unsubscribed.status, 200);
    assert.match(await unsubscribed.text(), /^<UnsubscribeResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><ResponseMetadata>/);
    await assertSnsError(h.sns.send(new sns.GetSubscriptionAttributesCommand({ SubscriptionArn })), { name: "NotFoundException", status: 404 });
  });

  it("confirms with the SDK's ConfirmSubscription; AuthenticateOnUnsubscribe then protects it from the unsigned link", async () => {
    const TopicArn = await h.topic("http-sdk", { SignatureVersion: "2" });
    await subscribe({ TopicArn, Protocol: "http", Endpoint: `${receiver.url}/sdk` });
    const [confirmation] = await requestsTo("/sdk", 1);
    const body = JSON.parse(confirmation!.body) as Record<string, string>;
    assert.equal(body.SignatureVersion, "2");
    assert.ok(verifiesAsTheDocsSay(body, await h.certificate(body.SigningCertURL!)), "a SHA256withRSA signature verifies");

    await assertSnsError(h.sns.send(new sns.ConfirmSubscriptionCommand({ TopicArn, Token: "0".repeat(64) })), { ...INVALID, message: "Invalid parameter: Token" });
    const other = await h.topic("http-sdk-other");
    await assertSnsError(h.sns.send(new sns.ConfirmSubscriptionCommand({ TopicArn: other, Token: body.Token })), { ...INVALID, message: "Invalid parameter: Token" });

    const { SubscriptionArn } = await h.sns.send(new sns.ConfirmSubscriptionCommand({ TopicArn, Token: body.Token, AuthenticateOnUnsubscribe: "true" }));
    assert.match(SubscriptionArn!, new RegExp(`^${TopicArn}:`));
    assert.equal((await attributesOf(SubscriptionArn!)).ConfirmationWasAuthenticated, "true");

    await h.sns.send(new sns.PublishCommand({ TopicArn, Message: "signed with v2" }));
    const [, notification] = await requestsTo("/sdk", 2);
    const note = JSON.parse(notification!.body) as Record<string, string>;
    assert.equal(note.SignatureVersion, "2");
    assert.ok(verifiesAsTheDocsSay(note, await h.certificate(note.SigningCertURL!)));

    const refused = await fetch(h.onGateway(note.UnsubscribeURL!));
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /<Code>AuthorizationError<\/Code>/);
    assert.equal((await attributesOf(SubscriptionArn!)).PendingConfirmation, "false", "still subscribed");
    await h.sns.send(new sns.UnsubscribeCommand({ SubscriptionArn }));
  });

  it("asks a pending endpoint again when it is subscribed again", async () => {
    const TopicArn = await h.topic("http-again");
    const Endpoint = `${receiver.url}/ask-again`;
    assert.equal((await subscribe({ TopicArn, Protocol: "http", Endpoint })).SubscriptionArn, "pending confirmation");
    assert.equal((await subscribe({ TopicArn, Protocol: "http", Endpoint })).SubscriptionArn, "pending confirmation");
    const confirmations = (await requestsTo("/ask-again", 2)).map((r) => JSON.parse(r.body) as Record<string, string>);
    assert.deepEqual(confirmations.map((c) => c.Type), ["SubscriptionConfirmation", "SubscriptionConfirmation"]);
    // Either message's token confirms the one subscription.
    const { SubscriptionArn } = await h.sns.send(new sns.ConfirmSubscriptionCommand({ TopicArn, Token: confirmations[1]!.Token }));
    const { Subscriptions = [] } = await h.sns.send(new sns.ListSubscriptionsByTopicCommand({ TopicArn }));
    assert.deepEqual(Subscriptions.map((s) => s.SubscriptionArn), [SubscriptionArn]);
  });

  it("answers a bad SubscribeURL with the query error, as the SDK operation would", async () => {
    const TopicArn = await h.topic("http-bad-link");
    const response = await fetch(`${h.gateway.url}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(TopicArn)}&Token=nope`);
    assert.equal(response.status, 400);
    const xml = await response.text();
    assert.match(xml, /<Code>InvalidParameter<\/Code>/);
    assert.match(xml, /<Message>Invalid parameter: Token<\/Message>/);
  });

  it("delivers raw messages with the raw-delivery header and the body as published", async () => {
    const TopicArn = await h.topic("http-raw");
    const { SubscriptionArn } = await subscribe({
      TopicArn,
      Protocol: "http",
      Endpoint: `${receiver.url}/raw-flow`,
      Attributes: { RawMessageDelivery: "true" },
      ReturnSubscriptionArn: true,
    });
    const [confirmation] = await requestsTo("/raw-flow", 1);
    // The confirmation itself is never raw.
    const { Token } = JSON.parse(confirmation!.body) as { Token: string };
    await h.sns.send(new sns.ConfirmSubscriptionCommand({ TopicArn, Token }));
    await h.sns.send(new sns.PublishCommand({ TopicArn, Message: '{"raw":true}' }));
    const [, notification] = await requestsTo("/raw-flow", 2);
    assert.equal(notification!.body, '{"raw":true}');
    assert.equal(notification!.headers["x-amz-sns-rawdelivery"], "true");
    assert.equal(notification!.headers["x-amz-sns-subscription-arn"], SubscriptionArn);
    assert.equal(notification!.headers["content-type"], "text/plain; charset=UTF-8");
  });

  it("sends notifications with the Content-Type of the topic's delivery policy, confirmations with the default", async () => {
    const TopicArn = await h.topic("http-content-type");
    await h.sns.send(
      new sns.SetTopicAttributesCommand({
        TopicArn,
        AttributeName: "DeliveryPolicy",
        AttributeValue: JSON.stringify({ http: { defaultRequestPolicy: { headerContentType: "application/json" } } }),
      }),
    );
    await subscribe({ TopicArn, Protocol: "http", Endpoint: `${receiver.url}/typed` });
    const [confirmation] = await requestsTo("/typed", 1);
    assert.equal(confirmation!.headers["content-type"], "text/plain; charset=UTF-8");
    await h.sns.send(new sns.ConfirmSubscriptionCommand({ TopicArn, Token: (JSON.parse(confirmation!.body) as { Token: string }).Token }));
    await h.sns.send(new sns.PublishCommand({ TopicArn, Message: "typed" }));
    const [, notification] = await requestsTo("/typed", 2);
    assert.equal(notification!.headers["content-type"], "application/json");
  });
});

describe("email confirmation", () => {
  it("puts the confirmation in the outbox; its link confirms, and notifications follow with an unsubscribe footer", async () => {
    const TopicArn = await h.topic("email-flow", { DisplayName: "Email flow" });
    const address = `${uniqueName("reader")}@example.com`;
    assert.equal((await subscribe({ TopicArn, Protocol: "email", Endpoint: address })).SubscriptionArn, "pending confirmation");

    const item = await waitFor("the confirmation email", async () => (await outbox("email")).find((i) => i.destination === address));
    assert.equal(item.subject, "AWS Notification - Subscription Confirmation");
    assert.equal(item.topicArn, TopicArn);
    assert.match(item.body, new RegExp(`You have chosen to subscribe to the topic:\\n${TopicArn}`));
    const link = /http:\/\/localhost:4566\/\?Action=ConfirmSubscription\S+/.exec(item.body)?.[0];
    assert.ok(link, "the email carries the SubscribeURL");

    const confirmed = await fetch(h.onGateway(link));
    assert.equal(confirmed.status, 200);
    const SubscriptionArn = /<SubscriptionArn>([^<]+)<\/SubscriptionArn>/.exec(await confirmed.text())![1]!;
    assert.equal((await attributesOf(SubscriptionArn)).PendingConfirmation, "false");

    const { MessageId } = await h.sns.send(new sns.PublishCommand({ TopicArn, Message: "Your order shipped." }));
    const note = await waitFor("the notification email", async () => (await outbox("email")).find((i) => i.messageId === MessageId));
    assert.equal(note.destination, address);
    assert.equal(note.subject, "Email flow", "no Subject: the topic's display name");
    assert.equal(note.subscriptionArn, SubscriptionArn);
    assert.ok(note.body.startsWith("Your order shipped.\n\n--\n"));
    assert.ok(note.body.includes(unsubscribeUrl(SubscriptionArn)));
  });

  it("sends email-json subscribers the signed JSON confirmation", async () => {
    const TopicArn = await h.topic("email-json");
    const address = `${uniqueName("machine")}@example.com`;
    await subscribe({ TopicArn, Protocol: "email-json", Endpoint: address });
    const item = await waitFor("the confirmation", async () => (await outbox("email-json")).find((i) => i.destination === address));
    const body = JSON.parse(item.body) as Record<string, string>;
    assert.equal(body.Type, "SubscriptionConfirmation");
    assert.ok(verifiesAsTheDocsSay(body, await h.certificate(body.SigningCertURL!)));
    const { SubscriptionArn } = await h.sns.send(new sns.ConfirmSubscriptionCommand({ TopicArn, Token: body.Token }));
    assert.match(SubscriptionArn!, new RegExp(`^${TopicArn}:`));
  });
});
