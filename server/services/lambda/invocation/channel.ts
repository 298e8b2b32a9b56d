/**
 * Synchronous invocations cross from the gateway (or console) to a worker through a Redis list and
 * come back on a Redis channel owned by the caller's process. Only the waiting caller depends on
 * them: if Redis goes away, or a worker dies holding one, the call fails, and nothing durable is lost
 * (the worker records every invocation it runs in Postgres). So a plain list does, where a BullMQ
 * queue would add its bookkeeping to every call and re-run a stalled one after its caller gave up.
 * Asynchronous invocations use the outbox instead.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { z } from "zod";
import { AwsError } from "../../../errors";

const REPLY_PREFIX = "stratus:lambda:reply:";
/** The list of waiting invocations, under the installation's queue prefix. */
const invocationList = (prefix: string) => `${prefix}:lambda:invocations`;
/** How long a worker's blocking pop waits before it looks again whether it is closing. */
const POP_TIMEOUT_SECONDS = 1;

/** Who invoked: decides which functions the name resolves to and whether another account's function may run. */
export const callerSchema = z.object({
  accountId: z.string(),
  arn: z.string(),
  userId: z.string(),
  role: z.enum(["owner", "admin", "developer", "viewer"]).nullable(),
});

export const invocationRequestSchema = z.object({
  requestId: z.string(),
  caller: callerSchema,
  region: z.string(),
  /** Name or ARN with an optional qualifier, as the caller gave them. */
  functionName: z.string(),
  qualifier: z.string().optional(),
  payload: z.string().describe("base64"),
  clientContext: z.string().optional(),
  logType: z.enum(["None", "Tail"]),
  /** Epoch ms after which nobody waits for the answer: a worker that picks it up later skips it. */
  callerDeadline: z.number(),
});
export type InvocationRequest = z.infer<typeof invocationRequestSchema>;

export const invocationReplySchema = z.union([
  z.object({
    ok: z.literal(true),
    payload: z.string().describe("base64"),
    functionError: z.string().optional(),
    executedVersion: z.string(),
    logResult: z.string().optional(),
  }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string(), status: z.number(), reason: z.string().optional() }),
]);
export type InvocationReply = z.infer<typeof invocationReplySchema>;

/** An AwsError as a reply, so the caller throws the same error the worker met. */
export function errorReply(error: AwsError): InvocationReply {
  return { ok: false, code: error.code, message: error.message, status: error.status, reason: error.fields.Reason };
}

const queuedInvocationSchema = invocationRequestSchema.extend({ replyTo: z.string() });
type QueuedInvocation = z.infer<typeof queuedInvocationSchema>;

function parseQueued(text: string): QueuedInvocation | null {
  try {
    return queuedInvocationSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

/**
 * What a worker publishes on the caller's channel: the reply, preceded by a "started" notice when the
 * invocation runs long enough for the caller's pickup timeout to matter.
 */
const replyMessageSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("started"), requestId: z.string() }),
  z.object({ kind: z.literal("reply"), requestId: z.string(), reply: invocationReplySchema }),
]);
type ReplyMessage = z.infer<typeof replyMessageSchema>;

/** A run shorter than this needs no "started" notice: its reply comes well within the pickup timeout. */
const STARTED_NOTICE_AFTER_MS = 1_000;

/** How long a caller waits for some worker to pick its invocation up. */
const PICKUP_TIMEOUT_MS = 30_000;

/** The caller's side: one producer and one reply subscriber per process. */
export class InvocationClient {
  readonly #producer: Redis;
  readonly #list: string;
  readonly #subscriber: Redis;
  readonly #channel = REPLY_PREFIX + randomUUID();
  readonly #pending = new Map<string, { started(): void; replied(reply: InvocationReply): void }>();
  readonly #ready: Promise<unknown>;

  constructor(redisUrl: string, prefix: string) {
    this.#producer = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.#producer.on("error", (error) => console.error("lambda invocation producer:", error.message));
    this.#list = invocationList(prefix);
    this.#subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.#subscriber.on("error", (error) => console.error("lambda reply subscriber:", error.message));
    this.#subscriber.on("message", (_channel: string, message: string) => this.#receive(message));
    this.#ready = this.#subscriber.subscribe(this.#channel);
  }

  #receive(message: string): void {
    const parsed = replyMessageSchema.parse(JSON.parse(message));
    const pending = this.#pending.get(parsed.requestId);
    if (!pending) return;
    if (parsed.kind === "started") pending.started();
    else pending.replied(parsed.reply);
  }

  /**
   * Runs the invocation on a worker and waits for its reply: until `request.callerDeadline` once a
   * worker has started it, and at most PICKUP_TIMEOUT_MS for a worker to start it.
   */
  async invoke(request: InvocationRequest): Promise<InvocationReply> {
    await this.#ready;
    let timer: NodeJS.Timeout | undefined;
    const fail = (message: string): InvocationReply => ({ ok: false, code: "ServiceException", message, status: 500 });
    const reply = new Promise<InvocationReply>((resolve) => {
      const wait = (ms: number, message: string) => {
        clearTimeout(timer);
        timer = setTimeout(() => resolve(fail(message)), Math.max(0, ms));
      };
      wait(Math.min(PICKUP_TIMEOUT_MS, request.callerDeadline - Date.now()), "No worker is available to run the function. Is the workers process running?");
      this.#pending.set(request.requestId, {
        started: () => wait(request.callerDeadline - Date.now(), "The worker running the function did not answer in time."),
        replied: resolve,
      });
    });
    try {
      const queued: QueuedInvocation = { ...request, replyTo: this.#channel };
      await this.#producer.lpush(this.#list, JSON.stringify(queued));
      return await reply;
    } finally {
      clearTimeout(timer);
      this.#pending.delete(request.requestId);
    }
  }

  async close(): Promise<void> {
    this.#producer.disconnect();
    this.#subscriber.disconnect();
  }
}

/** The worker's side: runs each queued invocation with `execute` and publishes the reply. */
export function startInvocationWorker(opts: {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  /** Runs the request and calls `respond` with its reply (once), possibly before finishing its own bookkeeping. */
  execute(request: InvocationRequest, respond: (reply: InvocationReply) => Promise<void>): Promise<void>;
  logger?: Pick<Console, "error">;
}): { close(): Promise<void> } {
  const logger = opts.logger ?? console;
  const publisher = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  publisher.on("error", (error) => logger.error("lambda reply publisher:", error.message));
  // A blocking pop holds its connection, so it gets one of its own.
  const consumer = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  consumer.on("error", (error) => logger.error("lambda invocation consumer:", error.message));
  const list = invocationList(opts.prefix);
  const running = new Set<Promise<void>>();
  let slotFreed: (() => void) | undefined;
  let closing = false;

  async function run(queued: QueuedInvocation): Promise<void> {
    const { replyTo, ...request } = queued;
    // The caller has given up: running it now would surprise everyone.
    if (Date.now() >= request.callerDeadline) return;
    const publish = (message: ReplyMessage) => publisher.publish(replyTo, JSON.stringify(message));
    // Not awaited: a reply goes out on the same connection after it, so it can't overtake it.
    const notice = setTimeout(() => {
      publish({ kind: "started", requestId: request.requestId }).catch((error: Error) => logger.error("lambda reply publisher:", error.message));
    }, STARTED_NOTICE_AFTER_MS);
    let responded = false;
    const respond = async (reply: InvocationReply) => {
      responded = true;
      clearTimeout(notice);
      await publish({ kind: "reply", requestId: request.requestId, reply });
    };
    try {
      await opts.execute(request, respond);
    } catch (error) {
      if (responded || !(error instanceof AwsError)) logger.error(`lambda invocation ${request.requestId} failed:`, error);
      if (responded) return;
      await respond(error instanceof AwsError ? errorReply(error) : { ok: false, code: "ServiceException", message: "An internal error occurred.", status: 500 });
    } finally {
      clearTimeout(notice);
    }
  }

  function start(queued: QueuedInvocation): void {
    const task: Promise<void> = run(queued)
      .catch((error: unknown) => logger.error("lambda invocation:", error))
      .finally(() => {
        running.delete(task);
        slotFreed?.();
      });
    running.add(task);
  }

  const popping = (async () => {
    while (!closing) {
      if (running.size >= opts.concurrency) {
        await new Promise<void>((resolve) => (slotFreed = resolve));
        slotFreed = undefined;
        continue;
      }
      let popped: [string, string] | null;
      try {
        popped = await consumer.brpop(list, POP_TIMEOUT_SECONDS);
      } catch (error) {
        if (closing) break;
        logger.error("lambda invocation consumer:", (error as Error).message);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        continue;
      }
      if (!popped) continue;
      const queued = parseQueued(popped[1]);
      if (queued) start(queued);
      else logger.error("lambda invocation consumer: dropped a malformed invocation");
    }
  })();

  return {
    /** Takes no more invocations, lets the running ones finish, then disconnects. */
    async close() {
      closing = true;
      slotFreed?.();
      await popping;
      await Promise.all(running);
      consumer.disconnect();
      publisher.disconnect();
    },
  };
}
