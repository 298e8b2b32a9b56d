"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { CopyableCode } from "../../../../../_components/CopyButton";
import { Flash, useCreatedFlash } from "../../../../../_components/Flash";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { PageHeader } from "../../../../../_components/PageHeader";
import { QueryResult } from "../../../../../_components/QueryResult";
import { Tabs } from "../../../../../_components/Tabs";
import { useCurrentTeam } from "../../../../../_console/TeamGate";
import { formatDateTime } from "../../../../../_lib/format";
import { useTRPC } from "../../../../../_trpc/client";
import { DeleteIamDialog } from "../../DeleteIamDialog";
import { ROLES_HREF, roleHref } from "../../links";
import { PermissionsTab } from "../../PermissionsTab";
import type { RoleDetail } from "../../use-iam";
import { RoleTagsTab } from "./RoleTagsTab";
import { TrustRelationshipsTab } from "./TrustRelationshipsTab";

export function RoleDetailPage({ name, justCreated }: { name: string; justCreated: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const role = useQuery(trpc.iam.getRole.queryOptions({ RoleName: name }, { select: (data) => data.Role }));
  const [deleting, setDeleting] = useState(false);
  const [flash, setFlash] = useCreatedFlash(justCreated, `Role ${name} created. Attach policies to give it permissions.`, roleHref(name));

  return (
    <>
      <PageHeader
        title={name}
        breadcrumbs={[{ label: "IAM", href: "/iam" }, { label: "Roles", href: ROLES_HREF }, { label: name }]}
        description={role.data?.Description}
        actions={
          <Button disabled={!role.data || !canChange} onClick={() => setDeleting(true)}>
            Delete
          </Button>
        }
      />
      <div className="stack-lg">
        <Flash message={flash} onDismiss={() => setFlash(null)} />
        {!canChange && <Alert type="info">Viewers can look at this role but cannot change or delete it.</Alert>}
        <QueryResult query={role} loadingLabel="Loading role">
          {(loaded) => (
            <>
              <RoleSummary role={loaded} />
              <Tabs
                label="Role details"
                tabs={[
                  { id: "permissions", label: "Permissions", content: <PermissionsTab entity={{ type: "role", name: loaded.RoleName }} canChange={canChange} /> },
                  { id: "trust", label: "Trust relationships", content: <TrustRelationshipsTab role={loaded} canChange={canChange} /> },
                  { id: "tags", label: "Tags", content: <RoleTagsTab name={loaded.RoleName} canChange={canChange} /> },
                ]}
              />
            </>
          )}
        </QueryResult>
      </div>
      <DeleteIamDialog target={deleting ? { kind: "role", name } : null} onClose={() => setDeleting(false)} onDeleted={() => router.push(ROLES_HREF)} />
    </>
  );
}

/** 3600 → "1 hour", as the console shows a role's maximum session duration. */
function formatDuration(seconds: number): string {
  const hours = seconds / 3600;
  if (!Number.isInteger(hours)) return `${seconds} seconds`;
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

function RoleSummary({ role }: { role: RoleDetail }) {
  return (
    <Container title="Summary">
      <KeyValueGrid label="Summary">
        <KeyValue label="ARN">
          <CopyableCode text={role.Arn} label="Copy ARN" />
        </KeyValue>
        <KeyValue label="Role ID">
          <code>{role.RoleId}</code>
        </KeyValue>
        <KeyValue label="Created">{formatDateTime(role.CreateDate)}</KeyValue>
        <KeyValue label="Last activity">{role.RoleLastUsed?.LastUsedDate ? formatDateTime(role.RoleLastUsed.LastUsedDate) : "None"}</KeyValue>
        <KeyValue label="Maximum session duration">{formatDuration(role.MaxSessionDuration)}</KeyValue>
        <KeyValue label="Path">
          <code>{role.Path}</code>
        </KeyValue>
      </KeyValueGrid>
    </Container>
  );
}
