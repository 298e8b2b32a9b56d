"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { QueryResult } from "../../../../../_components/QueryResult";
import { StatusIndicator } from "../../../../../_components/StatusIndicator";
import { useConsole } from "../../../../../_console/ConsoleContext";
import { errorMessage } from "../../../../../_lib/errors";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";
import { NewAccessKeyModal } from "../../../access-keys/NewAccessKeyModal";
import { useRefreshIam } from "../../use-iam";

type AccessKey = RouterOutputs["iam"]["listAccessKeys"]["AccessKeyMetadata"][number];

interface UserAccessKeysTabProps {
  userName: string;
  canChange: boolean;
  gatewayUrl: string;
}

/** The IAM user's access keys: create (the secret shows once), deactivate or activate, delete. */
export function UserAccessKeysTab({ userName, canChange, gatewayUrl }: UserAccessKeysTabProps) {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const { region } = useConsole();
  const keys = useQuery(trpc.iam.listAccessKeys.queryOptions({ UserName: userName }, { select: (data) => data.AccessKeyMetadata }));
  const [showSecret, setShowSecret] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const create = useMutation(
    trpc.iam.createAccessKey.mutationOptions({
      onSuccess() {
        setShowSecret(true);
        void refresh();
      },
    }),
  );
  const update = useMutation(trpc.iam.updateAccessKey.mutationOptions({ onSettled: () => refresh() }));
  const remove = useMutation(
    trpc.iam.deleteAccessKey.mutationOptions({
      async onSuccess() {
        await refresh();
        setDeleting(null);
      },
    }),
  );

  const columns: Column<AccessKey>[] = [
    { header: "Access key ID", cell: (k) => <code>{k.AccessKeyId}</code>, nowrap: true },
    { header: "Status", cell: (k) => <StatusIndicator type={k.Status === "Active" ? "success" : "stopped"}>{k.Status}</StatusIndicator> },
    { header: "Created", cell: (k) => formatDateTime(k.CreateDate), nowrap: true },
    {
      header: "Actions",
      hideHeader: true,
      nowrap: true,
      cell: (k) => {
        const next = k.Status === "Active" ? "Inactive" : "Active";
        const verb = next === "Active" ? "Activate" : "Deactivate";
        return (
          <span className="row-actions">
            <Button
              variant="link"
              aria-label={`${verb} ${k.AccessKeyId}`}
              disabled={!canChange || update.isPending}
              onClick={() => update.mutate({ UserName: userName, AccessKeyId: k.AccessKeyId, Status: next })}
            >
              {verb}
            </Button>
            <Button variant="link" aria-label={`Delete ${k.AccessKeyId}`} disabled={!canChange} onClick={() => setDeleting(k.AccessKeyId)}>
              Delete
            </Button>
          </span>
        );
      },
    },
  ];

  return (
    <Container
      title="Access keys"
      counter={keys.data?.length}
      description="Up to two keys for the AWS CLI and SDKs; their calls are held to this user's policies."
      flush
      actions={
        <Button variant="primary" disabled={!canChange} loading={create.isPending} onClick={() => create.mutate({ UserName: userName })}>
          Create access key
        </Button>
      }
    >
      {create.isError && <Alert type="error" title="Couldn't create an access key">{errorMessage(create.error)}</Alert>}
      {update.isError && <Alert type="error">{errorMessage(update.error)}</Alert>}
      <QueryResult query={keys} loadingLabel="Loading access keys">
        {(rows) => (
          <DataTable
            label="Access keys"
            columns={columns}
            rows={rows}
            rowKey={(k) => k.AccessKeyId}
            empty={<EmptyState title="No access keys">Create a key for a program to call Stratus as this user.</EmptyState>}
          />
        )}
      </QueryResult>
      {create.data && (
        <NewAccessKeyModal
          open={showSecret}
          onClose={() => setShowSecret(false)}
          accessKey={{ accessKeyId: create.data.AccessKey.AccessKeyId, secretAccessKey: create.data.AccessKey.SecretAccessKey }}
          gatewayUrl={gatewayUrl}
          region={region}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete access key"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ UserName: userName, AccessKeyId: deleting })}
      >
        <p>
          Delete <code>{deleting}</code>? Programs still using it stop working at once. This cannot be undone.
        </p>
      </ConfirmDialog>
    </Container>
  );
}
