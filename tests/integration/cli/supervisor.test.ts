import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, test } from "node:test";
import { Supervisor, type ChildSpec } from "../../../server/cli/supervisor";

const dir = mkdtempSync(path.join(tmpdir(), "stratus-supervisor-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, source: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return file;
}

// Crashes on its first run (counted in a file), then runs until SIGTERM.
const crashOnce = script(
  "crash-once.mjs",
  `import { existsSync, readFileSync, writeFileSync } from "node:fs";
const counter = process.argv[2];
const run = (existsSync(counter) ? Number(readFileSync(counter, "utf8")) : 0) + 1;
writeFileSync(counter, String(run));
if (run === 1) { console.error("crashing"); process.exit(3); }
process.on("SIGTERM", () => { console.log("got SIGTERM"); process.exit(0); });
console.log("run " + run);
setInterval(() => {}, 1000);
`,
);

const ignoreSigterm = script(
  "ignore-sigterm.mjs",
  `process.on("SIGTERM", () => console.log("ignoring SIGTERM"));
console.log("ready");
setInterval(() => {}, 1000);
`,
);

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(20);
  }
}

function supervise(spec: ChildSpec, stopTimeoutMs = 5_000) {
  const lines: string[] = [];
  const supervisor = new Supervisor([spec], { output: (line) => lines.push(line), restartDelayMs: 50, stopTimeoutMs });
  supervisor.start();
  return { supervisor, lines };
}

test("restarts a child that crashes, then forwards the stop signal and waits for it", async () => {
  const { supervisor, lines } = supervise({ name: "app", command: process.execPath, args: [crashOnce, path.join(dir, "runs")] });
  await until(() => lines.includes("[app] run 2"));
  assert.ok(lines.includes("[app] crashing"));
  assert.ok(lines.includes("[app] exited with code 3; restarting in 0.05s"));

  await supervisor.stop("SIGTERM");
  assert.deepEqual(lines.slice(-2), ["[app] got SIGTERM", "[app] exited with code 0"]);
});

test("kills a child that ignores the stop signal once the timeout passes", async () => {
  const { supervisor, lines } = supervise({ name: "stubborn", command: process.execPath, args: [ignoreSigterm] }, 300);
  await until(() => lines.includes("[stubborn] ready"));
  await supervisor.stop("SIGTERM");
  assert.deepEqual(lines.slice(-2), ["[stubborn] ignoring SIGTERM", "[stubborn] was killed by SIGKILL"]);
});

test("keeps retrying a command that cannot be spawned, with growing delays", async () => {
  const { supervisor, lines } = supervise({ name: "missing", command: path.join(dir, "no-such-command"), args: [] });
  await until(() => lines.length >= 2);
  await supervisor.stop();
  assert.match(lines[0]!, /^\[missing\] could not start \(spawn .* ENOENT\); restarting in 0\.05s$/);
  assert.match(lines[1]!, /restarting in 0\.1s$/);
});
