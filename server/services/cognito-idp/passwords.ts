/** Password rules of a pool, and what is stored when a password is set (a KDF hash and the SRP verifier). */
import { hashPassword } from "../accounts/passwords";
import { CognitoErrors } from "./errors";
import type { PasswordPolicy } from "./model";
import { poolNameOf } from "./model";
import { srpVerifier } from "./srp";

/** Cognito's symbol set for RequireSymbols. */
const SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** Throws InvalidPasswordException with Cognito's wording for the first rule the password breaks. */
export function checkPasswordPolicy(password: string, policy: PasswordPolicy): void {
  const fail = (why: string) => CognitoErrors.invalidPassword(`Password did not conform with policy: ${why}`);
  if (password.length < policy.MinimumLength) throw fail("Password not long enough");
  if (policy.RequireLowercase && !/[a-z]/.test(password)) throw fail("Password must have lowercase characters");
  if (policy.RequireUppercase && !/[A-Z]/.test(password)) throw fail("Password must have uppercase characters");
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw fail("Password must have numeric characters");
  if (policy.RequireSymbols && !SYMBOLS.test(password)) throw fail("Password must have symbol characters");
}

export interface StoredPassword {
  passwordHash: string;
  srpSalt: string;
  srpVerifier: string;
}

/** SRP identifies the user by their username (USER_ID_FOR_SRP), so the verifier is bound to it. */
export async function storedPassword(userPoolId: string, username: string, password: string): Promise<StoredPassword> {
  const { salt, verifier } = srpVerifier(poolNameOf(userPoolId), username, password);
  return { passwordHash: await hashPassword(password), srpSalt: salt, srpVerifier: verifier };
}

const TEMPORARY_ALPHABET = { lower: "abcdefghijkmnopqrstuvwxyz", upper: "ABCDEFGHJKLMNPQRSTUVWXYZ", digit: "23456789", symbol: "!@#%&*?" };

/** A temporary password that satisfies the pool's policy (AdminCreateUser without one). */
export function temporaryPassword(policy: PasswordPolicy, random: (alphabet: string, n: number) => string): string {
  const parts = [random(TEMPORARY_ALPHABET.lower, 4), random(TEMPORARY_ALPHABET.upper, 2), random(TEMPORARY_ALPHABET.digit, 2), random(TEMPORARY_ALPHABET.symbol, 1)];
  const extra = Math.max(0, policy.MinimumLength - 9);
  return parts.join("") + random(TEMPORARY_ALPHABET.lower, extra);
}
