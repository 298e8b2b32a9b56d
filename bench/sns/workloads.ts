/**
 * The SNS workloads, run the same way against any endpoint with the AWS SDK v3 clients: Publish
 * latency to a topic with three SQS subscriptions, publish → receivable in a queue (a long poll already
 * waiting), publish throughput with concurrent publishers (checked by queue depth), and HTTP delivery
 * to a local receiver.
 */
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  GetSubscriptionAttributesCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from "@aws-sdk/client-sns";
import { CreateQueueCommand, DeleteMessageCommand, DeleteQueueCommand, GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { errorText, warnNotDeleted } from "../lib/cli";
import { type Components, type CpuWindow, cpuWindow } from "../lib/cpu";
import { emptyQueue, parkReceive } from "../lib/long-poll";
import type { Target } from "../lib/servers";
import { benchClient, type BenchClient } from "../lib/sqs-client";
import { sleep, type Summary, summarize } from "../lib/stats";
import { timedHandler } from "../lib/timed-handler";
import type { Receiver } from "./receiver";

/** Subscriptions per topic in the queue workloads (the "3 SQS subscriptions"). */
export const QUEUES_PER_TOPIC = 3;

export interface WorkloadEnv {
  runId: string;
  /** CPU components to account for besides this process (the server's processes, Postgres, Redis, …). */
  components: Components;
}

export interface SnsBench {
  target: Target;
  sns: SNSClient;
  sqs: BenchClient;
  /** While set, wire times (request written → response headers) of Publish calls are appended here. */
  setWire(sink: number[] | null): void;
  destroy(): void;
}

/** SNS and SQS clients for one server: explicit endpoint, keep-alive sockets, no retries (an error must show). */
export function snsBench(target: Target, maxSockets = 1): SnsBench {
  // The query protocol names the operation in the form body (`Action=Publish&…`).
  const timed = timedHandler(maxSockets, (request) => /(?:^|&)Action=(\w+)/.exec(typeof request.body === "string" ? request.body : "")?.[1] ?? "?");
  const sns = new SNSClient({ endpoint: target.endpoint, region: target.region, credentials: target.credentials, maxAttempts: 1, requestHandler: timed.handler });
  const sqs = benchClient(target, 1);
  return {
    target,
    sns,
    sqs,
    setWire: (sink) => (timed.wire = sink && new Map([["Publish", sink]])),
    destroy() {
      sns.destroy();
      timed.destroy();
      sqs.destroy();
    },
  };
}

function text(bytes: number, tag: string): string {
  return tag + "-".padEnd(Math.max(1, bytes - tag.length), "x");
}

// ---------------------------------------------------------------------------------------------
// A topic with QUEUES_PER_TOPIC queue subscriptions (raw delivery off: each copy is the JSON envelope).

export interface FanOut {
  topicArn: string;
  queueUrls: string[];
}

export async function createFanOut(b: SnsBench, name: string): Promise<FanOut> {
  const { TopicArn } = await b.sns.send(new CreateTopicCommand({ Name: name }));
  const queueUrls: string[] = [];
  for (let i = 0; i < QUEUES_PER_TOPIC; i++) {
    const { QueueUrl } = await b.sqs.sqs.send(new CreateQueueCommand({ QueueName: `${name}-q${i}` }));
    const { Attributes } = await b.sqs.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
    await b.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: Attributes!.QueueArn!, ReturnSubscriptionArn: true }));
    queueUrls.push(QueueUrl!);
  }
  return { topicArn: TopicArn!, queueUrls };
}

export async function deleteFanOut(b: SnsBench, f: FanOut): Promise<void> {
  await b.sns.send(new DeleteTopicCommand({ TopicArn: f.topicArn })).catch(warnNotDeleted(f.topicArn));
  for (const QueueUrl of f.queueUrls) await b.sqs.sqs.send(new DeleteQueueCommand({ QueueUrl })).catch(warnNotDeleted(QueueUrl));
}

async function queueDepths(b: SnsBench, f: FanOut): Promise<number[]> {
  return Promise.all(
    f.queueUrls.map(async (QueueUrl) => {
      const { Attributes } = await b.sqs.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));
      return Number(Attributes?.ApproximateNumberOfMessages ?? Number.NaN);
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// 1. Publish latency: one client, sequential Publish calls.

export interface PublishLatencyResult {
  sdk: Summary;
  wire: Summary;
  /** Publishes measured (fewer than asked when the time cap was hit). */
  measured: number;
}

export async function publishLatency(
  b: SnsBench,
  env: WorkloadEnv,
  opts: { warmup: number; count: number; perTopic: number; maxSeconds: number; bodyBytes: number },
): Promise<PublishLatencyResult> {
  let sets = 0;
  let fanOut = await createFanOut(b, `bench-pub-${env.runId}-${sets++}`);
  try {
    for (let i = 0; i < opts.warmup; i++) await b.sns.send(new PublishCommand({ TopicArn: fanOut.topicArn, Message: text(opts.bodyBytes, `warm-${i}`) }));
    const samples: number[] = [];
    const wire: number[] = [];
    const deadline = performance.now() + opts.maxSeconds * 1000;
    for (let i = 0; i < opts.count && performance.now() < deadline; i++) {
      if (i % opts.perTopic === 0) {
        // A fresh topic and queues now and then keeps every server at the same shallow queue depth.
        await deleteFanOut(b, fanOut);
        fanOut = await createFanOut(b, `bench-pub-${env.runId}-${sets++}`);
      }
      b.setWire(wire);
      const t0 = performance.now();
      await b.sns.send(new PublishCommand({ TopicArn: fanOut.topicArn, Message: text(opts.bodyBytes, `pub-${i}`) }));
      samples.push(performance.now() - t0);
      b.setWire(null);
    }
    return { sdk: summarize(samples), wire: summarize(wire), measured: samples.length };
  } finally {
    b.setWire(null);
    await deleteFanOut(b, fanOut);
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Publish → receivable: a ReceiveMessage(WaitTimeSeconds 20) already waiting on one of the three
// queues, then a Publish; the figure is Publish sent → that receive returned with the message.

export interface PublishToQueueResult {
  /** Publish sent → the waiting receive returned with the message (ms). */
  afterPublishStarts: Summary;
  /** Publish answered → the receive returned (ms; negative when the message arrived first). */
  afterPublishCompletes: Summary;
  /** The Publish round trips of the same rounds. */
  publish: Summary;
  /** Rounds in which the receive returned before the Publish call did. */
  beforeAnswer: number;
  /** Receives that had not returned with the message 3 s after the publish (not in the figures). */
  misses: number;
}

export async function publishToQueue(
  b: SnsBench,
  env: WorkloadEnv,
  opts: { warmup: number; count: number; parkMs: number; bodyBytes: number },
): Promise<PublishToQueueResult> {
  const receiver = benchClient(b.target, 1);
  const fanOut = await createFanOut(b, `bench-e2e-${env.runId}`);
  const queueUrl = fanOut.queueUrls[0]!;
  try {
    const afterStart: number[] = [];
    const afterDone: number[] = [];
    const publish: number[] = [];
    let beforeAnswer = 0;
    let misses = 0;
    for (let i = 0; i < opts.warmup + opts.count; i++) {
      const message = text(opts.bodyBytes, `e2e-${env.runId}-${i}`);
      const parked = await parkReceive(receiver, queueUrl, opts.parkMs, b.target.name);
      const t0 = performance.now();
      await b.sns.send(new PublishCommand({ TopicArn: fanOut.topicArn, Message: message }));
      const t1 = performance.now();
      const { message: got, returnedAt } = await parked.settle();
      const envelope = got?.Body ? (JSON.parse(got.Body) as { Message?: string }) : undefined;
      if (got?.ReceiptHandle) await receiver.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: got.ReceiptHandle }));
      if (envelope?.Message !== message) {
        misses++;
        // The copy may still be on its way: let it land and clear the queue before the next round.
        await emptyQueue(receiver, queueUrl, 200);
        continue;
      }
      if (i < opts.warmup) continue;
      afterStart.push(returnedAt - t0);
      afterDone.push(returnedAt - t1);
      publish.push(t1 - t0);
      if (returnedAt < t1) beforeAnswer++;
    }
    return { afterPublishStarts: summarize(afterStart), afterPublishCompletes: summarize(afterDone), publish: summarize(publish), beforeAnswer, misses };
  } finally {
    receiver.destroy();
    await deleteFanOut(b, fanOut);
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Throughput: `publishers` clients publishing back to back to one topic with three queues.

export interface PublishThroughputResult {
  publishers: number;
  seconds: number;
  /** Publishes answered during the window. */
  publishes: number;
  publishesPerSecond: number;
  /** Queue copies written per second (publishes × QUEUES_PER_TOPIC; both servers write them inside Publish). */
  deliveriesPerSecond: number;
  /** Publish round trips during the window. */
  sdk: Summary;
  /** Every successful Publish of the run, warm-up included: what each queue must hold at the end. */
  published: number;
  /** ApproximateNumberOfMessages of each queue at the end. */
  depths: number[];
  /** Every queue held `published` messages within 10 s of the last publish. */
  verified: boolean;
  errors: number;
  firstError?: string;
  cpu: CpuWindow;
}

export async function publishThroughput(
  target: Target,
  env: WorkloadEnv,
  opts: { publishers: number; warmupSeconds: number; seconds: number; bodyBytes: number },
): Promise<PublishThroughputResult> {
  const admin = snsBench(target, 1);
  // One client (and socket) per publisher, as separate processes would have.
  const clients = Array.from({ length: opts.publishers }, () => snsBench(target, 1));
  const fanOut = await createFanOut(admin, `bench-tput-${env.runId}`);
  try {
    let stop = false;
    let measuring = false;
    let published = 0;
    let errors = 0;
    let firstError: string | undefined;
    const samples: number[] = [];
    const publisher = async (c: SnsBench, id: number) => {
      for (let i = 0; !stop; i++) {
        const t0 = performance.now();
        try {
          await c.sns.send(new PublishCommand({ TopicArn: fanOut.topicArn, Message: text(opts.bodyBytes, `tput-${id}-${i}`) }));
          published++;
          if (measuring) samples.push(performance.now() - t0);
        } catch (e) {
          errors++;
          firstError ??= errorText(e);
          if (errors > 200) stop = true;
          await sleep(10);
        }
      }
    };
    const loops = clients.map(publisher);
    await sleep(opts.warmupSeconds * 1000);
    const cpu = cpuWindow(env.components);
    measuring = true;
    const t0 = performance.now();
    await sleep(opts.seconds * 1000);
    measuring = false;
    const seconds = (performance.now() - t0) / 1000;
    const cpuResult = cpu.end();
    stop = true;
    await Promise.all(loops);
    let depths = await queueDepths(admin, fanOut);
    const deadline = performance.now() + 10_000;
    while (depths.some((d) => d !== published) && performance.now() < deadline) {
      await sleep(100);
      depths = await queueDepths(admin, fanOut);
    }
    const publishesPerSecond = samples.length / seconds;
    return {
      publishers: opts.publishers,
      seconds,
      publishes: samples.length,
      publishesPerSecond,
      deliveriesPerSecond: publishesPerSecond * QUEUES_PER_TOPIC,
      sdk: summarize(samples),
      published,
      depths,
      verified: depths.every((d) => d === published),
      errors,
      firstError,
      cpu: cpuResult,
    };
  } finally {
    for (const c of clients) c.destroy();
    await deleteFanOut(admin, fanOut);
    admin.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// 4. HTTP delivery: a local receiver subscribed (and confirmed through its SubscribeURL), then
// messages one at a time (latency) and a burst of `count` from `publishers` clients (throughput).

export interface HttpDeliveryResult {
  /** Subscribe call → the subscription no longer pending (ms). */
  confirmMs: number;
  /** How it got confirmed: the receiver GETting the SubscribeURL, or confirmed at once. */
  confirmedBy: string;
  /** One message at a time: Publish sent → the receiver had the POST (ms). */
  sequential: Summary;
  burst: {
    count: number;
    publishers: number;
    /** Publishes the server accepted. */
    accepted: number;
    /** Distinct messages the receiver got before the timeout. */
    received: number;
    /** Extra copies of messages already received (delivery is at least once). */
    duplicates: number;
    /** Accepted publishes / (last Publish answered − first sent). */
    publishesPerSecond: number;
    /** Received / (last receipt − first Publish sent). */
    deliveriesPerSecond: number;
    /** First Publish sent → last message received (ms). */
    allReceivedMs: number;
    /** Publish sent → the receiver had the POST, per message (ms). */
    latency: Summary;
    errors: number;
    firstError?: string;
    cpu: CpuWindow;
  };
}

async function waitConfirmed(b: SnsBench, subscriptionArn: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const { Attributes } = await b.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn }));
    if (String(Attributes?.PendingConfirmation).toLowerCase() === "false") return;
    if (performance.now() > deadline) throw new Error(`the HTTP subscription was still pending confirmation after ${timeoutMs} ms`);
    await sleep(20);
  }
}

export async function httpDelivery(
  target: Target,
  env: WorkloadEnv,
  receiver: Receiver,
  opts: { warmup: number; sequential: number; count: number; publishers: number; timeoutSeconds: number; bodyBytes: number },
): Promise<HttpDeliveryResult> {
  const admin = snsBench(target, 1);
  const clients = Array.from({ length: opts.publishers }, () => snsBench(target, 1));
  const topicName = `bench-http-${env.runId}`;
  const { TopicArn } = await admin.sns.send(new CreateTopicCommand({ Name: topicName }));
  try {
    const confirmationsBefore = receiver.confirmations.length;
    const t0 = performance.now();
    const { SubscriptionArn } = await admin.sns.send(
      new SubscribeCommand({ TopicArn, Protocol: "http", Endpoint: `${receiver.url}?server=${target.name}`, ReturnSubscriptionArn: true }),
    );
    await waitConfirmed(admin, SubscriptionArn!, 30_000);
    const confirmMs = performance.now() - t0;
    const confirmation = receiver.confirmations.slice(confirmationsBefore).find((c) => c.topicArn === TopicArn);
    const confirmedBy = confirmation ? `SubscribeURL GET (HTTP ${confirmation.status})` : "confirmed without a SubscriptionConfirmation POST";

    const tag = `${env.runId}-${target.name}`;
    const sequential: number[] = [];
    for (let i = 0; i < opts.warmup + opts.sequential; i++) {
      const message = text(opts.bodyBytes, `http-seq-${tag}-${i}`);
      const t = performance.now();
      await admin.sns.send(new PublishCommand({ TopicArn, Message: message }));
      const at = await receiver.waitFor(message, 15_000);
      if (i >= opts.warmup) sequential.push(at - t);
    }

    const messages = Array.from({ length: opts.count }, (_, i) => text(opts.bodyBytes, `http-burst-${tag}-${i}`));
    const sentAt = new Array<number>(opts.count).fill(Number.NaN);
    let next = 0;
    let accepted = 0;
    let lastAnswer = 0;
    let errors = 0;
    let firstError: string | undefined;
    const cpu = cpuWindow(env.components);
    const start = performance.now();
    await Promise.all(
      clients.map(async (c) => {
        for (let i = next++; i < opts.count; i = next++) {
          sentAt[i] = performance.now();
          try {
            await c.sns.send(new PublishCommand({ TopicArn, Message: messages[i] }));
            accepted++;
            lastAnswer = performance.now();
          } catch (e) {
            errors++;
            firstError ??= errorText(e);
          }
        }
      }),
    );
    const deadline = performance.now() + opts.timeoutSeconds * 1000;
    const receivedCount = () => messages.reduce((n, m) => n + (receiver.receipts.has(m) ? 1 : 0), 0);
    while (receivedCount() < accepted && performance.now() < deadline) await sleep(20);
    const cpuResult = cpu.end();
    const latency: number[] = [];
    let duplicates = 0;
    let lastReceipt = start;
    messages.forEach((m, i) => {
      const r = receiver.receipts.get(m);
      if (!r) return;
      latency.push(r.at - sentAt[i]!);
      duplicates += r.copies - 1;
      lastReceipt = Math.max(lastReceipt, r.at);
    });
    return {
      confirmMs,
      confirmedBy,
      sequential: summarize(sequential),
      burst: {
        count: opts.count,
        publishers: opts.publishers,
        accepted,
        received: latency.length,
        duplicates,
        publishesPerSecond: accepted / ((lastAnswer - start) / 1000),
        deliveriesPerSecond: latency.length / ((lastReceipt - start) / 1000),
        allReceivedMs: lastReceipt - start,
        latency: summarize(latency),
        errors,
        firstError,
        cpu: cpuResult,
      },
    };
  } finally {
    for (const c of clients) c.destroy();
    await admin.sns.send(new DeleteTopicCommand({ TopicArn })).catch(warnNotDeleted(topicName));
    admin.destroy();
  }
}
