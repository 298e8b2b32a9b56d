import { defineConfig, devices } from "@playwright/test";
import { WEB_URL } from "./tests/e2e/urls";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  globalSetup: "./tests/e2e/global-setup.ts",
  // One shared server on a 2-core machine: run tests one at a time for stable timings.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: WEB_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          // Debian's Chromium (apt-get install chromium); Playwright's own browser downloads are not used.
          executablePath: "/usr/bin/chromium",
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx server/cli/start.ts",
    // The sign-in page answers once the console is up; global-setup then waits for the gateway.
    url: `${WEB_URL}/signin`,
    // A cold start runs `next build` first.
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    // start.ts runs web, gateway and workers in their own process groups; SIGTERM lets it stop them
    // (Playwright's default SIGKILL would leave them running and holding the ports).
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: "3100",
      GATEWAY_PORT: "4666",
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/stratus_e2e",
      REDIS_URL: "redis://127.0.0.1:6379/2",
      STRATUS_SECRET_KEY: "e2e-secret-key-0123456789abcdef0123456789abcdef",
      STRATUS_DATA_DIR: ".stratus/e2e",
      NEXTAUTH_URL: WEB_URL,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
