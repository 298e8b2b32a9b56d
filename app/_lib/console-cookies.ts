/** Cookies the server reads to scope team-level calls (see server/api/trpc.ts). */
export const ACCOUNT_COOKIE = "stratus_account";
export const REGION_COOKIE = "stratus_region";
export const DEFAULT_REGION = "us-east-1";

const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;

export function writeCookie(name: string, value: string): void {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
}

export function clearCookie(name: string): void {
  document.cookie = `${name}=; path=/; max-age=0; samesite=lax`;
}
