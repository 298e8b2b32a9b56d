"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";

export type LoadedStream = RouterOutputs["kinesis"]["describeStreamSummary"]["StreamDescriptionSummary"];
export type StreamShard = RouterOutputs["kinesis"]["listShards"]["Shards"][number];

/** A stream by name: DescribeStreamSummary. */
export function useStream(name: string) {
  const trpc = useTRPC();
  return useQuery(trpc.kinesis.describeStreamSummary.queryOptions({ StreamName: name }, { select: (data) => data.StreamDescriptionSummary }));
}

/** Every shard of the stream ListShards shows (open ones and those closed within the retention period), page after page. */
export function useShards(name: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useQuery({
    queryKey: trpc.kinesis.listShards.queryKey({ StreamName: name }),
    queryFn: async () => {
      let page = await client.kinesis.listShards.query({ StreamName: name });
      const shards = [...page.Shards];
      while (page.NextToken) {
        page = await client.kinesis.listShards.query({ NextToken: page.NextToken });
        shards.push(...page.Shards);
      }
      return shards;
    },
  });
}

export const isOpen = (shard: StreamShard) => shard.SequenceNumberRange.EndingSequenceNumber === undefined;

/** Reads every Kinesis view again (and the home page's counts) after a change. */
export function useRefreshStreams() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries(trpc.kinesis.pathFilter()), queryClient.invalidateQueries(trpc.dashboard.resourceCounts.queryFilter())]);
}
