"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormModal } from "../../../../../_components/FormModal";
import { Tiles } from "../../../../../_components/Tiles";
import { useTRPC } from "../../../../../_trpc/client";
import { MODE_OPTIONS, modeLabel, type StreamMode } from "../../stream-settings";
import { useRefreshStreams, type LoadedStream } from "../../use-stream";

/** UpdateStreamMode: switches between on-demand and provisioned; the shards stay as they are. */
export function CapacityModeModal({ stream, onClose, onDone }: { stream: LoadedStream; onClose: () => void; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshStreams();
  const current = stream.StreamModeDetails.StreamMode;
  const [mode, setMode] = useState<StreamMode>(current === "ON_DEMAND" ? "ON_DEMAND" : "PROVISIONED");
  const update = useMutation(
    trpc.kinesis.updateStreamMode.mutationOptions({
      async onSuccess() {
        await refresh();
        onDone(`The capacity mode is now ${modeLabel(mode).toLowerCase()}.`);
      },
    }),
  );

  return (
    <FormModal
      title="Edit capacity mode"
      submitLabel="Save changes"
      pending={update.isPending}
      submitDisabled={mode === current}
      error={update.error}
      onClose={onClose}
      onSubmit={() => update.mutate({ StreamARN: stream.StreamARN, StreamModeDetails: { StreamMode: mode } })}
    >
      <Tiles legend="Capacity mode" description="The stream keeps its shards when the mode changes." name="edit-capacity-mode" value={mode} options={MODE_OPTIONS} onChange={setMode} />
    </FormModal>
  );
}
