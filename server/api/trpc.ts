/**
 * tRPC setup: context, procedures and the single place where domain errors become tRPC errors.
 * Procedures: publicProcedure, authedProcedure (signed-in console user), teamProcedure(minRole)
 * (a member of the current team — from the `stratus_account` cookie or `x-stratus-account` header — in the
 * current region).
 */
import { randomUUID } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { Session } from "next-auth";
import superjson from "superjson";
import { ZodError } from "zod";
import type { PrismaClient } from "../db/client";
import { AwsError, isAwsError } from "../errors";
import { consoleUserPrincipal } from "../services/accounts/principal";
import { roleAtLeast } from "../services/accounts/roles";
import { findRole } from "../services/accounts/teams";
import { recordAudit } from "../services/audit/record";
import type { CallContext, TeamRole } from "../services/context";

export interface Context {
  db: PrismaClient;
  session: Session | null;
  headers: Headers;
  /** The team the console has selected (cookie or header); membership is checked by teamProcedure. */
  accountId: string | undefined;
  region: string;
  sourceIp: string | undefined;
  source: "console" | "trpc";
}

/** The domain call context for a signed-in console user acting in a team. */
export function consoleCallContext(
  ctx: Context,
  user: { id: string; email: string },
  accountId: string,
  role: TeamRole,
): CallContext {
  return {
    accountId,
    region: ctx.region,
    principal: consoleUserPrincipal({ accountId, user, role }),
    requestId: randomUUID(),
    sourceIp: ctx.sourceIp,
    source: ctx.source,
  };
}

/** `audit` names the IAM-style action recorded for a mutation, e.g. `iam:CreateAccessKey`. */
export interface Meta {
  audit?: string;
}

const STATUS_TO_CODE: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  429: "TOO_MANY_REQUESTS",
};

export function toTRPCError(e: AwsError): TRPCError {
  return new TRPCError({ code: STATUS_TO_CODE[e.status] ?? "INTERNAL_SERVER_ERROR", message: e.message, cause: e });
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      // Unexpected failures are logged by the route handler; their text (SQL, file paths) stays on the server.
      const internal = error.code === "INTERNAL_SERVER_ERROR" && !isAwsError(cause);
      return {
        ...shape,
        message: internal ? "Something went wrong on our side. Please try again." : shape.message,
        data: {
          ...shape.data,
          awsCode: isAwsError(cause) ? cause.code : null,
          zodError: cause instanceof ZodError ? cause.flatten() : null,
          stack: undefined,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors thrown by services become tRPC errors with the matching code (next() never throws in v11). */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isAwsError(result.error.cause)) throw toTRPCError(result.error.cause);
  return result;
});

export const publicProcedure = t.procedure.use(mapDomainErrors);

export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const userId = ctx.session?.user?.id;
  const user = userId ? await ctx.db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } }) : null;
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { user } });
});

/** A member of the current team with at least `minRole`; mutations are written to the audit log. */
export function teamProcedure(minRole: TeamRole = "viewer") {
  return authedProcedure.use(async ({ ctx, next, type, meta }) => {
    const accountId = ctx.accountId;
    const role = accountId ? await findRole(ctx.db, ctx.user.id, accountId) : null;
    if (!accountId || !role) {
      throw new TRPCError({ code: "NOT_FOUND", message: "Choose a team you belong to.", cause: new AwsError("NoSuchEntity", "Not a member of this team.", 404) });
    }
    const call = consoleCallContext(ctx, ctx.user, accountId, role);
    if (!roleAtLeast(role, minRole)) {
      if (type === "mutation" && meta?.audit) await recordAudit(ctx.db, call, { action: meta.audit, success: false, errorCode: "AccessDenied" });
      throw toTRPCError(new AwsError("AccessDenied", `Your role (${role}) cannot do this; it needs ${minRole} or higher.`, 403));
    }
    const result = await next({ ctx: { call } });
    if (type === "mutation" && meta?.audit) {
      const cause = result.ok ? undefined : result.error.cause;
      // The change has happened: a lost audit record is logged, not turned into a failure the caller would retry.
      await recordAudit(ctx.db, call, {
        action: meta.audit,
        success: result.ok,
        errorCode: result.ok ? null : isAwsError(cause) ? cause.code : result.error.code,
      }).catch((error: unknown) => console.error(`audit: could not record ${meta.audit}:`, error));
    }
    return result;
  });
}
