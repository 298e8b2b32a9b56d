import { signOut } from "next-auth/react";
import { ACCOUNT_COOKIE, clearCookie } from "./console-cookies";

/** Signs out and forgets the current team, so the next person on this browser starts in one of their own. */
export function signOutOfConsole(callbackUrl: string): void {
  clearCookie(ACCOUNT_COOKIE);
  void signOut({ callbackUrl });
}
