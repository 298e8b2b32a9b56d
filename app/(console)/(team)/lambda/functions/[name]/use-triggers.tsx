"use client";

import { useQuery } from "@tanstack/react-query";
import { StatusIndicator } from "../../../../../_components/StatusIndicator";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";

export type Trigger = RouterOutputs["lambda"]["listEventSourceMappings"]["EventSourceMappings"][number];

export const REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";

/** States the workers settle into Enabled or Disabled within seconds. */
const TRANSITIONAL = new Set(["Creating", "Enabling", "Updating", "Disabling", "Deleting"]);
export const isTransitional = (trigger: Trigger): boolean => TRANSITIONAL.has(trigger.State);

/** Lambda lists up to 10,000 mappings a page. */
const ALL = 10_000;

/**
 * Event source mappings of a function (`FunctionName`) or of a queue (`EventSourceArn`), read again
 * every two seconds while one is in a transitional state.
 */
export function useTriggers(filter: { FunctionName: string } | { EventSourceArn: string }) {
  const trpc = useTRPC();
  return useQuery(
    trpc.lambda.listEventSourceMappings.queryOptions(
      { ...filter, MaxItems: ALL },
      {
        select: (data) => [...data.EventSourceMappings].sort((a, b) => a.EventSourceArn.localeCompare(b.EventSourceArn) || a.FunctionArn.localeCompare(b.FunctionArn)),
        refetchInterval: (query) => (query.state.data?.EventSourceMappings.some((m) => TRANSITIONAL.has(m.State)) ? 2_000 : false),
      },
    ),
  );
}

/** The mapping's state, with AWS's wording. */
export function TriggerState({ trigger }: { trigger: Trigger }) {
  if (trigger.State === "Enabled") return <StatusIndicator type="success">Enabled</StatusIndicator>;
  if (isTransitional(trigger)) return <StatusIndicator type="stopped">{trigger.State}…</StatusIndicator>;
  return <StatusIndicator type="stopped">{trigger.State}</StatusIndicator>;
}
