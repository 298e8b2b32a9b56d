"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../../_components/ConfirmDialog";
import { useTRPC } from "../../../_trpc/client";

interface DeleteFunctionDialogProps {
  /** The function to delete; the dialog is open while it is set. */
  name: string | null;
  onClose: () => void;
  onDeleted: () => void;
}

/** DeleteFunction, confirmed by typing "confirm" as on AWS. */
export function DeleteFunctionDialog({ name, onClose, onDeleted }: DeleteFunctionDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.lambda.deleteFunction.mutationOptions({
      async onSuccess() {
        await queryClient.invalidateQueries(trpc.lambda.listFunctionSummaries.queryFilter());
        void queryClient.invalidateQueries(trpc.dashboard.resourceCounts.queryFilter());
        onDeleted();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={name !== null}
      title="Delete function"
      confirmLabel="Delete"
      confirmText="confirm"
      action={remove}
      onClose={onClose}
      onConfirm={() => name && remove.mutate({ FunctionName: name })}
    >
      <p>
        Delete <strong>{name}</strong>? Its code, versions, aliases and configuration are deleted; event source mappings and its log group are
        kept. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
