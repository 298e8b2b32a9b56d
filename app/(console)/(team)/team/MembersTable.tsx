"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../_components/Alert";
import { Button } from "../../../_components/Button";
import { ConfirmDialog } from "../../../_components/ConfirmDialog";
import { Container } from "../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../_components/DataTable";
import { QueryResult } from "../../../_components/QueryResult";
import { RoleSelect } from "../../../_components/RoleSelect";
import { useCurrentTeam } from "../../../_console/TeamGate";
import { errorMessage } from "../../../_lib/errors";
import { formatDateTime } from "../../../_lib/format";
import { useTRPC } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";

type Member = RouterOutputs["team"]["listMembers"][number];

export function MembersTable({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const team = useCurrentTeam();
  const me = useQuery(trpc.me.get.queryOptions());
  const members = useQuery(trpc.team.listMembers.queryOptions());
  const [removing, setRemoving] = useState<Member | null>(null);

  const refresh = () => queryClient.invalidateQueries(trpc.team.listMembers.queryFilter());
  const changeRole = useMutation(trpc.team.changeRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(
    trpc.team.removeMember.mutationOptions({
      async onSuccess() {
        await refresh();
        setRemoving(null);
      },
    }),
  );

  const myId = me.data?.user.id;
  const columns: Column<Member>[] = [
    { header: "Name", cell: (m) => (m.userId === myId ? `${m.name} (you)` : m.name) },
    { header: "Email", cell: (m) => m.email },
    {
      header: "Role",
      cell: (m) =>
        canManage && m.userId !== myId ? (
          <RoleSelect
            className="select select-compact"
            aria-label={`Role for ${m.email}`}
            value={m.role}
            disabled={changeRole.isPending}
            onChange={(role) => changeRole.mutate({ userId: m.userId, role })}
          />
        ) : (
          m.role
        ),
    },
    { header: "Joined", cell: (m) => formatDateTime(m.joinedAt), nowrap: true },
  ];
  if (canManage) {
    columns.push({
      header: "Actions",
      cell: (m) =>
        m.userId === myId ? null : (
          <Button variant="link" aria-label={`Remove ${m.email}`} onClick={() => setRemoving(m)}>
            Remove
          </Button>
        ),
    });
  }

  return (
    <Container title="Members" counter={members.data?.length} description="People who can use this account, and what they may do." flush>
      {changeRole.isError && <Alert type="error" title="Couldn't change the role">{errorMessage(changeRole.error)}</Alert>}
      <QueryResult query={members} loadingLabel="Loading members">
        {(rows) => (
          <DataTable
            label="Members"
            columns={columns}
            rows={rows}
            rowKey={(m) => m.userId}
            empty={<EmptyState title="No members">Invite someone below to share this account.</EmptyState>}
          />
        )}
      </QueryResult>
      <ConfirmDialog
        open={removing !== null}
        title="Remove member"
        confirmLabel="Remove"
        action={remove}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate({ userId: removing.userId })}
      >
        <p>
          Remove <strong>{removing?.email}</strong> from {team.name}? They lose access to its resources, and their access keys for this
          team stop working.
        </p>
      </ConfirmDialog>
    </Container>
  );
}
