import { z } from "zod";
import { listAuditEvents } from "../../services/audit/list";
import { createTRPCRouter, teamProcedure } from "../trpc";

export const auditRouter = createTRPCRouter({
  list: teamProcedure()
    .input(
      z.object({
        action: z.string().max(128).optional(),
        userEmail: z.string().max(254).optional(),
        source: z.enum(["console", "trpc", "gateway"]).optional(),
        success: z.boolean().optional(),
        cursor: z.string().regex(/^\d{1,18}$/).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      }),
    )
    .query(({ ctx, input }) => listAuditEvents(ctx.db, ctx.call, input)),
});
