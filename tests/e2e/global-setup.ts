import { GATEWAY_URL } from "./urls";

const GATEWAY_WAIT_MS = 60_000;

/** Playwright waits for the console; the gateway starts alongside it and may answer a moment later. */
export default async function waitForGateway(): Promise<void> {
  const deadline = Date.now() + GATEWAY_WAIT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${GATEWAY_URL}/_stratus/health`);
      if (res.ok) return;
      lastError = new Error(`HTTP ${res.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The gateway at ${GATEWAY_URL} did not become healthy within ${GATEWAY_WAIT_MS / 1000}s: ${String(lastError)}`);
}
