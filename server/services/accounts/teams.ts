import { randomInt } from "node:crypto";
import type { Db } from "../../db/client";
import type { CallContext, TeamRole } from "../context";
import { AccountErrors } from "./errors";
import { requireRole } from "./roles";

/** A random 12-digit account ID that does not start with 0 (000000000000 is the bootstrap default). */
function randomAccountId(): string {
  return String(randomInt(1, 10)) + Array.from({ length: 11 }, () => randomInt(0, 10)).join("");
}

export async function createTeam(db: Db, ownerId: string, name: string, accountId?: string): Promise<{ accountId: string }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = accountId ?? randomAccountId();
    const taken = await db.team.findUnique({ where: { accountId: id }, select: { accountId: true } });
    if (taken) {
      if (accountId) throw AccountErrors.accountIdTaken(accountId);
      continue;
    }
    await db.team.create({ data: { accountId: id, name, memberships: { create: { userId: ownerId, role: "owner" } } } });
    return { accountId: id };
  }
  throw new Error("Could not allocate an account ID");
}

export async function listTeamsForUser(db: Db, userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    include: { team: { select: { name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((m) => ({ accountId: m.accountId, name: m.team.name, role: m.role }));
}

/** The user's role in the team, or null when they are not a member. */
export async function findRole(db: Db, userId: string, accountId: string): Promise<TeamRole | null> {
  const m = await db.membership.findUnique({ where: { accountId_userId: { accountId, userId } }, select: { role: true } });
  return m?.role ?? null;
}

export async function getTeam(db: Db, ctx: CallContext) {
  const team = await db.team.findUnique({ where: { accountId: ctx.accountId } });
  if (!team) throw AccountErrors.noSuchTeam(ctx.accountId);
  return { accountId: team.accountId, name: team.name, role: ctx.principal.role, iamEnforcement: team.iamEnforcement };
}

export async function listMembers(db: Db, ctx: CallContext) {
  const rows = await db.membership.findMany({
    where: { accountId: ctx.accountId },
    include: { user: { select: { email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, joinedAt: m.createdAt }));
}

async function countOwners(db: Db, accountId: string): Promise<number> {
  return db.membership.count({ where: { accountId, role: "owner" } });
}

async function memberRole(db: Db, accountId: string, userId: string): Promise<TeamRole> {
  const role = await findRole(db, userId, accountId);
  if (!role) throw AccountErrors.noSuchUser();
  return role;
}

export async function changeRole(db: Db, ctx: CallContext, userId: string, role: TeamRole): Promise<void> {
  requireRole(ctx, "admin", "iam:UpdateTeamMember");
  const current = await memberRole(db, ctx.accountId, userId);
  if ((current === "owner" || role === "owner") && ctx.principal.role !== "owner") throw AccountErrors.ownerOnly();
  if (current === "owner" && role !== "owner" && (await countOwners(db, ctx.accountId)) <= 1) throw AccountErrors.lastOwner();
  await db.membership.update({ where: { accountId_userId: { accountId: ctx.accountId, userId } }, data: { role } });
}

/** Removes a member (admins) or the caller themself (`leave`); their keys in the team go with them. */
export async function removeMember(db: Db, ctx: CallContext, userId: string): Promise<void> {
  const leaving = userId === ctx.principal.consoleUserId;
  if (!leaving) requireRole(ctx, "admin", "iam:RemoveTeamMember");
  const current = await memberRole(db, ctx.accountId, userId);
  if (current === "owner") {
    if (!leaving && ctx.principal.role !== "owner") throw AccountErrors.ownerOnly();
    if ((await countOwners(db, ctx.accountId)) <= 1) throw AccountErrors.lastOwner();
  }
  await db.accessKey.deleteMany({ where: { accountId: ctx.accountId, userId } });
  await db.membership.delete({ where: { accountId_userId: { accountId: ctx.accountId, userId } } });
}
