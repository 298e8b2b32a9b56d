"use client";

import type { UseQueryResult } from "@tanstack/react-query";
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

export type KeyStatus = "Active" | "Inactive";

/** A key as the table shows it, whoever it belongs to (a console user or an IAM user). */
export interface AccessKeyRow {
  accessKeyId: string;
  status: KeyStatus;
  createdAt: Date;
  /** Omitted when the list does not say (then no "Last used" column). */
  lastUsedAt?: Date | null;
}

/** The mutation states the table shows (pending buttons, errors in the table and the delete dialog). */
interface KeyAction {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  reset(): void;
}

interface AccessKeysTableProps {
  keys: UseQueryResult<AccessKeyRow[], unknown>;
  description: string;
  actions: ReactNode;
  empty: { text: string; action?: ReactNode };
  canChange?: boolean;
  update: KeyAction;
  onSetStatus(accessKeyId: string, status: KeyStatus): void;
  remove: KeyAction;
  /** Deletes the key; the dialog closes once the returned promise settles without error. */
  onDelete(accessKeyId: string): Promise<unknown>;
}

/** Access keys with activate/deactivate and delete: your own keys, and an IAM user's. */
export function AccessKeysTable({ keys, description, actions, empty, canChange = true, update, onSetStatus, remove, onDelete }: AccessKeysTableProps) {
  const [deleting, setDeleting] = useState<string | null>(null);
  const showsLastUsed = keys.data?.some((k) => k.lastUsedAt !== undefined) ?? false;

  const columns: Column<AccessKeyRow>[] = [
    { header: "Access key ID", cell: (k) => <code>{k.accessKeyId}</code>, nowrap: true },
    { header: "Status", cell: (k) => <StatusIndicator type={k.status === "Active" ? "success" : "stopped"}>{k.status}</StatusIndicator> },
    { header: "Created", cell: (k) => formatDateTime(k.createdAt), nowrap: true },
    ...(showsLastUsed ? [{ header: "Last used", cell: (k: AccessKeyRow) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never"), nowrap: true }] : []),
    {
      header: "Actions",
      nowrap: true,
      cell: (k) => {
        const next = k.status === "Active" ? "Inactive" : "Active";
        const verb = next === "Active" ? "Activate" : "Deactivate";
        return (
          <span className="row-actions">
            <Button variant="link" aria-label={`${verb} ${k.accessKeyId}`} disabled={!canChange || update.isPending} onClick={() => onSetStatus(k.accessKeyId, next)}>
              {verb}
            </Button>
            <Button variant="link" aria-label={`Delete ${k.accessKeyId}`} disabled={!canChange} onClick={() => setDeleting(k.accessKeyId)}>
              Delete
            </Button>
          </span>
        );
      },
    },
  ];

  return (
    <Container title="Access keys" counter={keys.data?.length} description={description} actions={actions} flush>
      {update.isError && <Alert type="error">{errorMessage(update.error)}</Alert>}
      <QueryResult query={keys} loadingLabel="Loading access keys">
        {(rows) => (
          <DataTable
            label="Access keys"
            columns={columns}
            rows={rows}
            rowKey={(k) => k.accessKeyId}
            empty={
              <EmptyState title="No access keys" action={empty.action}>
                {empty.text}
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
        onConfirm={() => deleting && void onDelete(deleting).then(() => setDeleting(null), () => undefined)}
      >
        <p>
          Delete <code>{deleting}</code>? Anything still using it stops working at once. This cannot be undone.
        </p>
      </ConfirmDialog>
    </Container>
  );
}
