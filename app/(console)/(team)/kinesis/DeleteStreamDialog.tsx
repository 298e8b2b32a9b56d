"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../../_components/ConfirmDialog";
import { useTRPC } from "../../../_trpc/client";

/**
 * Deleting a stream with its records, confirmed by typing "delete" as on AWS. Its enhanced fan-out
 * consumers go with it (EnforceConsumerDeletion), as the AWS console deletes them.
 */
export function DeleteStreamDialog({ stream, onClose, onDeleted }: { stream: string | null; onClose: () => void; onDeleted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.kinesis.deleteStream.mutationOptions({
      async onSuccess() {
        // Only the lists: the deleted stream's own views would be read again, and fail, before the page leaves them.
        await queryClient.invalidateQueries(trpc.kinesis.listStreamSummaries.queryFilter());
        void queryClient.invalidateQueries(trpc.dashboard.resourceCounts.queryFilter());
        onDeleted();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={stream !== null}
      title="Delete data stream"
      confirmLabel="Delete"
      confirmText="delete"
      action={remove}
      onClose={onClose}
      onConfirm={() => stream && remove.mutate({ StreamName: stream, EnforceConsumerDeletion: true })}
    >
      <p>
        Delete <strong>{stream}</strong>? Its records and registered consumers are deleted with it, and producers writing to it will get
        errors. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
