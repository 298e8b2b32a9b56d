type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The client address as the reverse proxy (or Next) reports it: the first hop of X-Forwarded-For. Next
 * only fills the header when the client did not send one, so without a trusted proxy (STRATUS_TRUST_PROXY)
 * it is a claim, fit for the audit log's record but not for security decisions.
 */
export function sourceIpFromHeaders(headers: HeaderBag): string | undefined {
  const forwarded = header(headers, "x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || header(headers, "x-real-ip") || undefined;
}
