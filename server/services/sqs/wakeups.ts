import { Redis } from "ioredis";
import { env } from "../../env";

/**
 * Long-polling wake-ups. A send publishes the queue's ID on Redis after its row is committed; each
 * process holds one subscriber and wakes the receives waiting on that queue. Redis carries only the
 * signal: a waiter that misses one still re-checks Postgres every FALLBACK_RECHECK_MS.
 */
export const WAKE_CHANNEL = "stratus:sqs:wake";
export const FALLBACK_RECHECK_MS = 2_000;

class QueueWakeups {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #waiters = new Map<string, Set<() => void>>();
  #subscribed: Promise<unknown> | undefined;

  constructor(redisUrl: string) {
    // No offline queue on the publisher: a send must not wait for Redis, the fallback re-check covers it.
    this.#publisher = new Redis(redisUrl, { enableOfflineQueue: false, lazyConnect: false });
    this.#subscriber = new Redis(redisUrl, { lazyConnect: true });
    this.#publisher.on("error", () => undefined);
    this.#subscriber.on("error", () => undefined);
    this.#subscriber.on("message", (_channel: string, queueId: string) => this.#wake(queueId));
  }

  /** Signals receivers on every process that `queueId` has new visible messages. */
  notify(queueId: string): void {
    // Local waiters are woken directly; the publish reaches the other processes (and loops back harmlessly).
    this.#wake(queueId);
    this.#publisher.publish(WAKE_CHANNEL, queueId).catch(() => undefined);
  }

  /** Resolves when the queue is signalled, after `ms`, or when `signal` aborts (the caller left), whichever is first. */
  async wait(queueId: string, ms: number, signal?: AbortSignal): Promise<void> {
    this.#subscribed ??= this.#subscriber.connect().then(() => this.#subscriber.subscribe(WAKE_CHANNEL)).catch(() => (this.#subscribed = undefined));
    if (signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const waiters = this.#waiters.get(queueId) ?? new Set();
      this.#waiters.set(queueId, waiters);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", done);
        waiters.delete(done);
        if (waiters.size === 0) this.#waiters.delete(queueId);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener("abort", done, { once: true });
      waiters.add(done);
    });
  }

  #wake(queueId: string): void {
    for (const wake of [...(this.#waiters.get(queueId) ?? [])]) wake();
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
