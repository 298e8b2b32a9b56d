"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, RefreshButton } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { QueryResult } from "../../../../../_components/QueryResult";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import { LoadMore } from "../../../logs/paging";
import { useIdentities, type Identity } from "../use-identity-pools";

/** The pool's identities (ListIdentities); those selected are deleted together (DeleteIdentities). */
export function IdentitiesTable({ poolId, canChange }: { poolId: string; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const identities = useIdentities(poolId);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [deleting, setDeleting] = useState(false);
  const refresh = () => queryClient.invalidateQueries(trpc.cognito.listIdentities.pathFilter());
  const remove = useMutation(
    trpc.cognito.deleteIdentities.mutationOptions({
      async onSuccess() {
        await refresh();
        setSelected(new Set());
        setDeleting(false);
      },
    }),
  );

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const columns: Column<Identity>[] = [
    {
      header: "Select",
      hideHeader: true,
      cell: (i) => <input type="checkbox" aria-label={`Select ${i.IdentityId}`} checked={selected.has(i.IdentityId)} onChange={(e) => toggle(i.IdentityId, e.target.checked)} />,
    },
    { header: "Identity ID", cell: (i) => <code>{i.IdentityId}</code>, nowrap: true },
    { header: "Logins", cell: (i) => (i.Logins.length > 0 ? i.Logins.join(", ") : "Guest (no logins)") },
    { header: "Created", cell: (i) => formatDateTime(i.CreationDate) },
  ];

  return (
    <>
      <Container
        title="Identities"
        counter={identities.data?.length}
        description="Each end user, signed in or guest, gets an identity the first time the app calls GetId."
        flush
        actions={
          <>
            <RefreshButton label="Refresh identities" refreshing={identities.isFetching && !identities.isPending && !identities.isFetchingNextPage} onRefresh={() => void refresh()} />
            <Button disabled={selected.size === 0 || !canChange} onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </>
        }
      >
        <QueryResult query={identities} loadingLabel="Loading identities">
          {(all) => (
            <>
              <DataTable
                label="Identities"
                columns={columns}
                rows={all}
                rowKey={(i) => i.IdentityId}
                empty={<EmptyState title="No identities">Identities appear here once your app calls GetId for this pool.</EmptyState>}
              />
              <LoadMore query={identities} />
            </>
          )}
        </QueryResult>
      </Container>
      <ConfirmDialog
        open={deleting}
        title="Delete identities"
        confirmLabel="Delete"
        confirmText="delete"
        action={remove}
        onClose={() => setDeleting(false)}
        onConfirm={() => remove.mutate({ IdentityIdsToDelete: [...selected] })}
      >
        <p>
          Delete {selected.size === 1 ? "this identity" : `these ${selected.size} identities`}? Their linked logins are forgotten: the same users get new
          identity IDs next time.
        </p>
      </ConfirmDialog>
    </>
  );
}
