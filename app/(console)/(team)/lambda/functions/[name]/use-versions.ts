"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";

export type Alias = RouterOutputs["lambda"]["listAliases"]["Aliases"][number];

/** Lambda lists up to 10,000 items a page: one call reads a function's versions or aliases. */
const ALL = 10_000;

/** $LATEST first, then published versions newest first. */
function versionOrder(a: string, b: string): number {
  if (a === "$LATEST") return -1;
  if (b === "$LATEST") return 1;
  return Number(b) - Number(a);
}

export function useVersions(name: string) {
  const trpc = useTRPC();
  return useQuery(
    trpc.lambda.listVersionsByFunction.queryOptions(
      { FunctionName: name, MaxItems: ALL },
      { select: (data) => [...data.Versions].sort((a, b) => versionOrder(a.Version, b.Version)) },
    ),
  );
}

export function useAliases(name: string) {
  const trpc = useTRPC();
  return useQuery(
    trpc.lambda.listAliases.queryOptions({ FunctionName: name, MaxItems: ALL }, { select: (data) => [...data.Aliases].sort((a, b) => a.Name.localeCompare(b.Name)) }),
  );
}
