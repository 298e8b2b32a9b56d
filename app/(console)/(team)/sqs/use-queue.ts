"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../../_trpc/client";

/** How often queue counts refresh while a queue page is open. */
export const LIVE_REFRESH_MS = 5_000;

/**
 * A queue by name, as the console's queue pages address it: its URL (GetQueueUrl), then all its
 * attributes, refreshed live so the message counts stay current.
 */
export function useQueue(name: string, { live = true }: { live?: boolean } = {}) {
  const trpc = useTRPC();
  const url = useQuery(trpc.sqs.getQueueUrl.queryOptions({ QueueName: name }));
  const queueUrl = url.data?.QueueUrl;
  const attributes = useQuery(
    trpc.sqs.getQueueAttributes.queryOptions(
      { QueueUrl: queueUrl ?? "", AttributeNames: ["All"] },
      { enabled: queueUrl !== undefined, refetchInterval: live ? LIVE_REFRESH_MS : false, select: (data) => data.Attributes },
    ),
  );
  // One query-like view for <QueryResult>: pending until both calls are in, failed if either failed.
  const data = queueUrl !== undefined && attributes.data ? { url: queueUrl, attributes: attributes.data } : undefined;
  return {
    data,
    error: url.error ?? attributes.error,
    isPending: url.isPending || (queueUrl !== undefined && attributes.isPending),
  };
}

export type LoadedQueue = NonNullable<ReturnType<typeof useQueue>["data"]>;

/** The queue's name from its ARN (arn:aws:sqs:region:account:name). */
export function queueNameFromArn(arn: string): string {
  return arn.split(":").slice(5).join(":");
}

/** The queue's name from its URL (…/account/name). */
export function queueNameFromUrl(url: string): string {
  return decodeURIComponent(url.split("/").filter(Boolean).at(-1) ?? url);
}

export function queueHref(name: string, page?: "edit" | "send-receive"): string {
  return `/sqs/queues/${encodeURIComponent(name)}${page ? `/${page}` : ""}`;
}
