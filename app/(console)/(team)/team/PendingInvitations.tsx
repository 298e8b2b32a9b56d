"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "../../../_components/Alert";
import { Button } from "../../../_components/Button";
import { Container } from "../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../_components/DataTable";
import { QueryResult } from "../../../_components/QueryResult";
import { errorMessage } from "../../../_lib/errors";
import { formatDateTime } from "../../../_lib/format";
import { useTRPC } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";

type Invitation = RouterOutputs["team"]["listInvitations"][number];

export function PendingInvitations({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.team.listInvitations.queryOptions());
  const revoke = useMutation(
    trpc.team.revokeInvitation.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.team.listInvitations.queryFilter()),
    }),
  );

  const columns: Column<Invitation>[] = [
    { header: "Email", cell: (i) => i.email },
    { header: "Role", cell: (i) => i.role },
    { header: "Invited by", cell: (i) => i.invitedByEmail },
    { header: "Created", cell: (i) => formatDateTime(i.createdAt), nowrap: true },
    { header: "Expires", cell: (i) => formatDateTime(i.expiresAt), nowrap: true },
  ];
  if (canManage) {
    columns.push({
      header: "Actions",
      cell: (i) => (
        <Button variant="link" aria-label={`Revoke invitation for ${i.email}`} disabled={revoke.isPending} onClick={() => revoke.mutate({ id: i.id })}>
          Revoke
        </Button>
      ),
    });
  }

  return (
    <Container title="Pending invitations" counter={invitations.data?.length} description="Invitations not yet accepted. Revoking one makes its link stop working." flush>
      {revoke.isError && <Alert type="error">{errorMessage(revoke.error)}</Alert>}
      <QueryResult query={invitations} loadingLabel="Loading invitations">
        {(rows) => (
          <DataTable
            label="Pending invitations"
            columns={columns}
            rows={rows}
            rowKey={(i) => i.id}
            empty={<EmptyState title="No pending invitations">Invitations you create appear here until they are accepted.</EmptyState>}
          />
        )}
      </QueryResult>
    </Container>
  );
}
