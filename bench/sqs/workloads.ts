/** The three SQS workloads, run the same way against any endpoint. */
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from "@aws-sdk/client-sqs";
import { type CpuWindow, cpuWindow } from "../lib/cpu";
import { errorText, warnNotDeleted } from "../lib/cli";
import { LeanSqs } from "../lib/lean-sqs";
import { emptyQueue, parkReceive } from "../lib/long-poll";
import { sleep, type Summary, summarize } from "../lib/stats";
import type { Target } from "../lib/servers";
import { benchClient, type BenchClient } from "../lib/sqs-client";

export interface WorkloadEnv {
  runId: string;
  /** Extra CPU components to account for (postgres, redis, …), besides the client and the server. */
  components: Record<string, () => number[]>;
}

function body(bytes: number, seq: number): string {
  const head = `bench-${seq}-`;
  return head + "x".repeat(Math.max(0, bytes - head.length));
}

async function withQueue<T>(client: BenchClient, name: string, fn: (url: string) => Promise<T>): Promise<T> {
  const { QueueUrl } = await client.sqs.send(new CreateQueueCommand({ QueueName: name }));
  try {
    return await fn(QueueUrl!);
  } finally {
    await client.sqs.send(new DeleteQueueCommand({ QueueUrl })).catch(warnNotDeleted(name));
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Full cycle: SendMessageBatch producers, Receive → DeleteMessageBatch consumers.

export interface CycleOptions {
  producers: number;
  consumers: number;
  warmupSeconds: number;
  seconds: number;
  /** Producers pause while this many messages are sent but not yet deleted (keeps the queue from growing without bound). */
  maxBacklog: number;
  bodyBytes: number;
  /** Called with the measurement window's bounds, e.g. to flag it for a profiler. */
  onWindow?: (phase: "start" | "end") => void;
  /** `sdk` (default): @aws-sdk/client-sqs; `lean`: a hand-signed JSON client without the SDK (diagnosis). */
  client?: "sdk" | "lean";
  /** Which run of this cycle in the benchmark: each gets its own queue, as a deleted name stays taken for 60 s. */
  round?: number;
}

interface Message {
  ReceiptHandle?: string;
}

/** The three calls a cycle makes, over either client. */
interface CycleOps {
  sendBatch(queueUrl: string, entries: { Id: string; MessageBody: string }[]): Promise<{ ok: number; failed?: string }>;
  receive(queueUrl: string): Promise<Message[]>;
  deleteBatch(queueUrl: string, entries: { Id: string; ReceiptHandle: string }[]): Promise<{ ok: number; failed?: string }>;
  setWire(sink: Map<string, number[]> | null): void;
  destroy(): void;
}

function sdkOps(target: Target): CycleOps {
  const client = benchClient(target, 4);
  return {
    async sendBatch(QueueUrl, Entries) {
      const r = await client.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
      return { ok: r.Successful?.length ?? 0, failed: r.Failed?.[0]?.Code };
    },
    async receive(QueueUrl) {
      const r = await client.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      return r.Messages ?? [];
    },
    async deleteBatch(QueueUrl, Entries) {
      const r = await client.sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries }));
      return { ok: r.Successful?.length ?? 0, failed: r.Failed?.[0]?.Code };
    },
    setWire: (sink) => (client.wire = sink),
    destroy: () => client.destroy(),
  };
}

function leanOps(target: Target): CycleOps {
  const client = new LeanSqs(target.endpoint, target.credentials, target.region, 1);
  type Batch = { Successful?: unknown[]; Failed?: { Code?: string }[] };
  return {
    async sendBatch(QueueUrl, Entries) {
      const r = await client.call<Batch>("SendMessageBatch", { QueueUrl, Entries });
      return { ok: r.Successful?.length ?? 0, failed: r.Failed?.[0]?.Code };
    },
    async receive(QueueUrl) {
      const r = await client.call<{ Messages?: Message[] }>("ReceiveMessage", { QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 });
      return r.Messages ?? [];
    },
    async deleteBatch(QueueUrl, Entries) {
      const r = await client.call<Batch>("DeleteMessageBatch", { QueueUrl, Entries });
      return { ok: r.Successful?.length ?? 0, failed: r.Failed?.[0]?.Code };
    },
    setWire: () => undefined,
    destroy: () => client.destroy(),
  };
}

export interface CycleResult {
  messagesPerSecond: number;
  sentPerSecond: number;
  seconds: number;
  deleted: number;
  emptyReceives: number;
  avgBatch: number;
  errors: number;
  firstError?: string;
  /** SDK round trip (ms) per operation during the window. */
  sdk: Record<string, Summary>;
  /** Wire time (ms) per operation during the window. */
  wire: Record<string, Summary>;
  cpu: CpuWindow;
}

export async function fullCycle(target: Target, env: WorkloadEnv, opts: CycleOptions): Promise<CycleResult> {
  // One client per loop: each has its own socket, as separate workers would.
  const make = opts.client === "lean" ? leanOps : sdkOps;
  const clients = Array.from({ length: opts.producers + opts.consumers }, () => make(target));
  const admin = benchClient(target, 1);
  try {
    return await withQueue(admin, `bench-cycle-${opts.client ?? "sdk"}-${env.runId}-${opts.round ?? 1}`, async (queueUrl) => {
      let stop = false;
      let measuring = false;
      let sent = 0;
      let deleted = 0;
      let emptyReceives = 0;
      let receives = 0;
      let received = 0;
      let errors = 0;
      let firstError: string | undefined;
      const sdk = new Map<string, number[]>();
      const record = (op: string, ms: number) => {
        if (!measuring) return;
        let list = sdk.get(op);
        if (!list) sdk.set(op, (list = []));
        list.push(ms);
      };
      const fail = async (e: unknown) => {
        errors++;
        firstError ??= errorText(e);
        if (errors > 200) stop = true;
        await sleep(10);
      };
      const wire = new Map<string, number[]>();
      let seq = 0;

      const producer = async (client: CycleOps) => {
        while (!stop) {
          if (sent - deleted >= opts.maxBacklog) {
            await sleep(1);
            continue;
          }
          const entries = Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: body(opts.bodyBytes, seq++) }));
          const t0 = performance.now();
          try {
            const r = await client.sendBatch(queueUrl, entries);
            record("SendMessageBatch", performance.now() - t0);
            sent += r.ok;
            if (r.failed) await fail(new Error(`SendMessageBatch: ${10 - r.ok} failed: ${r.failed}`));
          } catch (e) {
            await fail(e);
          }
        }
      };
      const consumer = async (client: CycleOps) => {
        while (!stop) {
          try {
            let t0 = performance.now();
            const messages = await client.receive(queueUrl);
            record("ReceiveMessage", performance.now() - t0);
            receives++;
            if (messages.length === 0) {
              emptyReceives++;
              continue;
            }
            received += messages.length;
            t0 = performance.now();
            const d = await client.deleteBatch(queueUrl, messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })));
            record("DeleteMessageBatch", performance.now() - t0);
            deleted += d.ok;
            if (d.failed) await fail(new Error(`DeleteMessageBatch: ${messages.length - d.ok} failed: ${d.failed}`));
          } catch (e) {
            await fail(e);
          }
        }
      };

      const loops = [...clients.slice(0, opts.producers).map(producer), ...clients.slice(opts.producers).map(consumer)];
      await sleep(opts.warmupSeconds * 1000);
      const start = { sent, deleted, emptyReceives, receives, received, t: performance.now() };
      for (const c of clients) c.setWire(wire);
      measuring = true;
      opts.onWindow?.("start");
      const cpu = cpuWindow({ server: target.serverPids, ...env.components });
      await sleep(opts.seconds * 1000);
      const cpuResult = cpu.end();
      opts.onWindow?.("end");
      measuring = false;
      for (const c of clients) c.setWire(null);
      const seconds = (performance.now() - start.t) / 1000;
      const end = { sent, deleted, emptyReceives, receives, received };
      stop = true;
      await Promise.all(loops);
      const summaries = (m: Map<string, number[]>) => Object.fromEntries([...m].map(([op, v]) => [op, summarize(v)]));
      return {
        messagesPerSecond: (end.deleted - start.deleted) / seconds,
        sentPerSecond: (end.sent - start.sent) / seconds,
        seconds,
        deleted: end.deleted - start.deleted,
        emptyReceives: end.emptyReceives - start.emptyReceives,
        avgBatch: (end.received - start.received) / Math.max(1, end.receives - start.receives - (end.emptyReceives - start.emptyReceives)),
        errors,
        firstError,
        sdk: summaries(sdk),
        wire: summaries(wire),
        cpu: cpuResult,
      };
    });
  } finally {
    for (const c of clients) c.destroy();
    admin.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// 2. SendMessage latency: one client, sequential single sends.

export interface SendLatencyResult {
  sdk: Summary;
  wire: Summary;
  cpu: CpuWindow;
  /** Sends that were measured (fewer than asked when the time cap was hit). */
  measured: number;
  /** Messages per queue before moving on to a fresh one. */
  perQueue: number;
}

export interface SendLatencyOptions {
  warmup: number;
  count: number;
  bodyBytes: number;
  /**
   * Sends go to a fresh queue every this many messages, so every server is measured at the same
   * shallow queue depth (moto's SendMessage slows down linearly with the depth of the queue).
   */
  perQueue: number;
  /** Stop measuring after this long, whatever was reached. */
  maxSeconds: number;
}

export async function sendLatency(target: Target, env: WorkloadEnv, opts: SendLatencyOptions): Promise<SendLatencyResult> {
  const client = benchClient(target, 1);
  const queues: string[] = [];
  const newQueue = async () => {
    const { QueueUrl } = await client.sqs.send(new CreateQueueCommand({ QueueName: `bench-send-${env.runId}-${queues.length}` }));
    queues.push(QueueUrl!);
    return QueueUrl!;
  };
  try {
    let queueUrl = await newQueue();
    for (let i = 0; i < opts.warmup; i++) await client.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body(opts.bodyBytes, i) }));
    const samples: number[] = [];
    const wire = new Map<string, number[]>();
    const cpu = cpuWindow({ server: target.serverPids, ...env.components });
    const deadline = performance.now() + opts.maxSeconds * 1000;
    for (let i = 0; i < opts.count && performance.now() < deadline; i++) {
      if (i % opts.perQueue === 0) queueUrl = await newQueue();
      client.wire = wire;
      const t0 = performance.now();
      await client.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body(opts.bodyBytes, i) }));
      samples.push(performance.now() - t0);
      client.wire = null;
    }
    const cpuResult = cpu.end();
    return { sdk: summarize(samples), wire: summarize(wire.get("SendMessage") ?? []), cpu: cpuResult, measured: samples.length, perQueue: opts.perQueue };
  } finally {
    for (const QueueUrl of queues) await client.sqs.send(new DeleteQueueCommand({ QueueUrl })).catch(warnNotDeleted(QueueUrl));
    client.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Long-poll wake-up: a receive parked on an empty queue, then a send.

export interface LongPollResult {
  /** Send call resolved → receive call resolved (ms). */
  afterSendCompletes: Summary;
  /** Send call started → receive call resolved (ms). */
  afterSendStarts: Summary;
  /** Receives that had not returned 3 s after the send (aborted; not in the figures). */
  misses: number;
}

export async function longPoll(target: Target, env: WorkloadEnv, opts: { warmup: number; count: number; parkMs: number }): Promise<LongPollResult> {
  const receiver = benchClient(target, 1);
  const sender = benchClient(target, 1);
  try {
    return await withQueue(sender, `bench-poll-${env.runId}`, async (queueUrl) => {
      const afterDone: number[] = [];
      const afterStart: number[] = [];
      let misses = 0;
      for (let i = 0; i < opts.warmup + opts.count; i++) {
        const parked = await parkReceive(receiver, queueUrl, opts.parkMs, target.name);
        const sendStart = performance.now();
        await sender.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: `poll-${i}` }));
        const sendDone = performance.now();
        const { message, returnedAt } = await parked.settle();
        if (!message) {
          misses++;
          // The message is still there (or in flight): start the next round from an empty queue.
          await emptyQueue(receiver, queueUrl, 50);
          continue;
        }
        if (i >= opts.warmup) {
          afterDone.push(returnedAt - sendDone);
          afterStart.push(returnedAt - sendStart);
        }
        await receiver.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
      }
      return { afterSendCompletes: summarize(afterDone), afterSendStarts: summarize(afterStart), misses };
    });
  } finally {
    receiver.destroy();
    sender.destroy();
  }
}
