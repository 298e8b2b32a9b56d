"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../../../_components/ConfirmDialog";
import { useTRPC } from "../../../../_trpc/client";

/** DeleteGroup: its members stay in the pool, without the group. */
export function DeleteGroupDialog({ poolId, groupName, onClose, onDeleted }: { poolId: string; groupName: string | null; onClose: () => void; onDeleted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.cognito.deleteGroup.mutationOptions({
      async onSuccess() {
        // The lists only: the deleted group's own page would fail before it is left.
        await Promise.all([trpc.cognito.listGroups, trpc.cognito.adminListGroupsForUser].map((procedure) => queryClient.invalidateQueries(procedure.pathFilter())));
        onDeleted();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={groupName !== null}
      title="Delete group"
      confirmLabel="Delete"
      action={remove}
      onClose={onClose}
      onConfirm={() => groupName && remove.mutate({ UserPoolId: poolId, GroupName: groupName })}
    >
      <p>
        Delete group <strong>{groupName}</strong>? Its members stay in the user pool; their next tokens no longer name the group.
      </p>
    </ConfirmDialog>
  );
}
