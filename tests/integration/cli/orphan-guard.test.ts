import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, test } from "node:test";
import { ORPHAN_GUARD_ARGS } from "../../../server/cli/orphan-guard";

const dir = mkdtempSync(path.join(tmpdir(), "stratus-orphan-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(50);
  }
}

test("a guarded child shuts down gracefully when the process that spawned it is SIGKILLed", async () => {
  const ready = path.join(dir, "ready");
  const stopped = path.join(dir, "stopped");
  const child = path.join(dir, "child.mjs");
  writeFileSync(
    child,
    `import { writeFileSync } from "node:fs";
process.on("SIGTERM", () => { writeFileSync(${JSON.stringify(stopped)}, "SIGTERM"); process.exit(0); });
writeFileSync(${JSON.stringify(ready)}, String(process.pid));
setInterval(() => {}, 1000);
`,
  );
  // Stands in for the CLI: spawns the child detached, as the supervisor does, then waits to be killed.
  const cli = spawn(
    process.execPath,
    [
      "-e",
      `require("node:child_process").spawn(process.execPath, ${JSON.stringify([...ORPHAN_GUARD_ARGS, child])}, { detached: true, stdio: "ignore" }); setInterval(() => {}, 1000);`,
    ],
    { stdio: "ignore" },
  );
  await until(() => existsSync(ready));
  cli.kill("SIGKILL");
  try {
    await until(() => existsSync(stopped));
  } finally {
    // Should the guard fail, do not leave the child behind.
    if (!existsSync(stopped)) process.kill(Number(readFileSync(ready, "utf8")), "SIGKILL");
  }
  assert.equal(readFileSync(stopped, "utf8"), "SIGTERM");
});
