"use client";

import { useMutation } from "@tanstack/react-query";
import { ConfirmDialog } from "../../../../_components/ConfirmDialog";
import { useTRPC } from "../../../../_trpc/client";
import { useRefreshCognito } from "../use-pool";

export interface Membership {
  username: string;
  groupName: string;
}

/** AdminRemoveUserFromGroup, from the user's page or the group's. */
export function RemoveFromGroupDialog({ poolId, membership, onClose }: { poolId: string; membership: Membership | null; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshCognito();
  const remove = useMutation(
    trpc.cognito.adminRemoveUserFromGroup.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={membership !== null}
      title="Remove user from group"
      confirmLabel="Remove"
      action={remove}
      onClose={onClose}
      onConfirm={() => membership && remove.mutate({ UserPoolId: poolId, Username: membership.username, GroupName: membership.groupName })}
    >
      <p>
        Remove <strong>{membership?.username}</strong> from group <strong>{membership?.groupName}</strong>? Tokens issued from now on no longer name
        the group.
      </p>
    </ConfirmDialog>
  );
}
