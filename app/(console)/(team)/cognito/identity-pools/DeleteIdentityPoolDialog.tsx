"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../../../_components/ConfirmDialog";
import { useTRPC } from "../../../../_trpc/client";

/** DeleteIdentityPool, confirmed by typing the pool's name as on AWS. */
export function DeleteIdentityPoolDialog({ pool, onClose, onDeleted }: { pool: { id: string; name: string } | null; onClose: () => void; onDeleted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.cognito.deleteIdentityPool.mutationOptions({
      async onSuccess() {
        // Only the list: the deleted pool's own views would be read again, and fail, before the page leaves them.
        await queryClient.invalidateQueries(trpc.cognito.listIdentityPools.pathFilter());
        onDeleted();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={pool !== null}
      title="Delete identity pool"
      confirmLabel="Delete"
      confirmText={pool?.name}
      action={remove}
      onClose={onClose}
      onConfirm={() => pool && remove.mutate({ IdentityPoolId: pool.id })}
    >
      <p>
        Delete <strong>{pool?.name}</strong> ({pool?.id})? Its identities are deleted with it, and apps can no longer get credentials from it. This
        cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
