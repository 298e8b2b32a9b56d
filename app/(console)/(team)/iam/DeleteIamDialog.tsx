"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ConfirmDialog } from "../../../_components/ConfirmDialog";
import { useTRPC, useTRPCClient } from "../../../_trpc/client";

/** What is being deleted: a role or user by name, a customer managed policy or an identity provider (named by its URL) by ARN. */
export type IamDeletion = { kind: "role"; name: string } | { kind: "user"; name: string } | { kind: "policy" | "identity provider"; name: string; arn: string };

/** IAM refuses to delete what still has these; its DeleteConflict message shows in the dialog. */
const CONSEQUENCES: Record<IamDeletion["kind"], string> = {
  role: "Services and sessions that use it lose its permissions at once. Detach its managed policies and delete its inline policies first.",
  user: "Programs using its access keys stop working at once. Delete its access keys, detach its managed policies and delete its inline policies first.",
  policy: "Detach it from every role and user and delete its non-default versions first.",
  "identity provider": "Its users can no longer assume roles with its tokens; roles that trust it keep their trust policies.",
};

/** DeleteRole, DeleteUser, DeletePolicy or DeleteOpenIDConnectProvider, confirmed by typing the name as on AWS. */
export function DeleteIamDialog({ target, onClose, onDeleted }: { target: IamDeletion | null; onClose: () => void; onDeleted: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (deletion: IamDeletion) =>
      deletion.kind === "role"
        ? client.iam.deleteRole.mutate({ RoleName: deletion.name })
        : deletion.kind === "user"
          ? client.iam.deleteUser.mutate({ UserName: deletion.name })
          : deletion.kind === "policy"
            ? client.iam.deletePolicy.mutate({ PolicyArn: deletion.arn })
            : client.iam.deleteOpenIdConnectProvider.mutate({ OpenIDConnectProviderArn: deletion.arn }),
    async onSuccess() {
      // Only the lists: the deleted entity's own views would be read again, and fail, before the page leaves them.
      await Promise.all([
        queryClient.invalidateQueries(trpc.iam.listRoles.queryFilter()),
        queryClient.invalidateQueries(trpc.iam.listUsers.queryFilter()),
        queryClient.invalidateQueries(trpc.iam.listPolicies.queryFilter()),
        queryClient.invalidateQueries(trpc.iam.listOpenIdConnectProviders.pathFilter()),
      ]);
      onDeleted();
    },
  });
  return (
    <ConfirmDialog
      open={target !== null}
      title={`Delete ${target?.kind ?? ""}`}
      confirmLabel="Delete"
      confirmText={target?.name}
      action={remove}
      onClose={onClose}
      onConfirm={() => target && remove.mutate(target)}
    >
      <p>
        Delete <strong>{target?.name}</strong>? {target && CONSEQUENCES[target.kind]} This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
