/** The parts of an HTTP request the gateway routes and verifies on, before the body is read. */
export interface RequestHead {
  method: string;
  /** Path as received on the wire, still percent-encoded. */
  path: string;
  /** Raw query string, without the leading "?". */
  query: string;
  /** Lowercase header name → every value received for it, in order. */
  headers: Readonly<Record<string, readonly string[]>>;
}

/** A request as the gateway has read it. */
export interface GatewayRequest extends RequestHead {
  body: Buffer;
  requestId: string;
  sourceIp?: string;
  /** Aborted when the client disconnects before the response is written. */
  signal: AbortSignal;
}

export function headerValue(req: Pick<RequestHead, "headers">, name: string): string | undefined {
  return req.headers[name]?.[0];
}

/** Groups Node's flat rawHeaders by lowercase name, keeping repeats (SigV4 joins them with commas). */
export function collectHeaders(rawHeaders: readonly string[]): Record<string, string[]> {
  const headers: Record<string, string[]> = Object.create(null);
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    (headers[name] ??= []).push(rawHeaders[i + 1]!);
  }
  return headers;
}

/** decodeURIComponent that leaves malformed escapes as they are (they then simply fail to match). */
export function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
