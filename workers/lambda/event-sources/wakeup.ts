/** A condition to wait on: `wait` resolves at the next `notify`, after `ms`, or when the signal aborts, whichever comes first. */
export class Wakeup {
  #waiters = new Set<() => void>();

  notify(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const waiter of waiters) waiter();
  }

  wait(signal: AbortSignal, ms?: number): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = ms === undefined ? undefined : setTimeout(done, Math.max(0, ms));
      signal.addEventListener("abort", done, { once: true });
      this.#waiters.add(done);
    });
  }
}
