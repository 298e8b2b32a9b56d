import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { env } from "../../env";

/**
 * Long-polling wake-ups. A send publishes the queue's ID on Redis after its row is committed; each
 * process holds one subscriber and wakes a receive waiting on that queue. Redis carries only the
 * signal: a waiter that misses one still re-checks Postgres every FALLBACK_RECHECK_MS.
 *
 * A signal wakes one waiter per process, the longest waiting, not all of them: each woken receive
 * queries Postgres, and all but one would find the new messages taken. A woken receive that may have
 * left messages behind passes the signal on (wakeNext).
 */
export const WAKE_CHANNEL = "stratus:sqs:wake";
export const FALLBACK_RECHECK_MS = 2_000;

/** What travels on WAKE_CHANNEL: the publishing process (which has woken its own waiter already) and the queue. */
export const wakeMessage = (origin: string, queueId: string) => `${origin} ${queueId}`;

/** How a wait ended: a signal for the queue, its time running out, or its caller leaving. */
export type WaitEnd = "woken" | "timeout" | "aborted";

class QueueWakeups {
  readonly #origin = randomUUID();
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  /** Per queue, in the order they began waiting. */
  readonly #waiters = new Map<string, Set<(end: WaitEnd) => void>>();
  #subscribed: Promise<unknown> | undefined;

  constructor(redisUrl: string) {
    // No offline queue on the publisher: a send must not wait for Redis, the fallback re-check covers it.
    this.#publisher = new Redis(redisUrl, { enableOfflineQueue: false, lazyConnect: false });
    this.#subscriber = new Redis(redisUrl, { lazyConnect: true });
    this.#publisher.on("error", () => undefined);
    this.#subscriber.on("error", () => undefined);
    this.#subscriber.on("message", (_channel: string, message: string) => {
      const [origin, queueId] = message.split(" ");
      if (origin !== this.#origin && queueId) this.wakeNext(queueId);
    });
  }

  /** Signals receivers on every process that `queueId` has new visible messages. */
  notify(queueId: string): void {
    this.wakeNext(queueId);
    this.#publisher.publish(WAKE_CHANNEL, wakeMessage(this.#origin, queueId)).catch(() => undefined);
  }

  /**
   * Wakes this process's longest-waiting receive on `queueId`, if any: for a signal, or from a woken
   * receive that took a full batch (more may be waiting) or left without receiving.
   */
  wakeNext(queueId: string): void {
    const [first] = this.#waiters.get(queueId) ?? [];
    first?.("woken");
  }

  /** Resolves when the queue is signalled, after `ms`, or when `signal` aborts (the caller left), whichever is first. */
  async wait(queueId: string, ms: number, signal?: AbortSignal): Promise<WaitEnd> {
    this.#subscribed ??= this.#subscriber.connect().then(() => this.#subscriber.subscribe(WAKE_CHANNEL)).catch(() => (this.#subscribed = undefined));
    if (signal?.aborted) return "aborted";
    return new Promise<WaitEnd>((resolve) => {
      const waiters = this.#waiters.get(queueId) ?? new Set();
      this.#waiters.set(queueId, waiters);
      const done = (end: WaitEnd) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", aborted);
        waiters.delete(done);
        if (waiters.size === 0) this.#waiters.delete(queueId);
        resolve(end);
      };
      const aborted = () => done("aborted");
      const timer = setTimeout(() => done("timeout"), Math.max(0, ms));
      signal?.addEventListener("abort", aborted, { once: true });
      waiters.add(done);
    });
  }

  async close(): Promise<void> {
    this.#publisher.disconnect();
    this.#subscriber.disconnect();
  }
}

let instance: QueueWakeups | undefined;

/** The process's wake-up hub (one Redis subscriber per process, not per waiter). */
export function queueWakeups(): QueueWakeups {
  instance ??= new QueueWakeups(env().REDIS_URL);
  return instance;
}
