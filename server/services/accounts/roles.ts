import { AwsError } from "../../errors";
import type { CallContext, TeamRole } from "../context";

const RANK: Record<TeamRole, number> = { viewer: 0, developer: 1, admin: 2, owner: 3 };

export const TEAM_ROLES = ["owner", "admin", "developer", "viewer"] as const satisfies readonly TeamRole[];

export function roleAtLeast(role: TeamRole | null | undefined, min: TeamRole): boolean {
  return role != null && RANK[role] >= RANK[min];
}

/** Throws AccessDenied unless the caller's team role is at least `min`. */
export function requireRole(ctx: Pick<CallContext, "principal">, min: TeamRole, action: string): void {
  if (!roleAtLeast(ctx.principal.role, min)) {
    throw new AwsError(
      "AccessDenied",
      `User: ${ctx.principal.arn} is not authorized to perform: ${action} (requires the ${min} role or higher)`,
      403,
    );
  }
}
