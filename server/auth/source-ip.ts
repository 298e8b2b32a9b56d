type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The client address as the reverse proxy (or Next) reports it; first hop of X-Forwarded-For. */
export function sourceIpFromHeaders(headers: HeaderBag): string | undefined {
  const forwarded = header(headers, "x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || header(headers, "x-real-ip") || undefined;
}
