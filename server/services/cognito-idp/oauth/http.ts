/**
 * The hosted UI and OAuth endpoints speak plain HTTP (not an AWS protocol), as the gateway's public
 * routes: the requests they read and the responses they write, with cookies, redirects and the
 * security headers every page gets.
 */
import { env, publicGatewayUrl } from "../../../env";
import type { PublicRequest, RestResponse } from "../../../gateway/registry";

export type WebRequest = PublicRequest;
export type WebResponse = RestResponse;

export const header = (req: Pick<WebRequest, "headers">, name: string): string | undefined => req.headers[name]?.[0];

/** A form post's fields (application/x-www-form-urlencoded). */
export const formOf = (req: Pick<WebRequest, "body">): URLSearchParams => new URLSearchParams(req.body.toString("utf8"));

export const isForm = (req: Pick<WebRequest, "headers">): boolean => (header(req, "content-type") ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");

export function cookieOf(req: Pick<WebRequest, "headers">, name: string): string | undefined {
  for (const line of req.headers.cookie ?? []) {
    for (const pair of line.split(";")) {
      const at = pair.indexOf("=");
      if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
    }
  }
  return undefined;
}

/**
 * A cookie only this pool's pages see, never readable by scripts, not sent on cross-site posts; Secure
 * where the gateway is served over HTTPS (browsers would drop it over plain HTTP).
 */
export function setCookie(name: string, value: string, path: string, maxAgeSeconds?: number): string {
  const age = maxAgeSeconds === undefined ? "" : `; Max-Age=${maxAgeSeconds}`;
  const secure = publicGatewayUrl().startsWith("https:") ? "; Secure" : "";
  return `${name}=${value}; Path=${path}; HttpOnly; SameSite=Lax${secure}${age}`;
}

const withCookies = (headers: Record<string, string>, cookies: string[]): Record<string, string | string[]> => (cookies.length ? { ...headers, "set-cookie": cookies } : headers);

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

/**
 * The origin that may frame the hosted pages: the console's (NEXTAUTH_URL), for its sign-in page
 * preview. Without that setting the console's origin is unknown and no site may frame them.
 */
export function framingOrigin(): string | undefined {
  const consoleUrl = env().NEXTAUTH_URL;
  return consoleUrl ? new URL(consoleUrl).origin : undefined;
}

/**
 * Pages may not be framed (clickjacking), but by the console, nor run scripts; they need nothing but
 * inline styles. X-Frame-Options can't name an origin, so it stays DENY: browsers that know
 * frame-ancestors follow it instead, older ones refuse every frame.
 */
function pageHeaders(): Record<string, string> {
  return {
    ...NO_STORE,
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; frame-ancestors ${framingOrigin() ?? "'none'"}; base-uri 'none'`,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };
}

export const htmlResponse = (status: number, page: string, cookies: string[] = []): WebResponse => ({ status, headers: withCookies(pageHeaders(), cookies), body: page });

export const redirect = (location: string, cookies: string[] = []): WebResponse => ({ status: 302, headers: withCookies({ ...NO_STORE, location }, cookies), body: "" });

export const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}): WebResponse => ({
  status,
  headers: { ...NO_STORE, "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
