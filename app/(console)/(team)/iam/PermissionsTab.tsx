"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "../../../_components/Button";
import { ConfirmDialog } from "../../../_components/ConfirmDialog";
import { Container } from "../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../_components/DataTable";
import { QueryResult } from "../../../_components/QueryResult";
import { AttachPoliciesModal } from "./AttachPoliciesModal";
import { useAttachedPolicies, useEntityPolicyCalls, useInlinePolicyNames, type IamEntity } from "./entity-policies";
import { InlinePolicyModal } from "./InlinePolicyModal";
import { policyHref, policyTypeLabel } from "./links";
import { useRefreshIam } from "./use-iam";

interface PermissionsProps {
  entity: IamEntity;
  canChange: boolean;
}

/** What a role or user may do: its attached managed policies and its inline policies. */
export function PermissionsTab({ entity, canChange }: PermissionsProps) {
  return (
    <div className="stack-lg">
      <ManagedPolicies entity={entity} canChange={canChange} />
      <InlinePolicies entity={entity} canChange={canChange} />
    </div>
  );
}

type AttachedPolicy = NonNullable<ReturnType<typeof useAttachedPolicies>["data"]>[number];

function ManagedPolicies({ entity, canChange }: PermissionsProps) {
  const refresh = useRefreshIam();
  const calls = useEntityPolicyCalls(entity);
  const attached = useAttachedPolicies(entity);
  const [attaching, setAttaching] = useState(false);
  const [detaching, setDetaching] = useState<AttachedPolicy | null>(null);
  const detach = useMutation({
    mutationFn: calls.detach,
    async onSuccess() {
      await refresh();
      setDetaching(null);
    },
  });

  const columns: Column<AttachedPolicy>[] = [
    { header: "Policy name", cell: (p) => <Link href={policyHref(p.PolicyArn)}>{p.PolicyName}</Link> },
    { header: "Type", cell: (p) => policyTypeLabel(p.PolicyArn), nowrap: true },
    {
      header: "Actions",
      hideHeader: true,
      nowrap: true,
      cell: (p) => (
        <Button variant="link" aria-label={`Detach ${p.PolicyName}`} disabled={!canChange} onClick={() => setDetaching(p)}>
          Detach
        </Button>
      ),
    },
  ];

  return (
    <Container
      title="Managed policies"
      counter={attached.data?.length}
      description={`Reusable policies attached to this ${entity.type}: AWS managed ones and the account's own. Up to 10.`}
      flush
      actions={
        <Button disabled={!canChange || !attached.data} onClick={() => setAttaching(true)}>
          Attach policies
        </Button>
      }
    >
      <QueryResult query={attached} loadingLabel="Loading managed policies">
        {(rows) => (
          <>
            <DataTable
              label="Managed policies"
              columns={columns}
              rows={rows}
              rowKey={(p) => p.PolicyArn}
              empty={<EmptyState title="No managed policies">{`Attach a policy to give this ${entity.type} permissions.`}</EmptyState>}
            />
            {attaching && <AttachPoliciesModal entity={entity} attached={rows.map((p) => p.PolicyArn)} onClose={() => setAttaching(false)} />}
          </>
        )}
      </QueryResult>
      <ConfirmDialog
        open={detaching !== null}
        title="Detach policy"
        confirmLabel="Detach"
        action={detach}
        onClose={() => setDetaching(null)}
        onConfirm={() => detaching && detach.mutate(detaching.PolicyArn)}
      >
        <p>
          Detach <strong>{detaching?.PolicyName}</strong> from {entity.name}? It loses the permissions the policy grants at once. The policy itself stays.
        </p>
      </ConfirmDialog>
    </Container>
  );
}

function InlinePolicies({ entity, canChange }: PermissionsProps) {
  const refresh = useRefreshIam();
  const calls = useEntityPolicyCalls(entity);
  const names = useInlinePolicyNames(entity);
  // The policy being edited: null to create one, undefined while the editor is closed.
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: calls.deleteInline,
    async onSuccess() {
      await refresh();
      setDeleting(null);
    },
  });

  const columns: Column<string>[] = [
    { header: "Policy name", cell: (name) => name },
    {
      header: "Actions",
      hideHeader: true,
      nowrap: true,
      cell: (name) => (
        <span className="row-actions">
          <Button variant="link" aria-label={`Edit ${name}`} onClick={() => setEditing(name)}>
            {canChange ? "Edit" : "View"}
          </Button>
          <Button variant="link" aria-label={`Delete ${name}`} disabled={!canChange} onClick={() => setDeleting(name)}>
            Delete
          </Button>
        </span>
      ),
    },
  ];

  return (
    <Container
      title="Inline policies"
      counter={names.data?.length}
      description={`Policies embedded in this ${entity.type} alone, deleted with it.`}
      flush
      actions={
        <Button disabled={!canChange} onClick={() => setEditing(null)}>
          Create inline policy
        </Button>
      }
    >
      <QueryResult query={names} loadingLabel="Loading inline policies">
        {(rows) => (
          <DataTable label="Inline policies" columns={columns} rows={rows} rowKey={(name) => name} empty={<EmptyState title="No inline policies" />} />
        )}
      </QueryResult>
      {editing !== undefined && <InlinePolicyModal entity={entity} policyName={editing} canChange={canChange} onClose={() => setEditing(undefined)} />}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete inline policy"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
      >
        <p>
          Delete <strong>{deleting}</strong> from {entity.name}? It loses the permissions the policy grants at once. This cannot be undone.
        </p>
      </ConfirmDialog>
    </Container>
  );
}
