"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";

export type LoadedFunction = RouterOutputs["lambda"]["getFunction"];
export type FunctionConfiguration = LoadedFunction["Configuration"];

/** Whether AWS would still report the function as changing (a create or an update being applied). */
function settling(fn: LoadedFunction | undefined): boolean {
  return fn?.Configuration.State === "Pending" || fn?.Configuration.LastUpdateStatus === "InProgress";
}

/** GetFunction for $LATEST, polled every second while the function is Pending or updating. */
export function useFunction(name: string) {
  const trpc = useTRPC();
  return useQuery(trpc.lambda.getFunction.queryOptions({ FunctionName: name }, { refetchInterval: (query) => (settling(query.state.data) ? 1_000 : false) }));
}

/** After a change: the function's pages and the list read it again. */
export function useRefreshFunction(name: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.lambda.getFunction.queryFilter({ FunctionName: name })),
      queryClient.invalidateQueries(trpc.lambda.listFunctionSummaries.queryFilter()),
    ]);
}

/** UpdateFunctionConfiguration; once the function is read again, `onDone` (close the editor). */
export function useUpdateConfiguration(name: string, onDone: () => void) {
  const trpc = useTRPC();
  const refresh = useRefreshFunction(name);
  return useMutation(
    trpc.lambda.updateFunctionConfiguration.mutationOptions({
      async onSuccess() {
        await refresh();
        onDone();
      },
    }),
  );
}
