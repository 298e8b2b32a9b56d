import type { z } from "zod";
import type { PrismaClient } from "../db/client";
import type { CallContext } from "./context";

/** One AWS operation of a service's table: its input schema and the domain function the gateway and tRPC both run. */
export interface ServiceOperation<S extends z.ZodTypeAny, O> {
  input: S;
  handler(db: PrismaClient, ctx: CallContext, input: z.output<S>): Promise<O>;
}

/** A table entry: the operation's schema and its handler, typed together. */
export function operation<S extends z.ZodTypeAny, O>(input: S, handler: ServiceOperation<S, O>["handler"]): ServiceOperation<S, O> {
  return { input, handler };
}
