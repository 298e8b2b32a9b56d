"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../../_components/ConfirmDialog";
import { useTRPC } from "../../../_trpc/client";

/**
 * DeleteUserPool, confirmed by typing the pool's name as on AWS. A pool with deletion protection
 * on is refused by Cognito, whose message shows in the dialog.
 */
export function DeletePoolDialog({ pool, onClose, onDeleted }: { pool: { id: string; name: string } | null; onClose: () => void; onDeleted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.cognito.deleteUserPool.mutationOptions({
      async onSuccess() {
        // Only the list: the deleted pool's own views would be read again, and fail, before the page leaves them.
        await queryClient.invalidateQueries(trpc.cognito.listUserPools.pathFilter());
        void queryClient.invalidateQueries(trpc.dashboard.resourceCounts.queryFilter());
        onDeleted();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={pool !== null}
      title="Delete user pool"
      confirmLabel="Delete"
      confirmText={pool?.name}
      action={remove}
      onClose={onClose}
      onConfirm={() => pool && remove.mutate({ UserPoolId: pool.id })}
    >
      <p>
        Delete <strong>{pool?.name}</strong> ({pool?.id})? Its users, groups and app clients are deleted with it, and the tokens it issued can no
        longer be verified. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
