import type { z } from "zod";
import type { ServiceOperation } from "../services/operation";
import { teamProcedure } from "./trpc";

/** A read-only service operation as a query: the same schema and domain function as the gateway's. */
export function operationQuery<S extends z.ZodTypeAny, O>(operation: ServiceOperation<S, O>) {
  return teamProcedure()
    .input(operation.input)
    .query(({ ctx, input }) => operation.handler(ctx.db, ctx.call, input));
}

/** Any other service operation as a mutation, audited under its IAM action (e.g. `sqs:SendMessage`). */
export function operationMutation<S extends z.ZodTypeAny, O>(action: string, operation: ServiceOperation<S, O>) {
  return teamProcedure()
    .meta({ audit: action })
    .input(operation.input)
    .mutation(({ ctx, input }) => operation.handler(ctx.db, ctx.call, input));
}
