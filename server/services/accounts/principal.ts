import { createHash } from "node:crypto";
import type { Principal, TeamRole } from "../context";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A stable IAM-style unique ID (AIDA + 17 chars) for a console user, as STS GetCallerIdentity reports it. */
export function iamUserId(userId: string): string {
  const digest = createHash("sha256").update(`iam-user:${userId}`).digest();
  let out = "AIDA";
  for (let i = 0; out.length < 21; i++) out += BASE32[digest[i]! % 32];
  return out;
}

/** The principal a console user acts as in a team, by session or by one of their access keys. */
export function consoleUserPrincipal(args: {
  accountId: string;
  user: { id: string; email: string };
  role: TeamRole;
  accessKeyId?: string;
}): Principal {
  return {
    accountId: args.accountId,
    arn: `arn:aws:iam::${args.accountId}:user/${args.user.email}`,
    userId: iamUserId(args.user.id),
    consoleUserId: args.user.id,
    email: args.user.email,
    role: args.role,
    accessKeyId: args.accessKeyId,
  };
}
