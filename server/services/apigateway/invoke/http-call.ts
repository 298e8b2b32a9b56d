/** Calling an HTTP endpoint from an HTTP or HTTP_PROXY integration, within the integration timeout. */

/** Hop-by-hop headers and those the HTTP client sets itself are not forwarded. */
const NOT_FORWARDED = new Set(["host", "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate", "content-length", "expect"]);

export interface HttpCall {
  method: string;
  url: string;
  headers: [string, string][];
  body: Buffer;
  timeoutMs: number;
}

export type HttpOutcome = { kind: "answered"; status: number; headers: [string, string][]; body: Buffer } | { kind: "timeout" } | { kind: "failed"; message: string };

export async function callHttp(call: HttpCall): Promise<HttpOutcome> {
  const headers = new Headers();
  for (const [name, value] of call.headers) if (!NOT_FORWARDED.has(name.toLowerCase())) headers.append(name, value);
  const withBody = call.method !== "GET" && call.method !== "HEAD";
  try {
    const response = await fetch(call.url, {
      method: call.method,
      headers,
      body: withBody && call.body.length > 0 ? Uint8Array.from(call.body) : undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(call.timeoutMs),
    });
    const body = Buffer.from(await response.arrayBuffer());
    const responseHeaders: [string, string][] = [];
    // fetch has decoded the body, so its encoding no longer applies; cookies come one header each.
    response.headers.forEach((value, name) => {
      if (!NOT_FORWARDED.has(name) && name !== "content-encoding" && name !== "set-cookie") responseHeaders.push([name, value]);
    });
    for (const cookie of response.headers.getSetCookie()) responseHeaders.push(["set-cookie", cookie]);
    return { kind: "answered", status: response.status, headers: responseHeaders, body };
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") return { kind: "timeout" };
    return { kind: "failed", message: error instanceof Error ? error.message : String(error) };
  }
}
