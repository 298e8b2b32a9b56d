import { randomBytes } from "node:crypto";
import type { Db, PrismaClient } from "../../db/client";
import { sha256Hex } from "../../lib/secrets";
import type { CallContext, TeamRole } from "../context";
import { AccountErrors } from "./errors";
import { requireRole, roleAtLeast } from "./roles";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationStatus = "pending" | "accepted" | "expired" | "revoked";

function statusOf(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InvitationStatus {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  return inv.expiresAt <= now ? "expired" : "pending";
}

/** Creates an invitation; the token is returned once (only its hash is stored) for the link shown in the console. */
export async function invite(db: Db, ctx: CallContext, email: string, role: TeamRole) {
  requireRole(ctx, "admin", "iam:InviteTeamMember");
  if (role === "owner" && ctx.principal.role !== "owner") throw AccountErrors.ownerOnly();
  const member = await db.membership.findFirst({ where: { accountId: ctx.accountId, user: { email } }, select: { userId: true } });
  if (member) throw AccountErrors.alreadyMember();
  const token = randomBytes(24).toString("base64url");
  const invitation = await db.invitation.create({
    data: {
      accountId: ctx.accountId,
      email,
      role,
      tokenHash: sha256Hex(token),
      invitedById: ctx.principal.consoleUserId!,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    },
  });
  return { invitationId: invitation.id, token };
}

export async function listPendingInvitations(db: Db, ctx: CallContext) {
  const rows = await db.invitation.findMany({
    where: { accountId: ctx.accountId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    include: { invitedBy: { select: { email: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    invitedByEmail: r.invitedBy.email,
  }));
}

export async function revokeInvitation(db: Db, ctx: CallContext, id: string): Promise<void> {
  requireRole(ctx, "admin", "iam:RevokeTeamInvitation");
  const { count } = await db.invitation.updateMany({
    where: { id, accountId: ctx.accountId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw AccountErrors.noSuchInvitation();
}

async function findByToken(db: Db, token: string) {
  const inv = await db.invitation.findUnique({
    where: { tokenHash: sha256Hex(token) },
    include: { team: { select: { name: true } }, invitedBy: { select: { email: true } } },
  });
  if (!inv) throw AccountErrors.noSuchInvitation();
  return inv;
}

/** What the invitation page shows before the invitee accepts. */
export async function describeInvitation(db: Db, token: string) {
  const inv = await findByToken(db, token);
  return {
    teamName: inv.team.name,
    accountId: inv.accountId,
    email: inv.email,
    role: inv.role,
    invitedByEmail: inv.invitedBy.email,
    status: statusOf(inv, new Date()),
  };
}

/**
 * Joins the signed-in user to the team. The invitation is single-use, bound to its email, and only as
 * good as its sender: one whose inviter has meanwhile lost the right to invite (or to grant that role) fails.
 */
export async function acceptInvitation(db: PrismaClient, user: { id: string; email: string }, token: string) {
  return db.$transaction(async (tx) => {
    const inv = await findByToken(tx, token);
    const now = new Date();
    const status = statusOf(inv, now);
    if (status !== "pending") throw AccountErrors.invitationClosed(status);
    if (inv.email !== user.email) throw AccountErrors.invitationEmailMismatch(inv.email);
    const inviterRole = await tx.membership.findUnique({
      where: { accountId_userId: { accountId: inv.accountId, userId: inv.invitedById } },
      select: { role: true },
    });
    if (!roleAtLeast(inviterRole?.role, inv.role === "owner" ? "owner" : "admin")) throw AccountErrors.invitationClosed("revoked");
    // The conditional update makes acceptance single-use and loses cleanly to a concurrent revoke.
    const { count } = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (count === 0) throw AccountErrors.invitationClosed("no longer valid");
    await tx.membership.upsert({
      where: { accountId_userId: { accountId: inv.accountId, userId: user.id } },
      create: { accountId: inv.accountId, userId: user.id, role: inv.role },
      update: {},
    });
    return { accountId: inv.accountId };
  });
}
