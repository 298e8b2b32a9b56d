import { listTeamsForUser } from "../../services/accounts/teams";
import { authedProcedure, createTRPCRouter } from "../trpc";

export const meRouter = createTRPCRouter({
  get: authedProcedure.query(async ({ ctx }) => ({ user: ctx.user, teams: await listTeamsForUser(ctx.db, ctx.user.id) })),
});
