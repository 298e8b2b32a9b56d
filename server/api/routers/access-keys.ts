import { z } from "zod";
import { createAccessKey, deleteAccessKey, listAccessKeys, updateAccessKey } from "../../services/accounts/access-keys";
import { createTRPCRouter, teamProcedure } from "../trpc";

const AccessKeyId = z.string().min(16).max(128);

export const accessKeysRouter = createTRPCRouter({
  list: teamProcedure().query(({ ctx }) => listAccessKeys(ctx.db, ctx.call)),
  create: teamProcedure()
    .meta({ audit: "iam:CreateAccessKey" })
    .mutation(({ ctx }) => createAccessKey(ctx.db, ctx.call)),
  update: teamProcedure()
    .meta({ audit: "iam:UpdateAccessKey" })
    .input(z.object({ accessKeyId: AccessKeyId, status: z.enum(["Active", "Inactive"]) }))
    .mutation(({ ctx, input }) => updateAccessKey(ctx.db, ctx.call, input.accessKeyId, input.status)),
  delete: teamProcedure()
    .meta({ audit: "iam:DeleteAccessKey" })
    .input(z.object({ accessKeyId: AccessKeyId }))
    .mutation(({ ctx, input }) => deleteAccessKey(ctx.db, ctx.call, input.accessKeyId)),
});
