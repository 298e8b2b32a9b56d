/**
 * SQS clients for the benchmark: AWS SDK v3 with an explicit endpoint, keep-alive sockets, no retries
 * (an error must show, not be hidden by a retry), and a request handler that times the wire part of
 * each call (request written → response headers read) next to the SDK's total, so client-side cost
 * (serialising, signing, MD5 checks) can be told apart from the server's.
 */
import { Agent } from "node:http";
import { SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";

export interface Target {
  name: "stratus" | "moto";
  label: string;
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  /** PIDs of the server processes, for CPU accounting. */
  serverPids: () => number[];
}

export interface BenchClient {
  sqs: SQSClient;
  /** While set, wire times (ms) are appended here per operation (from X-Amz-Target). */
  wire: Map<string, number[]> | null;
  destroy(): void;
}

export function benchClient(target: Target, maxSockets = 32): BenchClient {
  const inner = new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets }), connectionTimeout: 5_000 });
  const bench: BenchClient = {
    sqs: undefined as unknown as SQSClient,
    wire: null,
    destroy: () => {
      bench.sqs.destroy();
      inner.destroy();
    },
  };
  const handler = {
    metadata: inner.metadata,
    handle: async (request: Parameters<NodeHttpHandler["handle"]>[0], options?: Parameters<NodeHttpHandler["handle"]>[1]) => {
      const t0 = performance.now();
      const result = await inner.handle(request, options);
      const sink = bench.wire;
      if (sink) {
        const target = request.headers["x-amz-target"] ?? request.headers["X-Amz-Target"] ?? "?";
        const op = target.slice(target.lastIndexOf(".") + 1);
        let list = sink.get(op);
        if (!list) sink.set(op, (list = []));
        list.push(performance.now() - t0);
      }
      return result;
    },
    updateHttpClientConfig: (key: never, value: never) => inner.updateHttpClientConfig(key, value),
    httpHandlerConfigs: () => inner.httpHandlerConfigs(),
    destroy: () => inner.destroy(),
  };
  bench.sqs = new SQSClient({
    endpoint: target.endpoint,
    region: target.region,
    credentials: target.credentials,
    maxAttempts: 1,
    requestHandler: handler as unknown as NodeHttpHandler,
  });
  return bench;
}
