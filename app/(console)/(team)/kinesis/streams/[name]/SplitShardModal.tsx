"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { useTRPC } from "../../../../../_trpc/client";
import { HASH_KEY_RULE, midpoint, parseHashKey } from "../../hash-keys";
import { useRefreshStreams, type StreamShard } from "../../use-stream";

interface SplitShardModalProps {
  streamName: string;
  shard: StreamShard;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** SplitShard: the shard closes and two children take its hash keys, below and from the new starting hash key (the midpoint unless changed). */
export function SplitShardModal({ streamName, shard, onClose, onDone }: SplitShardModalProps) {
  const trpc = useTRPC();
  const refresh = useRefreshStreams();
  const start = BigInt(shard.HashKeyRange.StartingHashKey);
  const end = BigInt(shard.HashKeyRange.EndingHashKey);
  const middle = midpoint(start, end).toString();
  const [key, setKey] = useState(middle);
  const [checked, setChecked] = useState(false);
  // The service's rule: above the shard's starting hash key plus one, below its ending hash key.
  const rule = `Greater than ${start + 1n} and less than ${end}.`;
  const parsed = parseHashKey(key);
  const error = parsed === undefined ? HASH_KEY_RULE : parsed <= start + 1n || parsed >= end ? rule : undefined;
  const split = useMutation(
    trpc.kinesis.splitShard.mutationOptions({
      async onSuccess() {
        await refresh();
        onDone(`Shard ${shard.ShardId} was split into two new shards.`);
      },
    }),
  );

  return (
    <FormModal
      title={`Split ${shard.ShardId}`}
      submitLabel="Split shard"
      pending={split.isPending}
      error={split.error}
      onClose={onClose}
      onSubmit={() => {
        setChecked(true);
        if (!error) split.mutate({ StreamName: streamName, ShardToSplit: shard.ShardId, NewStartingHashKey: key });
      }}
    >
      <div className="stack">
        <p>
          The shard closes at its last record and stays readable until the retention period ends. Two new shards take its hash keys: one
          below the new starting hash key, one from it on.
        </p>
        <KeyValueGrid label="Hash key range">
          <KeyValue label="Starting hash key">
            <code className="break-all">{shard.HashKeyRange.StartingHashKey}</code>
          </KeyValue>
          <KeyValue label="Ending hash key">
            <code className="break-all">{shard.HashKeyRange.EndingHashKey}</code>
          </KeyValue>
        </KeyValueGrid>
        <FormField label="New starting hash key" description="The first hash key of the upper new shard. The midpoint splits the keys evenly." constraint={rule} error={checked ? error : undefined}>
          {(control) => <input {...control} className="input" inputMode="numeric" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value.trim())} />}
        </FormField>
        <div className="button-row">
          <Button disabled={key === middle} onClick={() => setKey(middle)}>
            Use the midpoint
          </Button>
        </div>
      </div>
    </FormModal>
  );
}
