"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { ChoiceSelect } from "../../../../../_components/ChoiceSelect";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC } from "../../../../../_trpc/client";
import { isOpen, useRefreshStreams, type StreamShard } from "../../use-stream";

interface MergeShardsModalProps {
  streamName: string;
  shard: StreamShard;
  shards: readonly StreamShard[];
  onClose: () => void;
  onDone: (message: string) => void;
}

/** Open shards whose hash key range continues `shard`'s, below or above it: the only ones MergeShards accepts. */
function adjacentTo(shard: StreamShard, shards: readonly StreamShard[]): StreamShard[] {
  const start = BigInt(shard.HashKeyRange.StartingHashKey);
  const end = BigInt(shard.HashKeyRange.EndingHashKey);
  return shards.filter(
    (s) => isOpen(s) && (BigInt(s.HashKeyRange.StartingHashKey) === end + 1n || BigInt(s.HashKeyRange.EndingHashKey) + 1n === start),
  );
}

/** MergeShards: two adjacent open shards close and one new shard takes both their hash key ranges. */
export function MergeShardsModal({ streamName, shard, shards, onClose, onDone }: MergeShardsModalProps) {
  const trpc = useTRPC();
  const refresh = useRefreshStreams();
  const candidates = adjacentTo(shard, shards);
  const [adjacent, setAdjacent] = useState(candidates[0]?.ShardId ?? "");
  const merge = useMutation(
    trpc.kinesis.mergeShards.mutationOptions({
      async onSuccess() {
        await refresh();
        onDone(`Shards ${shard.ShardId} and ${adjacent} were merged into a new shard.`);
      },
    }),
  );

  return (
    <FormModal
      title={`Merge ${shard.ShardId}`}
      submitLabel="Merge shards"
      pending={merge.isPending}
      submitDisabled={!adjacent}
      error={merge.error}
      onClose={onClose}
      onSubmit={() => merge.mutate({ StreamName: streamName, ShardToMerge: shard.ShardId, AdjacentShardToMerge: adjacent })}
    >
      <div className="stack">
        <p>Both shards close at their last records and stay readable until the retention period ends; one new shard takes both their hash keys.</p>
        {candidates.length === 0 ? (
          <Alert type="info">No open shard is adjacent to {shard.ShardId}: only shards whose hash key ranges meet can be merged.</Alert>
        ) : (
          <ChoiceSelect
            label="Adjacent shard"
            description="An open shard whose hash key range begins right after, or ends right before, this one's."
            choices={candidates.map((s) => ({ value: s.ShardId, label: s.ShardId }))}
            value={adjacent}
            onChange={setAdjacent}
          />
        )}
      </div>
    </FormModal>
  );
}
