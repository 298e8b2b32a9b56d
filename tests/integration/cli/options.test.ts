import assert from "node:assert/strict";
import { test } from "node:test";
import { StartupError } from "../../../server/cli/errors";
import { parseCliOptions } from "../../../server/cli/options";

test("runs every process by default, a deduplicated subset with --only", () => {
  assert.deepEqual(parseCliOptions([]), { dev: false, processes: ["web", "gateway", "workers"] });
  assert.deepEqual(parseCliOptions(["--dev", "--only", "workers, gateway,workers"]), { dev: true, processes: ["workers", "gateway"] });
  assert.deepEqual(parseCliOptions(["--only=web"]), { dev: false, processes: ["web"] });
});

test("rejects unknown processes and flags with a usage line", () => {
  assert.throws(() => parseCliOptions(["--only", "web,db"]), (e) => e instanceof StartupError && /unknown process "db".*usage/.test(e.message));
  assert.throws(() => parseCliOptions(["--only", ","]), StartupError);
  assert.throws(() => parseCliOptions(["--prod"]), (e) => e instanceof StartupError && /--prod/.test(e.message));
});
