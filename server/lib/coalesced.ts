/**
 * Runs `pass` one at a time: a wake-up while it runs makes it run once more afterwards, so passes
 * never overlap and no wake-up is lost. A failed pass goes to `onError`; the next wake-up tries again.
 */
export interface Coalesced {
  wake(): void;
  /** No more passes; resolves when the one running has ended. */
  stop(): Promise<void>;
}

export function coalesced(pass: () => Promise<void>, onError: (error: unknown) => void): Coalesced {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch(onError)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  return {
    wake,
    async stop() {
      stopped = true;
      await running;
    },
  };
}
