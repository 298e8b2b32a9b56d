/** OAuth scopes as Cognito grants them, and what they let ID tokens and userInfo say about the user. */

/** The scopes every pool has; resource servers add `{Identifier}/{ScopeName}`. */
export const STANDARD_SCOPES = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"] as const;

/** What tokens from InitiateAuth carry: the user may call the user pool API for themselves. */
export const SIGNIN_SCOPE = "aws.cognito.signin.user.admin";

/** A space-separated `scope` parameter as a list, without repeats. */
export const parseScopes = (value: string | null | undefined): string[] => [...new Set((value ?? "").split(" ").filter(Boolean))];

/** The scopes to grant: all the client may have when none are asked for, null when one asked for is not allowed. */
export function grantScopes(requested: string[], allowed: readonly string[]): string[] | null {
  if (requested.length === 0) return [...allowed];
  return requested.every((scope) => allowed.includes(scope)) ? requested : null;
}

const SCOPED_ATTRIBUTES: Record<string, readonly string[]> = { email: ["email", "email_verified"], phone: ["phone_number", "phone_number_verified"] };

/**
 * The attributes an ID token or userInfo may carry: all of them with `openid` alone or with `profile`;
 * with `email` and/or `phone` (and no `profile`), only those attributes, as Cognito limits them.
 */
export function attributesForScopes(attributes: Record<string, string>, scopes: readonly string[]): Record<string, string> {
  const limiting = scopes.filter((scope) => SCOPED_ATTRIBUTES[scope]);
  if (scopes.includes("profile") || limiting.length === 0) return attributes;
  const allowed = new Set(limiting.flatMap((scope) => SCOPED_ATTRIBUTES[scope] ?? []));
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => allowed.has(name)));
}
