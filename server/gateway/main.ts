/** Gateway process entry: `npx tsx server/gateway/main.ts`. */
import { prisma } from "../db/client";
import { pgPool } from "../db/pool";
import { flushStageLogs } from "../services/apigateway/invoke/stage-logs";
import { flushStageMetrics } from "../services/apigateway/metrics";
import { flushStreamMetrics } from "../services/kinesis/metrics";
import { flushQueueMetrics } from "../services/sqs/metrics";
import { queueWakeups } from "../services/sqs/wakeups";
import { env, publicGatewayUrl } from "../env";
import { createGatewayServer } from "./server";

const SHUTDOWN_GRACE_MS = 10_000;

const { GATEWAY_HOST, GATEWAY_PORT } = env();
const server = createGatewayServer();

server.on("error", (error) => {
  console.error("gateway server error", error);
  process.exit(1);
});
server.listen(GATEWAY_PORT, GATEWAY_HOST, () => {
  console.info(`Stratus gateway listening on ${GATEWAY_HOST}:${GATEWAY_PORT} (clients use ${publicGatewayUrl()})`);
});

let stopping = false;
function shutdown(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.info(`${signal}: closing the gateway`);
  // In-flight requests get a grace period; a stuck client must not keep the process alive.
  const force = setTimeout(() => {
    console.error(`connections still open after ${SHUTDOWN_GRACE_MS} ms; exiting`);
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  server.close((error) => {
    clearTimeout(force);
    if (error) console.error("error while closing the gateway", error);
    void releaseResources().finally(() => process.exit(error ? 1 : 0));
  });
  server.closeIdleConnections();
}
/** Flushes buffered queue metrics and closes database and Redis connections. */
async function releaseResources(): Promise<void> {
  await Promise.all([flushQueueMetrics(), flushStreamMetrics(), flushStageMetrics(), flushStageLogs()]);
  await Promise.allSettled([prisma().$disconnect(), pgPool().end(), queueWakeups().close()]);
}

// `on`, not `once`: a second signal (systemd signals the whole group, and the CLI forwards) must not kill us mid-drain.
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
