"use client";

import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Crumb } from "../../../../_components/PageHeader";
import { useTRPC, useTRPCClient } from "../../../../_trpc/client";
import type { RouterOutputs } from "../../../../_trpc/types";
import { usePagedQuery } from "../../logs/paging";

type Cognito = RouterOutputs["cognito"];
export type IdentityPool = Cognito["describeIdentityPool"];
export type IdentityPoolSummary = Cognito["listIdentityPools"]["IdentityPools"][number];
export type PoolRoles = Cognito["getIdentityPoolRoles"];
export type Identity = Cognito["listIdentities"]["Identities"][number];

/** The most any Cognito Identity list call returns at once. */
const PAGE_SIZE = 60;

export const IDENTITY_POOLS_HREF = "/cognito/identity-pools";
export const identityPoolHref = (id: string) => `${IDENTITY_POOLS_HREF}/${encodeURIComponent(id)}`;

/** The trail above the identity pool pages: Cognito › Identity pools › `trail`. */
export const identityPoolsCrumbs = (...trail: Crumb[]): Crumb[] => [{ label: "Cognito", href: "/cognito" }, { label: "Identity pools", href: IDENTITY_POOLS_HREF }, ...trail];

/** What a user pool app client is called as an identity pool's provider. */
export const userPoolProviderName = (userPoolId: string) => `cognito-idp.${userPoolId.split("_")[0]}.amazonaws.com/${userPoolId}`;

/** ListIdentityPools page by page. */
export function useIdentityPools() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return usePagedQuery({
    queryKey: [...trpc.cognito.listIdentityPools.queryKey({ MaxResults: PAGE_SIZE }), "pages"],
    fetchPage: (NextToken) => client.cognito.listIdentityPools.query({ MaxResults: PAGE_SIZE, NextToken }),
    items: (page) => page.IdentityPools,
    next: (page) => page.NextToken,
  });
}

/** Each listed pool's settings (the list names pools only), keyed by pool id. */
export function useIdentityPoolDetails(ids: string[]) {
  const trpc = useTRPC();
  return useQueries({
    queries: ids.map((id) => trpc.cognito.describeIdentityPool.queryOptions({ IdentityPoolId: id })),
    combine: (results) => new Map(results.flatMap((r) => (r.data ? [[r.data.IdentityPoolId, r.data] as const] : []))),
  });
}

export function useIdentityPool(id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.cognito.describeIdentityPool.queryOptions({ IdentityPoolId: id }));
}

export function useIdentityPoolRoles(id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.cognito.getIdentityPoolRoles.queryOptions({ IdentityPoolId: id }));
}

/** ListIdentities page by page. */
export function useIdentities(poolId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const input = { IdentityPoolId: poolId, MaxResults: PAGE_SIZE };
  return usePagedQuery({
    queryKey: [...trpc.cognito.listIdentities.queryKey(input), "pages"],
    fetchPage: (NextToken) => client.cognito.listIdentities.query({ ...input, NextToken }),
    items: (page) => page.Identities,
    next: (page) => page.NextToken,
  });
}

/** Reads the identity pool views again after a change. */
export function useRefreshIdentityPools() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [trpc.cognito.listIdentityPools, trpc.cognito.describeIdentityPool, trpc.cognito.getIdentityPoolRoles, trpc.cognito.listIdentities].map((procedure) =>
        queryClient.invalidateQueries(procedure.pathFilter()),
      ),
    );
}
