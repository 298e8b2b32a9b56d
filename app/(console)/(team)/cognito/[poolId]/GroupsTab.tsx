"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { Button, RefreshButton } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../../_components/DataTable";
import { Flash } from "../../../../_components/Flash";
import { QueryResult } from "../../../../_components/QueryResult";
import { formatDateTime } from "../../../../_lib/format";
import { LoadMore } from "../../logs/paging";
import { groupHref } from "../links";
import { useGroups, useRefreshCognito, type Group } from "../use-pool";
import { DeleteGroupDialog } from "./DeleteGroupDialog";
import { GroupModal } from "./GroupModal";

/** The pool's groups: members' tokens list them (cognito:groups) with their IAM roles. */
export function GroupsTab({ poolId, canChange }: { poolId: string; canChange: boolean }) {
  const refresh = useRefreshCognito();
  const groups = useGroups(poolId);
  const radioName = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"create" | "delete" | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const columns: Column<Group>[] = [
    selectColumn(radioName, (g) => g.GroupName, selected, setSelected),
    { header: "Group name", cell: (g) => <Link href={groupHref(poolId, g.GroupName)}>{g.GroupName}</Link> },
    { header: "Description", cell: (g) => g.Description ?? "–" },
    { header: "Precedence", cell: (g) => g.Precedence ?? "–", nowrap: true },
    { header: "IAM role ARN", cell: (g) => (g.RoleArn ? <code className="break-all">{g.RoleArn}</code> : "–") },
    { header: "Created", cell: (g) => formatDateTime(g.CreationDate) },
  ];

  const createButton = (label: string) => (
    <Button variant="primary" disabled={!canChange} onClick={() => setDialog("create")}>
      {label}
    </Button>
  );

  return (
    <div className="stack-lg">
      <Flash message={done} onDismiss={() => setDone(null)} />
      <Container
        title="Groups"
        counter={groups.data?.length}
        description="Users' ID and access tokens name their groups in cognito:groups, and the groups' IAM roles in cognito:roles."
        flush
        actions={
          <>
            <RefreshButton label="Refresh groups" refreshing={groups.isFetching && !groups.isPending && !groups.isFetchingNextPage} onRefresh={() => void refresh()} />
            <Button disabled={!selected || !canChange} onClick={() => setDialog("delete")}>
              Delete group
            </Button>
            {createButton("Create group")}
          </>
        }
      >
        <QueryResult query={groups} loadingLabel="Loading groups">
          {(rows) => (
            <>
              <DataTable
                label="Groups"
                columns={columns}
                rows={rows}
                rowKey={(g) => g.GroupName}
                empty={
                  <EmptyState title="No groups" action={createButton("Create your first group")}>
                    Groups sort users for your app&apos;s permissions.
                  </EmptyState>
                }
              />
              <LoadMore query={groups} />
            </>
          )}
        </QueryResult>
      </Container>
      {dialog === "create" && (
        <GroupModal
          poolId={poolId}
          onClose={() => setDialog(null)}
          onSaved={(name) => {
            setDialog(null);
            setDone(`Group ${name} created.`);
          }}
        />
      )}
      <DeleteGroupDialog
        poolId={poolId}
        groupName={dialog === "delete" ? selected : null}
        onClose={() => setDialog(null)}
        onDeleted={() => {
          setDialog(null);
          setSelected(null);
        }}
      />
    </div>
  );
}
