/**
 * Users who sign in through an identity provider, as Cognito keeps them: named
 * `{ProviderName}_{sub}` (or whichever claim the mapping gives `username`), status EXTERNAL_PROVIDER
 * with no password, the `identities` attribute naming the provider's user, and the mapped attributes
 * written again at every sign-in.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import type { CognitoIdentityProvider, CognitoUser, CognitoUserPool } from "../../../db/generated/client";
import { type AttributeType, checkAttributes, checkRequired, storedAttributes } from "../attributes";
import { CognitoErrors } from "../errors";
import { attributeMappingOf } from "../identity-providers";
import { userByKey, usernameKey } from "../store";
import type { Claims } from "./provider-claims";

/** A claim as an attribute value: booleans and numbers as text, anything structured as JSON. */
function claimValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
}

/** The user pool attributes the mapping takes from the claims (`username` names the user instead). */
function mappedAttributes(mapping: Record<string, string>, claims: Claims): AttributeType[] {
  return Object.entries(mapping).flatMap(([attribute, claim]) => {
    const Value = claimValue(claims[claim]);
    return attribute === "username" || Value === undefined ? [] : [{ Name: attribute, Value }];
  });
}

/** The `identities` attribute, as Cognito writes it for a user linked to one provider. */
const identitiesOf = (provider: CognitoIdentityProvider, userId: string): string =>
  JSON.stringify([{ userId, providerName: provider.providerName, providerType: provider.providerType, issuer: null, primary: true, dateCreated: Date.now() }]);

async function createUser(db: Db, pool: CognitoUserPool, provider: CognitoIdentityProvider, username: string, userId: string, mapped: AttributeType[]): Promise<CognitoUser | null> {
  const attributes = { ...checkAttributes(pool, mapped, { creating: true }), identities: identitiesOf(provider, userId) };
  checkRequired(pool, attributes);
  const data = { userPoolId: pool.id, usernameKey: usernameKey(pool, username), username, sub: randomUUID(), status: "EXTERNAL_PROVIDER" as const, attributes };
  return db.cognitoUser.create({ data }).catch((error: unknown) => {
    // Another sign-in of the same user created it first: theirs is updated instead.
    if (isUniqueViolation(error)) return null;
    throw error;
  });
}

async function updateUser(db: Db, pool: CognitoUserPool, user: CognitoUser, mapped: AttributeType[]): Promise<CognitoUser> {
  if (user.status !== "EXTERNAL_PROVIDER") throw CognitoErrors.usernameExists();
  if (!user.enabled) throw CognitoErrors.notAuthorized("User is disabled.");
  const current = storedAttributes(user);
  const changed = mapped.filter((a) => current[a.Name] !== a.Value);
  if (changed.length === 0) return user;
  const changes = checkAttributes(pool, changed, { creating: false });
  return db.cognitoUser.update({
    where: { userPoolId_usernameKey: { userPoolId: pool.id, usernameKey: user.usernameKey } },
    data: { attributes: { ...current, ...changes }, updatedAt: new Date() },
  });
}

/** The user the provider's claims name, created at their first sign-in and brought up to date at every other. */
export async function federatedUser(db: Db, pool: CognitoUserPool, provider: CognitoIdentityProvider, claims: Claims): Promise<CognitoUser> {
  const mapping = attributeMappingOf(provider);
  const usernameClaim = mapping.username ?? "sub";
  const userId = claimValue(claims[usernameClaim]);
  if (!userId) throw CognitoErrors.invalidParameter(`The identity provider's claims have no ${usernameClaim} to name the user by.`);
  const username = `${provider.providerName}_${userId}`;
  const mapped = mappedAttributes(mapping, claims);
  const key = usernameKey(pool, username);
  const existing = await userByKey(db, pool.id, key);
  if (!existing) {
    const created = await createUser(db, pool, provider, username, userId, mapped);
    if (created) return created;
  }
  const user = existing ?? (await userByKey(db, pool.id, key));
  if (!user) throw CognitoErrors.userNotFound();
  return updateUser(db, pool, user, mapped);
}
