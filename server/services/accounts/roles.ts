import { AwsError } from "../../errors";
import type { CallContext, TeamRole } from "../context";

const RANK: Record<TeamRole, number> = { viewer: 0, developer: 1, admin: 2, owner: 3 };

export const TEAM_ROLES = ["owner", "admin", "developer", "viewer"] as const satisfies readonly TeamRole[];

export function roleAtLeast(role: TeamRole | null | undefined, min: TeamRole): boolean {
  return role != null && RANK[role] >= RANK[min];
}

/**
 * Throws AccessDenied unless the caller's team role is at least `min`. IAM principals (role sessions,
 * IAM users) pass: their policies were evaluated for this very action before the call reached here.
 */
export function requireRole(ctx: Pick<CallContext, "principal">, min: TeamRole, action: string): void {
  if (ctx.principal.iam) return;
  if (!roleAtLeast(ctx.principal.role, min)) {
    throw new AwsError(
      "AccessDenied",
      `User: ${ctx.principal.arn} is not authorized to perform: ${action} (requires the ${min} role or higher)`,
      403,
    );
  }
}
