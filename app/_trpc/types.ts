import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "~/server/api/root";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type TeamMembership = RouterOutputs["me"]["get"]["teams"][number];
export type TeamRole = TeamMembership["role"];
