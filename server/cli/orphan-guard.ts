/**
 * Node flags that preload a guard into a child: the children are detached, so that a terminal's Ctrl-C
 * reaches only the CLI, which then stops them in order; but then nothing stops them when the CLI is
 * SIGKILLed — as test runners and CI do to a process group. The guard notices the CLI is gone (the child
 * was re-parented) and sends its process SIGTERM once, for the usual graceful shutdown.
 * A data: URL, so it needs no loader and nothing on disk.
 */
const GUARD = `const parent = process.ppid;
const timer = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(timer);
  process.kill(process.pid, "SIGTERM");
}, 1000);
timer.unref();`;

export const ORPHAN_GUARD_ARGS = ["--import", `data:text/javascript,${encodeURIComponent(GUARD)}`];
