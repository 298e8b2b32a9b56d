"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";
import { usePagedQuery } from "../logs/paging";

type Cognito = RouterOutputs["cognito"];
export type UserPool = Cognito["describeUserPool"]["UserPool"];
export type PoolSummary = Cognito["listUserPools"]["UserPools"][number];
export type PoolUser = Cognito["listUsers"]["Users"][number];
export type UserDetail = Cognito["adminGetUser"];
export type Group = Cognito["listGroups"]["Groups"][number];
export type ClientSummary = Cognito["listUserPoolClients"]["UserPoolClients"][number];
export type AppClient = Cognito["describeUserPoolClient"]["UserPoolClient"];
export type ProviderSummary = Cognito["listIdentityProviders"]["Providers"][number];
export type IdentityProvider = Cognito["describeIdentityProvider"]["IdentityProvider"];

/** The most any Cognito list call returns at once. */
const PAGE_SIZE = 60;

export function usePool(poolId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.cognito.describeUserPool.queryOptions({ UserPoolId: poolId }, { select: (data) => data.UserPool }));
}

/** ListUserPools page by page. */
export function usePools() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return usePagedQuery({
    queryKey: [...trpc.cognito.listUserPools.queryKey({ MaxResults: PAGE_SIZE }), "pages"],
    fetchPage: (NextToken) => client.cognito.listUserPools.query({ MaxResults: PAGE_SIZE, NextToken }),
    items: (page) => page.UserPools,
    next: (page) => page.NextToken,
  });
}

/** ListUsers page by page, narrowed by a ListUsers filter expression. */
export function useUsers(poolId: string, filter: string | undefined) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const input = { UserPoolId: poolId, Filter: filter, Limit: PAGE_SIZE };
  return usePagedQuery({
    queryKey: [...trpc.cognito.listUsers.queryKey(input), "pages"],
    fetchPage: (PaginationToken) => client.cognito.listUsers.query({ ...input, PaginationToken }),
    items: (page) => page.Users,
    next: (page) => page.PaginationToken,
  });
}

/** ListGroups page by page. */
export function useGroups(poolId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const input = { UserPoolId: poolId, Limit: PAGE_SIZE };
  return usePagedQuery({
    queryKey: [...trpc.cognito.listGroups.queryKey(input), "pages"],
    fetchPage: (NextToken) => client.cognito.listGroups.query({ ...input, NextToken }),
    items: (page) => page.Groups,
    next: (page) => page.NextToken,
  });
}

/** ListUserPoolClients page by page. */
export function useClients(poolId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const input = { UserPoolId: poolId, MaxResults: PAGE_SIZE };
  return usePagedQuery({
    queryKey: [...trpc.cognito.listUserPoolClients.queryKey(input), "pages"],
    fetchPage: (NextToken) => client.cognito.listUserPoolClients.query({ ...input, NextToken }),
    items: (page) => page.UserPoolClients,
    next: (page) => page.NextToken,
  });
}

/** ListIdentityProviders page by page. */
export function useIdentityProviders(poolId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const input = { UserPoolId: poolId, MaxResults: PAGE_SIZE };
  return usePagedQuery({
    queryKey: [...trpc.cognito.listIdentityProviders.queryKey(input), "pages"],
    fetchPage: (NextToken) => client.cognito.listIdentityProviders.query({ ...input, NextToken }),
    items: (page) => page.Providers,
    next: (page) => page.NextToken,
  });
}

/** Reads every Cognito view again (and the home page's counts) after a change. */
export function useRefreshCognito() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries(trpc.cognito.pathFilter()), queryClient.invalidateQueries(trpc.dashboard.resourceCounts.queryFilter())]);
}
