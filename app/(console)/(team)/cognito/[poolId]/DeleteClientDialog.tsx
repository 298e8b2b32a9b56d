"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../../../_components/ConfirmDialog";
import { useTRPC } from "../../../../_trpc/client";

/** DeleteUserPoolClient, confirmed by typing "delete". */
export function DeleteClientDialog({ poolId, client, onClose, onDeleted }: { poolId: string; client: { id: string; name: string } | null; onClose: () => void; onDeleted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.cognito.deleteUserPoolClient.mutationOptions({
      async onSuccess() {
        // The list only: the deleted client's own page would fail before it is left.
        await queryClient.invalidateQueries(trpc.cognito.listUserPoolClients.pathFilter());
        onDeleted();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={client !== null}
      title="Delete app client"
      confirmLabel="Delete"
      confirmText="delete"
      action={remove}
      onClose={onClose}
      onConfirm={() => client && remove.mutate({ UserPoolId: poolId, ClientId: client.id })}
    >
      <p>
        Delete app client <strong>{client?.name}</strong>? Apps using its client ID can no longer sign users in or refresh their tokens.
      </p>
    </ConfirmDialog>
  );
}
