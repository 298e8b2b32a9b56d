/**
 * SQS clients for the benchmarks: AWS SDK v3 with an explicit endpoint, keep-alive sockets, cached middleware, no retries
 * (an error must show, not be hidden by a retry), and wire times per operation (bench/lib/timed-handler).
 */
import { SQSClient } from "@aws-sdk/client-sqs";
import type { Target } from "../lib/servers";
import { timedHandler } from "../lib/timed-handler";

export interface BenchClient {
  sqs: SQSClient;
  /** While set, wire times (ms) are appended here per operation (from X-Amz-Target). */
  wire: Map<string, number[]> | null;
  destroy(): void;
}

export function benchClient(target: Target, maxSockets = 32): BenchClient {
  const timed = timedHandler(maxSockets, (request) => {
    const op = request.headers["x-amz-target"] ?? request.headers["X-Amz-Target"] ?? "?";
    return op.slice(op.lastIndexOf(".") + 1);
  });
  const sqs = new SQSClient({
    endpoint: target.endpoint,
    region: target.region,
    credentials: target.credentials,
    maxAttempts: 1,
    requestHandler: timed.handler,
    // Resolve each command's middleware stack once instead of on every call (the SDK's own option;
    // a third of its client-side CPU here), so less of the shared cores goes to the load generator.
    cacheMiddleware: true,
  });
  return {
    sqs,
    get wire() {
      return timed.wire;
    },
    set wire(sink) {
      timed.wire = sink;
    },
    destroy() {
      sqs.destroy();
      timed.destroy();
    },
  };
}
