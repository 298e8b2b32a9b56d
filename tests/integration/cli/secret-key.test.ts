import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { secretKeyFile } from "../../../server/env";
import { ensureSecretKey } from "../../../server/cli/secret-key";

const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "stratus-secret-")), "data");
after(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

test("generates a 32-byte hex key with mode 0600 once, then leaves it alone", () => {
  const file = secretKeyFile(dataDir);
  assert.equal(ensureSecretKey({ STRATUS_DATA_DIR: dataDir }), file);
  const key = readFileSync(file, "utf8").trim();
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(statSync(file).mode & 0o777, 0o600);

  assert.equal(ensureSecretKey({ STRATUS_DATA_DIR: dataDir }), undefined);
  assert.equal(readFileSync(file, "utf8").trim(), key);
});

test("writes nothing when STRATUS_SECRET_KEY is set", () => {
  const otherDir = path.join(path.dirname(dataDir), "other");
  assert.equal(ensureSecretKey({ STRATUS_DATA_DIR: otherDir, STRATUS_SECRET_KEY: "k".repeat(64) }), undefined);
  assert.equal(statSync(secretKeyFile(otherDir), { throwIfNoEntry: false }), undefined);
});
