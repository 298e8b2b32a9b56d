/**
 * Temporary credentials for an assumed role (ASIA… key, secret, session token), stored like every
 * other credential so any gateway on any machine can verify requests signed with them. Lambda hands
 * them to function code for its execution role; STS AssumeRole issues them the same way.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../../db/client";
import { env } from "../../env";
import { encryptSecret, sha256Hex } from "../../lib/secrets";
import { newAccessKeyId, newSecretAccessKey } from "../accounts/access-keys";
import type { RequestContext } from "../iam/policy/request";
import { parsePrincipalArn } from "../iam/principals";

export interface RoleSessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** `arn:aws:iam::123456789012:role/path/Name` → `Name`; null when it is not a role ARN. */
export function roleNameOf(roleArn: string): string | null {
  const named = parsePrincipalArn(roleArn);
  return named?.type === "role" && named.sessionName === undefined ? named.name : null;
}

/**
 * AWS's role id (AROA…) is stable per role; ours is derived from the role ARN, so every session of
 * a role reports the same one without a role table (IAM arrives later).
 */
export function roleId(roleArn: string): string {
  const digest = createHash("sha256").update(roleArn).digest();
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return "AROA" + Array.from(digest.subarray(0, 17), (byte) => alphabet[byte % alphabet.length]).join("");
}

const SessionContext = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean(), z.number()]));

/**
 * A web identity session's condition keys ride in its session token, after a dot: the stored hash of the
 * whole token binds them to the credentials, and no column is needed to keep them.
 */
export function sessionTokenContext(sessionToken: string): RequestContext | undefined {
  const dot = sessionToken.indexOf(".");
  return dot < 0 ? undefined : SessionContext.parse(JSON.parse(Buffer.from(sessionToken.slice(dot + 1), "base64url").toString()));
}

/** Stores and returns new temporary credentials acting as `principalArn`. */
export async function issueSession(
  db: Db,
  args: { accountId: string; principalArn: string; principalId: string; userId?: string; sessionPolicy?: string; context?: RequestContext; durationSeconds: number },
): Promise<RoleSessionCredentials> {
  const accessKeyId = newAccessKeyId("ASIA");
  const secretAccessKey = newSecretAccessKey();
  const sessionToken = randomBytes(96).toString("base64") + (args.context ? `.${Buffer.from(JSON.stringify(args.context)).toString("base64url")}` : "");
  const expiration = new Date(Date.now() + args.durationSeconds * 1000);
  await db.sessionCredential.create({
    data: {
      accessKeyId,
      accountId: args.accountId,
      secretEncrypted: encryptSecret(secretAccessKey, env().STRATUS_SECRET_KEY),
      tokenHash: sha256Hex(sessionToken),
      principalArn: args.principalArn,
      principalId: args.principalId,
      userId: args.userId,
      sessionPolicy: args.sessionPolicy,
      expiresAt: expiration,
    },
  });
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

export async function issueRoleSession(
  db: Db,
  args: {
    accountId: string;
    roleArn: string;
    sessionName: string;
    durationSeconds: number;
    /** The stored role's id, when the role exists (else one derived from its ARN). */
    roleId?: string;
    /** A session policy (AssumeRole's `Policy`): the session may do only what it also allows. */
    sessionPolicy?: string;
    /** A web identity's condition keys, which the session's requests carry. */
    context?: RequestContext;
  },
): Promise<RoleSessionCredentials & { assumedRoleId: string; assumedRoleArn: string }> {
  const roleName = roleNameOf(args.roleArn);
  if (!roleName) throw new Error(`Not a role ARN: ${args.roleArn}`);
  const assumedRoleArn = `arn:aws:sts::${args.accountId}:assumed-role/${roleName}/${args.sessionName}`;
  const assumedRoleId = `${args.roleId ?? roleId(args.roleArn)}:${args.sessionName}`;
  const credentials = await issueSession(db, { ...args, principalArn: assumedRoleArn, principalId: assumedRoleId });
  return { ...credentials, assumedRoleId, assumedRoleArn };
}
