"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { Modal } from "../../../../../_components/Modal";
import { QueryResult } from "../../../../../_components/QueryResult";
import { errorMessage } from "../../../../../_lib/errors";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";
import { useRefreshIam } from "../../use-iam";
import { CreateVersionModal } from "./CreateVersionModal";
import { PolicyVersionDocument } from "./PolicyVersionDocument";

type PolicyVersion = RouterOutputs["iam"]["listPolicyVersions"]["Versions"][number];

interface PolicyVersionsTabProps {
  arn: string;
  defaultVersionId: string;
  canChange: boolean;
}

/** A customer managed policy's versions: view, create, make default, delete. */
export function PolicyVersionsTab({ arn, defaultVersionId, canChange }: PolicyVersionsTabProps) {
  const trpc = useTRPC();
  const refresh = useRefreshIam();
  const versions = useQuery(trpc.iam.listPolicyVersions.queryOptions({ PolicyArn: arn }, { select: (data) => data.Versions }));
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const setDefault = useMutation(trpc.iam.setDefaultPolicyVersion.mutationOptions({ onSuccess: () => refresh() }));
  const remove = useMutation(
    trpc.iam.deletePolicyVersion.mutationOptions({
      async onSuccess() {
        await refresh();
        setDeleting(null);
      },
    }),
  );

  const columns: Column<PolicyVersion>[] = [
    { header: "Version", cell: (v) => (v.IsDefaultVersion ? `${v.VersionId} (Default)` : v.VersionId), nowrap: true },
    { header: "Created", cell: (v) => formatDateTime(v.CreateDate) },
    {
      header: "Actions",
      hideHeader: true,
      nowrap: true,
      cell: (v) => (
        <span className="row-actions">
          <Button variant="link" aria-label={`View ${v.VersionId}`} onClick={() => setViewing(v.VersionId)}>
            View
          </Button>
          {!v.IsDefaultVersion && (
            <>
              <Button
                variant="link"
                aria-label={`Set ${v.VersionId} as default`}
                disabled={!canChange || setDefault.isPending}
                onClick={() => setDefault.mutate({ PolicyArn: arn, VersionId: v.VersionId })}
              >
                Set as default
              </Button>
              <Button variant="link" aria-label={`Delete ${v.VersionId}`} disabled={!canChange} onClick={() => setDeleting(v.VersionId)}>
                Delete
              </Button>
            </>
          )}
        </span>
      ),
    },
  ];

  return (
    <Container
      title="Policy versions"
      counter={versions.data?.length}
      description="Up to five versions; the default one is in force wherever the policy is attached."
      flush
      actions={
        <Button disabled={!canChange} onClick={() => setCreating(true)}>
          Create version
        </Button>
      }
    >
      {setDefault.isError && <Alert type="error" title="Couldn't set the default version">{errorMessage(setDefault.error)}</Alert>}
      <QueryResult query={versions} loadingLabel="Loading policy versions">
        {(rows) => <DataTable label="Policy versions" columns={columns} rows={rows} rowKey={(v) => v.VersionId} empty={<EmptyState title="No versions" />} />}
      </QueryResult>
      {creating && <CreateVersionModal arn={arn} defaultVersionId={defaultVersionId} onClose={() => setCreating(false)} />}
      <Modal open={viewing !== null} title={`Version ${viewing ?? ""}`} onClose={() => setViewing(null)}>
        {viewing !== null && <PolicyVersionDocument arn={arn} versionId={viewing} />}
      </Modal>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete policy version"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ PolicyArn: arn, VersionId: deleting })}
      >
        <p>
          Delete version <strong>{deleting}</strong>? This cannot be undone.
        </p>
      </ConfirmDialog>
    </Container>
  );
}
