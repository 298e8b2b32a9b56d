import { randomInt } from "node:crypto";
import type { Db, PrismaClient } from "../../db/client";
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

async function memberRole(db: Db, accountId: string, userId: string): Promise<TeamRole> {
  const role = await findRole(db, userId, accountId);
  if (!role) throw AccountErrors.noSuchUser();
  return role;
}

/**
 * Runs a membership change with the team row locked, so concurrent changes see each other's effect:
 * two owners demoting or removing each other at once cannot leave the team without an owner.
 */
async function withTeamLocked<T>(db: PrismaClient, accountId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM teams WHERE account_id = ${accountId} FOR UPDATE`;
    return fn(tx);
  });
}

async function assertOwnerRemains(tx: Db, accountId: string): Promise<void> {
  if ((await tx.membership.count({ where: { accountId, role: "owner" } })) <= 1) throw AccountErrors.lastOwner();
}

/** Pending invitations of a member who can no longer invite die with their rights. */
async function revokeInvitationsBy(tx: Db, accountId: string, userId: string): Promise<void> {
  await tx.invitation.updateMany({ where: { accountId, invitedById: userId, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function changeRole(db: PrismaClient, ctx: CallContext, userId: string, role: TeamRole): Promise<void> {
  requireRole(ctx, "admin", "iam:UpdateTeamMember");
  await withTeamLocked(db, ctx.accountId, async (tx) => {
    const current = await memberRole(tx, ctx.accountId, userId);
    if ((current === "owner" || role === "owner") && ctx.principal.role !== "owner") throw AccountErrors.ownerOnly();
    if (current === "owner" && role !== "owner") await assertOwnerRemains(tx, ctx.accountId);
    await tx.membership.update({ where: { accountId_userId: { accountId: ctx.accountId, userId } }, data: { role } });
    if (role !== "owner" && role !== "admin") await revokeInvitationsBy(tx, ctx.accountId, userId);
  });
}

/** Removes a member (admins) or the caller themself (`leave`); their keys and pending invitations in the team go with them. */
export async function removeMember(db: PrismaClient, ctx: CallContext, userId: string): Promise<void> {
  const leaving = userId === ctx.principal.consoleUserId;
  if (!leaving) requireRole(ctx, "admin", "iam:RemoveTeamMember");
  await withTeamLocked(db, ctx.accountId, async (tx) => {
    const current = await memberRole(tx, ctx.accountId, userId);
    if (current === "owner") {
      if (!leaving && ctx.principal.role !== "owner") throw AccountErrors.ownerOnly();
      await assertOwnerRemains(tx, ctx.accountId);
    }
    // Lock the membership first: a concurrent CreateAccessKey holds it, so no key is created after this delete.
    await tx.$executeRaw`SELECT 1 FROM memberships WHERE account_id = ${ctx.accountId} AND user_id = ${userId}::uuid FOR UPDATE`;
    await tx.accessKey.deleteMany({ where: { accountId: ctx.accountId, userId } });
    await revokeInvitationsBy(tx, ctx.accountId, userId);
    await tx.membership.delete({ where: { accountId_userId: { accountId: ctx.accountId, userId } } });
  });
}
