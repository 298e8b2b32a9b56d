import { env } from "../env";

/** The console's public origin: NEXTAUTH_URL when set, else the Host the request came in on. */
export function consoleUrl(headers: Headers): string {
  const configured = env().NEXTAUTH_URL;
  if (configured) return configured.replace(/\/$/, "");
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? `localhost:${env().PORT}`;
  const proto = headers.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}
