import { z } from "zod";
import { signUp } from "../../services/accounts/users";
import { Email, Password, PersonName } from "../../services/accounts/validation";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const authRouter = createTRPCRouter({
  signUp: publicProcedure
    .input(z.object({ email: Email, name: PersonName, password: Password }))
    .mutation(({ ctx, input }) => signUp(ctx.db, input)),
});
