"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";

export type RestApi = RouterOutputs["apigateway"]["getRestApi"];
export type TreeResource = RouterOutputs["apigateway"]["resourceTree"][number];
export type ApiMethod = TreeResource["methods"][number];
export type Integration = NonNullable<ApiMethod["methodIntegration"]>;
export type Stage = RouterOutputs["apigateway"]["getStages"]["item"][number];
export type Authorizer = RouterOutputs["apigateway"]["getAuthorizers"]["item"][number];
export type ApiKey = RouterOutputs["apigateway"]["getApiKeys"]["item"][number];
export type UsagePlan = RouterOutputs["apigateway"]["getUsagePlan"];

export function useRestApi(restApiId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.apigateway.getRestApi.queryOptions({ restApiId }));
}

/** Every resource of the API with its methods, ordered by path. */
export function useResourceTree(restApiId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.apigateway.resourceTree.queryOptions({ restApiId }));
}

export function useStages(restApiId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.apigateway.getStages.queryOptions({ restApiId }, { select: (data) => data.item }));
}

export function useAuthorizers(restApiId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.apigateway.getAuthorizers.queryOptions({ restApiId }, { select: (data) => data.item }));
}

/** The team's API keys in the region, without their values (each is read when shown). */
export function useApiKeys() {
  const trpc = useTRPC();
  return useQuery(trpc.apigateway.getApiKeys.queryOptions({}, { select: (data) => data.item }));
}

/** Reads every API Gateway view again (and the home page's counts) after a change. */
export function useRefreshApis() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries(trpc.apigateway.pathFilter()), queryClient.invalidateQueries(trpc.dashboard.resourceCounts.queryFilter())]);
}
