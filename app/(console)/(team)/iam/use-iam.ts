"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";

export type Role = RouterOutputs["iam"]["listRoles"]["Roles"][number];
export type RoleDetail = RouterOutputs["iam"]["getRole"]["Role"];
export type Policy = RouterOutputs["iam"]["listPolicies"]["Policies"][number];
export type PolicyScope = "All" | "AWS" | "Local";
export type User = RouterOutputs["iam"]["listUsers"]["Users"][number];
export type OidcProvider = RouterOutputs["iam"]["getOpenIdConnectProvider"] & { Arn: string };

/** IAM pages in 100s by default; the console lists everything an account can hold in one page. */
const ALL = { MaxItems: 1000 };

export function useRoles() {
  const trpc = useTRPC();
  return useQuery(trpc.iam.listRoles.queryOptions(ALL, { select: (data) => data.Roles }));
}

export function usePolicies(scope: PolicyScope) {
  const trpc = useTRPC();
  return useQuery(trpc.iam.listPolicies.queryOptions({ Scope: scope, ...ALL }, { select: (data) => data.Policies }));
}

export function useUsers() {
  const trpc = useTRPC();
  return useQuery(trpc.iam.listUsers.queryOptions(ALL, { select: (data) => data.Users }));
}

/** The account's OpenID Connect providers with their URLs and audiences: ListOpenIDConnectProviders names ARNs only. */
export function useOidcProviders() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useQuery({
    queryKey: [...trpc.iam.listOpenIdConnectProviders.queryKey({}), "details"],
    queryFn: async (): Promise<OidcProvider[]> => {
      const { OpenIDConnectProviderList } = await client.iam.listOpenIdConnectProviders.query({});
      return Promise.all(OpenIDConnectProviderList.map(async ({ Arn }) => ({ ...(await client.iam.getOpenIdConnectProvider.query({ OpenIDConnectProviderArn: Arn })), Arn })));
    },
  });
}

/** Reads every IAM view again after a change. */
export function useRefreshIam() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.iam.pathFilter());
}
