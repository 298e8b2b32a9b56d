/**
 * Linking an identity provider's users to existing users of the pool: AdminLinkProviderForUser (a later
 * federated sign-in as that subject signs in as the user, whose `identities` lists the link) and
 * AdminDisableProviderForUser (the link goes, or the federated user or native password sign-in is
 * turned off).
 */
import type { Db, PrismaClient } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import type { CognitoIdentityProvider, CognitoUser, CognitoUserPool } from "../../db/generated/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { storedAttributes } from "./attributes";
import { CognitoErrors } from "./errors";
import { identityOf, withIdentity, withoutIdentity } from "./identities";
import { COGNITO_PROVIDER, findProvider } from "./identity-providers";
import { requirePool, requireUser, userByKey, usernameKey } from "./store";

/** What AdminLinkProviderForUser and AdminDisableProviderForUser call a user (ProviderUserIdentifierType). */
export interface ProviderUser {
  ProviderName?: string;
  ProviderAttributeName?: string;
  ProviderAttributeValue?: string;
}

/** The provider attribute a link names an OIDC provider's user by: their `sub`. */
const COGNITO_SUBJECT = "Cognito_Subject";

/** Cognito's quota of identities linked to one user. */
const MAX_LINKS_PER_USER = 5;

const isCognito = (providerName: string | undefined) => providerName?.toUpperCase() === COGNITO_PROVIDER;

/** A federated user's username: the provider's name and the provider's ID for them. */
export const federatedUsername = (providerName: string, userId: string) => `${providerName}_${userId}`;

const linkKey = (userPoolId: string, providerName: string, subject: string) => ({ userPoolId_providerName_subject: { userPoolId, providerName, subject } });

/** The user a provider's subject was linked to, if it was. */
export async function linkedUser(db: Db, userPoolId: string, providerName: string, subject: string): Promise<CognitoUser | null> {
  const link = await db.cognitoProviderLink.findUnique({ where: linkKey(userPoolId, providerName, subject), include: { user: true } });
  return link?.user ?? null;
}

/** The pool's provider a ProviderUser names (`role` words the errors: SourceUser or User). */
async function providerOf(db: Db, pool: CognitoUserPool, user: ProviderUser, role: string): Promise<{ provider: CognitoIdentityProvider; subject: string }> {
  const provider = user.ProviderName ? await findProvider(db, pool.id, user.ProviderName) : null;
  if (!provider) throw CognitoErrors.invalidParameter(`Invalid ${role}: the identity provider ${user.ProviderName ?? ""} does not exist in user pool ${pool.id}.`);
  if (user.ProviderAttributeName !== COGNITO_SUBJECT) throw CognitoErrors.invalidParameter(`Invalid ${role}: ProviderAttributeName must be ${COGNITO_SUBJECT} for an OIDC identity provider.`);
  if (!user.ProviderAttributeValue) throw CognitoErrors.invalidParameter(`Invalid ${role}: ProviderAttributeValue is required.`);
  return { provider, subject: user.ProviderAttributeValue };
}

const federatedUserOf = (db: Db, pool: CognitoUserPool, providerName: string, userId: string) => userByKey(db, pool.id, usernameKey(pool, federatedUsername(providerName, userId)));

/** DestinationUser: a native user by username (ProviderName `Cognito`), or a federated user by the provider's ID for them. */
async function destinationOf(db: Db, pool: CognitoUserPool, destination: ProviderUser): Promise<CognitoUser> {
  const value = destination.ProviderAttributeValue;
  if (!value) throw CognitoErrors.invalidParameter("Invalid DestinationUser: ProviderAttributeValue is required.");
  if (isCognito(destination.ProviderName)) return requireUser(db, pool, value);
  if (!destination.ProviderName || !(await findProvider(db, pool.id, destination.ProviderName))) {
    throw CognitoErrors.invalidParameter(`Invalid DestinationUser: the identity provider ${destination.ProviderName ?? ""} does not exist in user pool ${pool.id}.`);
  }
  const user = await federatedUserOf(db, pool, destination.ProviderName, value);
  if (!user) throw CognitoErrors.userNotFound();
  return user;
}

const setIdentities = (db: Db, user: CognitoUser, identities: string | undefined) => {
  const { identities: _old, ...rest } = storedAttributes(user);
  return db.cognitoUser.update({
    where: { userPoolId_usernameKey: { userPoolId: user.userPoolId, usernameKey: user.usernameKey } },
    data: { attributes: identities === undefined ? rest : { ...rest, identities }, updatedAt: new Date() },
  });
};

export async function adminLinkProviderForUser(db: PrismaClient, ctx: CallContext, input: { UserPoolId: string; DestinationUser: ProviderUser; SourceUser: ProviderUser }) {
  requireRole(ctx, "developer", "cognito-idp:AdminLinkProviderForUser");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  if (isCognito(input.SourceUser.ProviderName)) {
    throw CognitoErrors.invalidParameter("Invalid SourceUser: Cognito users with username/password may not be passed in as a SourceUser, only as a DestinationUser");
  }
  const { provider, subject } = await providerOf(db, pool, input.SourceUser, "SourceUser");
  const destination = await destinationOf(db, pool, input.DestinationUser);
  // Only an identity that has not signed in yet can be linked: its federated user would otherwise be left behind.
  if (await federatedUserOf(db, pool, provider.providerName, subject)) {
    throw CognitoErrors.invalidParameter("Merging is not currently supported, provide a SourceUser that has not been used to sign in");
  }
  const linked = await linkedUser(db, pool.id, provider.providerName, subject);
  if (linked?.usernameKey === destination.usernameKey) return {};
  const alreadyLinked = () => CognitoErrors.aliasExists(`The SourceUser is already linked to another user of user pool ${pool.id}.`);
  if (linked) throw alreadyLinked();
  if ((await db.cognitoProviderLink.count({ where: { userPoolId: pool.id, usernameKey: destination.usernameKey } })) >= MAX_LINKS_PER_USER) {
    throw CognitoErrors.limitExceeded(`A user can be linked to at most ${MAX_LINKS_PER_USER} identities.`);
  }
  await db
    .$transaction([
      db.cognitoProviderLink.create({ data: { userPoolId: pool.id, providerName: provider.providerName, subject, usernameKey: destination.usernameKey } }),
      setIdentities(db, destination, withIdentity(storedAttributes(destination).identities, identityOf(provider, subject, false))),
    ])
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? alreadyLinked() : error;
    });
  return {};
}

/**
 * A linked identity is unlinked (its next sign-in makes a new federated user); a federated user is
 * disabled; a native user (ProviderName `Cognito`) can no longer sign in with a password.
 */
export async function adminDisableProviderForUser(db: PrismaClient, ctx: CallContext, input: { UserPoolId: string; User: ProviderUser }) {
  requireRole(ctx, "developer", "cognito-idp:AdminDisableProviderForUser");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const userKey = (user: CognitoUser) => ({ userPoolId_usernameKey: { userPoolId: pool.id, usernameKey: user.usernameKey } });
  if (isCognito(input.User.ProviderName)) {
    if (input.User.ProviderAttributeName !== COGNITO_SUBJECT || !input.User.ProviderAttributeValue) {
      throw CognitoErrors.invalidParameter(`Invalid User: a native user is named by ProviderAttributeName ${COGNITO_SUBJECT} and their username.`);
    }
    const user = await requireUser(db, pool, input.User.ProviderAttributeValue);
    await db.cognitoUser.update({ where: userKey(user), data: { passwordHash: null, srpSalt: null, srpVerifier: null, updatedAt: new Date() } });
    return {};
  }
  const { provider, subject } = await providerOf(db, pool, input.User, "User");
  const linked = await linkedUser(db, pool.id, provider.providerName, subject);
  if (linked) {
    await db.$transaction([
      db.cognitoProviderLink.delete({ where: linkKey(pool.id, provider.providerName, subject) }),
      setIdentities(db, linked, withoutIdentity(storedAttributes(linked).identities, provider.providerName, subject)),
    ]);
    return {};
  }
  const federated = await federatedUserOf(db, pool, provider.providerName, subject);
  if (!federated) throw CognitoErrors.userNotFound();
  await db.cognitoUser.update({ where: userKey(federated), data: { enabled: false, updatedAt: new Date() } });
  return {};
}
