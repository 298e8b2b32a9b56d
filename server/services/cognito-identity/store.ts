/** Finding identity pools and identities, scoped as the caller may see them. */
import type { Db } from "../../db/client";
import type { CognitoIdentity, CognitoIdentityPool } from "../../db/generated/client";
import type { CallContext } from "../context";
import { identityNotFound, poolNotFound } from "./errors";

/** A pool in the caller's account and region, or ResourceNotFound. */
export async function requirePool(db: Db, ctx: Pick<CallContext, "accountId" | "region">, identityPoolId: string): Promise<CognitoIdentityPool> {
  const pool = await db.cognitoIdentityPool.findUnique({ where: { id: identityPoolId } });
  if (!pool || pool.accountId !== ctx.accountId || pool.region !== ctx.region) throw poolNotFound(identityPoolId);
  return pool;
}

/** End users' (unsigned) calls name the pool, and may name its account too. */
export async function poolForEndUser(db: Db, identityPoolId: string, accountId?: string): Promise<CognitoIdentityPool> {
  const pool = await db.cognitoIdentityPool.findUnique({ where: { id: identityPoolId } });
  if (!pool || (accountId !== undefined && pool.accountId !== accountId)) throw poolNotFound(identityPoolId);
  return pool;
}

export async function identityWithPool(db: Db, identityId: string): Promise<CognitoIdentity & { pool: CognitoIdentityPool }> {
  const identity = await db.cognitoIdentity.findUnique({ where: { identityId }, include: { pool: true } });
  if (!identity) throw identityNotFound(identityId);
  return identity;
}

/** An identity of a pool in the caller's account and region, or ResourceNotFound. */
export async function requireIdentity(db: Db, ctx: Pick<CallContext, "accountId" | "region">, identityId: string): Promise<CognitoIdentity> {
  const { pool, ...identity } = await identityWithPool(db, identityId);
  if (pool.accountId !== ctx.accountId || pool.region !== ctx.region) throw identityNotFound(identityId);
  return identity;
}

/** A page of rows read `limit + 1` at a time in key order: the extra row says another page follows, after the last key shown. */
export function keysetPage<T>(rows: T[], limit: number, key: (row: T) => string): { items: T[]; NextToken?: string } {
  const items = rows.slice(0, limit);
  return { items, NextToken: rows.length > limit ? key(items.at(-1)!) : undefined };
}
