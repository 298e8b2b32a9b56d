"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { LIMITS } from "~/server/services/kinesis/limits";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC } from "../../../../../_trpc/client";
import { shardCountError } from "../../stream-settings";
import { useRefreshStreams, type LoadedStream } from "../../use-stream";

/** UpdateShardCount with uniform scaling: splits and merges until `target` shards divide the hash keys evenly. */
export function ShardCountModal({ stream, onClose, onDone }: { stream: LoadedStream; onClose: () => void; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshStreams();
  const current = stream.OpenShardCount;
  // One call can at most double or halve the open shards.
  const min = Math.ceil(current / 2);
  const max = Math.min(current * 2, LIMITS.shardLimit);
  const [target, setTarget] = useState(String(current));
  const [checked, setChecked] = useState(false);
  const error = shardCountError(target, min, max);
  const update = useMutation(
    trpc.kinesis.updateShardCount.mutationOptions({
      async onSuccess(result) {
        await refresh();
        onDone(`The stream was rescaled from ${result.CurrentShardCount} to ${result.TargetShardCount} open shards.`);
      },
    }),
  );

  return (
    <FormModal
      title="Update shard count"
      submitLabel="Update shard count"
      pending={update.isPending}
      submitDisabled={target === String(current)}
      error={update.error}
      onClose={onClose}
      onSubmit={() => {
        setChecked(true);
        if (!error) update.mutate({ StreamName: stream.StreamName, TargetShardCount: Number(target), ScalingType: "UNIFORM_SCALING" });
      }}
    >
      <div className="stack">
        <p>
          Uniform scaling splits and merges the open shards until the new count divides the hash keys evenly. The shards it closes stay readable
          until the retention period ends.
        </p>
        <FormField label="Target shard count" description={`The stream has ${current} open ${current === 1 ? "shard" : "shards"}.`} constraint={`From ${min} to ${max}.`} error={checked ? error : undefined}>
          {(control) => <input {...control} className="input" inputMode="numeric" value={target} onChange={(e) => setTarget(e.target.value.trim())} />}
        </FormField>
      </div>
    </FormModal>
  );
}
