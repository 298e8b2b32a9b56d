"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../../_components/ConfirmDialog";
import { useTRPC } from "../../../_trpc/client";

interface QueueRef {
  name: string;
  url: string;
}

interface DialogProps {
  /** The queue to act on; the dialog is open while it is set. */
  queue: QueueRef | null;
  onClose: () => void;
}

/** Deleting a queue, confirmed by typing "confirm" as on AWS. */
export function DeleteQueueDialog({ queue, onClose, onDeleted }: DialogProps & { onDeleted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.sqs.deleteQueue.mutationOptions({
      async onSuccess() {
        await queryClient.invalidateQueries(trpc.sqs.listQueueSummaries.queryFilter());
        void queryClient.invalidateQueries(trpc.dashboard.resourceCounts.queryFilter());
        onDeleted();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={queue !== null}
      title="Delete queue"
      confirmLabel="Delete"
      confirmText="confirm"
      action={remove}
      onClose={onClose}
      onConfirm={() => queue && remove.mutate({ QueueUrl: queue.url })}
    >
      <p>
        Delete <strong>{queue?.name}</strong>? The queue and all its messages are deleted, whatever their state. Producers and consumers using it
        will get errors. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}

/** Purging deletes every message, confirmed by typing "purge" as on AWS. */
export function PurgeQueueDialog({ queue, onClose, onPurged }: DialogProps & { onPurged: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const purge = useMutation(
    trpc.sqs.purgeQueue.mutationOptions({
      async onSuccess() {
        await Promise.all([
          queryClient.invalidateQueries(trpc.sqs.getQueueAttributes.queryFilter()),
          queryClient.invalidateQueries(trpc.sqs.listQueueSummaries.queryFilter()),
        ]);
        onPurged();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={queue !== null}
      title="Purge queue"
      confirmLabel="Purge"
      confirmText="purge"
      action={purge}
      onClose={onClose}
      onConfirm={() => queue && purge.mutate({ QueueUrl: queue.url })}
    >
      <p>
        Purge <strong>{queue?.name}</strong>? Every message in the queue is deleted, including messages in flight and delayed ones. You can
        purge a queue at most once every 60 seconds. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
