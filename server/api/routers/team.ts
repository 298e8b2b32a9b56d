import { z } from "zod";
import { invite, listPendingInvitations, revokeInvitation } from "../../services/accounts/invitations";
import { changeRole, createTeam, getTeam, listMembers, removeMember } from "../../services/accounts/teams";
import { Email, Role, TeamName } from "../../services/accounts/validation";
import { recordAudit } from "../../services/audit/record";
import { consoleUrl } from "../console-url";
import { authedProcedure, consoleCallContext, createTRPCRouter, teamProcedure } from "../trpc";

const UserId = z.string().uuid();

export const teamRouter = createTRPCRouter({
  create: authedProcedure.input(z.object({ name: TeamName })).mutation(async ({ ctx, input }) => {
    const { accountId } = await createTeam(ctx.db, ctx.user.id, input.name);
    // Audited in the new team's own log: it is the first thing that happened there.
    await recordAudit(ctx.db, consoleCallContext(ctx, ctx.user, accountId, "owner"), {
      action: "organizations:CreateAccount", resourceArn: `arn:aws:organizations::${accountId}:account`,
      success: true,
    });
    return { accountId };
  }),
  get: teamProcedure().query(({ ctx }) => getTeam(ctx.db, ctx.call)),
  listMembers: teamProcedure().query(({ ctx }) => listMembers(ctx.db, ctx.call)),
  invite: teamProcedure()
    .meta({ audit: "iam:InviteTeamMember" })
    .input(z.object({ email: Email, role: Role }))
    .mutation(async ({ ctx, input }) => {
      const { invitationId, token } = await invite(ctx.db, ctx.call, input.email, input.role);
      return { invitationId, link: `${consoleUrl(ctx.headers)}/invite/${token}` };
    }),
  listInvitations: teamProcedure().query(({ ctx }) => listPendingInvitations(ctx.db, ctx.call)),
  revokeInvitation: teamProcedure()
    .meta({ audit: "iam:RevokeTeamInvitation" })
    .input(z.object({ id: z.string().uuid() }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.call, input.id)),
  changeRole: teamProcedure()
    .meta({ audit: "iam:UpdateTeamMember" })
    .input(z.object({ userId: UserId, role: Role }))
    .mutation(({ ctx, input }) => changeRole(ctx.db, ctx.call, input.userId, input.role)),
  removeMember: teamProcedure()
    .meta({ audit: "iam:RemoveTeamMember" })
    .input(z.object({ userId: UserId }))
    .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.call, input.userId)),
  leave: teamProcedure()
    .meta({ audit: "iam:LeaveTeam" })
    .mutation(({ ctx }) => removeMember(ctx.db, ctx.call, ctx.user.id)),
});
