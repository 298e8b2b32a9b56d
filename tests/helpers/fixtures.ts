import { randomBytes } from "node:crypto";
import type { Session } from "next-auth";
import { createCaller } from "../../server/api/root";
import type { Context } from "../../server/api/trpc";
import { prisma } from "../../server/db/client";
import { newAccessKeyId, newSecretAccessKey, storeAccessKey } from "../../server/services/accounts/access-keys";
import { consoleUserPrincipal } from "../../server/services/accounts/principal";
import { createTeam } from "../../server/services/accounts/teams";
import { signUp } from "../../server/services/accounts/users";
import type { CallContext, Principal, TeamRole } from "../../server/services/context";
import { attachPolicy } from "../../server/services/iam/attachments";
import { roleRef } from "../../server/services/iam/principals";
import { createRole } from "../../server/services/iam/roles";
import { serviceTrustPolicy } from "../../server/services/iam/trust-policies";

export interface TestUser {
  userId: string;
  email: string;
  password: string;
}

export interface TestTeam extends TestUser {
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  principal: Principal;
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(6).toString("hex")}@example.test`;
}

export async function createTestUser(label?: string): Promise<TestUser> {
  const email = uniqueEmail(label);
  const password = `pw-${randomBytes(8).toString("hex")}`;
  const { userId } = await signUp(prisma(), { email, name: label ?? "Test user", password });
  return { userId, email, password };
}

/** A fresh user in a fresh team, holding `role` there (the team's owner is a separate user unless role is owner), with an active key. */
export async function createTestTeam(opts: { role?: TeamRole } = {}): Promise<TestTeam> {
  const role = opts.role ?? "owner";
  const db = prisma();
  const user = await createTestUser(role);
  let accountId: string;
  if (role === "owner") {
    ({ accountId } = await createTeam(db, user.userId, "Test team"));
  } else {
    const owner = await createTestUser("owner");
    ({ accountId } = await createTeam(db, owner.userId, "Test team"));
    await db.membership.create({ data: { accountId, userId: user.userId, role } });
  }
  const accessKeyId = newAccessKeyId();
  const secretAccessKey = newSecretAccessKey();
  await storeAccessKey(db, { accountId, userId: user.userId, accessKeyId, secretAccessKey });
  const principal = consoleUserPrincipal({ accountId, user: { id: user.userId, email: user.email }, role, accessKeyId });
  return { ...user, accountId, accessKeyId, secretAccessKey, principal };
}

/** A tRPC caller acting as a signed-in console user, in a team (account cookie) and region. */
export function trpcAs(user: { userId: string } | null, opts: { accountId?: string; region?: string; headers?: HeadersInit } = {}) {
  const session: Session | null = user ? { user: { id: user.userId }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null;
  const ctx: Context = {
    db: prisma(),
    session,
    headers: new Headers(opts.headers ?? { host: "localhost:3000" }),
    accountId: opts.accountId,
    region: opts.region ?? "us-east-1",
    sourceIp: "127.0.0.1",
    source: "trpc",
  };
  return createCaller(ctx);
}

/**
 * An execution role in the team that trusts `service` and has `policyArns` attached: what a strict
 * team needs before a function (or API integration) acting as it may call other services.
 */
export async function createServiceRole(
  team: Pick<TestTeam, "accountId" | "principal">,
  name: string,
  opts: { service?: string; policyArns?: string[] } = {},
): Promise<string> {
  const db = prisma();
  // Made as the team's owner would, whatever role the test's own user holds.
  const ctx: CallContext = { accountId: team.accountId, region: "us-east-1", principal: { ...team.principal, role: "owner" }, requestId: `fixture-${name}`, source: "trpc" };
  const { Role } = await createRole(db, ctx, { RoleName: name, AssumeRolePolicyDocument: serviceTrustPolicy(opts.service ?? "lambda.amazonaws.com") });
  for (const policyArn of opts.policyArns ?? ["arn:aws:iam::aws:policy/AdministratorAccess"]) await attachPolicy(db, ctx, roleRef(name), policyArn);
  return Role.Arn;
}
