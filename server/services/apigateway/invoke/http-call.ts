/** Calling an HTTP endpoint from an HTTP or HTTP_PROXY integration, within the integration timeout. */
import type { EndpointOutcome } from "./endpoint-call";

/** Hop-by-hop headers and those the HTTP client sets itself are not forwarded. */
const NOT_FORWARDED = new Set(["host", "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate", "content-length", "expect"]);

export interface HttpCall {
  method: string;
  url: string;
  headers: [string, string][];
  body: Buffer;
  timeoutMs: number;
}

/** Connection errors that mean nothing answers at the endpoint's address (it refused or dropped the connection), rather than that the URL is unusable. */
const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_SOCKET"]);

/** fetch's failure as an outcome: its cause (undici's error) says why. */
function failure(error: unknown): EndpointOutcome {
  if (error instanceof DOMException && error.name === "TimeoutError") return { kind: "timeout" };
  const reason = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = reason instanceof Error ? reason.message : String(reason);
  const code = reason instanceof Error && "code" in reason ? String(reason.code) : undefined;
  return code !== undefined && UNREACHABLE.has(code) ? { kind: "unreachable", message } : { kind: "failed", message };
}

export async function callHttp(call: HttpCall): Promise<EndpointOutcome> {
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
    return failure(error);
  }
}
