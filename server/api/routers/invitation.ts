import { z } from "zod";
import { acceptInvitation, describeInvitation } from "../../services/accounts/invitations";
import { findRole } from "../../services/accounts/teams";
import { recordAudit } from "../../services/audit/record";
import { authedProcedure, consoleCallContext, createTRPCRouter, publicProcedure } from "../trpc";

const Token = z.object({ token: z.string().min(16).max(128) });

export const invitationRouter = createTRPCRouter({
  get: publicProcedure.input(Token).query(({ ctx, input }) => describeInvitation(ctx.db, input.token)),
  accept: authedProcedure.input(Token).mutation(async ({ ctx, input }) => {
    const { accountId } = await acceptInvitation(ctx.db, ctx.user, input.token);
    const role = (await findRole(ctx.db, ctx.user.id, accountId))!;
    await recordAudit(ctx.db, consoleCallContext(ctx, ctx.user, accountId, role), {
      action: "iam:AcceptTeamInvitation",
      resourceArn: `arn:aws:iam::${accountId}:user/${ctx.user.email}`,
      success: true,
    });
    return { accountId };
  }),
});
