"use client";

import { useMutation, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Alert } from "../../../_components/Alert";
import { Button } from "../../../_components/Button";
import { ConfirmDialog } from "../../../_components/ConfirmDialog";
import { Container } from "../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../_components/DataTable";
import { QueryResult } from "../../../_components/QueryResult";
import { StatusIndicator } from "../../../_components/StatusIndicator";
import { errorMessage } from "../../../_lib/errors";
import { formatDateTime } from "../../../_lib/format";
import { useTRPC } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";

type AccessKeyList = RouterOutputs["accessKeys"]["list"];
type AccessKey = AccessKeyList[number];

interface AccessKeysTableProps {
  keys: UseQueryResult<AccessKeyList, unknown>;
  createButton: ReactNode;
  /** The empty state's call to action, named apart from the header's button. */
  emptyAction: ReactNode;
}

export function AccessKeysTable({ keys, createButton, emptyAction }: AccessKeysTableProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<AccessKey | null>(null);

  const refresh = () => queryClient.invalidateQueries(trpc.accessKeys.list.queryFilter());
  const update = useMutation(trpc.accessKeys.update.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(
    trpc.accessKeys.delete.mutationOptions({
      async onSuccess() {
        await refresh();
        setDeleting(null);
      },
    }),
  );

  const columns: Column<AccessKey>[] = [
    { header: "Access key ID", cell: (k) => <code>{k.accessKeyId}</code>, nowrap: true },
    {
      header: "Status",
      cell: (k) => <StatusIndicator type={k.status === "Active" ? "success" : "stopped"}>{k.status}</StatusIndicator>,
    },
    { header: "Created", cell: (k) => formatDateTime(k.createdAt), nowrap: true },
    { header: "Last used", cell: (k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never"), nowrap: true },
    {
      header: "Actions",
      nowrap: true,
      cell: (k) => {
        const next = k.status === "Active" ? "Inactive" : "Active";
        const verb = next === "Active" ? "Activate" : "Deactivate";
        return (
          <span className="row-actions">
            <Button
              variant="link"
              aria-label={`${verb} ${k.accessKeyId}`}
              disabled={update.isPending}
              onClick={() => update.mutate({ accessKeyId: k.accessKeyId, status: next })}
            >
              {verb}
            </Button>
            <Button variant="link" aria-label={`Delete ${k.accessKeyId}`} onClick={() => setDeleting(k)}>
              Delete
            </Button>
          </span>
        );
      },
    },
  ];

  return (
    <Container title="Access keys" counter={keys.data?.length} description="Your keys for this team." actions={createButton} flush>
      {update.isError && <Alert type="error">{errorMessage(update.error)}</Alert>}
      <QueryResult query={keys} loadingLabel="Loading access keys">
        {(rows) => (
          <DataTable
            label="Access keys"
            columns={columns}
            rows={rows}
            rowKey={(k) => k.accessKeyId}
            empty={
              <EmptyState title="No access keys" action={emptyAction}>
                Create a key to call Stratus from the AWS CLI or an SDK.
              </EmptyState>
            }
          />
        )}
      </QueryResult>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete access key"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ accessKeyId: deleting.accessKeyId })}
      >
        <p>
          Delete <code>{deleting?.accessKeyId}</code>? Anything still using it stops working at once. This cannot be undone.
        </p>
      </ConfirmDialog>
    </Container>
  );
}
