"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../../_components/ConfirmDialog";
import { useTRPC } from "../../../_trpc/client";

/** DeleteRestApi, confirmed by typing "confirm" as on AWS: its resources, deployments and stages go with it. */
export function DeleteApiDialog({ api, onClose, onDeleted }: { api: { id: string; name: string } | null; onClose: () => void; onDeleted: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.apigateway.deleteRestApi.mutationOptions({
      async onSuccess() {
        // Only the list: the deleted API's own views would be read again, and fail, before the page leaves them.
        await queryClient.invalidateQueries(trpc.apigateway.listRestApis.queryFilter());
        void queryClient.invalidateQueries(trpc.dashboard.resourceCounts.queryFilter());
        onDeleted();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={api !== null}
      title="Delete API"
      confirmLabel="Delete"
      confirmText="confirm"
      action={remove}
      onClose={onClose}
      onConfirm={() => api && remove.mutate({ restApiId: api.id })}
    >
      <p>
        Delete <strong>{api?.name}</strong>? Its resources, methods, deployments and stages are deleted with it, and its invoke URLs stop
        answering. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
