import type { Db, Prisma } from "../../db/client";
import type { CallContext, CallSource } from "../context";

export interface AuditFilter {
  action?: string;
  userEmail?: string;
  source?: CallSource;
  success?: boolean;
  /** The id of the last item of the previous page. */
  cursor?: string;
  limit?: number;
}

/** The team's audit events, newest first, in the team's account only (all regions). */
export async function listAuditEvents(db: Db, ctx: CallContext, filter: AuditFilter) {
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
  const where: Prisma.AuditEventWhereInput = {
    accountId: ctx.accountId,
    ...(filter.action ? { action: { contains: filter.action, mode: "insensitive" } } : {}),
    ...(filter.userEmail ? { userEmail: { contains: filter.userEmail, mode: "insensitive" } } : {}),
    ...(filter.source ? { source: filter.source } : {}),
    ...(filter.success === undefined ? {} : { success: filter.success }),
    ...(filter.cursor ? { id: { lt: BigInt(filter.cursor) } } : {}),
  };
  const rows = await db.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    items: page.map(({ id, accountId: _accountId, userId: _userId, ...rest }) => ({ ...rest, id: id.toString() })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id.toString() : null,
  };
}
