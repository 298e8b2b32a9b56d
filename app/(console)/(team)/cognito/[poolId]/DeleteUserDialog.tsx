"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../../../_components/ConfirmDialog";
import { useTRPC } from "../../../../_trpc/client";

/** AdminDeleteUser: the user, their group memberships and sessions go. */
export function DeleteUserDialog({ poolId, username, onClose, onDeleted }: { poolId: string; username: string | null; onClose: () => void; onDeleted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.cognito.adminDeleteUser.mutationOptions({
      async onSuccess() {
        // The lists and the pool's user count only: the deleted user's own page would fail before it is left.
        await Promise.all(
          [trpc.cognito.listUsers, trpc.cognito.listUsersInGroup, trpc.cognito.describeUserPool].map((procedure) => queryClient.invalidateQueries(procedure.pathFilter())),
        );
        onDeleted();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={username !== null}
      title="Delete user"
      confirmLabel="Delete"
      confirmText="delete"
      action={remove}
      onClose={onClose}
      onConfirm={() => username && remove.mutate({ UserPoolId: poolId, Username: username })}
    >
      <p>
        Delete user <strong>{username}</strong>? They can no longer sign in, and leave their groups. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
