/**
 * The `identities` attribute: the identity provider users a user signs in as, kept as Cognito keeps it
 * (a JSON string). A federated user's own identity is primary; identities linked to an existing user
 * (AdminLinkProviderForUser) are not.
 */
import { z } from "zod";
import type { CognitoIdentityProvider } from "../../db/generated/client";

const Identities = z.array(z.record(z.string(), z.unknown()));

/** The entries of a stored `identities` attribute (none when it is absent or not what Cognito writes). */
export function identitiesIn(stored: string | undefined): Record<string, unknown>[] {
  if (stored === undefined) return [];
  try {
    const parsed = Identities.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** One entry, as Cognito writes it: the provider's user ID, the provider, and when it was added. */
export const identityOf = (provider: Pick<CognitoIdentityProvider, "providerName" | "providerType">, userId: string, primary: boolean) => ({
  userId,
  providerName: provider.providerName,
  providerType: provider.providerType,
  issuer: null,
  primary,
  dateCreated: Date.now(),
});

const isOf = (providerName: string, userId: string) => (entry: Record<string, unknown>) => entry.providerName === providerName && entry.userId === userId;

/** The attribute with `identity` added (replacing an entry for the same provider user). */
export function withIdentity(stored: string | undefined, identity: ReturnType<typeof identityOf>): string {
  return JSON.stringify([...identitiesIn(stored).filter((entry) => !isOf(identity.providerName, identity.userId)(entry)), identity]);
}

/** The attribute without the provider user's entry; undefined when none is left (the attribute goes). */
export function withoutIdentity(stored: string | undefined, providerName: string, userId: string): string | undefined {
  const left = identitiesIn(stored).filter((entry) => !isOf(providerName, userId)(entry));
  return left.length ? JSON.stringify(left) : undefined;
}
