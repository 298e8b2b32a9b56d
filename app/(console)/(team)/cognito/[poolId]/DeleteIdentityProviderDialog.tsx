"use client";

import { useMutation } from "@tanstack/react-query";
import { ConfirmDialog } from "../../../../_components/ConfirmDialog";
import { useTRPC } from "../../../../_trpc/client";
import { useRefreshCognito } from "../use-pool";

interface DeleteIdentityProviderDialogProps {
  poolId: string;
  providerName: string | null;
  onClose: () => void;
  onDeleted: () => void;
}

/** DeleteIdentityProvider: its users stay in the pool but can no longer sign in through it. */
export function DeleteIdentityProviderDialog({ poolId, providerName, onClose, onDeleted }: DeleteIdentityProviderDialogProps) {
  const trpc = useTRPC();
  const refresh = useRefreshCognito();
  const remove = useMutation(
    trpc.cognito.deleteIdentityProvider.mutationOptions({
      async onSuccess() {
        await refresh();
        onDeleted();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={providerName !== null}
      title="Delete identity provider"
      confirmLabel="Delete"
      confirmText={providerName ?? undefined}
      action={remove}
      onClose={onClose}
      onConfirm={() => providerName && remove.mutate({ UserPoolId: poolId, ProviderName: providerName })}
    >
      <p>
        Delete <strong>{providerName}</strong>? Users who signed in through it stay in the user pool but can no longer sign in through it, and app clients stop offering it.
      </p>
    </ConfirmDialog>
  );
}
