/**
 * An HTTP handler for AWS SDK v3 clients in benchmarks: keep-alive sockets, and the wire part of each
 * call (request written → response headers read) timed next to the SDK's total, so client-side cost
 * (serialising, signing, checksums) can be told apart from the server's.
 */
import { Agent } from "node:http";
import { NodeHttpHandler } from "@smithy/node-http-handler";

type HttpRequest = Parameters<NodeHttpHandler["handle"]>[0];

export interface TimedHandler {
  /** Pass as the client's `requestHandler`. */
  handler: NodeHttpHandler;
  /** While set, wire times (ms) are appended here per operation (as `operationOf` names it). */
  wire: Map<string, number[]> | null;
  destroy(): void;
}

export function timedHandler(maxSockets: number, operationOf: (request: HttpRequest) => string): TimedHandler {
  const inner = new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets }), connectionTimeout: 5_000 });
  const timed: TimedHandler = {
    handler: undefined as unknown as NodeHttpHandler,
    wire: null,
    destroy: () => inner.destroy(),
  };
  const handler = {
    metadata: inner.metadata,
    handle: async (request: HttpRequest, options?: Parameters<NodeHttpHandler["handle"]>[1]) => {
      const t0 = performance.now();
      const result = await inner.handle(request, options);
      const sink = timed.wire;
      if (sink) {
        const op = operationOf(request);
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
  timed.handler = handler as unknown as NodeHttpHandler;
  return timed;
}
