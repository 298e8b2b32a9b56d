"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../../../../_components/Alert";
import { Button } from "../../../../../../_components/Button";
import { Container } from "../../../../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../../../../_components/DataTable";
import { KeyValue, KeyValueGrid } from "../../../../../../_components/KeyValue";
import { PageHeader } from "../../../../../../_components/PageHeader";
import { QueryResult } from "../../../../../../_components/QueryResult";
import { useCurrentTeam } from "../../../../../../_console/TeamGate";
import { formatDateTime } from "../../../../../../_lib/format";
import { useTRPC } from "../../../../../../_trpc/client";
import { inPoolCrumbs, poolHref } from "../../../links";
import { usePool, type Group, type PoolUser } from "../../../use-pool";
import { userColumns } from "../../../user-columns";
import { DeleteGroupDialog } from "../../DeleteGroupDialog";
import { GroupModal } from "../../GroupModal";
import { RemoveFromGroupDialog } from "../../RemoveFromGroupDialog";

/** One group of a pool (GetGroup) and its members (ListUsersInGroup). */
export function GroupPage({ poolId, groupName }: { poolId: string; groupName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const pool = usePool(poolId);
  const group = useQuery(trpc.cognito.getGroup.queryOptions({ UserPoolId: poolId, GroupName: groupName }, { select: (data) => data.Group }));
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);

  return (
    <>
      <PageHeader
        title={groupName}
        breadcrumbs={inPoolCrumbs(poolId, pool.data?.Name, "groups", groupName)}
        actions={
          <>
            <Button disabled={!group.data || !canChange} onClick={() => setDialog("delete")}>
              Delete group
            </Button>
            <Button disabled={!group.data || !canChange} onClick={() => setDialog("edit")}>
              Edit
            </Button>
          </>
        }
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers can look at groups but cannot change them or their members.</Alert>}
        <QueryResult query={group} loadingLabel="Loading group">
          {(loaded) => (
            <>
              <GroupDetails group={loaded} />
              <GroupMembers poolId={poolId} groupName={groupName} canChange={canChange} />
              {dialog === "edit" && <GroupModal poolId={poolId} group={loaded} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />}
            </>
          )}
        </QueryResult>
      </div>
      <DeleteGroupDialog poolId={poolId} groupName={dialog === "delete" ? groupName : null} onClose={() => setDialog(null)} onDeleted={() => router.push(poolHref(poolId, "groups"))} />
    </>
  );
}

function GroupDetails({ group }: { group: Group }) {
  return (
    <Container title="Group information">
      <KeyValueGrid label="Group information">
        <KeyValue label="Description">{group.Description ?? "–"}</KeyValue>
        <KeyValue label="Precedence">{group.Precedence ?? "–"}</KeyValue>
        <KeyValue label="IAM role ARN">{group.RoleArn ? <code className="break-all">{group.RoleArn}</code> : "–"}</KeyValue>
        <KeyValue label="Created time">{formatDateTime(group.CreationDate)}</KeyValue>
        <KeyValue label="Last updated time">{formatDateTime(group.LastModifiedDate)}</KeyValue>
      </KeyValueGrid>
    </Container>
  );
}

/** The group's members; users are added to it from their own page. */
function GroupMembers({ poolId, groupName, canChange }: { poolId: string; groupName: string; canChange: boolean }) {
  const trpc = useTRPC();
  const members = useQuery(trpc.cognito.listUsersInGroup.queryOptions({ UserPoolId: poolId, GroupName: groupName }, { select: (data) => data.Users }));
  const radioName = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);

  const columns: Column<PoolUser>[] = [
    selectColumn(radioName, (u) => u.Username, selected, setSelected),
    ...userColumns(poolId),
  ];

  return (
    <Container
      title="Group members"
      counter={members.data?.length}
      description="Add users to the group from their own page."
      flush
      actions={
        <Button disabled={!selected || !canChange} onClick={() => setRemoving(true)}>
          Remove user from group
        </Button>
      }
    >
      <QueryResult query={members} loadingLabel="Loading members">
        {(rows) => <DataTable label="Group members" columns={columns} rows={rows} rowKey={(u) => u.Username} empty={<EmptyState title="No members">No users are in this group.</EmptyState>} />}
      </QueryResult>
      <RemoveFromGroupDialog
        poolId={poolId}
        membership={removing && selected ? { username: selected, groupName } : null}
        onClose={() => {
          setRemoving(false);
          setSelected(null);
        }}
      />
    </Container>
  );
}
