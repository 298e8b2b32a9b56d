import { resourceCounts } from "../../services/dashboard/resource-counts";
import { createTRPCRouter, teamProcedure } from "../trpc";

export const dashboardRouter = createTRPCRouter({
  resourceCounts: teamProcedure().query(({ ctx }) => resourceCounts(ctx.db, ctx.call)),
});
