import assert from "node:assert/strict";
import { test } from "node:test";
import { formatBanner } from "../../../server/cli/banner";
import { loadEnv } from "../../../server/env";

const env = loadEnv({
  NODE_ENV: "test",
  STRATUS_SECRET_KEY: "k".repeat(64),
  GATEWAY_PORT: "4570",
  STRATUS_ACCESS_KEY_ID: "AKIABANNERTEST000001",
  STRATUS_SECRET_ACCESS_KEY: "env-secret-never-printed",
});

test("shows the URLs, the key ID and where its secret is, never the secret itself", () => {
  const banner = formatBanner({
    env,
    consoleUrl: "http://localhost:3000",
    processes: ["web", "gateway", "workers"],
    bootstrap: { accountId: "000000000000", adminEmail: "admin@stratus.local", accessKeyId: "AKIABANNERTEST000001" },
  });
  assert.match(banner, /Console {2}http:\/\/localhost:3000/);
  assert.match(banner, /Gateway {2}http:\/\/localhost:4570/);
  assert.match(banner, /aws_access_key_id AKIABANNERTEST000001/);
  assert.match(banner, /"\$STRATUS_SECRET_ACCESS_KEY"/);
  assert.match(banner, /AWS_ENDPOINT_URL=http:\/\/localhost:4570/);
  assert.match(banner, /aws sts get-caller-identity --endpoint-url http:\/\/localhost:4570/);
  assert.doesNotMatch(banner, /env-secret-never-printed|password/);
});

test("prints a generated admin password, and leaves out what this machine does not run", () => {
  const banner = formatBanner({
    env,
    consoleUrl: "http://localhost:3000",
    processes: ["workers"],
    bootstrap: { accountId: "000000000000", adminEmail: "admin@stratus.local", generatedAdminPassword: "Gen3ratedPassw0rd" },
  });
  assert.match(banner, /admin@stratus\.local with password: Gen3ratedPassw0rd/);
  assert.doesNotMatch(banner, /Console|Gateway|aws /);
});
