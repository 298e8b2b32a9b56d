/**
 * Resolves an access key id (and session token) to its secret and principal, for SigV4
 * verification. Results are cached briefly so hot paths skip Postgres; the short TTL is what
 * makes deactivating a key take effect within seconds.
 */
import { timingSafeEqual } from "node:crypto";
import type { Db } from "../../db/client";
import { env } from "../../env";
import { AwsError } from "../../errors";
import { ExpiringCache } from "../../lib/expiring-cache";
import { decryptSecret, sha256Hex } from "../../lib/secrets";
import type { IamIdentity, Principal, TeamRole } from "../context";
import { consoleUserPrincipal } from "../accounts/principal";
import { sessionTokenContext } from "../sts/role-sessions";
import { userArn } from "./model";
import { parsePrincipalArn } from "./principals";

export interface ResolvedCredential {
  /** `access-key`: a long-term AKIA… key; `session`: temporary ASIA… credentials. */
  kind: "access-key" | "session";
  secretAccessKey: string;
  principal: Principal;
}

/**
 * Null when the key is unknown, inactive, its user has left the team, or the session token is
 * missing or wrong. Throws ExpiredToken for expired temporary credentials.
 */
export type CredentialResolver = (db: Db, accessKeyId: string, sessionToken?: string) => Promise<ResolvedCredential | null>;

/** A credential as stored, before the per-request checks (session token, expiry). */
type StoredCredential =
  | { kind: "access-key"; secretAccessKey: string; principal: Principal }
  | {
      kind: "session";
      secretAccessKey: string;
      principal: Principal;
      tokenHash: string;
      expiresAt: Date;
      /**
       * The principal with the condition keys its session token carries, decoded the first time the token
       * matched: only that one token matches, and the memo is dropped with the cached lookup.
       */
      tokenPrincipal?: Principal;
    };

export interface CredentialResolverOptions {
  /** How long a lookup (found or not) is reused. */
  cacheTtlMs?: number;
  maxCachedKeys?: number;
}

export function createCredentialResolver({ cacheTtlMs = 5_000, maxCachedKeys = 10_000 }: CredentialResolverOptions = {}): CredentialResolver {
  // Bounded against floods of made-up key ids; concurrent requests for a cold key share one lookup.
  const cache = new ExpiringCache<StoredCredential | null>(cacheTtlMs, maxCachedKeys);
  return async (db, accessKeyId, sessionToken) => {
    const now = new Date();
    return checkCredential(await cache.get(accessKeyId, () => loadCredential(db, accessKeyId)), sessionToken, now);
  };
}

/** The process-wide resolver. */
export const resolveCredential: CredentialResolver = createCredentialResolver();

function checkCredential(stored: StoredCredential | null, sessionToken: string | undefined, now: Date): ResolvedCredential | null {
  if (!stored) return null;
  const { kind, secretAccessKey, principal } = stored;
  if (stored.kind === "access-key") return sessionToken === undefined ? { kind, secretAccessKey, principal } : null;
  if (sessionToken === undefined) return null;
  const presented = Buffer.from(sha256Hex(sessionToken));
  const expected = Buffer.from(stored.tokenHash);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  if (stored.expiresAt <= now) {
    throw new AwsError("ExpiredTokenException", "The security token included in the request is expired", 403, "Sender", "ExpiredToken");
  }
  stored.tokenPrincipal ??= withTokenContext(principal, sessionToken);
  return { kind, secretAccessKey, principal: stored.tokenPrincipal };
}

/** A web identity role session's requests carry the condition keys in its token. */
function withTokenContext(principal: Principal, sessionToken: string): Principal {
  const context = sessionTokenContext(sessionToken);
  return context && principal.iam?.type === "role" ? { ...principal, iam: { ...principal.iam, context } } : principal;
}

async function loadCredential(db: Db, accessKeyId: string): Promise<StoredCredential | null> {
  return accessKeyId.startsWith("ASIA") ? loadSessionCredential(db, accessKeyId) : loadAccessKey(db, accessKeyId);
}

async function loadAccessKey(db: Db, accessKeyId: string): Promise<StoredCredential | null> {
  const key = await db.accessKey.findUnique({
    where: { accessKeyId },
    select: {
      accountId: true,
      userId: true,
      secretEncrypted: true,
      status: true,
      user: { select: { email: true, memberships: { select: { accountId: true, role: true } } } },
    },
  });
  if (!key) return loadIamUserKey(db, accessKeyId);
  if (key.status !== "Active") return null;
  const membership = key.user.memberships.find((m) => m.accountId === key.accountId);
  if (!membership) return null;
  return {
    kind: "access-key",
    secretAccessKey: decryptSecret(key.secretEncrypted, env().STRATUS_SECRET_KEY),
    principal: consoleUserPrincipal({ accountId: key.accountId, user: { id: key.userId, email: key.user.email }, role: membership.role, accessKeyId }),
  };
}

/** An IAM user's key acts with that user's policies. */
async function loadIamUserKey(db: Db, accessKeyId: string): Promise<StoredCredential | null> {
  const key = await db.iamAccessKey.findUnique({ where: { accessKeyId }, include: { user: true } });
  if (!key || key.status !== "Active") return null;
  const { user } = key;
  return {
    kind: "access-key",
    secretAccessKey: decryptSecret(key.secretEncrypted, env().STRATUS_SECRET_KEY),
    principal: {
      accountId: key.accountId,
      arn: userArn(user.accountId, user.path, user.userName),
      userId: user.userId,
      role: null,
      iam: { type: "user", name: user.userName },
      accessKeyId,
    },
  };
}

/** The IAM identity whose policies decide for a session: its role, or the IAM user who called GetSessionToken. */
function sessionIdentity(principalArn: string, sessionPolicy: string | null): IamIdentity | undefined {
  const named = parsePrincipalArn(principalArn);
  if (named?.sessionName !== undefined) return { type: "role", name: named.name, sessionPolicy: sessionPolicy ?? undefined };
  return named?.type === "user" ? { type: "user", name: named.name } : undefined;
}

async function loadSessionCredential(db: Db, accessKeyId: string): Promise<StoredCredential | null> {
  const session = await db.sessionCredential.findUnique({ where: { accessKeyId } });
  if (!session) return null;
  let email: string | undefined;
  let role: TeamRole | null = null;
  let iam: IamIdentity | undefined;
  if (session.userId !== null) {
    // A console user's GetSessionToken: the session acts with their team role.
    const membership = await db.membership.findUnique({
      where: { accountId_userId: { accountId: session.accountId, userId: session.userId } },
      select: { role: true, user: { select: { email: true } } },
    });
    // Credentials derived from a user who has since left the team are as good as revoked.
    if (!membership) return null;
    ({ email } = membership.user);
    ({ role } = membership);
  } else {
    iam = sessionIdentity(session.principalArn, session.sessionPolicy);
    if (!iam) return null;
  }
  return {
    kind: "session",
    secretAccessKey: decryptSecret(session.secretEncrypted, env().STRATUS_SECRET_KEY),
    tokenHash: session.tokenHash,
    expiresAt: session.expiresAt,
    principal: {
      accountId: session.accountId,
      arn: session.principalArn,
      userId: session.principalId,
      consoleUserId: session.userId ?? undefined,
      email,
      role,
      iam,
      accessKeyId,
    },
  };
}

const LAST_USED_INTERVAL_MS = 60_000;
const lastUsedWrites = new Map<string, number>();

/** Stamps `access_keys.last_used_at`, at most once a minute per key and process, not on every request. */
export async function recordAccessKeyUse(db: Db, accessKeyId: string, now = new Date()): Promise<void> {
  const last = lastUsedWrites.get(accessKeyId);
  if (last !== undefined && now.getTime() - last < LAST_USED_INTERVAL_MS) return;
  lastUsedWrites.set(accessKeyId, now.getTime());
  await db.accessKey.updateMany({ where: { accessKeyId }, data: { lastUsedAt: now } });
}
