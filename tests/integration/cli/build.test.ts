import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { webBuildIsStale } from "../../../server/cli/build";

const root = mkdtempSync(path.join(tmpdir(), "stratus-build-"));
after(() => rmSync(root, { recursive: true, force: true }));

const BUILT_AT = new Date("2026-01-02T00:00:00Z");
const BEFORE = new Date("2026-01-01T00:00:00Z");
const AFTER = new Date("2026-01-03T00:00:00Z");

function write(file: string, at = BEFORE): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), "x");
  utimesSync(path.join(root, file), at, at);
}

/** Puts every source file and directory back before the build. */
function ageSources(dir = root): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === ".next") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) ageSources(full);
    utimesSync(full, BEFORE, BEFORE);
  }
}

test("stale without a build, fresh after one, stale again when a nested source, a removal or next.config changes", () => {
  write("app/(console)/page.tsx");
  write("server/services/thing.ts");
  write("package.json");
  assert.equal(webBuildIsStale(root), true, "no .next/BUILD_ID");

  write(".next/BUILD_ID", BUILT_AT);
  ageSources();
  assert.equal(webBuildIsStale(root), false);

  utimesSync(path.join(root, "server/services/thing.ts"), AFTER, AFTER);
  assert.equal(webBuildIsStale(root), true, "edited source");

  ageSources();
  rmSync(path.join(root, "server/services/thing.ts"));
  assert.equal(webBuildIsStale(root), true, "removed source");

  ageSources();
  write("next.config.ts", AFTER);
  assert.equal(webBuildIsStale(root), true, "new next.config.ts");

  ageSources();
  write("tests/unrelated.test.ts", AFTER);
  assert.equal(webBuildIsStale(root), false, "files outside the sources do not count");
});
