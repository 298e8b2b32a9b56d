"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";
import { LIVE_REFRESH_MS } from "./use-topic";

export type SubscriptionEntry = RouterOutputs["sns"]["listSubscriptions"]["Subscriptions"][number];

/** Pages read at most, 100 subscriptions each. */
const MAX_PAGES = 20;

async function allPages(read: (token: string | undefined) => Promise<{ Subscriptions: SubscriptionEntry[]; NextToken?: string }>) {
  const subscriptions: SubscriptionEntry[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await read(token);
    subscriptions.push(...result.Subscriptions);
    token = result.NextToken;
    if (!token) break;
  }
  return { Subscriptions: subscriptions, NextToken: token };
}

/** A topic's subscriptions, every page, refreshed live so confirmations show up. */
export function useTopicSubscriptions(topicArn: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useQuery({
    queryKey: trpc.sns.listSubscriptionsByTopic.queryKey({ TopicArn: topicArn }),
    queryFn: () => allPages((NextToken) => client.sns.listSubscriptionsByTopic.query({ TopicArn: topicArn, NextToken })),
    refetchInterval: LIVE_REFRESH_MS,
  });
}

/** Every subscription of the team in this region, refreshed live. */
export function useAllSubscriptions() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useQuery({
    queryKey: trpc.sns.listSubscriptions.queryKey({}),
    queryFn: () => allPages((NextToken) => client.sns.listSubscriptions.query({ NextToken })),
    refetchInterval: LIVE_REFRESH_MS,
  });
}

/** Rows of one table need a key: pending subscriptions share the ARN "PendingConfirmation". */
export function subscriptionKey(s: SubscriptionEntry): string {
  return `${s.TopicArn} ${s.Protocol} ${s.Endpoint} ${s.SubscriptionArn}`;
}
