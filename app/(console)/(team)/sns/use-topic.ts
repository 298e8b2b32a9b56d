"use client";

import { useQuery } from "@tanstack/react-query";
import { useConsole } from "../../../_console/ConsoleContext";
import { useCurrentTeam } from "../../../_console/TeamGate";
import { useTRPC } from "../../../_trpc/client";
import { topicArn } from "./links";

/** How often topic pages read their counts, subscriptions and deliveries again. */
export const LIVE_REFRESH_MS = 5_000;

/** The ARN of the current team's topic `name` in the current region. */
export function useTopicArn(name: string): string {
  const team = useCurrentTeam();
  const { region } = useConsole();
  return topicArn(region, team.accountId, name);
}

/** A topic by name, as the console's topic pages address it: its ARN and attributes, refreshed live. */
export function useTopic(name: string, { live = true }: { live?: boolean } = {}) {
  const trpc = useTRPC();
  const arn = useTopicArn(name);
  const attributes = useQuery(
    trpc.sns.getTopicAttributes.queryOptions({ TopicArn: arn }, { refetchInterval: live ? LIVE_REFRESH_MS : false, select: (data) => data.Attributes }),
  );
  return {
    data: attributes.data ? { name, arn, attributes: attributes.data, fifo: attributes.data.FifoTopic === "true" } : undefined,
    error: attributes.error,
    isPending: attributes.isPending,
  };
}

export type LoadedTopic = NonNullable<ReturnType<typeof useTopic>["data"]>;
