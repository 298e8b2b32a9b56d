import type { IncomingMessage } from "node:http";
import type { Http2ServerRequest } from "node:http2";

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds ${limit} bytes`);
  }
}

/**
 * Reads the whole request body, failing as soon as it passes `limit` bytes (before buffering
 * more). On failure the rest of the stream is left unread: the caller decides how to drain it.
 */
export function readBody(req: IncomingMessage | Http2ServerRequest, limit: number): Promise<Buffer> {
  if (Number(req.headers["content-length"]) > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: Error) => {
      req.off("data", onData).off("end", onEnd).off("error", finish).off("close", onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(new BodyTooLargeError(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onClose = () => finish(new Error("Request closed before its body was complete"));
    req.on("data", onData).on("end", onEnd).on("error", finish).on("close", onClose);
  });
}
