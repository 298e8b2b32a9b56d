/**
 * The HTTP endpoint SNS delivers to in the benchmark: a Node server in the benchmark process (so a
 * receipt and the publish that caused it are timed on one clock). It answers every POST 200 at once,
 * confirms subscriptions by GETting the SubscribeURL of a SubscriptionConfirmation, and records when
 * each notification's message arrived.
 */
import { createServer, type Server } from "node:http";
import { errorText } from "../lib/cli";

export interface Receiver {
  /** The endpoint to subscribe (`http://127.0.0.1:<port>/sns`). */
  url: string;
  /** performance.now() of the first receipt of each message text, and how many copies came in. */
  receipts: Map<string, { at: number; copies: number }>;
  /** Subscriptions confirmed through their SubscribeURL, with what the GET answered. */
  confirmations: { topicArn: string; status: number; at: number }[];
  /** Requests that were not a notification or confirmation we could read. */
  oddities: string[];
  /** Resolves with the receipt time once `message` has arrived, or rejects after `timeoutMs`. */
  waitFor(message: string, timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

interface SnsPost {
  Type?: string;
  Message?: string;
  TopicArn?: string;
  SubscribeURL?: string;
}

export async function startReceiver(): Promise<Receiver> {
  const receipts = new Map<string, { at: number; copies: number }>();
  const waiters = new Map<string, (at: number) => void>();
  const confirmations: Receiver["confirmations"] = [];
  const oddities: string[] = [];
  const note = (text: string) => oddities.length < 20 && oddities.push(text);

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = performance.now();
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      if (req.method !== "POST") return note(`${req.method} ${req.url}`);
      let post: SnsPost;
      try {
        post = JSON.parse(Buffer.concat(chunks).toString("utf8")) as SnsPost;
      } catch {
        return note(`unreadable POST body (${req.headers["x-amz-sns-message-type"] ?? "no message type"})`);
      }
      if (post.Type === "SubscriptionConfirmation" && post.SubscribeURL) {
        fetch(post.SubscribeURL)
          .then(async (r) => {
            await r.arrayBuffer();
            confirmations.push({ topicArn: post.TopicArn ?? "", status: r.status, at: performance.now() });
          })
          .catch((e: unknown) => note(`GET SubscribeURL failed: ${errorText(e)}`));
        return;
      }
      if (post.Type !== "Notification" || post.Message === undefined) return note(`POST of type ${post.Type}`);
      const seen = receipts.get(post.Message);
      if (seen) {
        seen.copies++;
        return;
      }
      receipts.set(post.Message, { at, copies: 1 });
      waiters.get(post.Message)?.(at);
      waiters.delete(post.Message);
    });
  });
  // Deliveries keep their connections alive; no request may be cut off by Node's defaults.
  server.keepAliveTimeout = 60_000;
  server.requestTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/sns`,
    receipts,
    confirmations,
    oddities,
    waitFor(message, timeoutMs) {
      const seen = receipts.get(message);
      if (seen) return Promise.resolve(seen.at);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(message);
          reject(new Error(`no delivery of "${message}" within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(message, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
