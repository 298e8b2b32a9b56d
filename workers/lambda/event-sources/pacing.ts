/** How event source pollers wait: between retries, while their function or source is unavailable, and when stopped. */
import { setTimeout as delay } from "node:timers/promises";

/** How long a mapping whose function or source is missing (or that may not run at all) waits before it looks again. */
export const UNAVAILABLE_MS = 5_000;
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];

/** The wait before retry number `retry` (0 for the first) of a throttled or failed batch. */
export const backoffMs = (retry: number): number => BACKOFF_MS[Math.min(retry, BACKOFF_MS.length - 1)]!;

/** Waits `ms`, or less when the poller is stopped. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await delay(ms, undefined, { signal }).catch((error: unknown) => {
    if (!signal.aborted) throw error;
  });
}
