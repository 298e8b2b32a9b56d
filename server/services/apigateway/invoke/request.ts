/** A request to a deployed API as the gateway received it, and the views of it integrations and templates use. */
import type { InvokeTarget } from "./target";

export interface ApiRequest {
  requestId: string;
  /** The HTTP method as sent. */
  method: string;
  target: InvokeTarget;
  /** Header names and values as the client sent them, in order (Node's `rawHeaders`). */
  rawHeaders: readonly string[];
  /** Raw query string, without "?". */
  query: string;
  body: Buffer;
  sourceIp: string;
  /** The Host header, for `$context.domainName`. */
  host: string;
  receivedAt: Date;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** Single-valued (the last value wins, as API Gateway does) and multi-valued views of one set of parameters. */
export interface ParameterViews {
  single: Record<string, string>;
  multi: Record<string, string[]>;
}

function views(pairs: Iterable<[string, string]>): ParameterViews {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

/** Headers keyed by the names the client used. */
export function headerViews(req: Pick<ApiRequest, "rawHeaders">): ParameterViews {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  return views(pairs);
}

/** Query string parameters, decoded. */
export function queryViews(req: Pick<ApiRequest, "query">): ParameterViews {
  return views(new URLSearchParams(req.query));
}

/** A header's last value, by case-insensitive name. */
export function headerOf(req: Pick<ApiRequest, "rawHeaders">, name: string): string | undefined {
  const wanted = name.toLowerCase();
  let value: string | undefined;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === wanted) value = req.rawHeaders[i + 1];
  return value;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `$context.requestTime`'s CLF form, e.g. `09/Apr/2015:12:34:56 +0000`. */
export function clfTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
