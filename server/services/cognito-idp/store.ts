/** Finding pools, clients and users, scoped as the caller may see them. */
import type { Db } from "../../db/client";
import type { CognitoUser, CognitoUserPool, CognitoUserPoolClient } from "../../db/generated/client";
import { ExpiringCache } from "../../lib/expiring-cache";
import type { CallContext } from "../context";
import { clientNotFound, CognitoErrors, poolNotFound } from "./errors";
import { ClientSettings, PoolSettings } from "./model";

/** A pool in the caller's account and region, or ResourceNotFound. */
export async function requirePool(db: Db, ctx: Pick<CallContext, "accountId" | "region">, userPoolId: string): Promise<CognitoUserPool> {
  const pool = await db.cognitoUserPool.findUnique({ where: { id: userPoolId } });
  if (!pool || pool.accountId !== ctx.accountId || pool.region !== ctx.region) throw poolNotFound(userPoolId);
  return pool;
}

export const poolSettings = (pool: Pick<CognitoUserPool, "config">): PoolSettings => PoolSettings.parse(pool.config);
export const clientSettings = (client: Pick<CognitoUserPoolClient, "config">): ClientSettings => ClientSettings.parse(client.config);

export async function requireClient(db: Db, userPoolId: string, clientId: string): Promise<CognitoUserPoolClient> {
  const client = await db.cognitoUserPoolClient.findUnique({ where: { clientId } });
  if (!client || client.userPoolId !== userPoolId) throw clientNotFound(clientId);
  return client;
}

export interface ClientWithPool {
  client: CognitoUserPoolClient;
  pool: CognitoUserPool;
}

/** Public (unsigned) calls name only a client: it says which pool, account and region they are about. */
export async function clientById(db: Db, clientId: string): Promise<ClientWithPool> {
  const client = await db.cognitoUserPoolClient.findUnique({ where: { clientId }, include: { pool: true } });
  if (!client) throw CognitoErrors.resourceNotFound(`User pool client ${clientId} does not exist.`);
  const { pool, ...rest } = client;
  return { client: rest, pool };
}

/** A user by the key codes, sessions and refresh tokens remember them by. */
export const userByKey = (db: Db, userPoolId: string, usernameKey: string): Promise<CognitoUser | null> =>
  db.cognitoUser.findUnique({ where: { userPoolId_usernameKey: { userPoolId, usernameKey } } });

/** Usernames compare ignoring case unless the pool was made case-sensitive. */
export const usernameKey = (pool: Pick<CognitoUserPool, "config">, username: string) =>
  poolSettings(pool).UsernameConfiguration.CaseSensitive ? username : username.toLowerCase();

/**
 * A user by username, or by an alias / username attribute (email, phone) when the pool has them,
 * as every sign-in and admin call resolves its USERNAME.
 */
export async function findUser(db: Db, pool: CognitoUserPool, username: string): Promise<CognitoUser | null> {
  const direct = await db.cognitoUser.findUnique({ where: { userPoolId_usernameKey: { userPoolId: pool.id, usernameKey: usernameKey(pool, username) } } });
  if (direct) return direct;
  const settings = poolSettings(pool);
  const aliases = [...(settings.AliasAttributes ?? []), ...(settings.UsernameAttributes ?? [])];
  for (const attribute of aliases) {
    const verifiedFlag = attribute === "email" ? "email_verified" : attribute === "phone_number" ? "phone_number_verified" : undefined;
    const value = attribute === "email" ? username.toLowerCase() : username;
    const rows = await db.$queryRaw<{ username_key: string }[]>`
      SELECT username_key FROM cognito_users
      WHERE user_pool_id = ${pool.id} AND lower(attributes->>${attribute}) = lower(${value})
        AND (${verifiedFlag ?? null}::text IS NULL OR attributes->>${verifiedFlag ?? ""} = 'true' OR ${settings.UsernameAttributes?.includes(attribute as "email") ?? false})
      LIMIT 1`;
    if (rows[0]) return userByKey(db, pool.id, rows[0].username_key);
  }
  return null;
}

export async function requireUser(db: Db, pool: CognitoUserPool, username: string): Promise<CognitoUser> {
  const user = await findUser(db, pool, username);
  if (!user) throw CognitoErrors.userNotFound();
  return user;
}

/** Token verification reads a pool's public key on every call: kept briefly. */
export const poolKeys = new ExpiringCache<{ keyId: string; publicJwk: unknown; accountId: string; region: string } | null>(60_000);
