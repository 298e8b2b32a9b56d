import { getServerSession } from "next-auth";
import { authOptions } from "../auth/options";
import { sourceIpFromHeaders } from "../auth/source-ip";
import { prisma } from "../db/client";
import { env } from "../env";
import type { Context } from "./trpc";
import { REGION_CODE } from "../lib/regions";

export const ACCOUNT_COOKIE = "stratus_account";
export const REGION_COOKIE = "stratus_region";

function readCookie(headers: Headers, name: string): string | undefined {
  for (const part of headers.get("cookie")?.split(";") ?? []) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    // A malformed cookie (any service on this host can set one) must not break every call.
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Per-request tRPC context for the Next.js route handler. */
export async function createTRPCContext(opts: { headers: Headers }): Promise<Context> {
  const session = await getServerSession(authOptions);
  const region = opts.headers.get("x-stratus-region") ?? readCookie(opts.headers, REGION_COOKIE);
  return {
    db: prisma(),
    session,
    headers: opts.headers,
    accountId: opts.headers.get("x-stratus-account") ?? readCookie(opts.headers, ACCOUNT_COOKIE),
    region: region && REGION_CODE.test(region) ? region : env().STRATUS_DEFAULT_REGION,
    sourceIp: sourceIpFromHeaders(opts.headers),
    // The console marks its own calls so the audit log can tell them from programmatic tRPC use.
    source: opts.headers.get("x-stratus-client") === "console" ? "console" : "trpc",
  };
}

