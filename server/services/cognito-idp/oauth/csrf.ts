/**
 * CSRF protection for the hosted UI's forms: each form carries a sealed token naming a random value
 * that only this browser holds, in an HttpOnly cookie. Another site can neither read the token nor set
 * the cookie, so it cannot post a form (a login, a sign-up) in the user's name. Sign-ins through an
 * identity provider bind their `state` to the same value.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { cookieOf, setCookie, type WebRequest } from "./http";
import { seal, unseal } from "./sealed";

const COOKIE = "cognito-csrf";
const TOKEN_SECONDS = 3600;
const BINDING = /^[\w-]{43}$/;

const CsrfToken = z.object({ pool: z.string(), binding: z.string() });

/** The random value this browser holds, and the cookie to set with it when the browser has none yet. */
export function browserBinding(req: Pick<WebRequest, "headers">, poolId: string): { binding: string; cookies: string[] } {
  const held = cookieOf(req, COOKIE);
  const binding = held && BINDING.test(held) ? held : randomBytes(32).toString("base64url");
  return { binding, cookies: binding === held ? [] : [setCookie(COOKIE, binding, `/${poolId}`)] };
}

export const heldByBrowser = (req: Pick<WebRequest, "headers">, binding: string): boolean => binding === cookieOf(req, COOKIE);

/** A token for a page's form, and the cookie to set with it when the browser has none yet. */
export function csrfToken(req: Pick<WebRequest, "headers">, poolId: string): { token: string; cookies: string[] } {
  const { binding, cookies } = browserBinding(req, poolId);
  return { token: seal({ pool: poolId, binding }, TOKEN_SECONDS), cookies };
}

export function csrfValid(req: Pick<WebRequest, "headers">, poolId: string, form: URLSearchParams): boolean {
  const token = unseal(CsrfToken, form.get("_csrf"));
  return token !== null && token.pool === poolId && heldByBrowser(req, token.binding);
}
