/**
 * Identities: GetId (an end user's id in a pool, the same one for the same logins, a new one for each
 * guest), linking logins to identities, and the developer's ListIdentities, DescribeIdentity and
 * DeleteIdentities.
 */
import type { Db, PrismaClient } from "../../db/client";
import type { CognitoIdentity, CognitoIdentityPool } from "../../db/generated/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { guestsNotAllowed, identityNotFound, IdentityErrors } from "./errors";
import { verifyLogins, type VerifiedLogin } from "./logins";
import { identityShape, linkedLogins, newRegionalId, poolSettings } from "./model";
import { keysetPage, poolForEndUser, requireIdentity, requirePool } from "./store";

const newIdentity = (db: Db, pool: CognitoIdentityPool, logins: Record<string, string> = {}) =>
  db.cognitoIdentity.create({ data: { identityId: newRegionalId(pool.region), identityPoolId: pool.id, logins } });

/**
 * The identity `logins` belong to, linking those not linked yet: to the identity `identityId` names when
 * given (a guest who signs in keeps its id), else to the identity the others are linked to, else to a new
 * one. A login is linked to one identity only, so this runs one at a time per pool.
 */
export async function linkLogins(db: PrismaClient, pool: CognitoIdentityPool, logins: VerifiedLogin[], identityId?: string): Promise<CognitoIdentity> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`cognito-identity:${pool.id}`}))`;
    const owners = await tx.cognitoIdentity.findMany({
      where: { identityPoolId: pool.id, OR: logins.map((login) => ({ logins: { path: [login.provider], equals: login.subject } })) },
    });
    const target = identityId === undefined ? owners[0] : await tx.cognitoIdentity.findUnique({ where: { identityId } });
    if (identityId !== undefined && !target) throw identityNotFound(identityId);
    const current = target ? linkedLogins(target) : {};
    const merged = { ...current };
    for (const login of logins) {
      if ((merged[login.provider] ?? login.subject) !== login.subject) throw IdentityErrors.resourceConflict(`This identity is linked to another user of ${login.provider}.`);
      merged[login.provider] = login.subject;
    }
    if (owners.some((owner) => owner.identityId !== target?.identityId)) throw IdentityErrors.resourceConflict("Logins are already linked to another identity.");
    if (!target) return newIdentity(tx, pool, merged);
    if (Object.keys(merged).length === Object.keys(current).length) return target;
    return tx.cognitoIdentity.update({ where: { identityId: target.identityId }, data: { logins: merged, updatedAt: new Date() } });
  });
}

export async function getId(db: PrismaClient, _ctx: CallContext, input: { IdentityPoolId: string; AccountId?: string; Logins?: Record<string, string> }) {
  const pool = await poolForEndUser(db, input.IdentityPoolId, input.AccountId);
  const logins = await verifyLogins(db, pool, input.Logins ?? {});
  if (logins.length > 0) return { IdentityId: (await linkLogins(db, pool, logins)).identityId };
  if (!poolSettings(pool).AllowUnauthenticatedIdentities) throw guestsNotAllowed();
  return { IdentityId: (await newIdentity(db, pool)).identityId };
}

export async function listIdentities(db: Db, ctx: CallContext, input: { IdentityPoolId: string; MaxResults: number; NextToken?: string }) {
  const pool = await requirePool(db, ctx, input.IdentityPoolId);
  const identities = await db.cognitoIdentity.findMany({
    where: { identityPoolId: pool.id, ...(input.NextToken ? { identityId: { gt: input.NextToken } } : {}) },
    orderBy: { identityId: "asc" },
    take: input.MaxResults + 1,
  });
  const { items, NextToken } = keysetPage(identities, input.MaxResults, (identity) => identity.identityId);
  return { IdentityPoolId: pool.id, Identities: items.map(identityShape), NextToken };
}

export async function describeIdentity(db: Db, ctx: CallContext, input: { IdentityId: string }) {
  return identityShape(await requireIdentity(db, ctx, input.IdentityId));
}

/** Identities of another account's (or region's) pools are left alone and reported; unknown ones are gone already. */
export async function deleteIdentities(db: Db, ctx: CallContext, input: { IdentityIdsToDelete: string[] }) {
  requireRole(ctx, "developer", "cognito-identity:DeleteIdentities");
  const found = await db.cognitoIdentity.findMany({
    where: { identityId: { in: input.IdentityIdsToDelete } },
    select: { identityId: true, pool: { select: { accountId: true, region: true } } },
  });
  const own = (identity: (typeof found)[number]) => identity.pool.accountId === ctx.accountId && identity.pool.region === ctx.region;
  await db.cognitoIdentity.deleteMany({ where: { identityId: { in: found.filter(own).map((identity) => identity.identityId) } } });
  return {
    UnprocessedIdentityIds: found.filter((identity) => !own(identity)).map((identity) => ({ IdentityId: identity.identityId, ErrorCode: "AccessDenied" as const })),
  };
}
