"use client";

import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import type { AppRouter } from "~/server/api/root";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

type SuperJSONResult = Parameters<typeof superjson.deserialize>[0];

/** Rewrites superjson's ["typed-array", "Buffer"] annotations, wherever they sit in the tree, to Uint8Array. */
function bufferAsUint8Array(node: unknown): unknown {
  if (!Array.isArray(node)) {
    return node && typeof node === "object" ? Object.fromEntries(Object.entries(node).map(([k, v]) => [k, bufferAsUint8Array(v)])) : node;
  }
  if (node.length === 2 && node[0] === "typed-array" && node[1] === "Buffer") return ["typed-array", "Uint8Array"];
  return node.map(bufferAsUint8Array);
}

/**
 * superjson labels a server-side Node Buffer (an SQS binary message attribute, say) as a typed array
 * named "Buffer", which browsers can't rebuild and which would fail the whole response; it arrives as
 * the Uint8Array it is instead.
 */
const transformer = {
  serialize: (value: unknown) => superjson.serialize(value),
  deserialize: (payload: SuperJSONResult) =>
    superjson.deserialize(payload.meta?.values ? { ...payload, meta: { ...payload.meta, values: bufferAsUint8Array(payload.meta.values) as typeof payload.meta.values } } : payload),
};

export function makeTRPCClient() {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: "/api/trpc", transformer })],
  });
}

export function isTRPCClientError(error: unknown): error is TRPCClientError<AppRouter> {
  return error instanceof TRPCClientError;
}

/** Client errors (access denied, not found, validation) won't change on retry; show them at once. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  const status = isTRPCClientError(error) ? error.data?.httpStatus : undefined;
  if (status !== undefined && status < 500) return false;
  return failureCount < 2;
}

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 15_000, retry: shouldRetry, refetchOnWindowFocus: false },
    },
  });
}
